import Foundation
import XCTest
@testable import Form4

final class SECTablesTests: XCTestCase {
    /// The repository root, from this file's place in `Tests/Form4Tests`.
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let samplePath = root.appendingPathComponent("Samples/edgar-real/form4-chromium-letter.pdf").path

    /// The headers of the SEC's Form 3/4/5 data set files (as in the quarterly ZIPs since 2023Q1),
    /// written out here so that a change to `SECTables` cannot silently change them.
    private static let secHeaders: [String: String] = [
        "SUBMISSION.tsv": "ACCESSION_NUMBER FILING_DATE PERIOD_OF_REPORT DATE_OF_ORIG_SUB NO_SECURITIES_OWNED NOT_SUBJECT_SEC16 FORM3_HOLDINGS_REPORTED FORM4_TRANS_REPORTED DOCUMENT_TYPE ISSUERCIK ISSUERNAME ISSUERTRADINGSYMBOL REMARKS AFF10B5ONE",
        "REPORTINGOWNER.tsv": "ACCESSION_NUMBER RPTOWNERCIK RPTOWNERNAME RPTOWNER_RELATIONSHIP RPTOWNER_TITLE RPTOWNER_TXT RPTOWNER_STREET1 RPTOWNER_STREET2 RPTOWNER_CITY RPTOWNER_STATE RPTOWNER_ZIPCODE RPTOWNER_STATE_DESC FILE_NUMBER",
        "NONDERIV_TRANS.tsv": "ACCESSION_NUMBER NONDERIV_TRANS_SK SECURITY_TITLE SECURITY_TITLE_FN TRANS_DATE TRANS_DATE_FN DEEMED_EXECUTION_DATE DEEMED_EXECUTION_DATE_FN TRANS_FORM_TYPE TRANS_CODE EQUITY_SWAP_INVOLVED EQUITY_SWAP_TRANS_CD_FN TRANS_TIMELINESS TRANS_TIMELINESS_FN TRANS_SHARES TRANS_SHARES_FN TRANS_PRICEPERSHARE TRANS_PRICEPERSHARE_FN TRANS_ACQUIRED_DISP_CD TRANS_ACQUIRED_DISP_CD_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN",
        "NONDERIV_HOLDING.tsv": "ACCESSION_NUMBER NONDERIV_HOLDING_SK SECURITY_TITLE SECURITY_TITLE_FN TRANS_FORM_TYPE TRANS_FORM_TYPE_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN",
        "DERIV_TRANS.tsv": "ACCESSION_NUMBER DERIV_TRANS_SK SECURITY_TITLE SECURITY_TITLE_FN CONV_EXERCISE_PRICE CONV_EXERCISE_PRICE_FN TRANS_DATE TRANS_DATE_FN DEEMED_EXECUTION_DATE DEEMED_EXECUTION_DATE_FN TRANS_FORM_TYPE TRANS_CODE EQUITY_SWAP_INVOLVED EQUITY_SWAP_TRANS_CD_FN TRANS_TIMELINESS TRANS_TIMELINESS_FN TRANS_SHARES TRANS_SHARES_FN TRANS_TOTAL_VALUE TRANS_TOTAL_VALUE_FN TRANS_PRICEPERSHARE TRANS_PRICEPERSHARE_FN TRANS_ACQUIRED_DISP_CD TRANS_ACQUIRED_DISP_CD_FN EXCERCISE_DATE EXCERCISE_DATE_FN EXPIRATION_DATE EXPIRATION_DATE_FN UNDLYNG_SEC_TITLE UNDLYNG_SEC_TITLE_FN UNDLYNG_SEC_SHARES UNDLYNG_SEC_SHARES_FN UNDLYNG_SEC_VALUE UNDLYNG_SEC_VALUE_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN",
        "DERIV_HOLDING.tsv": "ACCESSION_NUMBER DERIV_HOLDING_SK SECURITY_TITLE SECURITY_TITLE_FN CONV_EXERCISE_PRICE CONV_EXERCISE_PRICE_FN TRANS_FORM_TYPE TRANS_FORM_TYPE_FN EXERCISE_DATE EXERCISE_DATE_FN EXPIRATION_DATE EXPIRATION_DATE_FN UNDLYNG_SEC_TITLE UNDLYNG_SEC_TITLE_FN UNDLYNG_SEC_SHARES UNDLYNG_SEC_SHARES_FN UNDLYNG_SEC_VALUE UNDLYNG_SEC_VALUE_FN SHRS_OWND_FOLWNG_TRANS SHRS_OWND_FOLWNG_TRANS_FN VALU_OWND_FOLWNG_TRANS VALU_OWND_FOLWNG_TRANS_FN DIRECT_INDIRECT_OWNERSHIP DIRECT_INDIRECT_OWNERSHIP_FN NATURE_OF_OWNERSHIP NATURE_OF_OWNERSHIP_FN",
        "FOOTNOTES.tsv": "ACCESSION_NUMBER FOOTNOTE_ID FOOTNOTE_TXT",
        "OWNER_SIGNATURE.tsv": "ACCESSION_NUMBER OWNERSIGNATURENAME OWNERSIGNATUREDATE",
        "EXTRACTION.tsv": "ACCESSION_NUMBER SOURCE_FILE FORM_INDEX PAGES TEXT_SOURCE CONFIDENCE NEEDS_REVIEW SHA256",
    ]

