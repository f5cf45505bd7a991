import Foundation
import XCTest
import PDFText
@testable import Layout

/// Scanned pages are skewed; layout reads them straightened.
final class DeskewTests: XCTestCase {
    /// Lines of words laid out on a page turned by `degrees`.
    func skewedPage(degrees: Double) -> [Word] {
        let angle = degrees * .pi / 180
        var words: [Word] = []
        for line in 0..<20 {
            for column in 0..<8 {
                let x = 40 + Double(column) * 60, y = 60 + Double(line) * 30
                let straight = Rect(x0: x, y0: y, x1: x + 40, y1: y + 8)
                words.append(Word(text: "w\(line)-\(column)", rect: Deskew.rotate(straight, by: angle, around: (306, 396))))
            }
        }
        return words
    }

    func testSkewIsMeasuredFromTheWordsThemselves() {
        for degrees in [-1.5, -0.7, 0.4, 1.5] {
            let measured = Deskew().angle(of: skewedPage(degrees: degrees)) * 180 / .pi
            XCTAssertEqual(measured, degrees, accuracy: 0.05, "page turned by \(degrees)°")
        }
        XCTAssertEqual(Deskew().angle(of: skewedPage(degrees: 0)), 0, "a straight page is left alone")
    }

    func testStraightenedWordsStandOnHorizontalLines() {
        let words = skewedPage(degrees: 1.2)
        var bandsApart = LineGrouping()
        bandsApart.joinsInterleavedLines = false
        let skewedLines = bandsApart.lines(from: words)
        let straight = Deskew.straighten(words, angle: Deskew().angle(of: words), centre: (306, 396))
        let lines = LineGrouping().lines(from: straight)
        XCTAssertGreaterThan(skewedLines.count, 20, "skewed, a line of print falls apart")
        XCTAssertEqual(lines.count, 20)
        XCTAssertTrue(lines.allSatisfy { $0.words.count == 8 })
    }

    /// An OCR layer as tesseract's PDF renderer writes many of its lines on a page turned by
    /// `degrees`: the words of a line on one level baseline, the line where the turned page
    /// puts its middle. Each line is a cell of a table row, its words 2 points apart.
    func levelLinesPage(degrees: Double) -> [Word] {
        let angle = degrees * .pi / 180
        var words: [Word] = []
        for row in 0..<20 {
            for cell in 0..<4 {
                let x = 40 + Double(cell) * 130, y = 60 + Double(row) * 30
                let line = Deskew.rotate(Rect(x0: x, y0: y, x1: x + 86, y1: y + 8), by: angle, around: (306, 396))
                for word in 0..<2 {
                    let x0 = line.x0 + Double(word) * 44
                    words.append(Word(text: "w\(row)-\(cell)-\(word)", rect: Rect(x0: x0, y0: line.y0, x1: x0 + 42, y1: line.y1)))
                }
            }
        }
        return words
    }

    func testALayerThatSetsItsLinesLevelHidesTheSkewFromItsWords() {
        let layer = levelLinesPage(degrees: 1.2)
        XCTAssertTrue(Deskew().setsLinesLevel(layer))
        XCTAssertEqual(Deskew().angle(of: layer), 0, "neighbouring words share a baseline: no skew shows between them")
        XCTAssertFalse(Deskew().setsLinesLevel(skewedPage(degrees: 1.2)), "words placed one by one step from word to word")
    }

    func testLevelLinesMoveAsOneIntoTheStraightFrame() {
        let layer = levelLinesPage(degrees: 1.2)
        let angle = 1.2 * .pi / 180
        let straight = Deskew().straightenLines(layer, angle: angle, centre: (306, 396))
        let lines = LineGrouping().lines(from: straight)
        XCTAssertEqual(lines.count, 20, "a table row's cells stand on one line again")
        XCTAssertTrue(lines.allSatisfy { $0.words.count == 8 })
        // Each line stays level: both of its words keep one top.
        for index in stride(from: 0, to: straight.count, by: 2) {
            XCTAssertEqual(straight[index].rect.y0, straight[index + 1].rect.y0, accuracy: 1e-9)
        }
        // Turning word by word would tilt each level line the other way.
        let turnedOneByOne = Deskew.straighten(layer, angle: angle, centre: (306, 396))
        XCTAssertNotEqual(turnedOneByOne[0].rect.y0, turnedOneByOne[1].rect.y0, accuracy: 0.5)
    }

    func testTooLittleTextGivesNoSkew() {
        XCTAssertEqual(Deskew().angle(of: Array(skewedPage(degrees: 1).prefix(6))), 0)
    }

    /// A grey "scan" of a form, 300 px per inch: ruled rows with blocks of print between them,
    /// turned by `degrees` (rows fall to the right for positive angles).
    func skewedScan(degrees: Double, paper: UInt8 = 215) -> GrayImage {
        let scale = 300.0 / 72, width = Int(400 * scale), height = Int(300 * scale)
        var pixels = [UInt8](repeating: paper, count: width * height)
        let slope = tan(degrees * .pi / 180)
        func ink(_ x: Int, _ y: Int) {
            let turned = y + Int(((Double(x) - Double(width) / 2) * slope).rounded())
            if turned >= 0 && turned < height { pixels[turned * width + x] = 40 }
        }
        for row in 0..<10 {
            let top = Int(Double(20 + row * 26) * scale)
            for x in 0..<width { for dy in 0..<3 { ink(x, top + dy) } }          // the rule
            for word in 0..<8 {                                                 // a line of print
                let x0 = Int(Double(20 + word * 45) * scale)
                for x in x0..<(x0 + Int(30 * scale)) where x % 5 != 0 {
                    for dy in 0..<Int(6 * scale) { ink(x, top + Int(10 * scale) + dy) }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels, scale: scale,
                         region: Rect(x0: 0, y0: 0, x1: 400, y1: 300))
    }

    func testSkewIsMeasuredFromTheScanBeforeAnyOCR() {
        for degrees in [-1.4, -0.6, 0.3, 1.2] {
            let measured = Deskew().angle(of: skewedScan(degrees: degrees)) * 180 / .pi
            XCTAssertEqual(measured, degrees, accuracy: 0.03, "scan turned by \(degrees)°")
        }
        XCTAssertEqual(Deskew().angle(of: skewedScan(degrees: 0)), 0, "a straight scan is left alone")
    }

    func testABlankScanHasNoSkew() {
        let blank = GrayImage(width: 400, height: 300, pixels: [UInt8](repeating: 230, count: 400 * 300),
                              scale: 1, region: Rect(x0: 0, y0: 0, x1: 400, y1: 300))
        XCTAssertEqual(Deskew().angle(of: blank), 0)
    }

    func testAStraightenedScanRunsLevelAndKeepsItsPaperGrey() {
        let scan = skewedScan(degrees: 1.2)
        let straight = scan.rotated(by: Deskew().angle(of: scan), around: (200, 150), paper: scan.paperLevel)
        XCTAssertEqual(scan.paperLevel, 215)
        XCTAssertEqual(Deskew().angle(of: straight), 0, "nothing left to straighten")
        // The corners turned in from outside the image are the scan's grey, not white.
        XCTAssertEqual(straight[0, 0], 215)
        XCTAssertEqual(straight[straight.width - 1, straight.height - 1], 215)
    }
}
