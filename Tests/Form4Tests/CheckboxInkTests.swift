import Foundation
import XCTest
import PDFText
@testable import Form4

/// Checkbox marks a print draws (vector check marks, no "X" in the text layer) are read from
/// ink; a page is rendered once for the checkboxes announced before the first look, with only
/// their areas drawn.
final class CheckboxInkTests: XCTestCase {
    static let drawnMarks = ExtractionTests.root.appendingPathComponent("Samples/rendered/f0018-x0508-letter-s85-ckimg.pdf").path
    /// Box 5's "Director" box (ticked) and "Officer" box (empty) on that page, and the issuer's
    /// name (text, no checkbox).
    static let directorBox = Rect(x0: 420, y0: 186, x1: 438, y1: 198)
    static let officerBox = Rect(x0: 420, y0: 200, x1: 438, y1: 211)
    static let issuerName = Rect(x0: 226, y0: 179, x1: 328, y1: 191)

    func page() throws -> FormPage {
        try Form4Extractor().formPage(PDFDocument(path: Self.drawnMarks).page(0))
    }

    func testDrawnMarksAreReadFromInk() throws {
        let record = try XCTUnwrap(Form4Extractor().extract(path: Self.drawnMarks).forms.first)
        let owner = try XCTUnwrap(record.reportingOwners.first)
        XCTAssertEqual(owner.isDirector.value, .bool(true))
        XCTAssertEqual(owner.isDirector.method, "checkbox-ink")
        for empty in [owner.isOfficer, owner.isTenPercentOwner, owner.isOther, record.notSubjectToSection16, record.aff10b5One] {
            XCTAssertEqual(empty.value, .bool(false))
            XCTAssertEqual(empty.method, "checkbox-ink")
        }
    }

    func testTheHeadersSixCheckboxesCostOneRender() throws {
        let page = try page()
        let record = FormReader(pages: [page]).read()
        XCTAssertEqual(record.reportingOwners.first?.isDirector.value, .bool(true))
        XCTAssertEqual(page.inkRenders, 1)
    }

    func testOneRenderDrawsEveryAnnouncedAreaAndNothingElse() throws {
        let page = try page()
        XCTAssertFalse(page.marksCheckboxesInText)
        page.expectInk(in: [Self.directorBox, Self.officerBox])
        let image = try XCTUnwrap(page.raster(covering: Self.officerBox))
        XCTAssertGreaterThan(image.inkFraction(in: Self.directorBox), 0.03, "the other announced box is drawn too")
        XCTAssertEqual(image.inkFraction(in: Self.issuerName), 0, "text outside the announced areas is not drawn")
        // The same image serves every announced box: no second render.
        XCTAssertEqual(page.raster(covering: Self.directorBox)?.pixels, image.pixels)
        XCTAssertEqual(page.inkRenders, 1)
    }

    func testAnAreaNotAnnouncedGetsTheWholePageDrawn() throws {
        let page = try page()
        page.expectInk(in: [Self.directorBox])
        XCTAssertEqual(page.raster(covering: Self.directorBox)?.inkFraction(in: Self.issuerName), 0)
        let whole = try XCTUnwrap(page.raster(covering: Self.issuerName))
        XCTAssertGreaterThan(whole.inkFraction(in: Self.issuerName), 0.02)
        XCTAssertEqual(page.inkRenders, 2)
    }

    /// A grey image at 2 pixels per point with dark squares at the given pixel boxes.
    func image(squares: [(x: Int, y: Int, side: Int)]) -> GrayImage {
        var pixels = [UInt8](repeating: 255, count: 100 * 40)
        for square in squares {
            for y in square.y..<(square.y + square.side) { for x in square.x..<(square.x + square.side) { pixels[y * 100 + x] = 0 } }
        }
        return GrayImage(width: 100, height: 40, pixels: pixels, scale: 2, region: Rect(x0: 0, y0: 0, x1: 50, y1: 20))
    }

    func testALetterOfALabelIsNoBoxButAMarkUnderGarbledOCRIs() {
        // Three letter-sized squares 2 px apart (the "o", "w" of "below)") under a word of text.
        let letters = image(squares: [(10, 10, 10), (22, 10, 10), (34, 10, 10)])
        let word = Rect(x0: 4, y0: 4, x1: 23, y1: 11)
        let region = Rect(x0: 0, y0: 0, x1: 50, y1: 20)
        XCTAssertNotNil(CheckboxReader().inkBox(in: region, raster: letters), "without the text layer a letter looks like a box")
        XCTAssertNil(CheckboxReader().inkBox(in: region, raster: letters, outside: [word]))
        // A mark standing apart, which OCR read into a garbled word ("Papeete"): still a box.
        let mark = image(squares: [(60, 10, 10)])
        let garbled = Rect(x0: 28, y0: 4, x1: 37, y1: 11)
        XCTAssertEqual(CheckboxReader().inkBox(in: region, raster: mark, outside: [garbled])?.x0, 30)
    }

    func testAGreyMarkIsFoundAtALighterInkLevelAndLettersAreNot() {
        // An "X" on a scan, grey (170) with dark patches along one stroke: at the fixed level
        // only the patches are ink, too small for a box; at a lighter level the whole mark is.
        var pixels = [UInt8](repeating: 255, count: 100 * 40)
        for step in 0..<14 {
            let dark: UInt8 = step % 3 == 2 ? 170 : 20
            pixels[(13 + step) * 100 + 20 + step] = dark
            pixels[(13 + step) * 100 + 21 + step] = dark
            pixels[(13 + step) * 100 + 33 - step] = 170
            pixels[(13 + step) * 100 + 34 - step] = 170
        }
        let mark = GrayImage(width: 100, height: 40, pixels: pixels, scale: 2, region: Rect(x0: 0, y0: 0, x1: 50, y1: 20))
        let region = Rect(x0: 0, y0: 0, x1: 50, y1: 20)
        XCTAssertNil(CheckboxReader().inkBox(in: region, raster: mark))
        XCTAssertEqual(CheckboxReader().inkBox(in: region, raster: mark, inkLevel: 200, alone: true)?.x0, 10)
        // Letters side by side are no box at that level, wherever the text layer put its words.
        let letters = image(squares: [(10, 10, 10), (22, 10, 10), (34, 10, 10)])
        XCTAssertNil(CheckboxReader().inkBox(in: region, raster: letters, inkLevel: 200, alone: true))
    }
}
