import Foundation
import Form4
#if canImport(Glibc)
import Glibc
#endif

/// Something built from the records: the XML folder, the tables, the SQLite file, the TSVs.
protocol DerivedSink {
    func append(_ result: FileResult) throws
    /// Called when no result is waiting: a sink that gathers results writes them now, so that
    /// little is left to do when the last result comes.
    func flushWhileIdle() throws
    func close() throws
}

extension DerivedSink {
    func flushWhileIdle() throws {}
}

/// Runs a sink on a thread of its own: the results are handed over in order and written there,
/// while the caller goes on decoding and feeding the other sinks. `close` waits for the writes
/// and throws the first error any of them met (the results after it are not written).
final class BackgroundSink: DerivedSink, @unchecked Sendable { // `sink` and `failure` are touched on `queue` only
    private let sink: DerivedSink
    private let queue: DispatchQueue
    private var failure: Error?
    /// Results handed over and not yet written.
    private let waiting = NSLock()
    private var waitingCount = 0

    init(_ sink: DerivedSink, label: String) {
        self.sink = sink
        queue = DispatchQueue(label: "form4.sink." + label)
    }

    func append(_ result: FileResult) throws {
        waiting.withLock { waitingCount += 1 }
        queue.async {
            self.waiting.withLock { self.waitingCount -= 1 }
            guard self.failure == nil else { return }
            do {
                try self.sink.append(result)
                if self.waiting.withLock({ self.waitingCount == 0 }) { try self.sink.flushWhileIdle() }
            } catch { self.failure = error }
        }
    }

    func close() throws {
        let failure: Error? = queue.sync {
            if self.failure == nil {
                do { try sink.close() } catch { self.failure = error }
            }
            return self.failure
        }
        if let failure { throw failure }
    }
}

/// Counts over a set of file results.
public struct Counts: Codable, Sendable, Equatable {
    public var inputs = 0
    public var ok = 0
    public var notForm4 = 0
    public var failed = 0
    public var forms = 0
    /// Fields with a value (not null) over all forms.
    public var fields = 0
    /// Forms with `needsReview`.
    public var flagged = 0
    /// Failures by code.
    public var failureCodes: [String: Int] = [:]

    public init() {}

    mutating func add(_ result: FileResult) {
        inputs += 1
        switch result.status {
        case .ok: ok += 1
        case .notForm4: notForm4 += 1
        case .error:
            failed += 1
            failureCodes[result.error?.code ?? "unknown", default: 0] += 1
        }
        forms += result.forms.count
        flagged += result.forms.filter(\.needsReview).count
        for form in result.forms { form.forEachField { _, field in if !field.value.isNull { fields += 1 } } }
    }

    /// Adds counts made elsewhere: a result is counted once for the several totals it goes into.
    mutating func add(_ other: Counts) {
        inputs += other.inputs; ok += other.ok; notForm4 += other.notForm4; failed += other.failed
        forms += other.forms; fields += other.fields; flagged += other.flagged
        failureCodes.merge(other.failureCodes, uniquingKeysWith: +)
    }
}

/// Rebuilds everything derived from `records.jsonl` (the latest line per file wins): `xml/`,
/// `tables/`, `form4.sqlite`, `failures.tsv`, `review.tsv`. They are built in a scratch folder
/// and moved into place at the end, so a reader sees either the old or the new set of each.
/// Files with identical bytes (same SHA-256) appear once in the derived outputs (first path).
public enum DerivedOutputs {
    /// Returns the counts over all latest records, and over those whose file is in `subset`.
    @discardableResult
    public static func rebuild(directory: String, subset: Set<String>? = nil) throws -> (all: Counts, subset: Counts) {
        let builder = try DerivedOutputBuilder(directory: directory, subset: subset)
        do {
            try LatestRecords.forEach(in: (directory as NSString).appendingPathComponent("records.jsonl")) { builder.append($0) }
            return try builder.finish()
        } catch {
            builder.abandon()
            throw error
        }
    }
}

