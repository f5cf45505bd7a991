import Foundation
import XCTest
import Layout
import PDFText
@testable import Form4

/// An OCR layer may garble the small print of the form's labels beyond matching; the labels are
/// then read again from the page image, and the boxes they name are still read.
final class LabelRescueTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first page of a scan300 sample, its truth, and the page with `labels`' words garbled
    /// the way a text layer garbles them.
    func damagedPage(_ labels: [Label]) throws -> (page: FormPage, damaged: FormPage, truth: Form4Record) {
        let directory = Self.root.appendingPathComponent("Samples/scan300")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pdf") }.sorted()
        let pdf = directory.appendingPathComponent(try XCTUnwrap(names.first))
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml")).first)
        let document = try PDFDocument(path: pdf.path)
        let page = try Form4Extractor().formPage(document.page(0))
        var garbled = Set<Int>()
        for label in labels {
            let match = try XCTUnwrap(page.first(label), "\(label) is on the sample page")
            garbled.formUnion(match.wordIndices)
        }
        let words = page.words.enumerated().map { index, word -> Word in
            guard garbled.contains(index) else { return word }
            var damaged = word
            damaged.text = String(repeating: "ae", count: max(1, word.text.count / 2))
            return damaged
        }
        let damaged = page.replacingText(PageText(number: page.number, bounds: page.bounds, source: page.source, words: words))
        return (page, damaged, truth)
    }

    func testBoxLabelsOfPagesWeOCROurselvesAreNotReadAgainButColumnHeadingsAre() throws {
        // Their words came from the same engine at the same resolution a moment before: reading
        // the boxes again doubled an image-only page's time. A table's heading band is small,
        // and without enough of its headings the table is lost.
        let (_, damagedBoxes, _) = try damagedPage([FormLabels.nameAndAddress, FormLabels.issuerName])
        let ours = damagedBoxes.replacingText(PageText(number: damagedBoxes.number, bounds: damagedBoxes.bounds, source: .ocr, words: damagedBoxes.words))
        XCTAssertNil(LabelRescue().repaired(ours))
        XCTAssertNotNil(LabelRescue().repaired(damagedBoxes), "an OCR text layer is")
        let headings = [TableAnatomy.nonDerivative[0], TableAnatomy.nonDerivative[1], TableAnatomy.nonDerivative[4]].map(\.label)
        let (_, damagedHeadings, _) = try damagedPage(headings)
        let oursWithoutHeadings = damagedHeadings.replacingText(
            PageText(number: damagedHeadings.number, bounds: damagedHeadings.bounds, source: .ocr, words: damagedHeadings.words))
        let repaired = try XCTUnwrap(LabelRescue().repaired(oursWithoutHeadings))
        for heading in headings { XCTAssertGreaterThanOrEqual(repaired.first(heading)?.score ?? 0, 0.9, "\(heading) put back") }
        // Two headings lost still leave the columns placed (by the rest and the rules): not worth the time.
        let (_, twoLost, _) = try damagedPage(Array(headings.prefix(2)))
        XCTAssertNil(LabelRescue().repaired(twoLost.replacingText(
            PageText(number: twoLost.number, bounds: twoLost.bounds, source: .ocr, words: twoLost.words))))
    }

    /// A WeasyPrint print scanned without a text layer: OCR of the whole page runs Table I's
    /// headings together line by line ("eee octlengaction mols beh grcivks"), and so does a
    /// reading of the band as one block; read as scattered text, each heading comes out whole.
    func testColumnHeadingsPrintedInBlocksSideBySideAreReadAsScatteredText() throws {
        let result = Form4Extractor().extract(path: ExtractionTests.fixtures.appendingPathComponent("weasyprint-image-only-page-1.pdf").path)
        let table = try XCTUnwrap(result.forms.first).nonDerivativeTable
        XCTAssertEqual(table.count, 5)
        let first = try XCTUnwrap(table.first)
        XCTAssertEqual(first.securityTitle.value, .string("Common Stock"))
        XCTAssertEqual(first.transactionDate.value, .string("2021-07-17"))
        XCTAssertEqual(first.transactionShares.value, .number(6346.3))
        XCTAssertEqual(first.transactionPricePerShare.value, .number(Decimal(string: "68.96")!))
        XCTAssertEqual(table.last?.sharesOwnedFollowingTransaction.value, .number(9150))
    }

    func testGarbledBoxLabelsAreReadAgainAndTheirBoxesRead() throws {
        let (page, damaged, _) = try damagedPage([FormLabels.nameAndAddress, FormLabels.issuerName,
                                                  FormLabels.earliestTransaction, FormLabels.amendment])
        XCTAssertEqual(FormSplitter.role(of: damaged), .continuation, "with two of its six box labels the page is no form start")
        let repaired = try XCTUnwrap(LabelRescue().repaired(damaged))
        XCTAssertEqual(FormSplitter.role(of: repaired), .form4Start)
        // The boxes read as they do with the labels intact.
        let record = FormReader(pages: [repaired]).read(), intact = FormReader(pages: [page]).read()
        XCTAssertFalse(record.issuer.issuerName.value.isNull)
        XCTAssertEqual(record.issuer.issuerName.value, intact.issuer.issuerName.value)
        XCTAssertEqual(record.reportingOwners.first?.rptOwnerName.value, intact.reportingOwners.first?.rptOwnerName.value)
    }

    func testAFirstPageWithBoxes1And5GarbledIsStillReadWithoutReadingItAgain() throws {
        // OCR of our own (no second reading) garbles a label or two; the other boxes still make
        // the page a form's first, and boxes 1 and 5 are found beside boxes 2 and 6.
        let (page, damaged, _) = try damagedPage([FormLabels.nameAndAddress, FormLabels.relationship])
        XCTAssertEqual(FormSplitter.role(of: damaged), .form4Start)
        let record = FormReader(pages: [damaged]).read(), intact = FormReader(pages: [page]).read()
        let owner = try XCTUnwrap(record.reportingOwners.first), intactOwner = try XCTUnwrap(intact.reportingOwners.first)
        XCTAssertFalse(intactOwner.rptOwnerName.value.isNull)
        XCTAssertEqual(owner.rptOwnerName.value, intactOwner.rptOwnerName.value)
        XCTAssertEqual(owner.rptOwnerCity.value, intactOwner.rptOwnerCity.value)
        XCTAssertEqual(owner.isDirector.value, intactOwner.isDirector.value)
        XCTAssertEqual(owner.isOfficer.value, intactOwner.isOfficer.value)
        XCTAssertEqual(owner.officerTitle.value, intactOwner.officerTitle.value)
        XCTAssertEqual(record.periodOfReport.value, intact.periodOfReport.value, "box 3 ends where box 5's column starts")
    }

    func testGarbledColumnHeadingsAreReadAgainAndTheTableRead() throws {
        let headings = [TableAnatomy.nonDerivative[1], TableAnatomy.nonDerivative[3], TableAnatomy.nonDerivative[4]].map(\.label)
        let (page, damaged, truth) = try damagedPage(headings)
        // Even before the labels are read again, the table's rules give the lost headings' columns.
        let unrepaired = FormReader(pages: [damaged]).read()
        XCTAssertEqual(unrepaired.nonDerivativeTable.first?.transactionCode.value, truth.nonDerivativeTable.first?.transactionCode.value)
        let repaired = try XCTUnwrap(LabelRescue().repaired(damaged))
        for heading in headings {
            let found = try XCTUnwrap(repaired.first(heading), "\(heading) put back")
            let before = try XCTUnwrap(page.first(heading))
            XCTAssertGreaterThanOrEqual(found.score, 0.9)
            XCTAssertEqual(found.rect.x0, before.rect.x0, accuracy: page.unit, "\(heading) where the print has it")
        }
        let record = FormReader(pages: [repaired]).read()
        XCTAssertEqual(record.nonDerivativeTable.count, truth.nonDerivativeTable.count)
        XCTAssertEqual(record.nonDerivativeTable.first?.transactionCode.value, truth.nonDerivativeTable.first?.transactionCode.value)
    }

    func testAPageWithItsLabelsIsLeftAsItIs() throws {
        let (page, _, _) = try damagedPage([])
        if let repaired = LabelRescue().repaired(page) {
            // Only labels the page lacked may be added; what it had stays.
            XCTAssertEqual(repaired.first(FormLabels.issuerName)?.rect.y0, page.first(FormLabels.issuerName)?.rect.y0)
        }
    }
}
