import Foundation
import XCTest
@testable import PDFText

/// The poppler wrapper: opening, failing to open, and reading the text layer of a real
/// EDGAR rendering printed by Chromium.
final class PDFDocumentTests: XCTestCase {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/edgar-real/form4-chromium-letter.pdf").path

    func testOpensARealRenderingAndReadsStyledGlyphs() throws {
        let document = try PDFDocument(path: Self.sample)
        XCTAssertEqual(document.pageCount, 1)
        let page = try document.page(0)
        XCTAssertEqual(page.size.width, 612, accuracy: 0.5)
        XCTAssertEqual(page.size.height, 792, accuracy: 0.5)
        let words = WordGrouping().words(from: page.glyphs())
        let ticker = try XCTUnwrap(words.first { $0.text == "SCWO" })
        XCTAssertTrue(ticker.style.color.isBluish, "filed values are printed in blue")
        let label = try XCTUnwrap(words.first { $0.text == "Issuer" })
        XCTAssertFalse(label.style.color.isBluish, "labels are printed in black")
        // The green footnote marker after a blue number is a word of its own.
        XCTAssertTrue(words.contains { $0.text == "757,756" })
        XCTAssertTrue(words.contains { $0.text == "(1)" && $0.style.color.isGreenish })
    }

    func testTheGlobalsAnchorIsAValidPDFAndDocumentsOpenAfterIt() throws {
        // The anchor that keeps poppler's global settings alive must itself open cleanly.
        let anchor = try PDFDocument(data: Data(PopplerGlobalsAnchor.minimalPDF()), name: "anchor")
        XCTAssertEqual(anchor.pageCount, 1)
        XCTAssertEqual(try anchor.page(0).glyphs().count, 0)
        // Documents opened one after another keep reading the same text.
        let first = try PDFDocument(path: Self.sample).page(0).glyphs().count
        let second = try PDFDocument(path: Self.sample).page(0).glyphs().count
        XCTAssertGreaterThan(first, 1000)
        XCTAssertEqual(first, second)
    }

    func testFailuresNameTheFileAndTheCause() {
        XCTAssertThrowsError(try PDFDocument(data: Data(), name: "empty.pdf")) { error in
            XCTAssertEqual((error as? PDFError)?.code, .emptyFile)
            XCTAssertTrue("\(error)".contains("empty.pdf"))
        }
        XCTAssertThrowsError(try PDFDocument(data: Data("hello, not a pdf".utf8), name: "note.pdf")) { error in
            XCTAssertEqual((error as? PDFError)?.code, .notPDF)
        }
        let truncated = (try? Data(contentsOf: URL(fileURLWithPath: Self.sample)).prefix(3000)) ?? Data()
        XCTAssertThrowsError(try PDFDocument(data: Data(truncated), name: "cut.pdf")) { error in
            XCTAssertEqual((error as? PDFError)?.code, .damaged)
        }
        XCTAssertThrowsError(try PDFDocument(path: "/nonexistent/x.pdf")) { error in
            XCTAssertEqual((error as? PDFError)?.code, .fileNotFound)
        }
    }

    func testEncryptedBytesOpenWithTheirPasswordAndLeaveNothingInTheTemporaryFolder() throws {
        let fixture = URL(fileURLWithPath: Self.sample).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Form4Tests/Fixtures/form4-encrypted.pdf")
        let bytes = try Data(contentsOf: fixture)
        let temporaryFolder = NSTemporaryDirectory()
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: temporaryFolder))
        XCTAssertThrowsError(try PDFDocument(data: bytes, name: "locked.pdf", password: "guess")) { error in
            XCTAssertEqual((error as? PDFError)?.code, .wrongPassword)
        }
        let opened = try PDFDocument(data: bytes, name: "locked.pdf", password: "form4pass")
        XCTAssertGreaterThan(try opened.page(0).glyphs().count, 100)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: temporaryFolder))
        let left = after.subtracting(before).filter { $0.hasPrefix("form4-encrypted") || $0.hasPrefix("TemporaryDirectory") }
        XCTAssertEqual(left, [], "the decrypting copy is removed")
    }

    func testPageIndexOutOfRangeIsAnError() throws {
        let document = try PDFDocument(path: Self.sample)
        XCTAssertThrowsError(try document.page(1)) { error in
            XCTAssertEqual((error as? PDFError)?.code, .pageOutOfRange)
        }
    }

    func testARenderOfSomeAreasDrawsThemAsARenderOfTheWholePageDoes() throws {
        let page = try PDFDocument(path: Self.sample).page(0)
        // Edges off the pixel grid, over text and rules: what cairo antialiases at a clip's edge.
        let areas = [Rect(x0: 30.3, y0: 40.7, x1: 300.2, y1: 120.9), Rect(x0: 400.45, y0: 150.1, x1: 590.6, y1: 260.33)]
        let whole = try page.renderGray(dpi: 150)
        let some = try page.renderGray(dpi: 150, only: areas)
        XCTAssertEqual(some.region, whole.region)
        func pixels(_ image: GrayImage, in rect: Rect) -> [UInt8] {
            let x0 = Int((rect.x0 * image.scale).rounded(.down)), x1 = Int((rect.x1 * image.scale).rounded(.up))
            let y0 = Int((rect.y0 * image.scale).rounded(.down)), y1 = Int((rect.y1 * image.scale).rounded(.up))
            return (y0..<y1).flatMap { y in (x0..<x1).map { x in image[x, y] } }
        }
        for area in areas {
            XCTAssertGreaterThan(whole.inkFraction(in: area), 0.01, "the area holds ink")
            XCTAssertEqual(pixels(some, in: area), pixels(whole, in: area))
        }
        let elsewhere = Rect(x0: 0, y0: 300, x1: page.bounds.x1, y1: page.bounds.y1)
        XCTAssertGreaterThan(whole.inkFraction(in: elsewhere), 0.01)
        XCTAssertEqual(some.inkFraction(in: elsewhere), 0, "nothing is drawn outside the areas")
    }

    func testWordsSplitOnEngineSpacesAndLinesFollowBaselines() {
        let style = TextStyle(fontName: "Times", fontSize: 10, color: .black)
        func glyph(_ c: Unicode.Scalar, _ x: Double, _ y: Double, space: Bool = false) -> Glyph {
            Glyph(scalar: c, rect: Rect(x0: x, y0: y, x1: x + 5, y1: y + 10), style: style, followsSpace: space)
        }
        let glyphs = [glyph("A", 0, 0), glyph("B", 5, 0), glyph("C", 20, 0, space: true), glyph("D", 0, 30, space: true)]
        let words = WordGrouping().words(from: glyphs)
        XCTAssertEqual(words.map(\.text), ["AB", "C", "D"])
        let lines = LineGrouping().lines(from: words)
        XCTAssertEqual(lines.map(\.text), ["AB C", "D"])
    }
}
