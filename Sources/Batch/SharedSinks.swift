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

/// Inserts in transactions of a few hundred results.
final class SQLiteSink: DerivedSink {
    private var store: RecordStore?
    private var pending: [FileResult] = []
    init(path: String) throws { store = try RecordStore(path: path) }

    func append(_ result: FileResult) throws {
        pending.append(result)
        if pending.count >= 256 { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try store?.insert(pending)
        pending.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        store = nil // closes the database before the file is moved into place
    }
}
