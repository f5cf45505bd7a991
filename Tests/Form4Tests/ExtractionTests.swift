import Foundation
import XCTest
@testable import Form4
import PDFText

/// End to end on the real EDGAR rendering, and the statuses a user sees for bad input.
final class ExtractionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let real = root.appendingPathComponent("Samples/edgar-real/form4-chromium-letter.pdf").path
    static let realTruth = root.appendingPathComponent("Samples/edgar-real/form4-chromium-letter.xml")

    func testRealRenderingMatchesItsTruthFieldByField() throws {
        let result = Form4Extractor().extract(path: Self.real)
        XCTAssertEqual(result.status, .ok)
        XCTAssertEqual(result.forms.count, 1)
        let record = try XCTUnwrap(result.forms.first)
        XCTAssertEqual(record.pages, [1])
        XCTAssertEqual(record.textSource, .native)
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: Self.realTruth).first)
        let wrong = EvalComparison.compare(extracted: record, truth: truth).filter { !$0.valueCorrect || !$0.footnotesCorrect }
        XCTAssertEqual(wrong.map(\.path), [])
        // Every read value says where it stands on the page.
        XCTAssertEqual(record.issuer.issuerTradingSymbol.page, 1)
        XCTAssertNotNil(record.issuer.issuerTradingSymbol.bbox)
        XCTAssertEqual(record.derivativeTable.first?.exerciseDate?.footnoteIds, ["F1"])
    }

    func testTheRealFilingPrintedByOtherToolsReadsTheSame() throws {
        // WeasyPrint ignores the HTML's cell widths: cells shrink and wrap, text is centred in
        // tall rows, box 1's city, state and zip run together, Table II runs off the paper.
        for printer in ["weasyprint", "wkhtmltopdf"] {
            let pdf = Self.root.appendingPathComponent("Samples/edgar-real/form4-\(printer)-a4.pdf").path
            let record = try XCTUnwrap(Form4Extractor().extract(path: pdf).forms.first, printer)
            let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: Self.realTruth).first)
            let wrong = EvalComparison.compare(extracted: record, truth: truth).filter { !$0.valueCorrect || !$0.footnotesCorrect }
            XCTAssertEqual(wrong.map(\.path), [], printer)
        }
    }

    func testATableRunningOntoAPageWithoutItsHeaderKeepsItsRows() throws {
        // wkhtmltopdf does not repeat a table's title and headings on the next page: the rows
        // there are read with the columns of the page before.
        let pdf = Self.fixtures.appendingPathComponent("wkhtmltopdf-table-runs-onto-page-2.pdf").path
        let record = try XCTUnwrap(Form4Extractor().extract(path: pdf).forms.first)
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: Self.fixtures.appendingPathComponent("wkhtmltopdf-table-runs-onto-page-2.xml")).first)
        XCTAssertEqual(record.pages, [1, 2])
        XCTAssertEqual(record.derivativeTable.count, truth.derivativeTable.count)
        let onPage2 = try XCTUnwrap(record.derivativeTable.last)
        XCTAssertEqual(onPage2.transactionDate.page, 2)
        XCTAssertEqual(onPage2.transactionDate.value, truth.derivativeTable.last?.transactionDate.value)
        XCTAssertEqual(onPage2.sharesOwnedFollowingTransaction.value, truth.derivativeTable.last?.sharesOwnedFollowingTransaction.value)
        // The row the page break cut through: wkhtmltopdf prints its last lines on both pages.
        XCTAssertEqual(record.derivativeTable.map(\.securityTitle.value), truth.derivativeTable.map(\.securityTitle.value))
        XCTAssertEqual(record.derivativeTable.map { $0.natureOfOwnership.value }, truth.derivativeTable.map { $0.natureOfOwnership.value })
    }

    func testAScanOfATableRunningOntoAPageWithoutItsHeaderKeepsItsRows() throws {
        // The same print scanned at 200 dpi with an OCR layer (scripts/corpus/scan.py, light
        // damage): the rows at the top of page 2 are read with page 1's columns too.
        let pdf = Self.fixtures.appendingPathComponent("wkhtmltopdf-table-runs-onto-page-2-scan200.pdf").path
        let record = try XCTUnwrap(Form4Extractor().extract(path: pdf).forms.first)
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: Self.fixtures.appendingPathComponent("wkhtmltopdf-table-runs-onto-page-2.xml")).first)
        XCTAssertEqual(record.textSource, .ocrLayer)
        XCTAssertEqual(record.derivativeTable.count, truth.derivativeTable.count)
        let onPage2 = try XCTUnwrap(record.derivativeTable.last)
        XCTAssertEqual(onPage2.transactionDate.page, 2)
        XCTAssertEqual(onPage2.transactionDate.value, truth.derivativeTable.last?.transactionDate.value)
        XCTAssertEqual(onPage2.sharesOwnedFollowingTransaction.value, truth.derivativeTable.last?.sharesOwnedFollowingTransaction.value)
    }

    func testTwoFormsBoundInOnePDFAreFoundWithTheirPages() throws {
        let bound = Self.root.appendingPathComponent("Samples/bound")
        let pdfs = (try? FileManager.default.contentsOfDirectory(atPath: bound.path))?.filter { $0.hasSuffix(".pdf") }.sorted() ?? []
        try XCTSkipIf(pdfs.isEmpty, "Samples/bound is generated by make samples")
        for name in pdfs {
            let base = bound.appendingPathComponent(String(name.dropLast(4))).path
            var truthCount = 0
            while FileManager.default.fileExists(atPath: "\(base).\(truthCount + 1).xml") { truthCount += 1 }
            let result = Form4Extractor().extract(path: bound.appendingPathComponent(name).path)
            XCTAssertEqual(result.forms.count, truthCount, name)
            let pages = result.forms.flatMap(\.pages)
            XCTAssertEqual(pages, pages.sorted(), "forms come in page order")
            XCTAssertEqual(Set(pages).count, pages.count, "no page belongs to two forms")
        }
    }

    /// The hash is worked out beside the reading: every result carries the file's own, read or not.
    func testEveryResultCarriesItsFilesSHA256() throws {
        let pdf = try Data(contentsOf: URL(fileURLWithPath: Self.real))
        let damaged = Data(pdf.prefix(4000))
        for (data, status) in [(pdf, FileResult.Status.ok), (damaged, .error), (Data("Dear shareholder".utf8), .error)] {
            let result = Form4Extractor().extract(data: data, name: "in-memory.pdf")
            XCTAssertEqual(result.status, status)
            XCTAssertEqual(result.sha256, SHA256.hex(data))
        }
        // The SHA-256 of "abc" (FIPS 180-2).
        XCTAssertEqual(Form4Extractor().extract(data: Data("abc".utf8), name: "abc").sha256,
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testBadInputGetsAnErrorStatusWithAStableCode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("form4-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.pdf")
        try Data().write(to: empty)
        let text = folder.appendingPathComponent("letter.pdf")
        try Data("Dear shareholder".utf8).write(to: text)
        let truncated = folder.appendingPathComponent("truncated.pdf")
        try Data(try Data(contentsOf: URL(fileURLWithPath: Self.real)).prefix(4000)).write(to: truncated)
        let subfolder = folder.appendingPathComponent("filings.pdf")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        let cases: [(URL, String)] = [(empty, "empty-file"), (text, "not-pdf"), (truncated, "damaged-pdf"),
                                      (folder.appendingPathComponent("missing.pdf"), "file-not-found"), (subfolder, "unreadable")]
        for (file, code) in cases {
            let result = Form4Extractor().extract(path: file.path)
            XCTAssertEqual(result.status, .error, file.lastPathComponent)
            XCTAssertEqual(result.error?.code, code, file.lastPathComponent)
            XCTAssertTrue(result.error?.message.contains(file.lastPathComponent) ?? false)
        }
        XCTAssertTrue(Form4Extractor().extract(path: subfolder.path).error?.message.hasSuffix("is a folder, not a PDF file") ?? false)
    }

    func testNormalisationOfPrintedValues() {
        XCTAssertEqual(ValueParsing.date("04/30/2025").value, .string("2025-04-30"))
        XCTAssertEqual(ValueParsing.number("$2,845.52").value, .number(Decimal(string: "2845.52")!))
        XCTAssertEqual(ValueParsing.number("4,767.925").value, .number(Decimal(string: "4767.925")!))
        XCTAssertEqual(ValueParsing.state("CALIFORNIA").value, .string("CA"))
        XCTAssertEqual(ValueParsing.code("(D)", allowed: ["A", "D"]).value, .string("D"))
        let repaired = ValueParsing.date("O4/3O/2O25")
        XCTAssertEqual(repaired.value, .string("2025-04-30"))
        XCTAssertLessThan(repaired.quality, 1, "a repaired reading is less certain")
        XCTAssertEqual(CellText.splitTrailingMarkers("757,756(1)(2)").0, "757,756")
        XCTAssertEqual(CellText.splitTrailingMarkers("757,756(1)(2)").1, [1, 2])
    }

    func testTextHasItsWhiteSpaceFoldedToSingleSpaces() {
        XCTAssertEqual(ValueParsing.foldWhitespace("Common Stock"), "Common Stock")
        XCTAssertEqual(ValueParsing.foldWhitespace(" Common  Stock "), "Common Stock")
        XCTAssertEqual(ValueParsing.foldWhitespace("Common Stock "), "Common Stock")
        XCTAssertEqual(ValueParsing.foldWhitespace("Common\n\tStock"), "Common Stock")
        XCTAssertEqual(ValueParsing.foldWhitespace("Société\u{00A0} Générale"), "Société Générale")
        XCTAssertEqual(ValueParsing.foldWhitespace("   "), "")
        XCTAssertEqual(ValueParsing.foldWhitespace(""), "")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testAPDFWithoutAForm4IsNotForm4() {
        let result = Form4Extractor().extract(path: Self.fixtures.appendingPathComponent("letter.pdf").path)
        XCTAssertEqual(result.status, .notForm4)
        XCTAssertEqual(result.pageCount, 1)
        XCTAssertNil(result.error)
        XCTAssertTrue(result.forms.isEmpty)
    }

    func testEncryptedPDFNeedsItsPassword() throws {
        let path = Self.fixtures.appendingPathComponent("form4-encrypted.pdf").path
        let locked = Form4Extractor().extract(path: path)
        XCTAssertEqual(locked.status, .error)
        XCTAssertEqual(locked.error?.code, "encrypted")
        XCTAssertTrue(locked.error?.message.contains("--password") ?? false, "the message says what to do")
        let wrong = Form4Extractor(options: ExtractionOptions(password: "guess")).extract(path: path)
        XCTAssertEqual(wrong.error?.code, "wrong-password")
        let opened = Form4Extractor(options: ExtractionOptions(password: "form4pass")).extract(path: path)
        XCTAssertEqual(opened.status, .ok)
        XCTAssertEqual(opened.forms.first?.issuer.issuerTradingSymbol.value, .string("SCWO"))
    }

    /// Tables that run over several pages and joint filings with several owners, read in full.
    func testMultiPageTablesAndJointFilingsAreReadInFull() throws {
        let folder = Self.root.appendingPathComponent("Samples/rendered")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }.sorted()
        var multiPage = 0, jointFilings = 0
        for name in names {
            let pdf = folder.appendingPathComponent(name)
            let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml")).first)
            let spansPages = truth.nonDerivativeTable.count + truth.derivativeTable.count > 12
            guard spansPages || truth.reportingOwners.count > 1 else { continue }
            let record = try XCTUnwrap(Form4Extractor().extract(path: pdf.path).forms.first, name)
            if spansPages, record.pages.count > 1 {
                multiPage += 1
                XCTAssertEqual(record.nonDerivativeTable.count, truth.nonDerivativeTable.count, name)
                XCTAssertEqual(record.derivativeTable.count, truth.derivativeTable.count, name)
            }
            if truth.reportingOwners.count > 1 {
                jointFilings += 1
                XCTAssertEqual(record.reportingOwners.map(\.rptOwnerName.value), truth.reportingOwners.map(\.rptOwnerName.value), name)
            }
        }
        XCTAssertGreaterThan(multiPage, 0, "the samples hold tables that run over pages")
        XCTAssertGreaterThan(jointFilings, 0, "the samples hold joint filings")
    }
}