    private static let sample: FileResult = Form4Extractor().extract(path: samplePath)

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sec-tables-\(UUID().uuidString)", isDirectory: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: - Helpers

    private func write(_ results: [FileResult]) throws {
        let writer = try SECTableWriter(directory: directory)
        for result in results { try writer.append(result) }
        try writer.close()
    }

    /// The file's lines split at tabs (the writer never puts a tab or newline inside a value).
    private func table(_ name: String) throws -> (header: [String], rows: [[String: String]]) {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"), "\(name) ends with a newline")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let header = lines.first.map { $0.components(separatedBy: "\t") } ?? []
        var rows: [[String: String]] = []
        for line in lines.dropFirst() {
            let cells = line.components(separatedBy: "\t")
            XCTAssertEqual(cells.count, header.count, "\(name): every row has as many cells as the header: \(line)")
            rows.append(Dictionary(zip(header, cells), uniquingKeysWith: { first, _ in first }))
        }
        return (header, rows)
    }

    // MARK: - Tests

    func testSampleIsExtracted() {
        XCTAssertEqual(Self.sample.status, .ok, "\(Self.sample.error?.message ?? "")")
        XCTAssertEqual(Self.sample.forms.count, 1)
    }

    func testEveryFileHasTheSECHeader() throws {
        try write([Self.sample])
        XCTAssertEqual(Set(SECTables.tableNames), Set(Self.secHeaders.keys))
        for name in SECTables.tableNames {
            let path = directory.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(name) is written")
            let expected = Self.secHeaders[name]!.split(separator: " ").map(String.init)
            XCTAssertEqual(SECTables.header(of: name), expected, name)
            XCTAssertEqual(try table(name).header, expected, "\(name) starts with the SEC's header row")
        }
    }

