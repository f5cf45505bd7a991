import XCTest
import Layout
import PDFText
@testable import Form4

/// Table cells on scans are read from their ink: inside their rules, with a superscript
/// footnote marker told apart from the value.
final class CellImageTests: XCTestCase {
    /// A white image of `width`×`height` points at 4 px per point.
    func canvas(width: Double, height: Double) -> GrayImage {
        let scale = 4.0
        let w = Int(width * scale), h = Int(height * scale)
        return GrayImage(width: w, height: h, pixels: [UInt8](repeating: 240, count: w * h), scale: scale,
                         region: Rect(x0: 0, y0: 0, x1: width, y1: height))
    }

    func paint(_ image: inout GrayImage, _ rect: Rect, level: UInt8 = 20) {
        for y in Int(rect.y0 * image.scale)..<Int(rect.y1 * image.scale) {
            for x in Int(rect.x0 * image.scale)..<Int(rect.x1 * image.scale) { image.pixels[y * image.width + x] = level }
        }
    }

    /// A ruled cell from x 10 to 90, y 10 to 40, holding a "value" (a run of letter-sized
    /// blocks on a baseline at y 30) and, when asked, a raised marker after it.
    func ruledCell(marker: Bool) -> GrayImage {
        var image = canvas(width: 100, height: 50)
        for rule in [Rect(x0: 9, y0: 9, x1: 90, y1: 10), Rect(x0: 9, y0: 40, x1: 90, y1: 41),
                     Rect(x0: 9, y0: 9, x1: 10, y1: 41), Rect(x0: 89, y0: 9, x1: 90, y1: 41)] {
            paint(&image, rule)
        }
        for letter in 0..<5 { paint(&image, Rect(x0: 20 + Double(letter) * 6, y0: 22, x1: 24 + Double(letter) * 6, y1: 30)) }
        if marker {
            // "(1)": three small pieces whose bottom stays well above the baseline.
            paint(&image, Rect(x0: 50.5, y0: 21, x1: 51.25, y1: 25.5))
            paint(&image, Rect(x0: 52, y0: 21, x1: 52.75, y1: 25.5))
            paint(&image, Rect(x0: 53.5, y0: 21, x1: 54.25, y1: 25.5))
        }
        return image
    }

    func testCellInsideEndsAtItsRulesWhateverTheColumnSays() {
        let image = ruledCell(marker: false)
        let cells = CellImage(image: image, unit: 12)
        // The column from the headings cuts into the text; the row band is the text's.
        let inside = cells.inside(Rect(x0: 15, y0: 21, x1: 40, y1: 31), text: Rect(x0: 20, y0: 22, x1: 48, y1: 30))
        XCTAssertEqual(inside.x0, 10.5, accuracy: 0.3)
        XCTAssertEqual(inside.x1, 88.5, accuracy: 0.3)
        XCTAssertGreaterThanOrEqual(inside.y0, 10)
        XCTAssertLessThanOrEqual(inside.y1, 40)
        XCTAssertLessThan(inside.y0, 22)
        XCTAssertGreaterThan(inside.y1, 30)
        // No piece of rule is left inside: only the five letters.
        XCTAssertEqual(cells.components(in: inside).count, 5)
    }

    func testACellSideStandsClearOfItsOwnTextThatRunsPastTheColumn() {
        // No rules at the sides (a print whose cells shrink to their text): the value's last
        // letter runs past the column's right edge, where the OCR layer's box ends a little
        // short. The cell takes in that letter whole instead of cutting it in two.
        var image = canvas(width: 100, height: 50)
        paint(&image, Rect(x0: 5, y0: 9, x1: 95, y1: 10))
        paint(&image, Rect(x0: 5, y0: 40, x1: 95, y1: 41))
        for letter in 0..<5 { paint(&image, Rect(x0: 20 + Double(letter) * 6, y0: 22, x1: 24 + Double(letter) * 6, y1: 30)) }
        // A neighbour's word further right is left out.
        paint(&image, Rect(x0: 62, y0: 22, x1: 70, y1: 30))
        let cells = CellImage(image: image, unit: 8)
        let inside = cells.inside(Rect(x0: 15, y0: 21, x1: 46, y1: 31), text: Rect(x0: 20, y0: 22, x1: 45, y1: 30))
        XCTAssertGreaterThan(inside.x1, 48)
        XCTAssertLessThan(inside.x1, 62)
        XCTAssertEqual(cells.components(in: inside).count, 5)
    }

