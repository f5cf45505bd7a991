import Foundation
import Form4
import GRDB
import GRDBSQLite
import PDFText

/// What went wrong with a `RecordStore`; every message names the database file.
public struct RecordStoreError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The database could not be opened or created.
        case open
        /// The schema could not be created or brought up to date.
        case migrate
        /// A result could not be written (the transaction was rolled back).
        case write
    }

    public var kind: Kind
    /// The database file.
    public var path: String
    /// The file whose result was being written, for `.write`.
    public var file: String?
    /// The cause, as SQLite or the file system gave it.
    public var reason: String

    public var description: String {
        switch kind {
        case .open: return "cannot open the SQLite database \(path): \(reason)"
        case .migrate: return "cannot create or update the schema of the SQLite database \(path): \(reason)"
        case .write:
            let what = file.map { "the result for \($0)" } ?? "results"
            return "cannot write \(what) to the SQLite database \(path): \(reason)"
        }
    }
}

/// Records in SQLite, for queries and review.
///
/// Tables (created when missing; `DatabaseMigrator` migrations):
/// - `file`: one row per input file, keyed by `sha256`, with `path`, `page_count`, `status`
///   (`ok`, `not-form4`, `error`), `error_code`, `error_message`, `review_threshold`. A file that
///   could not be read has no hash; its row is keyed `"unread:" + path`.
/// - `form`: one row per Form 4, keyed by `accession_key` (`SECTables.accessionKey`), with
///   `file_sha256`, `form_index` (zero-based), `pages` (`1,2`), `text_source`, `confidence`,
///   `needs_review`, and the header values: `document_type`, `period_of_report`,
///   `date_of_original_submission`, `not_subject_to_section16`, `aff10b5one`, `issuer_name`,
///   `issuer_trading_symbol`, `remarks`.
/// - `reporting_owner`, `nonderiv_row`, `deriv_row`, `footnote`, `signature`: the record's
///   parts, keyed by `accession_key` and their zero-based index, with typed values: dates as ISO
///   text (`2025-04-30`), amounts as REAL, booleans as INTEGER 0/1, nulls as NULL.
/// - `field`: EVERY field of every form (paths as in `Form4Record.allFields`), with `value` as the
///   ownership XML writes it (exact, as TEXT), `confidence`, `page`, box `x0 y0 x1 y1`,
///   `footnote_ids` (`F1,F2`), `raw` and `method`; `needs_review` marks those below the file's
///   review threshold.
///
/// Inserting a file again (same SHA-256) replaces its rows, so reruns do not duplicate. Each
/// `insert` call is one transaction: all of its results are written, or none.
public final class RecordStore: @unchecked Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// `durable: false` is for a database written in one go that is rebuilt from scratch if the
    /// writing is cut short (the derived outputs of a batch): SQLite then neither journals nor
    /// syncs each transaction to disk, which on a slow disk took most of the writing time. The
    /// caller syncs the finished file once (`syncToDisk`).
    public init(path: String, durable: Bool = true) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(30)
            if !durable {
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA journal_mode = OFF")
                    try db.execute(sql: "PRAGMA synchronous = OFF")
                }
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw RecordStoreError(kind: .open, path: path, file: nil, reason: Self.reason(error))
        }
        do {
            try Self.migrator.migrate(queue)
        } catch {
            throw RecordStoreError(kind: .migrate, path: path, file: nil, reason: Self.reason(error))
        }
    }

    /// Writes one result, replacing any earlier rows of the same file.
    public func insert(_ result: FileResult) throws {
        try insert(CollectionOfOne(result))
    }

    /// Writes the results in one transaction, replacing any earlier rows of the same files.
    public func insert<S: Sequence>(_ results: S) throws where S.Element == FileResult {
        var current: String?
        do {
            try queue.write { db in
                for result in results {
                    current = result.file
                    try Self.write(result, to: db)
                }
            }
        } catch {
            throw RecordStoreError(kind: .write, path: path, file: current, reason: Self.reason(error))
        }
    }

    /// Runs `body` on a read-only connection to the database, for queries.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    private static func reason(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? error.description
        }
        return String(describing: error)
    }

    // MARK: - Schema

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "file") { t in
                t.primaryKey("sha256", .text)
                t.column("path", .text).notNull()
                t.column("page_count", .integer)
                t.column("status", .text).notNull()
                t.column("error_code", .text)
                t.column("error_message", .text)
                t.column("review_threshold", .double)
            }
            try db.create(index: "file_path", on: "file", columns: ["path"])

            try db.create(table: "form") { t in
                t.primaryKey("accession_key", .text)
                t.column("file_sha256", .text).notNull().indexed()
                    .references("file", column: "sha256", onDelete: .cascade)
                t.column("form_index", .integer).notNull()
                t.column("pages", .text)
                t.column("text_source", .text)
                t.column("confidence", .double)
                t.column("needs_review", .boolean).notNull()
                t.column("document_type", .text)
                t.column("period_of_report", .text)
                t.column("date_of_original_submission", .text)
                t.column("not_subject_to_section16", .boolean)
                t.column("aff10b5one", .boolean)
                t.column("issuer_name", .text)
                t.column("issuer_trading_symbol", .text)
                t.column("remarks", .text)
            }
            try db.create(index: "form_needs_review", on: "form", columns: ["needs_review"])
            try db.create(index: "form_issuer_symbol", on: "form", columns: ["issuer_trading_symbol"])

            try db.create(table: "reporting_owner") { t in
                t.column("accession_key", .text).notNull()
                    .references("form", column: "accession_key", onDelete: .cascade)
                t.column("owner_index", .integer).notNull()
                t.column("name", .text)
                t.column("street1", .text)
                t.column("street2", .text)
                t.column("city", .text)
                t.column("state", .text)
                t.column("zip_code", .text)
                t.column("is_director", .boolean)
                t.column("is_officer", .boolean)
                t.column("is_ten_percent_owner", .boolean)
                t.column("is_other", .boolean)
                t.column("officer_title", .text)
                t.column("other_text", .text)
                t.primaryKey(["accession_key", "owner_index"])
            }

            for derivative in [false, true] {
                try db.create(table: derivative ? "deriv_row" : "nonderiv_row") { t in
                    t.column("accession_key", .text).notNull()
                        .references("form", column: "accession_key", onDelete: .cascade)
                    t.column("row_index", .integer).notNull()
                    t.column("kind", .text).notNull()
                    t.column("security_title", .text)
                    if derivative { t.column("conversion_or_exercise_price", .double) }
                    t.column("transaction_date", .text)
                    t.column("deemed_execution_date", .text)
                    t.column("transaction_code", .text)
                    t.column("equity_swap_involved", .boolean)
                    t.column("transaction_shares", .double)
                    t.column("transaction_price_per_share", .double)
                    t.column("transaction_acquired_disposed_code", .text)
                    if derivative {
                        t.column("exercise_date", .text)
                        t.column("expiration_date", .text)
                        t.column("underlying_security_title", .text)
                        t.column("underlying_security_shares", .double)
                    }
                    t.column("shares_owned_following_transaction", .double)
                    t.column("direct_or_indirect_ownership", .text)
                    t.column("nature_of_ownership", .text)
                    t.primaryKey(["accession_key", "row_index"])
                }
            }

            try db.create(table: "footnote") { t in
                t.column("accession_key", .text).notNull()
                    .references("form", column: "accession_key", onDelete: .cascade)
                t.column("footnote_index", .integer).notNull()
                t.column("footnote_id", .text).notNull()
                t.column("text", .text)
                t.primaryKey(["accession_key", "footnote_index"])
            }

            try db.create(table: "signature") { t in
                t.column("accession_key", .text).notNull()
                    .references("form", column: "accession_key", onDelete: .cascade)
                t.column("signature_index", .integer).notNull()
                t.column("name", .text)
                t.column("date", .text)
                t.primaryKey(["accession_key", "signature_index"])
            }

            try db.create(table: "field") { t in
                t.column("accession_key", .text).notNull()
                    .references("form", column: "accession_key", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("value", .text)
                t.column("confidence", .double).notNull()
                t.column("needs_review", .boolean).notNull()
                t.column("page", .integer)
                t.column("x0", .double)
                t.column("y0", .double)
                t.column("x1", .double)
                t.column("y1", .double)
                t.column("footnote_ids", .text)
                t.column("raw", .text)
                t.column("method", .text)
                t.primaryKey(["accession_key", "path"])
            }
            try db.create(index: "field_needs_review", on: "field", columns: ["needs_review", "confidence"])
        }
        return migrator
    }

    // MARK: - Writing

    private static func write(_ result: FileResult, to db: Database) throws {
        let fileKey = result.sha256 ?? "unread:" + result.file
        // The same file (by content) replaces its earlier rows; the cascade removes its forms and
        // their parts. A row for this path from a run that could not read it goes too.
        // Cached statements: compiling the SQL anew for every file cost more than running it.
        try run(db.cachedStatement(sql: "DELETE FROM file WHERE sha256 = ? OR sha256 = ?"), in: db) { row in
            row.bind(fileKey); row.bind("unread:" + result.file)
        }
        try run(db.cachedStatement(sql: """
            INSERT INTO file (sha256, path, page_count, status, error_code, error_message, review_threshold)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """), in: db) { row in
            row.bind(fileKey); row.bind(result.file); row.bind(result.pageCount); row.bind(result.status.rawValue)
            row.bind(result.error?.code); row.bind(result.error?.message); row.bind(result.reviewThreshold)
        }
        guard result.status == .ok else { return }

        for (formIndex, form) in result.forms.enumerated() {
            let key = SECTables.accessionKey(sha256: fileKey, formIndex: formIndex)
            try run(db.cachedStatement(sql: """
                INSERT INTO form (accession_key, file_sha256, form_index, pages, text_source, confidence,
                    needs_review, document_type, period_of_report, date_of_original_submission,
                    not_subject_to_section16, aff10b5one, issuer_name, issuer_trading_symbol, remarks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """), in: db) { row in
                row.bind(key); row.bind(fileKey); row.bind(formIndex); row.bind(form.pages.map(String.init).joined(separator: ","))
                row.bind(form.textSource.rawValue); row.bind(form.confidence); row.bind(form.needsReview)
                row.bind(text(form.documentType)); row.bind(text(form.periodOfReport)); row.bind(text(form.dateOfOriginalSubmission))
                row.bind(bool(form.notSubjectToSection16)); row.bind(bool(form.aff10b5One))
                row.bind(text(form.issuer.issuerName)); row.bind(text(form.issuer.issuerTradingSymbol)); row.bind(text(form.remarks))
            }

            let ownerStatement = try db.cachedStatement(sql: """
                INSERT INTO reporting_owner (accession_key, owner_index, name, street1, street2, city, state,
                    zip_code, is_director, is_officer, is_ten_percent_owner, is_other, officer_title, other_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (index, owner) in form.reportingOwners.enumerated() {
                try run(ownerStatement, in: db) { row in
                    row.bind(key); row.bind(index); row.bind(text(owner.rptOwnerName)); row.bind(text(owner.rptOwnerStreet1))
                    row.bind(text(owner.rptOwnerStreet2)); row.bind(text(owner.rptOwnerCity)); row.bind(text(owner.rptOwnerState))
                    row.bind(text(owner.rptOwnerZipCode)); row.bind(bool(owner.isDirector)); row.bind(bool(owner.isOfficer))
                    row.bind(bool(owner.isTenPercentOwner)); row.bind(bool(owner.isOther))
                    row.bind(text(owner.officerTitle)); row.bind(text(owner.otherText))
                }
            }

            let nonDerivative = try db.cachedStatement(sql: """
                INSERT INTO nonderiv_row (accession_key, row_index, kind, security_title, transaction_date,
                    deemed_execution_date, transaction_code, equity_swap_involved, transaction_shares,
                    transaction_price_per_share, transaction_acquired_disposed_code,
                    shares_owned_following_transaction, direct_or_indirect_ownership, nature_of_ownership)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (index, tableRow) in form.nonDerivativeTable.enumerated() {
                try run(nonDerivative, in: db) { row in
                    row.bind(key); row.bind(index); row.bind(tableRow.kind.rawValue); row.bind(text(tableRow.securityTitle))
                    row.bind(text(tableRow.transactionDate)); row.bind(text(tableRow.deemedExecutionDate))
                    row.bind(text(tableRow.transactionCode)); row.bind(bool(tableRow.equitySwapInvolved))
                    row.bind(number(tableRow.transactionShares)); row.bind(number(tableRow.transactionPricePerShare))
                    row.bind(text(tableRow.transactionAcquiredDisposedCode)); row.bind(number(tableRow.sharesOwnedFollowingTransaction))
                    row.bind(text(tableRow.directOrIndirectOwnership)); row.bind(text(tableRow.natureOfOwnership))
                }
            }

            let derivative = try db.cachedStatement(sql: """
                INSERT INTO deriv_row (accession_key, row_index, kind, security_title, conversion_or_exercise_price,
                    transaction_date, deemed_execution_date, transaction_code, equity_swap_involved,
                    transaction_shares, transaction_price_per_share, transaction_acquired_disposed_code,
                    exercise_date, expiration_date, underlying_security_title, underlying_security_shares,
                    shares_owned_following_transaction, direct_or_indirect_ownership, nature_of_ownership)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (index, tableRow) in form.derivativeTable.enumerated() {
                try run(derivative, in: db) { row in
                    row.bind(key); row.bind(index); row.bind(tableRow.kind.rawValue); row.bind(text(tableRow.securityTitle))
                    row.bind(number(tableRow.conversionOrExercisePrice ?? .missing))
                    row.bind(text(tableRow.transactionDate)); row.bind(text(tableRow.deemedExecutionDate))
                    row.bind(text(tableRow.transactionCode)); row.bind(bool(tableRow.equitySwapInvolved))
                    row.bind(number(tableRow.transactionShares)); row.bind(number(tableRow.transactionPricePerShare))
                    row.bind(text(tableRow.transactionAcquiredDisposedCode))
                    row.bind(text(tableRow.exerciseDate ?? .missing)); row.bind(text(tableRow.expirationDate ?? .missing))
                    row.bind(text(tableRow.underlyingSecurityTitle ?? .missing)); row.bind(number(tableRow.underlyingSecurityShares ?? .missing))
                    row.bind(number(tableRow.sharesOwnedFollowingTransaction))
                    row.bind(text(tableRow.directOrIndirectOwnership)); row.bind(text(tableRow.natureOfOwnership))
                }
            }

            let footnote = try db.cachedStatement(sql: """
                INSERT INTO footnote (accession_key, footnote_index, footnote_id, text) VALUES (?, ?, ?, ?)
                """)
            for (index, note) in form.footnotes.enumerated() {
                try run(footnote, in: db) { row in
                    row.bind(key); row.bind(index); row.bind(note.id); row.bind(text(note.text))
                }
            }

            let signature = try db.cachedStatement(sql: """
                INSERT INTO signature (accession_key, signature_index, name, date) VALUES (?, ?, ?, ?)
                """)
            for (index, entry) in form.ownerSignatures.enumerated() {
                try run(signature, in: db) { row in
                    row.bind(key); row.bind(index); row.bind(text(entry.signatureName)); row.bind(text(entry.signatureDate))
                }
            }

            let field = try db.cachedStatement(sql: """
                INSERT INTO field (accession_key, path, value, confidence, needs_review, page, x0, y0, x1, y1,
                    footnote_ids, raw, method)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            // The fields are walked in place: collecting `allFields` first copied every one of them.
            var failure: Error?
            form.forEachField { path, entry in
                guard failure == nil else { return }
                let box = entry.bbox
                do {
                    try run(field, in: db) { row in
                        row.bind(key); row.bind(path()); row.bind(entry.value.xmlText); row.bind(entry.confidence)
                        row.bind(entry.confidence < result.reviewThreshold); row.bind(entry.page)
                        row.bind(box?.x0); row.bind(box?.y0); row.bind(box?.x1); row.bind(box?.y1)
                        row.bind(entry.footnoteIds.isEmpty ? nil : entry.footnoteIds.joined(separator: ","))
                        row.bind(entry.raw); row.bind(entry.method)
                    }
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
        }
    }

    /// Runs `statement` once with the parameters `bind` gives, in order. The values are bound
    /// straight to SQLite, as GRDB binds them: building GRDB's `StatementArguments` for every row
    /// cost more than SQLite's inserting. (The statements here change rows only: GRDB's
    /// observation of what a statement reads or changes has nothing to watch.)
    private static func run(_ statement: Statement, in db: Database, _ bind: (inout Parameters) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var parameters = Parameters(statement: handle)
        bind(&parameters)
        if parameters.failure == SQLITE_OK, parameters.count != sqlite3_bind_parameter_count(handle) { parameters.failure = SQLITE_RANGE }
        let code = parameters.failure == SQLITE_OK ? sqlite3_step(handle) : parameters.failure
        guard code == SQLITE_DONE else {
            let message = parameters.failure == SQLITE_OK ? String(cString: sqlite3_errmsg(db.sqliteConnection)) : nil
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    // MARK: - Values

    /// Text as the ownership XML writes it (`true`, `1234.5`, `2025-04-30`), NULL for null.
    private static func text(_ field: Field) -> String? {
        field.value.xmlText
    }

    /// A number as REAL; a numeric string too; NULL otherwise.
    private static func number(_ field: Field) -> Double? {
        switch field.value {
        case .number(let number): return Double(number.plainString) // nearest double, unlike NSDecimalNumber.doubleValue
        case .string(let text): return Double(text.replacingOccurrences(of: ",", with: ""))
        case .bool, .null: return nil
        }
    }

    /// A boolean as INTEGER 0/1 (also from the spellings `true`/`false`/`1`/`0`); NULL otherwise.
    private static func bool(_ field: Field) -> Bool? {
        switch field.value {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        case .number(let number): return number != 0
        case .null: return nil
        }
    }
}

/// The parameters of one run of a prepared statement, bound one after the other; the first
/// binding that fails is kept in `failure` and stops the run.
private struct Parameters {
    let statement: SQLiteStatement
    private(set) var count: Int32 = 0
    var failure = SQLITE_OK

    /// Binds `value` as GRDB does: text, REAL, INTEGER (booleans 0/1), NULL for nil. (Not through
    /// GRDB's binding of optionals: that one is generic across modules, and looking up its types
    /// at run time cost more than the binding.)
    mutating func bind(_ value: (some StatementBinding)?) {
        count += 1
        guard failure == SQLITE_OK else { return }
        failure = value.map { $0.bind(to: statement, at: count) } ?? sqlite3_bind_null(statement, count)
    }
}
