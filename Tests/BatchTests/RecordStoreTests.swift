import Foundation
import Form4
import Form4SQLite
import GRDB
import XCTest

final class RecordStoreTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let samplePath = root.appendingPathComponent("Samples/edgar-real/form4-chromium-letter.pdf").path
    private static let sample: FileResult = Form4Extractor().extract(path: samplePath)

    private var directory: URL!
    private var databasePath: String { directory.appendingPathComponent("records.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("record-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertEqual(Self.sample.status, .ok, "\(Self.sample.error?.message ?? "")")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func count(_ store: RecordStore, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? -1 }
    }

    func testInsertingTheSameFileTwiceKeepsOneCopy() throws {
        let store = try RecordStore(path: databasePath)
        try store.insert(Self.sample)
        try store.insert(Self.sample)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM file"), 1)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM form"), 1)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM nonderiv_row"), 1)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM deriv_row"), 1)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM field"), Self.sample.forms[0].allFields.count)

        // A second store on the same file (a rerun) also replaces rather than adds.
        let rerun = try RecordStore(path: databasePath)
        try rerun.insert([Self.sample, Self.sample])
        XCTAssertEqual(try count(rerun, "SELECT COUNT(*) FROM file"), 1)
        XCTAssertEqual(try count(rerun, "SELECT COUNT(*) FROM field"), Self.sample.forms[0].allFields.count)
    }

    func testEveryFieldIsStoredWithWhereItWasRead() throws {
        let store = try RecordStore(path: databasePath)
        try store.insert(Self.sample)
        let form = Self.sample.forms[0]
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM field"), form.allFields.count)
        XCTAssertEqual(try count(store, "SELECT COUNT(DISTINCT path) FROM field"), form.allFields.count)

        let key = SECTables.accessionKey(sha256: Self.sample.sha256!, formIndex: 0)
        let row = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM field WHERE accession_key = ? AND path = ?",
                             arguments: [key, "nonDerivativeTable[0].transactionShares"])
        }
        let shares = try XCTUnwrap(row)
        XCTAssertEqual(shares["value"] as String?, "757756")
        XCTAssertEqual(shares["footnote_ids"] as String?, "F1")
        XCTAssertEqual(shares["page"] as Int?, 1)
        XCTAssertNotNil(shares["x0"] as Double?)
        XCTAssertGreaterThan(shares["confidence"] as Double? ?? 0, 0.5)

        // Typed columns.
        let typed = try store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT f.period_of_report, f.issuer_trading_symbol, d.expiration_date, d.conversion_or_exercise_price,
                       n.transaction_shares, o.is_officer, s.date AS signature_date
                FROM form f JOIN deriv_row d USING (accession_key) JOIN nonderiv_row n USING (accession_key)
                JOIN reporting_owner o USING (accession_key) JOIN signature s USING (accession_key)
                """)
        }
        let values = try XCTUnwrap(typed)
        XCTAssertEqual(values["period_of_report"] as String?, "2025-04-30")
        XCTAssertEqual(values["issuer_trading_symbol"] as String?, "SCWO")
        XCTAssertEqual(values["expiration_date"] as String?, "2035-04-29")
        XCTAssertEqual(values["conversion_or_exercise_price"] as Double?, 0.33)
        XCTAssertEqual(values["transaction_shares"] as Double?, 757756)
        XCTAssertEqual(values["is_officer"] as Bool?, true)
        XCTAssertEqual(values["signature_date"] as String?, "2025-05-02")
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM footnote WHERE footnote_id = 'F1'"), 1)
    }

    /// Each value is stored with the SQLite type the schema promises: TEXT as the XML writes it,
    /// amounts REAL (from numeric text too), booleans INTEGER 0/1 (from their spellings too),
    /// counts INTEGER, and NULL for what is null or absent.
    func testValuesKeepTheirStorageTypes() throws {
        var form = Form4Record()
        form.pages = [1, 2]
        form.confidence = 0.5
        form.needsReview = true
        form.notSubjectToSection16 = .known(.string("TRUE"))
        form.aff10b5One = .known(.number(0))
        var row = TableRow(kind: .transaction, derivative: true)
        row.transactionShares = .known(.string("1,234.5"))
        row.transactionPricePerShare = .known(.number(Decimal(string: "12.3456")!))
        row.equitySwapInvolved = .known(.bool(false))
        row.conversionOrExercisePrice = .known(.string("n/a"))
        row.underlyingSecurityShares = Field(value: .number(-7), confidence: 0.4, footnoteIds: ["F1", "F2"], page: 2,
                                             bbox: .init(x0: 1.5, y0: 2, x1: 3, y1: 4.25), raw: "(7)", method: "repaired")
        form.derivativeTable = [row]
        let result = FileResult(file: "typed.pdf", sha256: "ab12", pageCount: 2, status: .ok, reviewThreshold: 0.9, forms: [form])
        let failed = FileResult(file: "bad.pdf", status: .error, error: .init(code: "not-pdf", message: "bad.pdf: not a PDF"), reviewThreshold: 0.9)
        let store = try RecordStore(path: databasePath)
        try store.insert([result, failed])

        func typed(_ sql: String) throws -> [String] {
            try store.read { db in
                let row = try XCTUnwrap(try Row.fetchOne(db, sql: sql))
                return row.databaseValues.map { "\($0)" }
            }
        }
        XCTAssertEqual(try typed("SELECT * FROM file WHERE path = 'typed.pdf'"), ["\"ab12\"", "\"typed.pdf\"", "2", "\"ok\"", "NULL", "NULL", "0.9"])
        XCTAssertEqual(try typed("SELECT * FROM file WHERE path = 'bad.pdf'"),
                       ["\"unread:bad.pdf\"", "\"bad.pdf\"", "NULL", "\"error\"", "\"not-pdf\"", "\"bad.pdf: not a PDF\"", "0.9"])
        XCTAssertEqual(try typed("""
            SELECT pages, confidence, needs_review, not_subject_to_section16, aff10b5one, document_type FROM form
            """), ["\"1,2\"", "0.5", "1", "1", "0", "NULL"])
        XCTAssertEqual(try typed("""
            SELECT transaction_shares, transaction_price_per_share, equity_swap_involved, conversion_or_exercise_price,
                   underlying_security_shares, kind, row_index FROM deriv_row
            """), ["1234.5", "12.3456", "0", "NULL", "-7.0", "\"transaction\"", "0"])
        XCTAssertEqual(try typed("""
            SELECT value, confidence, needs_review, page, x0, y0, x1, y1, footnote_ids, raw, method FROM field
            WHERE path = 'derivativeTable[0].underlyingSecurityShares'
            """), ["\"-7\"", "0.4", "1", "2", "1.5", "2.0", "3.0", "4.25", "\"F1,F2\"", "\"(7)\"", "\"repaired\""])
        XCTAssertEqual(try typed("SELECT value, page, x0, footnote_ids, raw FROM field WHERE path = 'remarks'"),
                       ["NULL", "NULL", "NULL", "NULL", "NULL"])
    }

    func testNeedsReviewCanBeQueried() throws {
        var doubtful = Self.sample
        doubtful.sha256 = String(repeating: "0", count: 64)
        doubtful.file = "doubtful.pdf"
        doubtful.forms[0].issuer.issuerName.confidence = 0.3
        doubtful.forms[0].summariseConfidence(reviewThreshold: doubtful.reviewThreshold)
        XCTAssertTrue(doubtful.forms[0].needsReview)

        let store = try RecordStore(path: databasePath)
        try store.insert([Self.sample, doubtful])
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM form"), 2)
        let flagged = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT file.path FROM form JOIN file ON file.sha256 = form.file_sha256 WHERE form.needs_review
                """)
        }
        XCTAssertEqual(flagged, ["doubtful.pdf"])
        let fields = try store.read { db in
            try String.fetchAll(db, sql: "SELECT path FROM field WHERE needs_review = 1")
        }
        XCTAssertEqual(fields, ["issuer.issuerName"])
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM field WHERE confidence < ?", [doubtful.reviewThreshold]), 1)
    }

    func testFailedFilesAreRecordedOnce() throws {
        let failed = FileResult(file: "gone.pdf", status: .error,
                                error: .init(code: "file-not-found", message: "gone.pdf: no such file"),
                                reviewThreshold: 0.9)
        let store = try RecordStore(path: databasePath)
        try store.insert(failed)
        try store.insert(failed)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM file WHERE status = 'error' AND error_code = 'file-not-found'"), 1)
        XCTAssertEqual(try count(store, "SELECT COUNT(*) FROM form"), 0)
    }

    func testErrorsNameTheDatabase() throws {
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let path = blocker.appendingPathComponent("records.sqlite").path
        XCTAssertThrowsError(try RecordStore(path: path)) { error in
            XCTAssertTrue(error is RecordStoreError)
            XCTAssertTrue(String(describing: error).contains(path), "\(error)")
        }
    }

    /// The file is an ordinary SQLite database: the sqlite3 shell opens and queries it.
    func testSQLite3ShellReadsTheDatabase() throws {
        let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
        guard let shell = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("sqlite3 is not installed")
        }
        do {
            let store = try RecordStore(path: databasePath)
            try store.insert(Self.sample)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-readonly", databasePath,
                            "PRAGMA integrity_check; SELECT COUNT(*) FROM field; SELECT issuer_trading_symbol FROM form;"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(output.split(separator: "\n").map(String.init),
                       ["ok", String(Self.sample.forms[0].allFields.count), "SCWO"])
    }
}