    func testTablesCarryTheSampleValuesAsTheSECWritesThem() throws {
        try write([Self.sample])
        let key = SECTables.accessionKey(sha256: Self.sample.sha256!, formIndex: 0)

        let submission = try table("SUBMISSION.tsv").rows
        XCTAssertEqual(submission.count, 1)
        XCTAssertEqual(submission.first?["ACCESSION_NUMBER"], key)
        XCTAssertEqual(submission.first?["PERIOD_OF_REPORT"], "30-APR-2025")
        XCTAssertEqual(submission.first?["DOCUMENT_TYPE"], "4")
        XCTAssertEqual(submission.first?["ISSUERNAME"], "374Water Inc.")
        XCTAssertEqual(submission.first?["ISSUERTRADINGSYMBOL"], "SCWO")
        XCTAssertEqual(submission.first?["NOT_SUBJECT_SEC16"], "0")
        XCTAssertEqual(submission.first?["AFF10B5ONE"], "0")
        XCTAssertEqual(submission.first?["ISSUERCIK"], "", "CIKs are not on the form")
        XCTAssertEqual(submission.first?["FILING_DATE"], "")

        let owners = try table("REPORTINGOWNER.tsv").rows
        XCTAssertEqual(owners.count, 1)
        XCTAssertEqual(owners.first?["RPTOWNERNAME"], "Melkote Rajesh Ramaswamy")
        XCTAssertEqual(owners.first?["RPTOWNER_RELATIONSHIP"], "Officer")
        XCTAssertEqual(owners.first?["RPTOWNER_TITLE"], "Chief Technology Officer")
        XCTAssertEqual(owners.first?["RPTOWNER_STATE"], "NC")

        let trans = try table("NONDERIV_TRANS.tsv").rows
        XCTAssertEqual(trans.count, 1)
        let row = try XCTUnwrap(trans.first)
        XCTAssertEqual(row["ACCESSION_NUMBER"], key)
        XCTAssertEqual(row["NONDERIV_TRANS_SK"], "1")
        XCTAssertEqual(row["TRANS_DATE"], "30-APR-2025")
        XCTAssertEqual(row["TRANS_FORM_TYPE"], "4")
        XCTAssertEqual(row["TRANS_CODE"], "A")
        XCTAssertEqual(row["EQUITY_SWAP_INVOLVED"], "0")
        XCTAssertEqual(row["TRANS_SHARES"], "757756")
        XCTAssertEqual(row["TRANS_SHARES_FN"], "F1")
        XCTAssertEqual(row["TRANS_PRICEPERSHARE"], "0")
        XCTAssertEqual(row["TRANS_ACQUIRED_DISP_CD"], "A")
        XCTAssertEqual(row["SHRS_OWND_FOLWNG_TRANS"], "757756")
        XCTAssertEqual(row["DIRECT_INDIRECT_OWNERSHIP"], "D")

        let deriv = try table("DERIV_TRANS.tsv").rows
        XCTAssertEqual(deriv.count, 1)
        XCTAssertEqual(deriv.first?["DERIV_TRANS_SK"], "1")
        XCTAssertEqual(deriv.first?["EXPIRATION_DATE"], "29-APR-2035")
        XCTAssertEqual(deriv.first?["EXCERCISE_DATE"], "")
        XCTAssertEqual(deriv.first?["EXCERCISE_DATE_FN"], "F1")
        XCTAssertEqual(deriv.first?["CONV_EXERCISE_PRICE"], "0.33")
        XCTAssertEqual(deriv.first?["UNDLYNG_SEC_TITLE"], "Common Stock")

        XCTAssertEqual(try table("NONDERIV_HOLDING.tsv").rows.count, 0)
        XCTAssertEqual(try table("DERIV_HOLDING.tsv").rows.count, 0)

        let notes = try table("FOOTNOTES.tsv").rows
        XCTAssertEqual(notes.map { $0["FOOTNOTE_ID"] }, ["F1"])
        XCTAssertTrue(notes.first?["FOOTNOTE_TXT"]?.hasPrefix("Vesting commencement date") == true)

        let signatures = try table("OWNER_SIGNATURE.tsv").rows
        XCTAssertEqual(signatures.first?["OWNERSIGNATURENAME"], "/s/ Rajesh Melkote")
        XCTAssertEqual(signatures.first?["OWNERSIGNATUREDATE"], "02-MAY-2025")

        let extraction = try table("EXTRACTION.tsv").rows
        XCTAssertEqual(extraction.count, 1)
        XCTAssertEqual(extraction.first?["ACCESSION_NUMBER"], key)
        XCTAssertEqual(extraction.first?["SOURCE_FILE"], Self.samplePath)
        XCTAssertEqual(extraction.first?["FORM_INDEX"], "0")
        XCTAssertEqual(extraction.first?["PAGES"], "1")
        XCTAssertEqual(extraction.first?["TEXT_SOURCE"], "native")
        XCTAssertEqual(extraction.first?["NEEDS_REVIEW"], "0")
        XCTAssertEqual(extraction.first?["SHA256"], Self.sample.sha256)
    }

