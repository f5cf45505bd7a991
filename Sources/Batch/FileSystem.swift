import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file-system path as the kernel knows it: bytes, which need not be UTF-8.
public struct RawPath: Hashable, Sendable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { bytes = Array(string.utf8) }

    /// True when the bytes are valid UTF-8 (and so a Swift `String` names the file exactly).
    public var isUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// The path for people and for the records' `file`: itself when valid UTF-8, otherwise with
    /// every byte that is not part of a valid UTF-8 sequence written `\xNN`.
    public var display: String {
        if let string = String(validating: bytes, as: UTF8.self) { return string }
        var out = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let piece = String(validating: bytes[index..<index + length], as: UTF8.self) {
                out += piece
                index += length
            } else {
                out += String(format: "\\x%02X", lead)
                index += 1
            }
        }
        return out
    }

    public func appending(_ component: [UInt8]) -> RawPath {
        var bytes = self.bytes
        if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
        return RawPath(bytes: bytes + component)
    }

    /// The last component, without its extension.
    public var lastComponent: [UInt8] {
        var end = bytes.count
        while end > 1, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        let slice = bytes[..<end]
        if let slash = slice.lastIndex(of: UInt8(ascii: "/")) { return Array(slice[(slash + 1)...]) }
        return Array(slice)
    }

    public var hasPDFExtension: Bool {
        let name = lastComponent
        guard name.count > 4 else { return false }
        return String(decoding: name.suffix(4), as: UTF8.self).lowercased() == ".pdf"
    }

    /// Calls `body` with a NUL-terminated C string of the path.
    public func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        try (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}

/// What `stat` says of a path (following symbolic links), or why it could not be read.
enum StatResult {
    case file(size: Int64, mtime: String, device: UInt64, inode: UInt64)
    case directory(device: UInt64, inode: UInt64)
    case other
    case failed(errno: Int32)
}

private func systemStat(_ path: UnsafePointer<CChar>, _ info: UnsafeMutablePointer<stat>) -> Int32 { stat(path, info) }

enum FileSystem {
    static func stat(_ path: RawPath) -> StatResult {
        var info = Glibc.stat()
        let rc = path.withCString { systemStat($0, &info) }
        if rc != 0 { return .failed(errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let mtime = "\(info.st_mtim.tv_sec).\(String(format: "%09d", Int(info.st_mtim.tv_nsec)))"
            return .file(size: Int64(info.st_size), mtime: mtime, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        case S_IFDIR: return .directory(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        default: return .other
        }
    }

    static func isSymlink(_ path: RawPath) -> Bool {
        var info = Glibc.stat()
        let rc = path.withCString { lstat($0, &info) }
        return rc == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Names in a folder (without `.` and `..`), or the errno of `opendir`.
    static func list(_ path: RawPath) -> Result<[[UInt8]], POSIXErrorBox> {
        guard let dir = path.withCString({ opendir($0) }) else { return .failure(POSIXErrorBox(errno)) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failure(POSIXErrorBox(errno)) }
                break
            }
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return .success(names.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Reads a whole file; throws the errno of the failing call.
    static func read(_ path: RawPath) throws(POSIXErrorBox) -> Data {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw POSIXErrorBox(errno) }
        defer { close(fd) }
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw POSIXErrorBox(errno) }
        var data = Data(count: max(Int(info.st_size), 0))
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { raw in
            while filled < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + filled, raw.count - filled)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { break }
                filled += n
            }
        }
        if failure != 0 { throw POSIXErrorBox(failure) }
        if filled < data.count { data.removeSubrange(filled...) }
        // A file that grew since fstat: read the rest.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { if errno == EINTR { continue }; throw POSIXErrorBox(errno) }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    /// Writes all of `data` to `fd`, retrying short writes. Returns false on an error (EPIPE, ENOSPC...).
    @discardableResult
    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// Opens `path` for appending, creating it; a last line without its newline (a write cut
    /// short by a crash) is cut off first, so that every line in the file is complete.
    /// The size in bytes of the file at `path`; 0 when it cannot be read.
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func openForAppend(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchError("cannot open \(path) for writing: \(String(cString: strerror(errno)))") }
        var info = Glibc.stat()
        fstat(fd, &info)
        var size = Int64(info.st_size)
        if size > 0 {
            var byte: UInt8 = 0
            var end = size
            // Walk back to the last newline.
            while end > 0 {
                pread(fd, &byte, 1, off_t(end - 1))
                if byte == 0x0A { break }
                end -= 1
            }
            if end != size {
                ftruncate(fd, off_t(end))
                size = end
            }
        }
        return fd
    }
}

public struct POSIXErrorBox: Error, Sendable {
    public var code: Int32
    init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}

public struct BatchError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Calls `body` with each complete line (without its newline) of the file at `path`, reading it in
/// chunks and no further than `byteLimit` bytes. A missing file has no lines.
func forEachLine(ofFile path: String, byteLimit: Int? = nil, _ body: (Data) throws -> Void) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else { return }
    defer { try? handle.close() }
    var pending = Data()
    var left = byteLimit ?? Int.max
    while left > 0 {
        let chunk = handle.readData(ofLength: min(1 << 20, left))
        if chunk.isEmpty { break }
        left -= chunk.count
        pending.append(chunk)
        // memchr finds the line ends: a byte-by-byte Collection walk over Data costs more than
        // everything else the rebuild does.
        let newlines: [Int] = pending.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return [] }
            var found: [Int] = []
            var offset = 0
            while offset < raw.count, let hit = memchr(base + offset, 0x0A, raw.count - offset) {
                let position = base.distance(to: UnsafeRawPointer(hit))
                found.append(position)
                offset = position + 1
            }
            return found
        }
        var start = 0
        for newline in newlines {
            if newline > start { try body(pending.subdata(in: start..<newline)) }
            start = newline + 1
        }
        pending = start < pending.count ? pending.subdata(in: start..<pending.count) : Data()
    }
    // A last line without newline is an interrupted write: ignored.
}
