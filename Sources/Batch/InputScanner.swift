import Foundation
import Form4
#if canImport(Glibc)
import Glibc
#endif

/// One input file of a batch: a PDF found in the inputs, or an entry that could not be read
/// (which is recorded as a failure, never dropped).
public struct InputFile: Sendable {
    public var path: RawPath
    public var display: String
    /// Size and modification time when the file could be stat'ed.
    public var size: Int64?
    public var mtime: String?
    /// Set when the entry cannot be read at all (dangling link, permission, symlink loop...).
    public var problem: FileResult.Failure?
}

/// Expands the command line's inputs (PDFs, folders searched recursively, `@list` files) into
/// input files. Folders are walked with `opendir`/`readdir` on raw bytes, so names that are not
/// UTF-8 are kept; symbolic links are followed, but a folder already on the walk (a loop) is not
/// entered twice.
public struct InputScanner {
    public private(set) var files: [InputFile] = []
    /// Entries that are neither inputs nor failures of an input: folders that could not be listed
    /// are failures; skipped loops and odd non-PDF entries are warnings.
    public private(set) var warnings: [String] = []
    private var seen = Set<[UInt8]>()
    private var visitedFolders = Set<[UInt64]>()

    public init() {}

    public mutating func add(argument: String) throws {
        if argument.hasPrefix("@") && argument.count > 1 {
            let listPath = String(argument.dropFirst())
            guard let data = FileManager.default.contents(atPath: listPath) else {
                throw BatchError("cannot read the list file \(listPath)")
            }
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
                var bytes = Array(line)
                if bytes.last == 0x0D { bytes.removeLast() }
                if bytes.isEmpty { continue }
                add(path: RawPath(bytes: bytes), explicit: true)
            }
        } else {
            add(path: RawPath(argument), explicit: true)
        }
    }

    /// `explicit`: named on the command line or in a list; any file is an input then, whatever
    /// its name. Inside folders only `*.pdf` (any case) are inputs.
    public mutating func add(path: RawPath, explicit: Bool) {
        switch FileSystem.stat(path) {
        case .file(let size, let mtime, _, _):
            if explicit || path.hasPDFExtension { addFile(InputFile(path: path, display: path.display, size: size, mtime: mtime)) }
        case .directory(let device, let inode):
            guard visitedFolders.insert([device, inode]).inserted else {
                warnings.append("\(path.display): folder already visited (symbolic link loop or second link): skipped")
                return
            }
            switch FileSystem.list(path) {
            case .success(let names):
                for name in names { add(path: path.appending(name), explicit: false) }
            case .failure(let error):
                addFile(InputFile(path: path, display: path.display,
                                  problem: .init(code: "unreadable", message: "\(path.display): cannot list the folder (\(error.description))")))
            }
        case .other:
            if explicit || path.hasPDFExtension {
                addFile(InputFile(path: path, display: path.display,
                                  problem: .init(code: "unreadable", message: "\(path.display): not a regular file")))
            }
        case .failed(let code):
            guard explicit || path.hasPDFExtension else {
                warnings.append("\(path.display): \(Self.describe(code, path: path)): skipped")
                return
            }
            let failure: FileResult.Failure = code == ENOENT
                ? .init(code: "file-not-found", message: "\(path.display): no such file\(FileSystem.isSymlink(path) ? " (dangling symbolic link)" : "")")
                : .init(code: "unreadable", message: "\(path.display): \(Self.describe(code, path: path))")
            addFile(InputFile(path: path, display: path.display, problem: failure))
        }
    }

    private static func describe(_ code: Int32, path: RawPath) -> String {
        if code == ELOOP { return "symbolic link loop" }
        if code == ENOENT { return FileSystem.isSymlink(path) ? "dangling symbolic link" : "no such file" }
        return String(cString: strerror(code))
    }

    private mutating func addFile(_ file: InputFile) {
        guard seen.insert(file.path.bytes).inserted else { return }
        files.append(file)
    }
}