    func testAnEmptyCellWithoutRulesTakesInALetterItsGuessedSideCuts() {
        // A table printed without rules; the text layer dropped the cell's one letter (an (A)/(D)
        // code), which stands across the column's right edge next to the price. The cell takes
        // the letter in whole, and not the price beside it.
        var image = canvas(width: 100, height: 50)
        paint(&image, Rect(x0: 40, y0: 22, x1: 45, y1: 30))
        paint(&image, Rect(x0: 50, y0: 22, x1: 58, y1: 30))
        let cells = CellImage(image: image, unit: 8)
        let (inside, ruled) = cells.ruledCell(Rect(x0: 30, y0: 21, x1: 43, y1: 31))
        XCTAssertFalse(ruled)
        XCTAssertGreaterThan(inside.x1, 45)
        XCTAssertLessThan(inside.x1, 50)
        XCTAssertEqual(cells.components(in: inside).count, 1)
    }

    /// A two-line title in a table printed without rules, its lines above and below the row's
    /// values (WeasyPrint); the OCR layer boxed the three as one line that ends inside the
    /// title's second line.
    func wrappedTitleWithoutRules() -> GrayImage {
        var image = canvas(width: 100, height: 80)
        for letter in 0..<5 { paint(&image, Rect(x0: 10 + Double(letter) * 6, y0: 20, x1: 14 + Double(letter) * 6, y1: 28)) }
        for letter in 0..<4 { paint(&image, Rect(x0: 10 + Double(letter) * 6, y0: 33, x1: 14 + Double(letter) * 6, y1: 41)) }
        // The next row's title, a line further down.
        for letter in 0..<6 { paint(&image, Rect(x0: 10 + Double(letter) * 6, y0: 52, x1: 14 + Double(letter) * 6, y1: 60)) }
        return image
    }

    func testACellWithoutRulesTakesInTheLineOfPrintItsBottomCuts() {
        let cells = CellImage(image: wrappedTitleWithoutRules(), unit: 10)
        let (inside, ruled) = cells.ruledCell(Rect(x0: 5, y0: 19, x1: 50, y1: 36), text: Rect(x0: 10, y0: 20, x1: 40, y1: 36))
        XCTAssertFalse(ruled)
        // Both lines of the title whole, and nothing of the next row's.
        XCTAssertGreaterThanOrEqual(inside.y1, 41)
        XCTAssertLessThan(inside.y1, 52)
        XCTAssertEqual(cells.components(in: inside).count, 9)
    }

    func testACellWithoutRulesLeavesOutALineOfTheNextRowItsBottomGrazes() {
        // The band reaches a point into the next row's title: the cell ends short of that line.
        let cells = CellImage(image: wrappedTitleWithoutRules(), unit: 10)
        let (inside, _) = cells.ruledCell(Rect(x0: 5, y0: 19, x1: 50, y1: 50), text: Rect(x0: 10, y0: 20, x1: 40, y1: 41))
        XCTAssertGreaterThanOrEqual(inside.y1, 41)
        XCTAssertLessThan(inside.y1, 52)
        XCTAssertEqual(cells.components(in: inside).count, 9)
    }

