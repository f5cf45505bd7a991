import Foundation
import Form4
import Form4SQLite

/// Outputs written by code shared with other commands: the SEC-style tables (`tables/`), the
/// review queue (`review.tsv`) and the SQLite file (`form4.sqlite`).
func sharedSinks(scratch: String) throws -> [DerivedSink] {
    let folder = scratch as NSString
    return [
        try TablesSink(directory: URL(fileURLWithPath: folder.appendingPathComponent("tables"))),
        try TSVSink(path: folder.appendingPathComponent("review.tsv"), header: ReviewQueue.header) { ReviewQueue.rows(for: $0) },
        try SQLiteSink(path: folder.appendingPathComponent("form4.sqlite")),
    ]
}

final class TablesSink: DerivedSink {
    private let writer: SECTableWriter
    init(directory: URL) throws { writer = try SECTableWriter(directory: directory) }
    func append(_ result: FileResult) throws { try writer.append(result) }
    func close() throws { try writer.close() }
}

/// Inserts in transactions of 32 results, on a thread of its own: the inserts are the
/// largest part of rebuilding the derived outputs, and meanwhile the other sinks write theirs.
final class SQLiteSink: DerivedSink, @unchecked Sendable { // `store` and `failure` are touched on `queue` only
    private var store: RecordStore?
    private var failure: Error?
    private var pending: [FileResult] = []
    private let queue = DispatchQueue(label: "form4.sqlite-sink")

    init(path: String) throws { store = try RecordStore(path: path) }

    func append(_ result: FileResult) throws {
        pending.append(result)
        if pending.count >= 32 { flush() }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        queue.async {
            guard self.failure == nil else { return }
            do { try self.store?.insert(batch) } catch { self.failure = error }
        }
    }

    func close() throws {
        flush()
        // Waits for the inserts, then closes the database before the file is moved into place.
        let failure: Error? = queue.sync {
            store = nil
            return self.failure
        }
        if let failure { throw failure }
    }
}