/// The latest record line of each file in a `records.jsonl`, decoded, in the order of the lines.
enum LatestRecords {
    /// Calls `body` with the latest result of every file not in `excluding`, reading no further
    /// than `byteLimit` (the lines another writer appends meanwhile are left alone). A line that
    /// cannot be decoded is reported on standard error and left out.
    static func forEach(in path: String, byteLimit: Int? = nil, excluding: Set<String> = [],
                        _ body: (FileResult) throws -> Void) throws {
        // Pass 1: the last line of each file.
        var last: [String: Int] = [:]
        var index = 0
        try forEachLine(ofFile: path, byteLimit: byteLimit) { line in
            if let head = RecordHead.parse(line) { last[head.file] = index }
            index += 1
        }
        // Pass 2: decoding is the costly part and each line decodes on its own: batches of lines
        // are decoded on all cores, then handed on in order.
        var pending: [(line: Data, number: Int)] = []
        func flush() throws {
            var decoded = [FileResult?](repeating: nil, count: pending.count)
            decoded.withUnsafeMutableBufferPointer { buffer in
                // Each iteration writes its own slot only.
                let slots = DecodeSlots(buffer: buffer)
                let lines = pending.map(\.line)
                DispatchQueue.concurrentPerform(iterations: lines.count) { item in
                    slots.buffer[item] = try? RecordJSON.fileResult(from: lines[item])
                }
            }
            for (item, result) in decoded.enumerated() {
                guard let result else {
                    FileHandle.standardError.write(Data("form4: records.jsonl line \(pending[item].number) cannot be decoded; left out of the derived outputs\n".utf8))
                    continue
                }
                try body(result)
            }
            pending.removeAll(keepingCapacity: true)
        }
        index = 0
        try forEachLine(ofFile: path, byteLimit: byteLimit) { line in
            defer { index += 1 }
            guard let head = RecordHead.parse(line), last[head.file] == index, !excluding.contains(head.file) else { return }
            pending.append((line, index + 1))
            if pending.count == 128 { try flush() }
        }
        try flush()
    }
}

/// Builds the derived outputs from results handed over in `records.jsonl` order (latest line per
/// file only), in a scratch folder that `finish` moves into place. The writing happens on a queue
/// of its own, so a batch can hand each result over as it arrives and go on: by the time the last
/// worker is done, the outputs are nearly written.
final class DerivedOutputBuilder: @unchecked Sendable { // the mutable state is touched on `queue` only
    private let directory: String
    private let scratch: String
    private let subset: Set<String>?
    private let queue = DispatchQueue(label: "form4.derived-outputs")
    private var sinks: [DerivedSink] = []
    /// SHA-256 of the files already written: the same bytes under several paths are one filing.
    private var written = Set<String>()
    private var counts = (all: Counts(), subset: Counts())
    private var failure: Error?

    /// Starts empty outputs in `<directory>/.rebuild`; counts are kept for all results and for
    /// those whose file is in `subset` (all when nil).
    init(directory: String, subset: Set<String>?) throws {
        self.directory = directory
        self.subset = subset
        scratch = (directory as NSString).appendingPathComponent(".rebuild")
        let fm = FileManager.default
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let xmlFolder = (scratch as NSString).appendingPathComponent("xml")
        try fm.createDirectory(atPath: xmlFolder, withIntermediateDirectories: true)
        sinks = [
            BackgroundSink(XMLSink(folder: xmlFolder), label: "xml"),
            try TSVSink(path: (scratch as NSString).appendingPathComponent("failures.tsv"), header: ["file", "code", "message"]) { result in
                guard result.status == .error else { return [] }
                return [[result.file, result.error?.code ?? "unknown", result.error?.message ?? ""]]
            },
        ]
        sinks += try sharedSinks(scratch: scratch)
    }

    /// Runs `work` on the builder's queue, after everything handed over before it; the first
    /// error stops the writing and is thrown by `finish`.
    private func enqueue(_ work: @escaping @Sendable () throws -> Void) {
        queue.async {
            guard self.failure == nil else { return }
            do { try work() } catch { self.failure = error }
        }
    }

    /// Hands over the latest result of one file; returns at once.
    func append(_ result: FileResult) {
        enqueue { try self.write(result) }
    }

    /// Hands over the latest results in the first `byteLimit` bytes of the `records.jsonl` at
    /// `path`, except those of the files in `excluding` (a batch passes the files it is about to
    /// write again); returns at once.
    func appendLatest(from path: String, byteLimit: Int, excluding: Set<String>) {
        enqueue {
            try LatestRecords.forEach(in: path, byteLimit: byteLimit, excluding: excluding) { try self.write($0) }
        }
    }

