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
