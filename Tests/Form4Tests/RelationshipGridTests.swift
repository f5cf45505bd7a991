import XCTest
import Layout
import PDFText
@testable import Form4

/// Box 5's four labels stand in two rows and two columns: one OCR wrecked is found at the word
/// the others point to.
final class RelationshipGridTests: XCTestCase {
    func words(_ text: String, x: Double, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 3, height: 5, gap: 2)
    }

    /// Box 5 as OCR read a small print: the first row's labels came out as `firstRow`.
    func box(director: String, tenPercent: String) -> (page: FormPage, region: Rect) {
        let all = words("5. Relationship of Reporting Person(s) to Issuer", x: 413, y: 120)
            + words("(Check all applicable)", x: 413, y: 127)
            + words("X", x: 425, y: 135) + words(director, x: 439, y: 135) + words(tenPercent, x: 521, y: 135)
            + words("Officer (give title below)", x: 439, y: 142) + words("Other (specify below)", x: 521, y: 142)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: all)
        return (FormPage(text: text, pdfPage: nil), Rect(x0: 410, y0: 126, x1: 600, y1: 175))
    }

    func testWreckedLabelsArePlacedAboveTheirColumnsOtherLabel() throws {
        let (page, region) = box(director: "dines", tenPercent: "TON OWner")
        let officer = page.topMost(FormLabels.officer, in: region), other = page.topMost(FormLabels.other, in: region)
        XCTAssertNil(page.topMost(FormLabels.director, in: region))
        let placed = OwnerReader.placedByGrid(director: nil, tenPercent: nil, officer: officer, other: other, page: page, region: region)
        let director = try XCTUnwrap(placed.director), tenPercent = try XCTUnwrap(placed.tenPercent)
        XCTAssertEqual(page.words[director.wordIndices[0]].text, "dines")
        XCTAssertEqual(page.words[tenPercent.wordIndices[0]].text, "TON")
        XCTAssertEqual(placed.officer?.wordIndices, officer?.wordIndices, "found labels stay as they are")
    }

    func testNothingIsPlacedWhereNoWordStands() {
        let (page, region) = box(director: "", tenPercent: "")
        let officer = page.topMost(FormLabels.officer, in: region), other = page.topMost(FormLabels.other, in: region)
        let placed = OwnerReader.placedByGrid(director: nil, tenPercent: nil, officer: officer, other: other, page: page, region: region)
        XCTAssertNil(placed.director)
        XCTAssertNil(placed.tenPercent)
    }

    /// Box 5 with the labels' second lines ("below)") lost to OCR.
    func boxWithoutSecondLines(director: String, tenPercent: String) -> (page: FormPage, region: Rect) {
        let all = words("5. Relationship of Reporting Person(s) to Issuer", x: 413, y: 120)
            + words("(Check all applicable)", x: 413, y: 127)
            + words(director, x: 439, y: 135) + words(tenPercent, x: 521, y: 135)
            + words("X", x: 425, y: 142) + words("Officer (give tite", x: 439, y: 142) + words("Other (specify", x: 521, y: 142)
            + words("= ) ~", x: 439, y: 149)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocr, words: all)
        return (FormPage(text: text, pdfPage: nil), Rect(x0: 410, y0: 126, x1: 600, y1: 175))
    }

    func testWrappedLabelsAreFoundByTheirFirstLines() throws {
        let (page, region) = boxWithoutSecondLines(director: "Director", tenPercent: "10% Owner")
        XCTAssertNil(page.topMost(FormLabels.officer, in: region), "the whole label is too damaged")
        let boxes = OwnerReader(page: page).relationshipBoxes(in: region)
        let officer = try XCTUnwrap(boxes.officer), other = try XCTUnwrap(boxes.other)
        XCTAssertEqual(officer.label, FormLabels.officer)
        XCTAssertEqual(other.label, FormLabels.other)
        XCTAssertNotNil(boxes.officerArea)
        XCTAssertNotNil(boxes.otherArea)
    }

    /// Chromium wraps "Officer (give title" over "below)"; OCR lost the officer's "below)", and
    /// the officer's title begins beside the other label's "below)".
    func testATitleBesideTheOtherLabelsEndIsReadWhole() throws {
        func owner(titleLines: [String]) -> ReportingOwner {
            var all = words("5. Relationship of Reporting Person(s) to Issuer", x: 413, y: 120)
                + words("Director", x: 439, y: 135) + words("10% Owner", x: 521, y: 135)
                + words("X", x: 425, y: 142) + words("Officer (give title", x: 439, y: 142) + words("Other (specify", x: 521, y: 142)
                + words("below)", x: 521, y: 149)
            for (index, line) in titleLines.enumerated() { all += words(line, x: 439, y: 149 + 7 * Double(index)) }
            let page = FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocr, words: all),
                                pdfPage: nil)
            let region = Rect(x0: 410, y0: 126, x1: 600, y1: 175)
            let reader = OwnerReader(page: page)
            var owner = ReportingOwner()
            reader.readRelationship(into: &owner, region: region, boxes: reader.relationshipBoxes(in: region))
            return owner
        }
        XCTAssertEqual(owner(titleLines: ["Chief", "Technology Officer"]).officerTitle.value, .string("Chief Technology Officer"))
        XCTAssertEqual(owner(titleLines: ["betow)", "Chief Financial Officer"]).officerTitle.value, .string("Chief Financial Officer"),
                       "what OCR left of the officer label's own end is no title")
        XCTAssertEqual(owner(titleLines: ["Maat )", "Chief Financial Officer"]).officerTitle.value, .string("Chief Financial Officer"))
        XCTAssertEqual(owner(titleLines: ["Rome", "Chief", "Financial Officer"]).officerTitle.value, .string("Chief Financial Officer"),
                       "a word where the officer label's lost end stood, that no title starts with, is that end garbled")
        XCTAssertEqual(owner(titleLines: ["Treasurer"]).officerTitle.value, .string("Treasurer"))
    }

    func testALabelWithNoWordLeftStandsWhereItsColumnAndRowCross() throws {
        let (page, region) = boxWithoutSecondLines(director: "Director", tenPercent: "")
        let boxes = OwnerReader(page: page).relationshipBoxes(in: region)
        let director = try XCTUnwrap(boxes.director), other = try XCTUnwrap(boxes.other)
        let tenPercent = try XCTUnwrap(boxes.tenPercent, "placed from Director's row and Other's column")
        XCTAssertTrue(tenPercent.wordIndices.isEmpty)
        XCTAssertEqual(tenPercent.rect.x0, page.words[other.wordIndices[0]].rect.x0, accuracy: 0.01)
        XCTAssertEqual(tenPercent.rect.midY, director.rect.midY, accuracy: 0.01)
        let area = try XCTUnwrap(boxes.tenPercentArea)
        XCTAssertLessThan(area.x1, tenPercent.rect.x0, "the checkbox stands left of its label")
    }
}

