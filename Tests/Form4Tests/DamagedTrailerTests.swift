import XCTest
import Layout
import PDFText
@testable import Form4

/// The footnotes are read even where OCR wrecked their heading, and only on scans.
final class DamagedTrailerTests: XCTestCase {
    /// One line of words, each word 5 pt per character and 3 pt apart, 7 pt high at `y`.
    func line(_ text: String, x: Double = 36, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 5, height: 7, gap: 3)
    }

    /// The bottom of a scanned form: the end of Table II, the footnotes' heading as `heading`
    /// reads, two footnotes, the signature.
    func trailer(heading: String, source: TextSource) -> FormPage {
        let words = line("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned", x: 150, y: 100)
            + line("Stock Option (Right to Buy) $53 06/21/2024 M 52,745 D", y: 200)
            + line(heading, y: 300)
            + line("1. Bona fide gift to a charitable organization for no consideration.", y: 312)
            + line("2. The reporting person disclaims beneficial ownership of these securities.", y: 324)
            + line("/s/ Thomas Van der Berg 06/23/2024", x: 350, y: 345)
            + line("** Signature of Reporting Person Date", x: 350, y: 356)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: source, words: words)
        return FormPage(text: text, pdfPage: nil)
    }

    func testFootnotesUnderAWreckedHeadingAreReadOnAScan() throws {
        let page = trailer(heading: "pl ion of Resp", source: .ocrLayer)
        let heading = try XCTUnwrap(page.trailerStart())
        XCTAssertEqual(heading.top, 300, accuracy: 0.5, "the damaged heading's line")
        var record = Form4Record()
        TrailerReader(pages: [page]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2"])
        XCTAssertEqual(record.footnotes.first?.text.value.xmlText, "Bona fide gift to a charitable organization for no consideration.")
    }

    func testFootnotesWhoseNumbersOCRLostAreToldApart() {
        let words = line("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned", x: 150, y: 100)
            + line("Explanation of Responses:", y: 300)
            + line("Each restricted stock unit represents a contingent right.", x: 42, y: 312)
            + line("o )", y: 320)
            + line("e The reporting person disclaims beneficial ownership of these securities except to the extent of his", y: 324)
            + line("or her pecuniary interest therein.", y: 333)
            + line("/s/ Thomas Van der Berg 06/23/2024", x: 350, y: 345)
            + line("** Signature of Reporting Person Date", x: 350, y: 356)
        let page = FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: words),
                            pdfPage: nil)
        var record = Form4Record()
        TrailerReader(pages: [page]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2"])
        XCTAssertEqual(record.footnotes.map { $0.text.value.xmlText ?? "" }, [
            "Each restricted stock unit represents a contingent right.",
            "The reporting person disclaims beneficial ownership of these securities except to the extent of his or her pecuniary interest therein.",
        ])
    }

    func testTheHeadingItselfIsPreferred() throws {
        let page = trailer(heading: "Explanation of Responses:", source: .ocrLayer)
        XCTAssertEqual(try XCTUnwrap(page.trailerStart()).top, 300, accuracy: 0.5)
    }

    func testNumberedLinesAreNotTakenForFootnotesOnNativeText() {
        // Native text spells the heading; without it there are no footnotes to guess at.
        XCTAssertNil(trailer(heading: "pl ion of Resp", source: .native).trailerStart())
    }

    func testATableHeadingsNumberIsNoFootnote() {
        let words = line("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned", x: 150, y: 100)
            + line("1. Title of Derivative Security (Instr. 3) 2. Conversion", y: 112)
            + line("Stock Option (Right to Buy) $53 06/21/2024 M 52,745 D", y: 400)
        let page = FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: words),
                            pdfPage: nil)
        XCTAssertNil(page.trailerStart())
    }
}