    func testAccessionKeyIsStableAndDiffersBetweenForms() throws {
        let hash = try XCTUnwrap(Self.sample.sha256)
        XCTAssertEqual(SECTables.accessionKey(sha256: hash, formIndex: 0), SECTables.accessionKey(sha256: hash, formIndex: 0))
        XCTAssertEqual(SECTables.accessionKey(sha256: hash, formIndex: 0), "PDF-" + hash.prefix(20) + "-1")
        XCTAssertNotEqual(SECTables.accessionKey(sha256: hash, formIndex: 0), SECTables.accessionKey(sha256: hash, formIndex: 1))

        // Two forms in one file: the same on every call, different from each other.
        var twoForms = Self.sample
        twoForms.forms.append(twoForms.forms[0])
        let first = SECTables.rows(for: twoForms)["SUBMISSION.tsv"]!.map { $0[0] }
        let second = SECTables.rows(for: twoForms)["SUBMISSION.tsv"]!.map { $0[0] }
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.count, 2)
        XCTAssertNotEqual(first[0], first[1])
        XCTAssertEqual(first[1], "PDF-" + hash.prefix(20) + "-2")
        // Surrogate keys restart with each form.
        XCTAssertEqual(SECTables.rows(for: twoForms)["NONDERIV_TRANS.tsv"]!.map { $0[1] }, ["1", "1"])
    }

    func testTabsAndNewlinesInValuesDoNotBreakRows() throws {
        var result = Self.sample
        result.forms[0].issuer.issuerName.value = .string("Tab\tInside\nAnd Newline\r\nToo")
        result.forms[0].remarks = .known(.string("line one\nline two\tcolumn"))
        try write([result])
        let submission = try table("SUBMISSION.tsv").rows
        XCTAssertEqual(submission.count, 1)
        XCTAssertEqual(submission.first?["ISSUERNAME"], "Tab Inside And Newline Too", "a CR LF pair is one line break")
        XCTAssertEqual(submission.first?["REMARKS"], "line one line two column")
        XCTAssertEqual(submission.first?["ISSUERTRADINGSYMBOL"], "SCWO", "the columns after it stay in place")
        for (name, rows) in SECTables.rows(for: result) {
            for row in rows {
                XCTAssertEqual(row.count, SECTables.header(of: name).count, name)
                XCTAssertFalse(row.contains { $0.contains("\t") || $0.contains("\n") || $0.contains("\r") }, name)
            }
        }
    }

    func testResultsThatAreNotOkAddNoRows() throws {
        let failed = FileResult(file: "missing.pdf", status: .error,
                                error: .init(code: "file-not-found", message: "missing.pdf: no such file"),
                                reviewThreshold: 0.9)
        let notForm4 = FileResult(file: "letter.pdf", sha256: String(repeating: "ab", count: 32), pageCount: 1,
                                  status: .notForm4, reviewThreshold: 0.9)
        for result in [failed, notForm4] {
            XCTAssertTrue(SECTables.rows(for: result).values.allSatisfy(\.isEmpty))
            XCTAssertTrue(ReviewQueue.rows(for: result).isEmpty)
        }
        try write([failed, Self.sample, notForm4])
        XCTAssertEqual(try table("SUBMISSION.tsv").rows.count, 1)
    }

    /// Python's csv module, as a user's script would read the files, sees the same rows.
    func testPythonCSVReaderReadsTheFiles() throws {
        var tabbed = Self.sample
        tabbed.forms[0].remarks = .known(.string("a\tb\nc \"quoted\""))
        var twoForms = Self.sample
        twoForms.forms.append(twoForms.forms[0])
        try write([tabbed, twoForms])

        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 is not installed") }

        let script = """
            import csv, json, os, sys
            out = {}
            for name in sys.argv[2:]:
                with open(os.path.join(sys.argv[1], name), newline='', encoding='utf-8') as f:
                    rows = list(csv.reader(f, delimiter='\\t'))
                out[name] = {'rows': len(rows) - 1, 'header': rows[0], 'widths': sorted(set(len(r) for r in rows)),
                             'first': rows[1] if len(rows) > 1 else []}
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, directory.path] + SECTables.tableNames
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)

        struct Summary: Decodable { var rows: Int; var header: [String]; var widths: [Int]; var first: [String] }
        let summary = try JSONDecoder().decode([String: Summary].self, from: output)
        let expected = ["SUBMISSION.tsv": 3, "REPORTINGOWNER.tsv": 3, "NONDERIV_TRANS.tsv": 3,
                        "NONDERIV_HOLDING.tsv": 0, "DERIV_TRANS.tsv": 3, "DERIV_HOLDING.tsv": 0,
                        "FOOTNOTES.tsv": 3, "OWNER_SIGNATURE.tsv": 3, "EXTRACTION.tsv": 3]
        for name in SECTables.tableNames {
            let table = try XCTUnwrap(summary[name], name)
            XCTAssertEqual(table.rows, expected[name], "\(name) row count as Python reads it")
            XCTAssertEqual(table.header, SECTables.header(of: name), name)
            XCTAssertEqual(table.widths, [SECTables.header(of: name).count], "\(name): every row as wide as the header")
        }
        let submission = try XCTUnwrap(summary["SUBMISSION.tsv"])
        let remarks = try XCTUnwrap(SECTables.header(of: "SUBMISSION.tsv").firstIndex(of: "REMARKS"))
        XCTAssertEqual(submission.first[remarks], "a b c \"quoted\"")
    }

    func testReviewQueueListsFieldsBelowTheThreshold() throws {
        var result = Self.sample
        let form = result.forms[0]
        XCTAssertTrue(ReviewQueue.rows(for: result).isEmpty == form.allFields.allSatisfy { $0.field.confidence >= result.reviewThreshold })

        result.forms[0].derivativeTable[0].expirationDate?.confidence = 0.4
        result.forms[0].derivativeTable[0].expirationDate?.raw = "4/29/2035"
        result.reviewThreshold = 0.5
        let rows = ReviewQueue.rows(for: result)
        XCTAssertEqual(rows.count, 1)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.count, ReviewQueue.header.count)
        XCTAssertEqual(row[0], Self.samplePath)
        XCTAssertEqual(row[1], "1")
        XCTAssertEqual(row[2], "derivativeTable[0].expirationDate")
        XCTAssertEqual(row[3], "2035-04-29")
        XCTAssertEqual(row[4], "0.400")
        XCTAssertEqual(row[5], "1")
        XCTAssertEqual(row[6].split(separator: ",").count, 4, "the box is x0,y0,x1,y1")
        XCTAssertEqual(row[7], "4/29/2035")

        // Every field below a threshold above all confidences is listed.
        result.reviewThreshold = 1.01
        XCTAssertEqual(ReviewQueue.rows(for: result).count, form.allFields.count)
    }

    func testSECDates() {
        XCTAssertEqual(SECTables.secDate("2025-04-30"), "30-APR-2025")
        XCTAssertEqual(SECTables.secDate("2035-12-01"), "01-DEC-2035")
        XCTAssertNil(SECTables.secDate("04/30/2025"))
        XCTAssertNil(SECTables.secDate("2025-13-01"))
    }
}