    func testAFaintLetterTheColumnsSideCutIsSeenAtTheCellsOwnInkLevel() {
        // A faint scan: the letter's blurred edge counts as ink only at the cell's own level,
        // which is set after the sides were placed; placed again at that level, the side stays
        // clear of the edge, and the letter is not taken for a piece the side cut off.
        var image = canvas(width: 100, height: 50)
        paint(&image, Rect(x0: 40, y0: 22, x1: 44, y1: 30), level: 110)
        paint(&image, Rect(x0: 44, y0: 22, x1: 45.5, y1: 30), level: 165)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 100, y1: 50), source: .ocrLayer, words: [])
        let page = FormPage(text: text, pdfPage: nil, scanImage: image)
        XCTAssertEqual(page.cellInk(Rect(x0: 30, y0: 21, x1: 43, y1: 31), text: nil)?.hasText, true)
    }

    func testRaisedMarkerAfterTheValueIsFound() throws {
        let cells = CellImage(image: ruledCell(marker: true), unit: 8)
        let inside = cells.inside(Rect(x0: 12, y0: 21, x1: 88, y1: 31))
        let marker = try XCTUnwrap(cells.trailingSuperscript(in: inside))
        XCTAssertEqual(marker.x0, 50.5, accuracy: 0.3)
        XCTAssertEqual(marker.x1, 54.25, accuracy: 0.3)
        XCTAssertLessThan(marker.y1, 26)
        // Without a raised piece there is no marker: the value's own last letter is not one.
        let plain = CellImage(image: ruledCell(marker: false), unit: 8)
        XCTAssertNil(plain.trailingSuperscript(in: plain.inside(Rect(x0: 12, y0: 21, x1: 88, y1: 31))))
    }

    /// "I(1)" in a D/I cell: the value is one letter and the marker's parentheses are nearly as
    /// tall as it, raised by less than a third of its height. The marker's pieces outnumber the
    /// value's, yet the baseline is the letter's.
    func testMarkerAfterAOneLetterValueIsFound() throws {
        var image = canvas(width: 100, height: 50)
        for rule in [Rect(x0: 9, y0: 9, x1: 90, y1: 10), Rect(x0: 9, y0: 40, x1: 90, y1: 41),
                     Rect(x0: 9, y0: 9, x1: 10, y1: 41), Rect(x0: 89, y0: 9, x1: 90, y1: 41)] {
            paint(&image, rule)
        }
        paint(&image, Rect(x0: 40, y0: 22, x1: 41.5, y1: 30))   // "I"
        paint(&image, Rect(x0: 42.5, y0: 20, x1: 43.25, y1: 27.5)) // "("
        paint(&image, Rect(x0: 44, y0: 20.5, x1: 44.75, y1: 26.5)) // "1"
        paint(&image, Rect(x0: 45.5, y0: 20, x1: 46.25, y1: 27.5)) // ")"
        let cells = CellImage(image: image, unit: 8)
        let marker = try XCTUnwrap(cells.trailingSuperscript(in: cells.inside(Rect(x0: 12, y0: 21, x1: 88, y1: 31))))
        XCTAssertEqual(marker.x0, 42.5, accuracy: 0.3)
        XCTAssertEqual(marker.x1, 46.25, accuracy: 0.3)
    }

    /// A code cell tesseract reads nothing of: one narrow upright stroke is an "I", with or
    /// without a raised marker after it; a wider letter or two strokes are not.
    func testALoneUprightStrokeIsTheLetterI() {
        func cell(_ strokes: [Rect]) -> (CellImage, Rect) {
            var image = canvas(width: 100, height: 50)
            for rule in [Rect(x0: 9, y0: 9, x1: 90, y1: 10), Rect(x0: 9, y0: 40, x1: 90, y1: 41),
                         Rect(x0: 9, y0: 9, x1: 10, y1: 41), Rect(x0: 89, y0: 9, x1: 90, y1: 41)] {
                paint(&image, rule)
            }
            for stroke in strokes { paint(&image, stroke) }
            let cells = CellImage(image: image, unit: 8)
            return (cells, cells.inside(Rect(x0: 12, y0: 21, x1: 88, y1: 31)))
        }
        let letterI = Rect(x0: 40, y0: 22, x1: 41.5, y1: 30)
        let (plain, plainInside) = cell([letterI])
        XCTAssertTrue(plain.isLoneUprightStroke(in: plainInside, outside: nil))
        let marker = [Rect(x0: 42.5, y0: 20, x1: 43.25, y1: 26), Rect(x0: 44, y0: 20.5, x1: 44.75, y1: 25.5), Rect(x0: 45.5, y0: 20, x1: 46.25, y1: 26)]
        let (marked, markedInside) = cell([letterI] + marker)
        XCTAssertTrue(marked.isLoneUprightStroke(in: markedInside, outside: nil), "the marker it did not make out is left aside")
        let (wide, wideInside) = cell([Rect(x0: 40, y0: 22, x1: 46, y1: 30)])
        XCTAssertFalse(wide.isLoneUprightStroke(in: wideInside, outside: nil))
        let (two, twoInside) = cell([letterI, Rect(x0: 44, y0: 22, x1: 45.5, y1: 30)])
        XCTAssertFalse(two.isLoneUprightStroke(in: twoInside, outside: nil))
    }

    func testFaintPrintGetsItsOwnLevelAndBlankPaperNone() {
        var image = canvas(width: 40, height: 20)
        paint(&image, Rect(x0: 10, y0: 5, x1: 20, y1: 12), level: 170)
        let cells = CellImage(image: image, unit: 8)
        let area = Rect(x0: 0, y0: 0, x1: 40, y1: 20)
        XCTAssertTrue(cells.components(in: area).isEmpty, "too faint for the fixed level")
        let level = cells.printLevel(in: area)
        XCTAssertGreaterThan(level, 170)
        XCTAssertLessThan(level, 240)
        XCTAssertEqual(cells.printLevel(in: Rect(x0: 25, y0: 0, x1: 40, y1: 20)), 0)
    }

    func testEnlargedImageKeepsPagePositions() {
        var image = canvas(width: 10, height: 10)
        paint(&image, Rect(x0: 2, y0: 2, x1: 4, y1: 4))
        let big = image.enlarged(by: 3, border: 6)
        XCTAssertEqual(big.width, 40 * 3 + 12)
        XCTAssertEqual(big.scale, 12)
        XCTAssertEqual(big.region.x0, -0.5, accuracy: 1e-9)
        XCTAssertGreaterThan(big.inkFraction(in: Rect(x0: 2.2, y0: 2.2, x1: 3.8, y1: 3.8)), 0.95)
        XCTAssertLessThan(big.inkFraction(in: Rect(x0: 5, y0: 5, x1: 9, y1: 9)), 0.01)
    }

    func testOnlyWholeMarkersAreTakenFromAMarkerReading() {
        XCTAssertEqual(OCRService.markerNumbers("(1)"), [1])
        XCTAssertEqual(OCRService.markerNumbers("(2) (13)"), [2, 13])
        XCTAssertNil(OCRService.markerNumbers("1)"))
        XCTAssertNil(OCRService.markerNumbers("(1"))
        XCTAssertNil(OCRService.markerNumbers("()"))
        XCTAssertNil(OCRService.markerNumbers("(0)"))
        XCTAssertNil(OCRService.markerNumbers("(123)"))
        XCTAssertNil(OCRService.markerNumbers(""))
    }

    func testRotatedScanRunsItsRulesLevel() {
        // A rule falling to the right by 2 % (a skewed scan) comes out level.
        var image = canvas(width: 100, height: 60)
        for x in 0..<image.width {
            let y = Int((30 + (Double(x) / image.scale - 50) * 0.02) * image.scale)
            for dy in 0..<4 { image.pixels[(y + dy) * image.width + x] = 20 }
        }
        let straight = image.rotated(by: atan(0.02), around: (50, 30))
        // Along the whole width, one band of pixel rows holds the rule.
        let band = Rect(x0: 5, y0: 30.25, x1: 95, y1: 30.75)
        XCTAssertGreaterThan(straight.inkFraction(in: band), 0.9)
        XCTAssertLessThan(straight.inkFraction(in: Rect(x0: 5, y0: 33, x1: 95, y1: 40)), 0.01)
        XCTAssertLessThan(image.inkFraction(in: band), 0.65, "the scan itself is skewed")
    }

    func testCleanedCellDropsRuleRemainsAndStretchesFaintPrint() {
        var image = canvas(width: 40, height: 20)
        paint(&image, Rect(x0: 0, y0: 0, x1: 0.5, y1: 20), level: 60)   // a rule's edge at the border
        paint(&image, Rect(x0: 10, y0: 6, x1: 20, y1: 14), level: 150)  // faint print
        let cleaned = image.cleanedCell()
        XCTAssertEqual(cleaned[0, 40], 255, "ink touching the edge is paper now")
        XCTAssertLessThan(cleaned[60, 40], 60, "faint print is dark now")
        XCTAssertEqual(cleaned[120, 40], 255)
    }

    func testALineOfLettersIsNoRuleButAGreyRuleIs() {
        var image = canvas(width: 100, height: 50)
        // Letters: solid blocks three pixels apart, dark across 75 % of the line.
        for letter in 0..<20 { paint(&image, Rect(x0: 10 + Double(letter) * 4, y0: 10, x1: 13.25 + Double(letter) * 4, y1: 18)) }
        // A blurred scan's rule: grey, not black.
        paint(&image, Rect(x0: 5, y0: 30, x1: 95, y1: 31), level: 160)
        var cells = CellImage(image: image, unit: 8)
        let span = (x0: 40, x1: 360), range = (from: 0, to: 199)
        XCTAssertTrue(cells.horizontalRules(from: range.from, to: range.to, x0: span.x0, x1: span.x1).isEmpty)
        cells.ruleLevel = 180
        let rules = cells.horizontalRules(from: range.from, to: range.to, x0: span.x0, x1: span.x1)
        XCTAssertEqual(rules.count, 1)
        XCTAssertEqual(Double(rules.first?.end ?? 0) / image.scale, 30.75, accuracy: 0.5)
    }

    /// A ruled cell from x 10 to 90 and from y `top` to 50 holding "Stock" (five letters on a
    /// baseline at y 36) under a "Common" whose letters blur into one band from y `common`
    /// (2 points high, x 35 to 61).
    func commonOverStock(top: Double, common: Double) -> GrayImage {
        var image = canvas(width: 100, height: 60)
        paint(&image, Rect(x0: 0, y0: top, x1: 100, y1: top + 0.5))
        paint(&image, Rect(x0: 0, y0: 50, x1: 100, y1: 50.5))
        paint(&image, Rect(x0: 10, y0: 0, x1: 10.5, y1: 60))
        paint(&image, Rect(x0: 90, y0: 0, x1: 90.5, y1: 60))
        paint(&image, Rect(x0: 35, y0: common, x1: 61, y1: common + 2))
        for letter in 0..<5 { paint(&image, Rect(x0: 38 + Double(letter) * 4, y0: 30, x1: 41 + Double(letter) * 4, y1: 36)) }
        return image
    }

    func testABlurredWordWhoseLettersRanTogetherIsNoRule() {
        // A ruled cell holding a title on two lines, "Common" above "Stock". Blurred at 200 dpi,
        // the letters of "Common" run together into one dark band: a "rule" as wide as the word.
        var image = commonOverStock(top: 5, common: 20)
        for letter in 0..<6 { paint(&image, Rect(x0: 35 + Double(letter) * 4.2, y0: 18, x1: 38 + Double(letter) * 4.2, y1: 24)) }
        let cells = CellImage(image: image, unit: 6)
        let (inside, ruled) = cells.ruledCell(Rect(x0: 10, y0: 15, x1: 90, y1: 40), text: Rect(x0: 35, y0: 18, x1: 60, y1: 36))
        XCTAssertTrue(ruled)
        XCTAssertLessThan(inside.y0, 18, "the cell begins at its rule, above \"Common\"")
        XCTAssertGreaterThan(inside.y1, 36)
    }

    func testABlurredWordTheTextLayerLostIsNoRuleAboveTheWordItKept() {
        // The same cell, but the text layer kept only "Stock": the run of "Common" stands
        // above the text, where a rule between rows would. It ends where the words do, and
        // a rule runs on into the next cell.
        let cells = CellImage(image: commonOverStock(top: 14, common: 21), unit: 6)
        let (inside, ruled) = cells.ruledCell(Rect(x0: 10, y0: 29, x1: 90, y1: 37), text: Rect(x0: 38, y0: 30, x1: 57, y1: 36))
        XCTAssertTrue(ruled)
        XCTAssertLessThan(inside.y0, 21, "the cell begins at its rule, above \"Common\"")
        XCTAssertGreaterThan(inside.y1, 36)
    }
}
