import Foundation
import Form4
import Form4SQLite

/// Outputs written by code shared with other commands: the SEC-style tables (`tables/`), the
/// review queue (`review.tsv`) and the SQLite file (`form4.sqlite`).
func sharedSinks(scratch: String) throws -> [DerivedSink] {
    let folder = scratch as NSString
    return [
        // The SQLite inserts, the XML files and the tables are the costly outputs: each is
        // written on a thread of its own (BackgroundSink).
        BackgroundSink(try TablesSink(directory: URL(fileURLWithPath: folder.appendingPathComponent("tables"))), label: "tables"),
        try TSVSink(path: folder.appendingPathComponent("review.tsv"), header: ReviewQueue.header) { ReviewQueue.rows(for: $0) },
        BackgroundSink(try SQLiteSink(path: folder.appendingPathComponent("form4.sqlite")), label: "sqlite"),
    ]
}

final class TablesSink: DerivedSink {
    private let writer: SECTableWriter
    init(directory: URL) throws { writer = try SECTableWriter(directory: directory) }
    func append(_ result: FileResult) throws { try writer.append(result) }
    func close() throws { try writer.close() }
}

/// Inserts in transactions of 32 results into a database that is built from scratch (not
/// journalled or synced per transaction), and syncs the finished file to disk once.
final class SQLiteSink: DerivedSink {
    private var store: RecordStore?
    private var pending: [FileResult] = []
    private let path: String

    init(path: String) throws {
        self.path = path
        store = try RecordStore(path: path, durable: false)
    }

    func append(_ result: FileResult) throws {
        pending.append(result)
        if pending.count >= 32 { try flush() }
    }

    /// A batch's results arrive one by one, slower than they are inserted: each is inserted at
    /// once instead of waiting for 31 more, so that the last ones do not hold up the end.
    func flushWhileIdle() throws { try flush() }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try store?.insert(pending)
        pending.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        store = nil // closes the database before the file is moved into place
        guard let file = FileHandle(forUpdatingAtPath: path) else { throw BatchError("cannot open \(path) to sync it to disk") }
        defer { try? file.close() }
        do { try file.synchronize() } catch { throw BatchError("cannot sync \(path) to disk: \(error.localizedDescription)") }
    }
}
