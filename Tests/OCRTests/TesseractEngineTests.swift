import Foundation
import XCTest
import PDFText
@testable import OCR

/// The tesseract wrapper: engines come and go cleanly, report missing language data clearly,
/// and read a real EDGAR rendering with boxes that land where the PDF's own text layer puts them.
final class TesseractEngineTests: XCTestCase {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/edgar-real/form4-chromium-letter.pdf").path

    /// The top of page 1 at 300 dpi and the PDF's own words on it.
    private func renderedTop() throws -> (image: GrayImage, nativeWords: [Word], page: PDFPage) {
        let page = try PDFDocument(path: Self.sample).page(0)
        let image = try page.renderGray(dpi: 300, region: Rect(x0: 0, y0: 0, x1: 612, y1: 300))
        return (image, WordGrouping().words(from: page.glyphs()), page)
    }

    private func blank(width: Int = 600, height: Int = 200, scale: Double = 300.0 / 72) -> GrayImage {
        GrayImage(width: width, height: height, pixels: [UInt8](repeating: 255, count: width * height),
                  scale: scale, region: Rect(x0: 0, y0: 0, x1: Double(width) / scale, y1: Double(height) / scale))
    }

    func testEnginesAreCreatedAndReleasedRepeatedlyAndOneEngineIsReusable() throws {
        for _ in 0..<20 {
            let engine = try TesseractEngine()
            XCTAssertEqual(engine.language, "eng")
        }
        let engine = try TesseractEngine(language: "eng", dataPath: "/usr/share/tesseract-ocr/5/tessdata")
        let (image, _, _) = try renderedTop()
        let field = try image.croppedForTest(to: Rect(x0: 60, y0: 40, x1: 240, y1: 95))
        var first: [String]? = nil
        for _ in 0..<15 {
            let words = try engine.recognizeWords(in: field).map(\.text)
            XCTAssertFalse(words.isEmpty)
            if let first { XCTAssertEqual(words, first, "a reused engine reads the same image the same way") }
            first = first ?? words
            XCTAssertTrue(try engine.recognizeWords(in: blank()).isEmpty)
        }
    }

    func testMissingLanguageDataIsAnInitErrorThatNamesTheLanguage() {
        XCTAssertThrowsError(try TesseractEngine(language: "xqz")) { error in
            let ocrError = error as? OCRError
            XCTAssertEqual(ocrError?.code, .initFailed)
            let message = "\(error)"
            XCTAssertTrue(message.contains("'xqz'"), message)
            XCTAssertTrue(message.contains("xqz.traineddata"), message)
            XCTAssertTrue(message.contains("tesseract-ocr-xqz"), message)
        }
        XCTAssertThrowsError(try TesseractEngine(language: "eng", dataPath: "/nonexistent/tessdata")) { error in
            XCTAssertEqual((error as? OCRError)?.code, .initFailed)
            XCTAssertTrue("\(error)".contains("/nonexistent/tessdata"), "\(error)")
            XCTAssertTrue("\(error)".contains("tesseract-ocr-eng"), "\(error)")
        }
    }

    func testABlankImageHasNoWords() throws {
        let engine = try TesseractEngine()
        XCTAssertEqual(try engine.recognizeWords(in: blank()), [])
        XCTAssertEqual(try engine.recognizeWords(in: blank(), pageSegmentation: .sparseText), [])
        let line = try engine.recognizeText(in: blank(width: 300, height: 60), pageSegmentation: .singleLine)
        XCTAssertEqual(line.text, "")
        XCTAssertEqual(line.confidence, 0)
    }

    func testAnImageWhosePixelsDoNotMatchItsSizeIsRejected() throws {
        let engine = try TesseractEngine()
        let broken = GrayImage(width: 100, height: 100, pixels: [255, 255], scale: 1, region: .zero)
        XCTAssertThrowsError(try engine.recognizeWords(in: broken)) { error in
            XCTAssertEqual((error as? OCRError)?.code, .invalidImage)
        }
    }

    func testReadsARealRenderingWithBoxesInPagePoints() throws {
        let engine = try TesseractEngine()
        let (image, nativeWords, _) = try renderedTop()
        let words = try engine.recognizeWords(in: image)
        let texts = Set(words.map(\.text))
        for expected in ["FORM", "STATEMENT", "OWNERSHIP"] {
            XCTAssertTrue(texts.contains(expected), "\(expected) not among \(texts.sorted())")
        }
        // The ticker is printed in blue; tesseract 5.3 reads it as "Scwo".
        XCTAssertTrue(texts.contains { $0.uppercased() == "SCWO" }, "SCWO not among \(texts.sorted())")
        XCTAssertTrue(words.allSatisfy { (0...1).contains($0.confidence) })
        XCTAssertTrue(words.allSatisfy { $0.text == $0.text.trimmingCharacters(in: .whitespacesAndNewlines) && !$0.text.isEmpty })

        let ocrForm = try XCTUnwrap(words.first { $0.text == "FORM" })
        print("FORM: OCR \(ocrForm.rect) conf \(ocrForm.confidence); text layer \(try XCTUnwrap(nativeWords.first { $0.text == "FORM" }).rect)")
        let nativeForm = try XCTUnwrap(nativeWords.first { $0.text == "FORM" })
        XCTAssertGreaterThan(ocrForm.confidence, 0.8)
        // The OCR box is the ink; the text layer's box also holds the font's ascent and descent.
        XCTAssertEqual(ocrForm.rect.x0, nativeForm.rect.x0, accuracy: 3, "\(ocrForm.rect) vs \(nativeForm.rect)")
        XCTAssertEqual(ocrForm.rect.x1, nativeForm.rect.x1, accuracy: 3, "\(ocrForm.rect) vs \(nativeForm.rect)")
        XCTAssertEqual(ocrForm.rect.midY, nativeForm.rect.midY, accuracy: 3, "\(ocrForm.rect) vs \(nativeForm.rect)")
        XCTAssertTrue(nativeForm.rect.insetBy(dx: -2, dy: -2).contains(x: ocrForm.rect.x0, y: ocrForm.rect.y0))
        XCTAssertTrue(nativeForm.rect.insetBy(dx: -2, dy: -2).contains(x: ocrForm.rect.x1, y: ocrForm.rect.y1))
    }

