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

    func testTooLittleTextGivesNoSkew() {
        XCTAssertEqual(Deskew().angle(of: Array(skewedPage(degrees: 1).prefix(6))), 0)
    }
}
