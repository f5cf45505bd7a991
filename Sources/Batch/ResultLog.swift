import Foundation
import Form4
#if canImport(Glibc)
import Glibc
#endif

/// The two append-only files that are the batch's source of truth: `records.jsonl` (one record
/// line per file) and `manifest.tsv`. Each record line is written with one `write` before its
/// manifest entry is appended, so a manifest entry always has its record line, and an
/// interrupted run (Ctrl-C, SIGTERM, a crash) leaves at worst an incomplete last line, which is cut
/// off on the next open. Against a power loss the files are synced to disk every
/// `syncInterval` seconds and when the log is released: a sync per record would serialise the
/// workers on the disk.
final class ResultLog: @unchecked Sendable {
    let recordsPath: String
    let manifestPath: String
    private let recordsFD: Int32
    private let manifestFD: Int32
    private let lock = NSLock()
    private let sync: Bool
    /// Seconds between syncs to disk.
    static let syncInterval: TimeInterval = 2
    private var lastSync = Date()

    init(directory: String, sync: Bool = true) throws {
        recordsPath = (directory as NSString).appendingPathComponent("records.jsonl")
        manifestPath = (directory as NSString).appendingPathComponent("manifest.tsv")
        recordsFD = try FileSystem.openForAppend(recordsPath)
        manifestFD = try FileSystem.openForAppend(manifestPath)
        self.sync = sync
        var info = stat()
        fstat(manifestFD, &info)
        if info.st_size == 0 { FileSystem.writeAll(manifestFD, Data((ManifestEntry.header + "\n").utf8)) }
    }

    deinit {
        if sync { fdatasync(recordsFD); fdatasync(manifestFD) }
        close(recordsFD)
        close(manifestFD)
    }

    func append(record: Data, entry: ManifestEntry) throws {
        lock.lock()
        defer { lock.unlock() }
        guard FileSystem.writeAll(recordsFD, record) else {
            throw BatchError("cannot write \(recordsPath): \(String(cString: strerror(errno)))")
        }
        let due = sync && Date().timeIntervalSince(lastSync) >= Self.syncInterval
        // The record reaches the disk before the manifest entry that says it is there.
        if due { fdatasync(recordsFD) }
        guard FileSystem.writeAll(manifestFD, Data(entry.line.utf8)) else {
            throw BatchError("cannot write \(manifestPath): \(String(cString: strerror(errno)))")
        }
        if due {
            fdatasync(manifestFD)
            lastSync = Date()
        }
    }
}

/// `file` and `sha256` of a record line, read from its first bytes (the record writer puts
/// them first) without decoding the whole record; falls back to decoding.
struct RecordHead: Decodable {
    var file: String
    var sha256: String?

    static func parse(_ line: Data) -> RecordHead? {
        let prefix = Array("{\"file\":\"".utf8)
        if line.starts(with: prefix) {
            var index = line.startIndex + prefix.count
            var escaped = false
            while index < line.endIndex {
                let byte = line[index]
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { break }
                index += 1
            }
            if index < line.endIndex,
               let file = try? JSONDecoder().decode(String.self, from: line[(line.startIndex + prefix.count - 1)...index]) {
                var sha: String?
                let shaPrefix = Array(",\"sha256\":\"".utf8)
                let rest = line[(index + 1)...]
                if rest.starts(with: shaPrefix), rest.count >= shaPrefix.count + 65 {
                    let start = rest.startIndex + shaPrefix.count
                    sha = String(decoding: rest[start..<start + 64], as: UTF8.self)
                }
                return RecordHead(file: file, sha256: sha)
            }
        }
        return try? JSONDecoder().decode(RecordHead.self, from: line)
    }
}