    func testBoxesFollowTheRegionOfAPartialRendering() throws {
        // The same word rendered as part of two different regions lands on the same page position.
        let engine = try TesseractEngine()
        let page = try PDFDocument(path: Self.sample).page(0)
        let wide = try engine.recognizeWords(in: page.renderGray(dpi: 200, region: Rect(x0: 0, y0: 30, x1: 300, y1: 110)))
        let narrow = try engine.recognizeWords(in: page.renderGray(dpi: 300, region: Rect(x0: 150, y0: 60, x1: 260, y1: 100)))
        let a = try XCTUnwrap(wide.first { $0.text == "STATEMENT" })
        let b = try XCTUnwrap(narrow.first { $0.text == "STATEMENT" })
        XCTAssertEqual(a.rect.x0, b.rect.x0, accuracy: 1.5)
        XCTAssertEqual(a.rect.y0, b.rect.y0, accuracy: 1.5)
        XCTAssertEqual(a.rect.x1, b.rect.x1, accuracy: 1.5)
        XCTAssertEqual(a.rect.y1, b.rect.y1, accuracy: 1.5)
    }

    func testReReadsADateFieldWithAWhitelistAndTheEngineForgetsTheWhitelistAfterwards() throws {
        let engine = try TesseractEngine()
        let page = try PDFDocument(path: Self.sample).page(0)
        let native = WordGrouping().words(from: page.glyphs())
        let date = try XCTUnwrap(native.first { $0.text == "04/30/2025" })
        let image = try page.renderGray(dpi: 400, region: date.rect.insetBy(dx: -3, dy: -3))

        let read = try engine.recognizeText(in: image, pageSegmentation: .singleLine, characterWhitelist: "0123456789/")
        XCTAssertEqual(read.text, "04/30/2025")
        // tesseract rates a whitelisted single line modestly (about 0.5 here); a failed reading rates near 0.
        XCTAssertGreaterThan(read.confidence, 0.4)

        // Digits only: the slashes cannot be read, whatever the engine makes of them.
        let digits = try engine.recognizeText(in: image, pageSegmentation: .singleLine, characterWhitelist: "0123456789")
        XCTAssertFalse(digits.text.contains("/"), digits.text)

        // Without a whitelist the next call reads letters again.
        let labelRect = try XCTUnwrap(native.first { $0.text == "STATEMENT" }).rect
        let labelImage = try page.renderGray(dpi: 400, region: labelRect.insetBy(dx: -3, dy: -3))
        let label = try engine.recognizeText(in: labelImage, pageSegmentation: .singleLine)
        XCTAssertTrue(label.text.contains("STATEMENT"), label.text)
    }

    func testPageSegmentationValuesMatchTesseract() {
        for mode in PageSegmentation.allCases {
            XCTAssertEqual(Int64(mode.tesseractMode.rawValue), Int64(mode.rawValue), "\(mode)")
        }
    }

    func testTesseractIsKeptSingleThreadedUnlessTheEnvironmentSaysOtherwise() throws {
        let engine = try TesseractEngine()
        // Child processes (the tesseract command line, for one) inherit the limit.
        XCTAssertNotNil(getenv("OMP_THREAD_LIMIT"))
        try XCTSkipUnless(TesseractThreading.singleThreaded, "OMP_THREAD_LIMIT was set by the environment")
        #if os(Linux)
        // With OpenMP's default threading a recognition starts a pool of worker threads (and a
        // page takes 5× as long on 2 cores); single-threaded it starts none.
        let threads = { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0 }
        let page = try PDFDocument(path: Self.sample).page(0)
        let image = try page.renderGray(dpi: 300, region: Rect(x0: 60, y0: 40, x1: 460, y1: 95))
        let before = threads()
        XCTAssertFalse(try engine.recognizeWords(in: image).isEmpty)
        XCTAssertLessThanOrEqual(threads(), before)
        #endif
    }
}

private extension GrayImage {
    /// A sub-image: the pixels of `rect` (page points), keeping scale and page coordinates.
    func croppedForTest(to rect: Rect) throws -> GrayImage {
        let px0 = Int(((rect.x0 - region.x0) * scale).rounded()), py0 = Int(((rect.y0 - region.y0) * scale).rounded())
        let px1 = min(width, Int(((rect.x1 - region.x0) * scale).rounded()))
        let py1 = min(height, Int(((rect.y1 - region.y0) * scale).rounded()))
        var out: [UInt8] = []
        out.reserveCapacity((px1 - px0) * (py1 - py0))
        for y in py0..<py1 { out.append(contentsOf: pixels[(y * width + px0)..<(y * width + px1)]) }
        return GrayImage(width: px1 - px0, height: py1 - py0, pixels: out, scale: scale,
                         region: Rect(x0: region.x0 + Double(px0) / scale, y0: region.y0 + Double(py0) / scale,
                                      x1: region.x0 + Double(px1) / scale, y1: region.y0 + Double(py1) / scale))
    }
}