/// A joint filer's relationship cell where OCR wrecked its label.
final class JointFilerRelationshipTests: XCTestCase {
    func words(_ text: String, x: Double, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 3, height: 5, gap: 2)
    }

    /// The second owner's row as OCR read a WeasyPrint print at 200 dpi: the cell's label came
    /// out with words of its own ("1. Bynatoe Relationship of Reporting Scat Person(s) iciner to
    /// Issuer"), "Director" and "10% Owner" were lost, and the "other" text under the labels
    /// begins with "Director".
    func secondOwnerRow() -> FormPage {
        let all = words("1. Name and Address of Reporting Person", x: 37, y: 356)
            + words("Quantic Ventures II, L.P.", x: 37, y: 370)
            + words("500 BOYLSTON STREET", x: 39, y: 411)
            + words("1. Bynatoe Relationship of Reporting Scat Person(s) iciner to Issuer", x: 160, y: 411)
            + words("Officer (give title below)", x: 217, y: 437) + words("X", x: 312, y: 437)
            + words("Other (specify below)", x: 325, y: 437)
            + words("Director by deputization", x: 325, y: 455)
        let text = PageText(number: 3, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: all)
        return FormPage(text: text, pdfPage: nil)
    }

    func testTheCellIsFoundByItsCheckboxLabelsAndTheTextUnderThemIsNoLabel() throws {
        let page = secondOwnerRow()
        let beside = Rect(x0: 200, y0: 350, x1: 612, y1: 530)
        XCTAssertNil(page.first(FormLabels.additionalRelationship, in: beside), "the label is too damaged to be found")
        let cell = try XCTUnwrap(FormReader.relationshipCell(in: beside, on: page))
        XCTAssertLessThan(cell.x0, 217, "the officer's checkbox stands left of its label")
        XCTAssertGreaterThan(cell.x0, 160, "the street stays in the name's cell")
        let boxes = OwnerReader(page: page).relationshipBoxes(in: Rect(x0: cell.x0, y0: cell.y0, x1: 612, y1: 530))
        XCTAssertNotNil(boxes.otherArea)
        XCTAssertNotNil(boxes.officerArea)
        if let director = boxes.director {
            XCTAssertLessThan(director.rect.y0, 437, "\"Director by deputization\" is the other text, not the label")
        }
    }
}