    private func write(_ result: FileResult) throws {
        var counted = Counts()
        counted.add(result)
        counts.all.add(counted)
        if subset?.contains(result.file) ?? true { counts.subset.add(counted) }
        if let sha = result.sha256, result.status != .error, !written.insert(sha).inserted { return }
        for sink in sinks { try sink.append(result) }
    }

    /// Waits for the writes, moves the outputs into place; returns the counts over all results
    /// and over the subset.
    func finish() throws -> (all: Counts, subset: Counts) {
        let (failure, counts): (Error?, (all: Counts, subset: Counts)) = queue.sync {
            if self.failure == nil {
                do { for sink in sinks { try sink.close() } } catch { self.failure = error }
            }
            return (self.failure, self.counts)
        }
        if let failure { abandon(); throw failure }
        try moveIntoPlace()
        return (counts.all, subset == nil ? counts.all : counts.subset)
    }

    /// Waits for the writes and throws the outputs away (the old ones stay).
    func abandon() {
        queue.sync {
            for sink in sinks { try? sink.close() }
            sinks = []
        }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private func moveIntoPlace() throws {
        let fm = FileManager.default
        for name in ["xml", "tables", "form4.sqlite", "failures.tsv", "review.tsv"] {
            let fresh = (scratch as NSString).appendingPathComponent(name)
            guard fm.fileExists(atPath: fresh) else { continue }
            let target = (directory as NSString).appendingPathComponent(name)
            let old = (scratch as NSString).appendingPathComponent("old-" + name)
            if fm.fileExists(atPath: target) { _ = rename(target, old) }
            guard rename(fresh, target) == 0 else { throw BatchError("cannot move \(fresh) to \(target): \(String(cString: strerror(errno)))") }
        }
        try? fm.removeItem(atPath: scratch)
    }
}

/// One ownership XML per form: `<base>.<sha8>.form<N>.xml`.
final class XMLSink: DerivedSink {
    let folder: String
    init(folder: String) { self.folder = folder }

    func append(_ result: FileResult) throws {
        guard !result.forms.isEmpty else { return }
        let base = ((result.file as NSString).lastPathComponent as NSString).deletingPathExtension
            .replacingOccurrences(of: "/", with: "_")
        let sha8 = String((result.sha256 ?? "nohash").prefix(8))
        for (index, record) in result.forms.enumerated() {
            let path = (folder as NSString).appendingPathComponent("\(base).\(sha8).form\(index + 1).xml")
            try Self.write(Data(OwnershipXML.write(record).utf8), to: path)
        }
    }

    /// Writes a new file. Not `Data.write(to:)`: that syncs every file to disk, and a batch's
    /// coordinator spent more time waiting on those syncs than writing; the folder is built in
    /// scratch space and moved into place whole at the end.
    private static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { Glibc.close(fd) }
        guard FileSystem.writeAll(fd, data) else { throw BatchError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    func close() throws {}
}

/// A tab-separated file with a header; tabs and line breaks inside values become spaces, so that
/// every row is one line (Python's `csv` with `delimiter="\t"` reads it).
final class TSVSink: DerivedSink {
    private let handle: FileHandle
    private let rows: (FileResult) -> [[String]]

    init(path: String, header: [String], rows: @escaping (FileResult) -> [[String]]) throws {
        guard let handle = OutputFile.create(path) else {
            throw BatchError("cannot write \(path)")
        }
        self.handle = handle
        self.rows = rows
        handle.write(Data(Self.line(header).utf8))
    }

    static func line(_ values: [String]) -> String {
        values.map { value in
            guard SECTables.mayHoldTabOrNewline(value) else { return value }
            return String(value.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }.joined(separator: "\t") + "\n"
    }

    func append(_ result: FileResult) throws {
        let text = rows(result).map(Self.line).joined()
        if !text.isEmpty { handle.write(Data(text.utf8)) }
    }

    func close() throws { try handle.close() }
}

/// Result slots written by concurrent decoders, one slot each.
private struct DecodeSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<FileResult?>
}
