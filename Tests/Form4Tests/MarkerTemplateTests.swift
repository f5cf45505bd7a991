import XCTest
import PDFText
@testable import Form4

/// Markers too small and blurred for OCR are told by their picture: the ink is compared with
/// each footnote number the form defines, drawn as Times prints it.
final class MarkerTemplateTests: XCTestCase {
    /// `text` drawn from `glyphs` `height` pixels high, blurred by `sigma`, as grey print (ink at
    /// 80, paper at 215, with a fixed pattern of noise) on a page at 300 dpi, its ink starting at
    /// (20, 20) points; and the ink's box in points.
    func scan(_ text: String, glyphs: [Character: (width: Int, pixels: String)], height: Int, sigma: Double) -> (GrayImage, Rect) {
        let drawing = MarkerTemplates.drawing(of: text, in: glyphs).resized(toHeight: height).blurred(sigma: sigma)
        let scale = 300.0 / 72, width = 200, imageHeight = 160
        var pixels = [UInt8](repeating: 215, count: width * imageHeight)
        let left = Int(20 * scale), top = Int(20 * scale)
        for y in 0..<drawing.height { for x in 0..<drawing.width {
            let noise = Double((x * 7 + y * 13) % 11) - 5
            pixels[(top + y) * width + left + x] = UInt8(max(0, min(255, 215 - 135 * drawing[x, y] + noise)))
        } }
        let image = GrayImage(width: width, height: imageHeight, pixels: pixels, scale: scale,
                              region: Rect(x0: 0, y0: 0, x1: Double(width) / scale, y1: Double(imageHeight) / scale))
        // The box the ink finder reports: where the ink is darker than halfway to the paper.
        var box: Rect?
        for y in 0..<drawing.height { for x in 0..<drawing.width where drawing[x, y] > 0.3 {
            let pixel = Rect(x0: Double(left + x) / scale, y0: Double(top + y) / scale,
                             x1: Double(left + x + 1) / scale, y1: Double(top + y + 1) / scale)
            box = box.map { $0.union(pixel) } ?? pixel
        } }
        return (image, box!)
    }

    func testASmallBlurredMarkerIsToldAmongTheFormsFootnotes() throws {
        let templates = MarkerTemplates(candidates: Array(1...14))
        for number in [3, 7, 11, 12] {
            // About 11 pixels high at 300 dpi: a superscript of a 200-dpi scan, drawn again.
            let (image, ink) = scan("(\(number))", glyphs: MarkerGlyphs.marker, height: 11, sigma: 1.0)
            XCTAssertEqual(templates.number(at: ink, in: image, alone: false), number)
        }
    }

    func testAReadingThePictureClearlyContradictsIsOverruled() {
        let templates = MarkerTemplates(candidates: Array(1...9))
        let (image, ink) = scan("(5)", glyphs: MarkerGlyphs.marker, height: 14, sigma: 0.8)
        XCTAssertEqual(templates.overruling(3, at: ink, in: image), 5, "a blurred (5) OCR read as (3)")
        XCTAssertNil(templates.overruling(5, at: ink, in: image), "the picture agrees with the reading")
    }

    func testOnlyTheFormsFootnotesAreCandidates() {
        // "(8)" where the form defines footnotes 1 to 3 only: no candidate fits it clearly.
        let (image, ink) = scan("(8)", glyphs: MarkerGlyphs.marker, height: 11, sigma: 1.0)
        let number = MarkerTemplates(candidates: [1, 2, 3]).number(at: ink, in: image, alone: false)
        XCTAssertNotEqual(number, 1)
        XCTAssertNotEqual(number, 2)
    }

    func testAValueAloneInACellIsNoMarker() {
        // A cell holding only "D" or "10", printed as values are, is told from "(1)".
        let templates = MarkerTemplates(candidates: Array(1...12))
        for value in ["D", "10", "100"] {
            let (image, ink) = scan(value, glyphs: MarkerGlyphs.value, height: 11, sigma: 1.0)
            XCTAssertNil(templates.number(at: ink, in: image, alone: true), value)
        }
        // A marker alone is still found where nothing a value could be fits it as well.
        let (image, ink) = scan("(7)", glyphs: MarkerGlyphs.marker, height: 11, sigma: 1.0)
        XCTAssertEqual(templates.number(at: ink, in: image, alone: true), 7)
    }

    func extractScan(_ prefix: String) throws -> Form4Record {
        let directory = ScannedPageTests.root.appendingPathComponent("Samples/scan200-noisy")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .first { $0.hasPrefix(prefix) && $0.hasSuffix(".pdf") })
        return try XCTUnwrap(Form4Extractor().extract(path: directory.appendingPathComponent(name).path).forms.first)
    }

    func testMarkersOCRCannotReadOrMisreadAreNamedByTheirPicture() throws {
        // On this 200-dpi scan, OCR reads nothing of the "(2)" after the third row's date, and
        // reads the "(5)" after the 6th owned amount as "(3)": their pictures tell them.
        let form = try extractScan("f0075")
        let date = try XCTUnwrap(form.nonDerivativeTable.dropFirst(2).first?.transactionDate)
        XCTAssertEqual(date.value, .string("2024-01-04"))
        XCTAssertEqual(date.footnoteIds, ["F2"])
        let owned = try XCTUnwrap(form.nonDerivativeTable.dropFirst(5).first?.sharesOwnedFollowingTransaction)
        XCTAssertEqual(owned.value, .number(Decimal(254)))
        XCTAssertEqual(owned.footnoteIds, ["F5"])
        XCTAssertLessThan(owned.confidence, 0.9, "a marker told by its picture is a guess")
    }

    func testLoneValuesOfA200DpiScanStayValues() throws {
        // This scan's ownership column holds a lone "D" or "I" in every row, none with a
        // marker: at this size a "D" looks much like "(1)" (a stem and a bowl). The "(2)" after
        // "By Children", which OCR lost, is found.
        let form = try extractScan("f0062")
        XCTAssertEqual(form.nonDerivativeTable.dropFirst(4).first?.natureOfOwnership.footnoteIds, ["F2"])
        let cells = (form.nonDerivativeTable + form.derivativeTable).map(\.directOrIndirectOwnership)
        XCTAssertEqual(cells.count, 16)
        XCTAssertEqual(cells.filter { !$0.footnoteIds.isEmpty }.count, 0)
    }
}
