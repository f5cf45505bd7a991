import Foundation
import PDFText

/// Records laid out as the SEC's "Insider Transactions Data Sets" (the quarterly Form 3/4/5 data
/// sets, `SUBMISSION.tsv`, `REPORTINGOWNER.tsv`, ...): tab-separated, one header row, the SEC's
/// column names in the SEC's order, so that code written for those files reads ours.
///
/// - Dates are written as the data sets write them, `DD-MON-YYYY` (`30-APR-2025`).
/// - Booleans are `1`/`0`; a boolean the form leaves unanswered is empty.
/// - Numbers are plain decimals without grouping or exponent (`757756`, `0.33`).
/// - `*_FN` columns hold the footnote ids referenced from the value, comma-separated (`F1,F2`).
/// - Values a PDF does not carry (CIKs, filing date, file number, value-based amounts, transaction
///   timeliness) are empty. `ACCESSION_NUMBER`, which a PDF has none of, is a stable key derived
///   from the file's hash and the form's position in it: see `accessionKey(sha256:formIndex:)`.
/// - Surrogate keys (`*_SK`) number a form's rows within each table: 1, 2, 3, ...
/// - Tabs, carriage returns and newlines inside values become spaces. Values are not quoted (as in
///   the SEC's files), so splitting lines at tabs always gives the columns; a CSV reader with
///   quoting on reads them too, except a value that begins with an unbalanced `"`, so read with
///   quoting off (`csv.QUOTE_NONE`, pandas `quoting=3`) as for the SEC's own files.
/// - Our own columns (source file, pages, confidence, ...) go in `EXTRACTION.tsv`, keyed by
///   `ACCESSION_NUMBER` like the others, so the SEC-shaped files stay exactly SEC-shaped.
///
/// Only results with status `ok` produce rows.
public enum SECTables {
    public static let submission = "SUBMISSION.tsv"
    public static let reportingOwner = "REPORTINGOWNER.tsv"
    public static let nonDerivTrans = "NONDERIV_TRANS.tsv"
    public static let nonDerivHolding = "NONDERIV_HOLDING.tsv"
    public static let derivTrans = "DERIV_TRANS.tsv"
    public static let derivHolding = "DERIV_HOLDING.tsv"
    public static let footnotes = "FOOTNOTES.tsv"
    public static let ownerSignature = "OWNER_SIGNATURE.tsv"
    public static let extraction = "EXTRACTION.tsv"

    /// Every file written, in the order of the SEC's data set description, then `EXTRACTION.tsv`.
    public static let tableNames: [String] = [
        submission, reportingOwner, nonDerivTrans, nonDerivHolding, derivTrans, derivHolding,
        footnotes, ownerSignature, extraction,
    ]

