import Foundation
import Layout
import OCR
import PDFText

/// Settings of an extraction run.
public struct ExtractionOptions: Sendable {
    /// Password for encrypted PDFs.
    public var password: String?
    /// Fields below this confidence send their record to review.
    public var reviewThreshold: Double = 0.9
    public var wordGrouping = WordGrouping()

    public init(password: String? = nil, reviewThreshold: Double = 0.9) {
        self.password = password
        self.reviewThreshold = reviewThreshold
    }
}

/// Turns a PDF into Form 4 records: pages → words → forms → fields.
public struct Form4Extractor: Sendable {
    public var options: ExtractionOptions
    /// One tesseract engine, shared by copies of this extractor: use one extractor per thread.
    let ocr = OCRService()

    public init(options: ExtractionOptions = ExtractionOptions()) { self.options = options }

    /// Extracts every Form 4 in the file at `path`. Never throws: a file that cannot be read
    /// gives a result with status `error`, a stable code and a message naming the file.
    public func extract(path: String) -> FileResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            var isFolder: ObjCBool = false
            let failure = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                ? PDFError(.fileNotFound, "\(path): no such file")
                : isFolder.boolValue
                ? PDFError(.unreadable, "\(path): is a folder, not a PDF file")
                : PDFError(.unreadable, "\(path): cannot read the file (\(error.localizedDescription))")
            return FileResult(file: path, status: .error, error: .init(code: failure.code.rawValue, message: failure.message),
                              reviewThreshold: options.reviewThreshold)
        }
        return extract(data: data, name: path) { try PDFDocument(path: path, contents: data, password: options.password) }
    }

    /// Extracts every Form 4 in a PDF held in memory; `name` labels it in the result.
    public func extract(data: Data, name: String) -> FileResult {
        extract(data: data, name: name) { try PDFDocument(data: data, name: name, password: options.password) }
    }

    private func extract(data: Data, name: String, open: () throws -> PDFDocument) -> FileResult {
        // The hash is worked out beside the reading (on a free core it costs no wall time).
        let hash = BackgroundValue { SHA256.hex(data) }
        var result = FileResult(file: name, status: .ok, reviewThreshold: options.reviewThreshold)
        do {
            let document = try open()
            result.pageCount = document.pageCount
            let pages = try document.pages().map { try formPage($0) }
            let (forms, _) = FormSplitter.split(pages)
            result.forms = forms.map { pages in
                var record = FormReader(pages: pages).read()
                record.summariseConfidence(reviewThreshold: options.reviewThreshold)
                return record
            }
            if result.forms.isEmpty { result.status = .notForm4 }
        } catch let error as PDFError {
            result.status = .error
            result.error = .init(code: error.code.rawValue, message: error.message)
        } catch {
            result.status = .error
            result.error = .init(code: "internal", message: "\(name): \(error)")
        }
        result.sha256 = hash.value
        return result
    }

    /// The page's words with their source: the PDF's own text layer, or an OCR layer over a
    /// scanned image.
    func formPage(_ page: PDFPage) throws -> FormPage {
        let glyphs = page.glyphs()
        // A browser's print header and footer (date, title, address, page count) are no part of the form.
        var words = PageFurniture().removing(from: options.wordGrouping.words(from: glyphs), pageBounds: page.bounds)
        let source = Self.textSource(of: glyphs, page: page)
        if source == .ocr {
            // No text at all: a scan without a text layer (or a blank page). Read the image.
            // Straightened before OCR: on a skewed page tesseract's lines drift across the rows
            // of a table and join cells of two rows into one line.
            let scan = try page.renderGray(dpi: OCRService.dpi)
            let centre = (x: page.bounds.midX, y: page.bounds.midY)
            let angle = Deskew().angle(of: scan)
            let image = angle == 0 ? scan : scan.rotated(by: angle, around: centre, paper: scan.paperLevel)
            do {
                let read = Self.removingRuleReadings(PageFurniture().removing(from: try ocr.words(in: image), pageBounds: page.bounds))
                words = Self.removingWordsReadTwice(read)
            } catch let error as OCRError {
                throw PDFError(.renderFailed, "\(page.document.name): page \(page.number) has no text and cannot be OCRed: \(error.message)")
            }
            // What skew the image's own estimate left, read from the words.
            let skew = Deskew().angle(of: words)
            let straight = Deskew.straighten(words, angle: skew, centre: centre)
            let text = PageText(number: page.number, bounds: page.bounds, source: source, words: straight)
            let read = FormPage(text: text, pdfPage: page, ocr: ocr, scanImage: image, skew: skew)
            return LabelRescue().repaired(read) ?? read
        }
        if source == .native {
            let text = PageText(number: page.number, bounds: page.bounds, source: source, words: words)
            return FormPage(text: text, pdfPage: page)
        }
        // An OCR text layer over a scan: straightened like our own OCR.
        words = Self.removingDuplicates(words)
        let deskew = Deskew(), centre = (x: page.bounds.midX, y: page.bounds.midY)
        let measured = deskew.measure(words)
        var skew = measured.angle
        var scan: GrayImage? = nil
        if measured.setsLinesLevel, let image = try? page.renderGray(dpi: OCRService.dpi) {
            // A layer that sets lines level (tesseract's) shows little of the skew from word to
            // word: the image shows it, where it disagrees. The image is kept for the reading
            // that follows (cells' ink, re-reading), which would render it again.
            scan = image
            let seen = deskew.angle(of: image)
            if abs(seen - skew) > Self.skewDisagreement { skew = seen }
        }
        let straight = deskew.straightenLines(words, angle: skew, centre: centre)
        let text = PageText(number: page.number, bounds: page.bounds, source: source, words: straight)
        let layer = FormPage(text: text, pdfPage: page, ocr: ocr, scanImage: scan, skew: skew)
        return LabelRescue().repaired(layer) ?? layer
    }

    /// How far (radians, about 0.2°) the image's skew may stand from the one an OCR layer's
    /// words show before the image's is taken. Nearer, the two are within each other's error
    /// (a table's rows drift by a point and a half across the page), and turning the page by the
    /// other moves its cells' rules by a fraction of a point against the words: on
    /// Samples/scan200-noisy f0065 a pale marker alone in its cell was no longer seen (its cell
    /// then showed ink beside it), and on the Chromium scans of seed 23 some header labels
    /// read again came out otherwise (96.59 % -> 96.36 %).
    static let skewDisagreement = 0.0035

    /// OCR reads a table's rules now and then as a line of "letters" ("SSS al Bee eS ——e") that
    /// are as flat as the rule and read with little confidence: a word with a letter or digit,
    /// less than `RuleReadings.heightShare` of the page's usual word height and less than
    /// `RuleReadings.confidence` sure, is a rule, not print. Confidence is asked for because
    /// tesseract now and then gives a well-read word a box a point high ("Reporting" at 0.92);
    /// words of a text layer, whose confidence is not known, all stay. (Dashes and dots, flat by
    /// nature, stay too.)
    static func removingRuleReadings(_ words: [Word]) -> [Word] {
        let heights = words.map(\.rect.height).sorted()
        guard heights.count >= 20 else { return words }
        let flat = heights[heights.count / 2] * RuleReadings.heightShare
        return words.filter { word in
            guard let confidence = word.ocrConfidence, confidence < RuleReadings.confidence,
                  word.rect.height < flat else { return true }
            return !word.text.contains { $0.isLetter || $0.isNumber }
        }
    }

    /// See `removingRuleReadings`.
    enum RuleReadings {
        static let heightShare = 0.3
        static let confidence = 0.6
    }

    /// Tesseract too may read a line twice, as two overlapping lines ("Haddad Haddad David David
    /// J J"): the repeated words go, as from a text layer. Marks stay: where a bracket was read
    /// twice, box 2's ticker is found between the brackets as before.
    static func removingWordsReadTwice(_ words: [Word]) -> [Word] {
        removingDuplicates(words) { $0.text.contains(where: { $0.isLetter || $0.isNumber }) }
    }

    /// OCR layers sometimes hold a word twice, read once from each of two overlapping text lines:
    /// a word that repeats the text of an earlier word standing on it (over half of the smaller
    /// one's width, and for words over half its height) is dropped (of the words `eligible` says
    /// may be). The same word opening two lines one under the other ("The" of two footnotes)
    /// touches, at most; the "|" OCR reads a table's vertical rule as, line after line, overlaps
    /// more and is one mark.
    static func removingDuplicates(_ words: [Word], where eligible: (Word) -> Bool = { _ in true }) -> [Word] {
        var kept: [Word] = []
        kept.reserveCapacity(words.count)
        for word in words {
            let isWord = word.text.contains { $0.isLetter || $0.isNumber }
            let duplicate = eligible(word) && kept.contains { other in
                other.text == word.text && other.rect.intersects(word.rect)
                    && other.rect.horizontalOverlap(word.rect) > 0.5 * min(other.rect.width, word.rect.width)
                    && (!isWord || other.rect.verticalOverlap(word.rect) > 0.5 * min(other.rect.height, word.rect.height))
            }
            if !duplicate { kept.append(word) }
        }
        return kept
    }

    /// OCR engines write their text layer in an invisible font of their own (tesseract and
    /// ocrmypdf: "GlyphLessFont"); that is cheap to see. Only a text layer in some other font
    /// over a page-filling image needs the page's images looked up, which costs a second pass
    /// over the content stream, so that is done only for pages whose text is all one font.
    static func textSource(of glyphs: [Glyph], page: PDFPage) -> TextSource {
        guard let first = glyphs.first else { return .ocr }
        let font = first.style.font
        if font.name.contains("GlyphLess") { return .ocrLayer }
        // Printed forms mix several fonts (labels, values, headings); an OCR layer uses one.
        // A sample of the glyphs is enough to tell.
        let oneFont = stride(from: 0, to: glyphs.count, by: 16).allSatisfy { glyphs[$0].style.font == font }
        guard oneFont, font != .none else { return .native }
        let area = page.bounds.width * page.bounds.height
        return page.imageRects().contains { $0.width * $0.height > 0.6 * area } ? .ocrLayer : .native
    }
}
