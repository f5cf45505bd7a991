import Foundation
import Form4

/// One line of `manifest.tsv`: a file's result was written to `records.jsonl`.
///
/// Columns (tab-separated, first line a header):
/// `sha256 status code size mtime finished seconds path`
/// - `sha256`: SHA-256 of the file's bytes, `-` when the file could not be read
/// - `status`: `ok`, `not-form4`, `error`; `code`: the error code or `-`
/// - `size`, `mtime`: of the file when it was hashed (`-` unknown); a later run trusts the hash
///   of a path whose size and mtime are unchanged instead of reading the file again
/// - `finished`: ISO 8601 UTC time the entry was written; `seconds`: extraction time (`-` none)
/// - `path`: the display path (tab, newline, CR and backslash escaped as `\t`, `\n`, `\r`, `\\`)
public struct ManifestEntry: Sendable, Equatable {
    public var sha256: String?
    public var status: String
    public var code: String?
    public var size: Int64?
    public var mtime: String?
    public var finished: String
    public var seconds: Double?
    public var path: String

    public static let header = "sha256\tstatus\tcode\tsize\tmtime\tfinished\tseconds\tpath"

    public init(sha256: String?, status: String, code: String?, size: Int64?, mtime: String?,
                finished: String = ManifestEntry.now(), seconds: Double?, path: String) {
        self.sha256 = sha256; self.status = status; self.code = code; self.size = size; self.mtime = mtime
        self.finished = finished; self.seconds = seconds; self.path = path
    }

    public var line: String {
        [sha256 ?? "-", status, code ?? "-", size.map(String.init) ?? "-", mtime ?? "-", finished,
         seconds.map { String(format: "%.3f", $0) } ?? "-", Self.escape(path)].joined(separator: "\t") + "\n"
    }

    public init?(line: String) {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns.count == 8, columns[0] != "sha256" else { return nil }
        func opt(_ s: String) -> String? { s == "-" ? nil : s }
        sha256 = opt(columns[0]); status = columns[1]; code = opt(columns[2])
        size = opt(columns[3]).flatMap { Int64($0) }; mtime = opt(columns[4]); finished = columns[5]
        seconds = opt(columns[6]).flatMap { Double($0) }; path = Self.unescape(columns[7])
    }

    public var isFailure: Bool { status == FileResult.Status.error.rawValue }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                switch c {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    public static func now() -> String {
        timestampLock.withLock { timestampFormatter.string(from: Date()) }
    }

    /// Made once: making a formatter for every entry cost a batch more than reading the entry's
    /// record. A formatter is not to be used by two threads at once (worker slots), hence the lock.
    nonisolated(unsafe) private static let timestampFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    private static let timestampLock = NSLock()
}

/// The manifest as read at the start of a run: the latest entry per hash and per path.
public struct Manifest: Sendable {
    public private(set) var entries: [ManifestEntry] = []
    public private(set) var latestBySHA: [String: ManifestEntry] = [:]
    public private(set) var latestByPath: [String: ManifestEntry] = [:]

    public init() {}

    public static func load(path: String) throws -> Manifest {
        var manifest = Manifest()
        try forEachLine(ofFile: path) { data in
            guard let line = String(data: data, encoding: .utf8), let entry = ManifestEntry(line: line) else { return }
            manifest.add(entry)
        }
        return manifest
    }

    public mutating func add(_ entry: ManifestEntry) {
        entries.append(entry)
        if let sha = entry.sha256 { latestBySHA[sha] = entry }
        latestByPath[entry.path] = entry
    }
}