    private static func columns(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    /// The SEC's columns (spelling included: `EXCERCISE_DATE` in DERIV_TRANS, `EXERCISE_DATE` in
    /// DERIV_HOLDING), as in the data sets' files since `AFF10B5ONE` was added in 2023.
    private static let headers: [String: [String]] = [
        submission: columns("""
            ACCESSION_NUMBER FILING_DATE PERIOD_OF_REPORT DATE_OF_ORIG_SUB NO_SECURITIES_OWNED
            NOT_SUBJECT_SEC16 FORM3_HOLDINGS_REPORTED FORM4_TRANS_REPORTED DOCUMENT_TYPE ISSUERCIK
            ISSUERNAME ISSUERTRADINGSYMBOL REMARKS AFF10B5ONE
            """),
        reportingOwner: columns("""
            ACCESSION_NUMBER RPTOWNERCIK RPTOWNERNAME RPTOWNER_RELATIONSHIP RPTOWNER_TITLE
            RPTOWNER_TXT RPTOWNER_STREET1 RPTOWNER_STREET2 RPTOWNER_CITY RPTOWNER_STATE
            RPTOWNER_ZIPCODE RPTOWNER_STATE_DESC FILE_NUMBER
            """),
        nonDerivTrans: columns("""
            ACCESSION_NUMBER NONDERIV_TRANS_SK SECURITY_TITLE SECURITY_TITLE_FN TRANS_DATE
            TRANS_DATE_FN DEEMED_EXECUTION_DATE DEEMED_EXECUTION_DATE_FN TRANS_FORM_TYPE TRANS_CODE
            EQUITY_SWAP_INVOLVED EQUITY_SWAP_TRANS_CD_FN TRANS_TIMELINESS TRANS_TIMELINESS_FN
            TRANS_SHARES TRANS_SHARES_FN TRANS_PRICEPERSHARE TRANS_PRICEPERSHARE_FN
            TRANS_ACQUIRED_DISP_CD TRANS_ACQUIRED_DISP_CD_FN SHRS_OWND_FOLWNG_TRANS
            SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN
            DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP
            NATURE_OF_OWNERSHIP_FN
            """),
        nonDerivHolding: columns("""
            ACCESSION_NUMBER NONDERIV_HOLDING_SK SECURITY_TITLE SECURITY_TITLE_FN TRANS_FORM_TYPE
            TRANS_FORM_TYPE_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN
            VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP
            DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN
            """),
        derivTrans: columns("""
            ACCESSION_NUMBER DERIV_TRANS_SK SECURITY_TITLE SECURITY_TITLE_FN CONV_EXERCISE_PRICE
            CONV_EXERCISE_PRICE_FN TRANS_DATE TRANS_DATE_FN DEEMED_EXECUTION_DATE
            DEEMED_EXECUTION_DATE_FN TRANS_FORM_TYPE TRANS_CODE EQUITY_SWAP_INVOLVED
            EQUITY_SWAP_TRANS_CD_FN TRANS_TIMELINESS TRANS_TIMELINESS_FN TRANS_SHARES
            TRANS_SHARES_FN TRANS_TOTAL_VALUE TRANS_TOTAL_VALUE_FN TRANS_PRICEPERSHARE
            TRANS_PRICEPERSHARE_FN TRANS_ACQUIRED_DISP_CD TRANS_ACQUIRED_DISP_CD_FN EXCERCISE_DATE
            EXCERCISE_DATE_FN EXPIRATION_DATE EXPIRATION_DATE_FN UNDLYNG_SEC_TITLE
            UNDLYNG_SEC_TITLE_FN UNDLYNG_SEC_SHARES UNDLYNG_SEC_SHARES_FN UNDLYNG_SEC_VALUE
            UNDLYNG_SEC_VALUE_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN
            VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP
            DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN
            """),
        derivHolding: columns("""
            ACCESSION_NUMBER DERIV_HOLDING_SK SECURITY_TITLE SECURITY_TITLE_FN CONV_EXERCISE_PRICE
            CONV_EXERCISE_PRICE_FN TRANS_FORM_TYPE TRANS_FORM_TYPE_FN EXERCISE_DATE EXERCISE_DATE_FN
            EXPIRATION_DATE EXPIRATION_DATE_FN UNDLYNG_SEC_TITLE UNDLYNG_SEC_TITLE_FN
            UNDLYNG_SEC_SHARES UNDLYNG_SEC_SHARES_FN UNDLYNG_SEC_VALUE UNDLYNG_SEC_VALUE_FN
            SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS
            VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN
            NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN
            """),
        footnotes: ["ACCESSION_NUMBER", "FOOTNOTE_ID", "FOOTNOTE_TXT"],
        ownerSignature: ["ACCESSION_NUMBER", "OWNERSIGNATURENAME", "OWNERSIGNATUREDATE"],
        extraction: ["ACCESSION_NUMBER", "SOURCE_FILE", "FORM_INDEX", "PAGES", "TEXT_SOURCE",
                     "CONFIDENCE", "NEEDS_REVIEW", "SHA256"],
    ]

    /// The header row of `table` (a name from `tableNames`); empty for an unknown name.
    public static func header(of table: String) -> [String] {
        headers[table] ?? []
    }

    /// The stand-in for `ACCESSION_NUMBER`, which only EDGAR assigns and a PDF does not carry:
    /// `"PDF-"` + the first 20 hex digits of the file's SHA-256 (lower-case) + `"-"` + the form's
    /// one-based position in the file (`formIndex` is zero-based, as in `FileResult.forms`).
    ///
    /// It depends only on the file's bytes and the form's place in it, so reruns, other machines
    /// and renamed copies give the same key, and no key can be mistaken for a real accession
    /// number (`0001234567-25-000123`). Example: `PDF-1146ab4c47823e35e8e8-1`.
    public static func accessionKey(sha256: String, formIndex: Int) -> String {
        "PDF-" + String(sha256.lowercased().prefix(20)) + "-" + String(formIndex + 1)
    }

    /// The key of `result.forms[formIndex]`. A result without a hash (which `ok` results always
    /// have) falls back to the hash of its file name.
    static func accessionKey(of result: FileResult, formIndex: Int) -> String {
        let hash = result.sha256 ?? SHA256.hex(Data(result.file.utf8))
        return accessionKey(sha256: hash, formIndex: formIndex)
    }

    /// The rows `result` adds to each table, by file name (every name in `tableNames` is
    /// present, possibly with no rows). Values are already cleaned of tabs and newlines.
    public static func rows(for result: FileResult) -> [String: [[String]]] {
        var tables: [String: [[String]]] = [:]
        for name in tableNames { tables[name] = [] }
        guard result.status == .ok else { return tables }

        for (formIndex, form) in result.forms.enumerated() {
            let key = accessionKey(of: result, formIndex: formIndex)
            let formType = transactionFormType(form.documentType)

            tables[submission]!.append([
                key, "", date(form.periodOfReport), date(form.dateOfOriginalSubmission), "",
                bool(form.notSubjectToSection16), "", "", text(form.documentType), "",
                text(form.issuer.issuerName), text(form.issuer.issuerTradingSymbol), text(form.remarks),
                bool(form.aff10b5One),
            ])

            for owner in form.reportingOwners {
                tables[reportingOwner]!.append([
                    key, "", text(owner.rptOwnerName), relationship(owner), text(owner.officerTitle),
                    text(owner.otherText), text(owner.rptOwnerStreet1), text(owner.rptOwnerStreet2),
                    text(owner.rptOwnerCity), text(owner.rptOwnerState), text(owner.rptOwnerZipCode), "", "",
                ])
            }

            var sk = (nonDerivTrans: 0, nonDerivHolding: 0, derivTrans: 0, derivHolding: 0)
            for row in form.nonDerivativeTable {
                switch row.kind {
                case .transaction:
                    sk.nonDerivTrans += 1
                    tables[nonDerivTrans]!.append([
                        key, String(sk.nonDerivTrans), text(row.securityTitle), fn(row.securityTitle),
                        date(row.transactionDate), fn(row.transactionDate),
                        date(row.deemedExecutionDate), fn(row.deemedExecutionDate),
                        formType, text(row.transactionCode), bool(row.equitySwapInvolved),
                        fn(row.transactionCode, row.equitySwapInvolved), "", "",
                        text(row.transactionShares), fn(row.transactionShares),
                        text(row.transactionPricePerShare), fn(row.transactionPricePerShare),
                        text(row.transactionAcquiredDisposedCode), fn(row.transactionAcquiredDisposedCode),
                        text(row.sharesOwnedFollowingTransaction), fn(row.sharesOwnedFollowingTransaction),
                        "", "",
                    ] + ownership(row))
                case .holding:
                    sk.nonDerivHolding += 1
                    tables[nonDerivHolding]!.append([
                        key, String(sk.nonDerivHolding), text(row.securityTitle), fn(row.securityTitle),
                        "", "",
                        text(row.sharesOwnedFollowingTransaction), fn(row.sharesOwnedFollowingTransaction),
                        "", "",
                    ] + ownership(row))
                }
            }

            for row in form.derivativeTable {
                let price = row.conversionOrExercisePrice ?? .missing
                let exercise = row.exerciseDate ?? .missing
                let expiration = row.expirationDate ?? .missing
                let underlyingTitle = row.underlyingSecurityTitle ?? .missing
                let underlyingShares = row.underlyingSecurityShares ?? .missing
                let terms = [
                    date(exercise), fn(exercise), date(expiration), fn(expiration),
                    text(underlyingTitle), fn(underlyingTitle), text(underlyingShares), fn(underlyingShares),
                    "", "",
                    text(row.sharesOwnedFollowingTransaction), fn(row.sharesOwnedFollowingTransaction),
                    "", "",
                ]
                switch row.kind {
                case .transaction:
                    sk.derivTrans += 1
                    tables[derivTrans]!.append([
                        key, String(sk.derivTrans), text(row.securityTitle), fn(row.securityTitle),
                        text(price), fn(price),
                        date(row.transactionDate), fn(row.transactionDate),
                        date(row.deemedExecutionDate), fn(row.deemedExecutionDate),
                        formType, text(row.transactionCode), bool(row.equitySwapInvolved),
                        fn(row.transactionCode, row.equitySwapInvolved), "", "",
                        text(row.transactionShares), fn(row.transactionShares), "", "",
                        text(row.transactionPricePerShare), fn(row.transactionPricePerShare),
                        text(row.transactionAcquiredDisposedCode), fn(row.transactionAcquiredDisposedCode),
                    ] + terms + ownership(row))
                case .holding:
                    sk.derivHolding += 1
                    tables[derivHolding]!.append([
                        key, String(sk.derivHolding), text(row.securityTitle), fn(row.securityTitle),
                        text(price), fn(price), "", "",
                    ] + terms + ownership(row))
                }
            }

            for note in form.footnotes {
                tables[footnotes]!.append([key, clean(note.id), text(note.text)])
            }
            for signature in form.ownerSignatures {
                tables[ownerSignature]!.append([key, text(signature.signatureName), date(signature.signatureDate)])
            }

            tables[extraction]!.append([
                key, clean(result.file), String(formIndex), form.pages.map(String.init).joined(separator: ","),
                form.textSource.rawValue, String(format: "%.3f", form.confidence), form.needsReview ? "1" : "0",
                result.sha256 ?? "",
            ])
        }
        return tables
    }

    // MARK: - Values

    /// `DIRECT_INDIRECT_OWNERSHIP` ... `NATURE_OF_OWNERSHIP_FN`, the last four columns of every
    /// table row.
    private static func ownership(_ row: TableRow) -> [String] {
        [text(row.directOrIndirectOwnership), fn(row.directOrIndirectOwnership),
         text(row.natureOfOwnership), fn(row.natureOfOwnership)]
    }

    /// The document type without `/A`, as the ownership XML's `transactionFormType`.
    private static func transactionFormType(_ documentType: Field) -> String {
        guard case .string(let type) = documentType.value else { return "4" }
        let base = type.replacingOccurrences(of: "/A", with: "").trimmingCharacters(in: .whitespaces)
        return base.isEmpty ? "4" : clean(base)
    }

    /// The boxes ticked in box 5, as the data sets list them: `Director,Officer,TenPercentOwner,Other`.
    private static func relationship(_ owner: ReportingOwner) -> String {
        [("Director", owner.isDirector), ("Officer", owner.isOfficer),
         ("TenPercentOwner", owner.isTenPercentOwner), ("Other", owner.isOther)]
            .filter { $0.1.value == .bool(true) }
            .map(\.0)
            .joined(separator: ",")
    }

    /// The value as text: strings as they are, numbers plain, booleans `1`/`0`, null empty.
    static func text(_ field: Field) -> String {
        switch field.value {
        case .string(let value): return clean(value)
        case .number(let number): return number.plainString
        case .bool(let flag): return flag ? "1" : "0"
        case .null: return ""
        }
    }

    /// A boolean as `1`/`0` (also from the XML spellings `true`/`false`), empty when null.
    static func bool(_ field: Field) -> String {
        switch field.value {
        case .bool(let flag): return flag ? "1" : "0"
        case .string(let value):
            switch value.lowercased() {
            case "true", "1", "yes", "x": return "1"
            case "false", "0", "no": return "0"
            default: return clean(value)
            }
        case .number(let number): return number == 0 ? "0" : "1"
        case .null: return ""
        }
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `2025-04-30` as the data sets write it, `30-APR-2025`; anything else as text.
    static func date(_ field: Field) -> String {
        guard case .string(let value) = field.value else { return text(field) }
        return secDate(value) ?? clean(value)
    }

    /// `YYYY-MM-DD` to `DD-MON-YYYY`, nil when `iso` is not such a date.
    public static func secDate(_ iso: String) -> String? {
        if let date = secDateOfDigits(iso) { return date }
        let parts = iso.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year > 0 else { return nil }
        return "\(parts[2])-\(months[month - 1])-\(parts[0])"
    }

    /// `secDate` of exactly `NNNN-NN-NN` in ASCII digits (what records hold), read from the bytes:
    /// Foundation's trimming and splitting cost the table writer more than the rest of a row.
    /// Nil for anything else, which `secDate` reads the long way.
    private static func secDateOfDigits(_ iso: String) -> String? {
        var text = iso
        return text.withUTF8 { bytes -> String? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                  (1...12).contains(month), (1...31).contains(day), year > 0 else { return nil }
            return String(decoding: bytes[8..<10], as: UTF8.self) + "-" + months[month - 1] + "-" + String(decoding: bytes[0..<4], as: UTF8.self)
        }
    }

    /// The footnote ids referenced from the fields, comma-separated, each once, in order.
    static func fn(_ fields: Field...) -> String {
        var seen: [String] = []
        for field in fields {
            for id in field.footnoteIds where !seen.contains(id) { seen.append(id) }
        }
        return clean(seen.joined(separator: ","))
    }

    /// Tabs, carriage returns and newlines (and other line separators) become spaces.
    public static func clean(_ value: String) -> String {
        guard mayHoldTabOrNewline(value), value.contains(where: { $0 == "\t" || $0.isNewline }) else { return value }
        return String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}

extension SECTables {
    /// False when `text` has neither a tab nor a line break, found from its bytes: walking its
    /// characters cost the table writer more than everything else it did. (Line breaks are
    /// U+000A-U+000D, U+0085, U+2028 and U+2029: their UTF-8 starts with 0x0A-0x0D, 0xC2 or 0xE2.)
    public static func mayHoldTabOrNewline(_ text: String) -> Bool {
        text.utf8.contains { (0x09...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }
    }
}

/// Writes `SECTables` files into a directory, one result at a time: `init` creates the directory
/// and writes every table's header row (replacing files of those names), `append` adds a
/// result's rows, `close` flushes and closes the files.
public final class SECTableWriter {
    public enum WriterError: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case cannotWrite(path: String, reason: String)
        case closed(directory: String)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let reason): return "cannot create \(path): \(reason)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            case .closed(let directory): return "the SEC table writer for \(directory) is already closed"
            }
        }
    }

