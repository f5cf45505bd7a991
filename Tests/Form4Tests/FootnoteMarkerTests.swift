import XCTest
import PDFText
@testable import Form4

/// Footnote markers on scans: found by their ink where blur and noise leave them faint, told
/// from a lone letter, and named by the footnotes the form defines.
final class FootnoteMarkerTests: XCTestCase {
    /// A cell of `width`×20 points at 4 px per point, paper at 215 (a grey scan).
    func cell(width: Double = 60) -> GrayImage {
        let w = Int(width * 4), h = 80
        return GrayImage(width: w, height: h, pixels: [UInt8](repeating: 215, count: w * h), scale: 4,
                         region: Rect(x0: 0, y0: 0, x1: width, y1: 20))
    }

    func paint(_ image: inout GrayImage, _ rect: Rect, level: UInt8) {
        for y in Int(rect.y0 * image.scale)..<Int(rect.y1 * image.scale) {
            for x in Int(rect.x0 * image.scale)..<Int(rect.x1 * image.scale) { image.pixels[y * image.width + x] = level }
        }
    }

    /// Three digit-sized blocks, black, on a baseline at y 14 (tops at y 8).
    func paintValue(_ image: inout GrayImage) {
        for digit in 0..<3 { paint(&image, Rect(x0: 10 + Double(digit) * 4, y0: 8, x1: 13 + Double(digit) * 4, y1: 14), level: 60) }
    }

    /// "(1)" as a 200-dpi scan leaves it: three thin grey strokes, top at the digits' top,
    /// bottom well above their baseline.
    func paintFaintMarker(_ image: inout GrayImage, at x: Double, level: UInt8 = 175) {
        for stroke in 0..<3 { paint(&image, Rect(x0: x + Double(stroke) * 1.5, y0: 7.5, x1: x + Double(stroke) * 1.5 + 0.75, y1: 11.5), level: level) }
    }

    func testFaintRaisedMarkerAfterAValueIsFoundColumnByColumn() throws {
        var image = cell()
        paintValue(&image)
        paintFaintMarker(&image, at: 22.5)
        let cells = CellImage(image: image, unit: 8)
        let marker = try XCTUnwrap(cells.trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertFalse(marker.alone)
        XCTAssertEqual(marker.rect.x0, 22.5, accuracy: 0.6)
        XCTAssertEqual(marker.rect.x1, 25.25, accuracy: 1)
        XCTAssertEqual(marker.strokes, 3)
        XCTAssertTrue(marker.looksLikeOne, "\(marker.strokeWidths)")
    }

    func testInkOnTheBaselineOrASpeckIsNoMarker() {
        var grounded = cell()
        paintValue(&grounded)
        // A fourth character, as low as the others: part of the value.
        paint(&grounded, Rect(x0: 22.5, y0: 8, x1: 25, y1: 14), level: 60)
        XCTAssertNil(CellImage(image: grounded, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        var speck = cell()
        paintValue(&speck)
        paint(&speck, Rect(x0: 23, y0: 8, x1: 23.5, y1: 8.5), level: 120)
        XCTAssertNil(CellImage(image: speck, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
    }

    func testASmallBlobAloneIsOnlyACandidate() throws {
        var image = cell()
        paintFaintMarker(&image, at: 20, level: 90)
        let marker = try XCTUnwrap(CellImage(image: image, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertTrue(marker.alone)
        let resolution = MarkerResolution(defined: [1, 2])
        // Alone, only a reading with a parenthesis makes it a marker: a lone "5" is a value.
        XCTAssertNil(resolution.ids(reading: "5", shape: marker))
        XCTAssertEqual(resolution.ids(reading: "(2", shape: marker)?.ids, ["F2"])
    }

    func testReadingsAreJudgedByTheFootnotesTheFormDefines() {
        let shape = MarkerShape(rect: Rect(x0: 0, y0: 0, x1: 3, y1: 3), strokeWidths: [3, 6, 3], alone: false)
        let one = MarkerShape(rect: Rect(x0: 0, y0: 0, x1: 3, y1: 3), strokeWidths: [3, 3, 3], alone: false)
        let three = MarkerResolution(defined: [1, 2, 3])
        XCTAssertEqual(three.ids(reading: "3)", shape: shape)?.ids, ["F3"])
        XCTAssertEqual(three.ids(reading: "(2)(3)", shape: shape)?.ids, ["F2", "F3"])
        XCTAssertEqual(three.ids(reading: "(2)(3)", shape: shape)?.guessed, false)
        // A number the form does not define is a misreading: no guess over it.
        XCTAssertNil(three.ids(reading: "(7)", shape: shape))
        // Nothing read: a bare stroke between parentheses is a 1; a wider one cannot be told...
        XCTAssertEqual(three.ids(reading: ")", shape: one)?.ids, ["F1"])
        XCTAssertEqual(three.ids(reading: ")", shape: one)?.guessed, true)
        XCTAssertNil(three.ids(reading: nil, shape: shape))
        // ... unless the form has one footnote only.
        XCTAssertEqual(MarkerResolution(defined: [1]).ids(reading: nil, shape: shape)?.ids, ["F1"])
        // Footnotes not read at all: any plausible number stands.
        XCTAssertEqual(MarkerResolution(defined: []).ids(reading: "(12)", shape: shape)?.ids, ["F12"])
    }

    func testDamagedMarkerReadingsGiveTheirNumber() {
        XCTAssertEqual(OCRService.damagedMarkerNumber("3)"), 3)
        XCTAssertEqual(OCRService.damagedMarkerNumber("(6"), 6)
        XCTAssertEqual(OCRService.damagedMarkerNumber("((12)"), 12)
        XCTAssertNil(OCRService.damagedMarkerNumber(")"))
        XCTAssertNil(OCRService.damagedMarkerNumber("(0)"))
        XCTAssertNil(OCRService.damagedMarkerNumber("(123)"))
    }
}
