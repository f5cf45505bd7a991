import XCTest
@testable import PDFText

/// How words become lines, where OCR boxes make that hard.
final class LineGroupingTests: XCTestCase {
    private func word(_ text: String, x0: Double, x1: Double, y0: Double, y1: Double) -> Word {
        Word(text: text, rect: Rect(x0: x0, y0: y0, x1: x1, y1: y1), style: .unknown)
    }

    /// One printed line as OCR boxes it: words with descenders stand lower than the rest, so
    /// "prices" no longer overlaps the line's first word enough and starts a second band.
    private var ocrLine: [Word] {
        [word("The", x0: 0, x1: 20, y0: 261, y1: 267),
         word("shares", x0: 25, x1: 50, y0: 261.5, y1: 267.5),
         word("at", x0: 55, x1: 62, y0: 264.5, y1: 269),
         word("prices", x0: 65, x1: 90, y0: 265, y1: 272),
         word("from", x0: 95, x1: 115, y0: 262, y1: 268),
         word("ranging", x0: 120, x1: 150, y0: 265.5, y1: 272.5),
         word("to", x0: 155, x1: 165, y0: 263, y1: 268)]
    }

    func testInterleavedBandsOfOneLineAreJoinedInReadingOrder() {
        let lines = LineGrouping().lines(from: ocrLine.shuffled())
        XCTAssertEqual(lines.map(\.text), ["The shares at prices from ranging to"])
    }

    func testWithoutJoiningTheBandsStayApart() {
        var grouping = LineGrouping()
        grouping.joinsInterleavedLines = false
        XCTAssertEqual(grouping.lines(from: ocrLine).map(\.text), ["The shares at from to", "prices ranging"])
    }

    func testStackedLinesBesideATallValueAreNotJoined() {
        // A label wrapped over two lines beside a value as tall as both: the second label line
        // overlaps the first line's band, but its word stands under the first line's words.
        let words = [word("Title", x0: 0, x1: 20, y0: 100, y1: 107),
                     word("of", x0: 22, x1: 30, y0: 100, y1: 107),
                     word("Security", x0: 0, x1: 35, y0: 109, y1: 116),
                     word("1,000", x0: 100, x1: 150, y0: 100, y1: 116)]
        XCTAssertEqual(LineGrouping().lines(from: words).map(\.text), ["Title of 1,000", "Security"])
    }

    func testNextPrintedLineIsNotJoined() {
        let words = [word("first", x0: 0, x1: 30, y0: 100, y1: 108),
                     word("second", x0: 40, x1: 80, y0: 109, y1: 117)]
        XCTAssertEqual(LineGrouping().lines(from: words).map(\.text), ["first", "second"])
    }
}