    public let directory: URL
    private var handles: [String: FileHandle] = [:]
    private var isClosed = false

    public init(directory: URL) throws {
        self.directory = directory
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WriterError.cannotCreate(path: directory.path, reason: error.localizedDescription)
        }
        for table in SECTables.tableNames {
            let url = directory.appendingPathComponent(table)
            let header = Data((SECTables.header(of: table).joined(separator: "\t") + "\n").utf8)
            guard let handle = OutputFile.create(url.path, initial: header) else {
                closeHandles()
                throw WriterError.cannotCreate(path: url.path, reason: String(cString: strerror(errno)))
            }
            handles[table] = handle
        }
    }

    deinit { closeHandles() }

    /// Adds `result`'s rows (none unless its status is `ok`).
    public func append(_ result: FileResult) throws {
        guard !isClosed else { throw WriterError.closed(directory: directory.path) }
        let tables = SECTables.rows(for: result)
        for table in SECTables.tableNames {
            guard let rows = tables[table], !rows.isEmpty, let handle = handles[table] else { continue }
            var text = ""
            for row in rows {
                text += row.map(SECTables.clean).joined(separator: "\t")
                text += "\n"
            }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                throw WriterError.cannotWrite(path: directory.appendingPathComponent(table).path,
                                              reason: error.localizedDescription)
            }
        }
    }

    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        var failure: Error?
        for table in SECTables.tableNames {
            guard let handle = handles[table] else { continue }
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                if failure == nil {
                    failure = WriterError.cannotWrite(path: directory.appendingPathComponent(table).path,
                                                      reason: error.localizedDescription)
                }
            }
        }
        handles = [:]
        if let failure { throw failure }
    }

    private func closeHandles() {
        for handle in handles.values { try? handle.close() }
        handles = [:]
    }
}
