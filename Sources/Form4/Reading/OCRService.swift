import Foundation
import OCR
import PDFText

/// OCR for the extractor: reads image-only pages and re-reads doubtful fields of scanned pages.
/// Holds one tesseract engine, created on first use and reused for every page and field (loading
/// it takes a while). Not thread-safe, like the engine: one extractor per worker thread.
final class OCRService: @unchecked Sendable {
    /// Resolution at which scanned pages are rendered for OCR and for looking at ink.
    static let dpi: Double = 300

    private var engine: TesseractEngine?
    private var failure: OCRError?

    /// The engine, or the reason there is none (language data missing).
    func tesseract() throws -> TesseractEngine {
        if let engine { return engine }
        if let failure { throw failure }
        do {
            let created = try TesseractEngine()
            engine = created
            return created
        } catch let error as OCRError {
            failure = error
            throw error
        }
    }

    /// The words of a page image, as layout words carrying tesseract's confidence, in page
    /// points; `pageSegmentation` `.singleBlock` for an area cropped from a page that holds one
    /// block of print (a scan's footnotes).
    func words(in image: GrayImage, pageSegmentation: PageSegmentation = .auto) throws -> [Word] {
        try tesseract().recognizeWords(in: image, pageSegmentation: pageSegmentation).map { word in
            Word(text: word.text, rect: word.rect, ocrConfidence: word.confidence)
        }
    }

    /// What kind of characters a field can hold, for re-reading it with only those allowed.
    enum FieldKind: Equatable {
        case number, date, code(Set<Character>), text

        var isTyped: Bool {
            if case .text = self { return false }
            return true
        }

        /// A code's letters.
        var isCode: Bool {
            if case .code = self { return true }
            return false
        }

        /// Dates and numbers: digits, which blur together.
        var isNumeric: Bool {
            switch self {
            case .number, .date: return true
            case .code, .text: return false
            }
        }

        var whitelist: String? {
            switch self {
            // Parentheses and digits too: a footnote marker "(1)" may follow any value.
            case .number: return "0123456789,.$()"
            case .date: return "0123456789/()"
            case .code(let letters): return String(letters.sorted()) + "0123456789()"
            case .text: return nil
            }
        }
    }

    /// Reads the footnote marker(s) printed small in `area` ("(1)", "(2)(3)"), enlarged and with
    /// its grey stretched (a marker's thin strokes are faint on a 200-dpi scan), with only digits
    /// and parentheses allowed: the text read (`MarkerResolution` tells what it names), nil
    /// when nothing was.
    func readMarker(_ area: Rect, of image: GrayImage) -> String? {
        // Only the marker's own ink: a digit of the value beside it must not be read into it.
        guard let crop = image.cropped(to: area, margin: 0.6) else { return nil }
        return readMarkerCrop(crop.stretched().keepingOnly(area.insetBy(dx: -0.25, dy: -0.25)), enlargement: Self.markerEnlargement)
    }

    /// The marker in `area` read several times over, at other sizes and with its ink cut at
    /// other grey levels: a blurred marker's digit comes out of some of these readings and not
    /// of others, and what most of them agree on is the best evidence there is.
    /// On pages we OCR ourselves (`fewer`) only `markerVariantsOnOwnOCR` are read: those pages
    /// already cost a whole-page OCR, and the bench allows them 1.2× tesseract's time.
    func readMarkerVariants(_ area: Rect, of image: GrayImage, fewer: Bool = false) -> [String] {
        guard let crop = image.cropped(to: area, margin: 0.6) else { return [] }
        let keep = area.insetBy(dx: -0.25, dy: -0.25)
        return (fewer ? Self.markerVariantsOnOwnOCR : Self.markerVariants).compactMap { variant in
            readMarkerCrop(crop.binarized(at: variant.inkShare).keepingOnly(keep), enlargement: variant.enlargement)
        }
    }

    /// The sizes and ink levels (share of the way from the paper to the darkest print) of `readMarkerVariants`.
    static let markerVariants: [(enlargement: Int, inkShare: Double)] = [(3, 0.3), (3, 0.45), (6, 0.3), (6, 0.45), (8, 0.3), (8, 0.45)]
    static let markerVariantsOnOwnOCR: [(enlargement: Int, inkShare: Double)] = [(3, 0.3), (6, 0.45)]

    private func readMarkerCrop(_ crop: GrayImage, enlargement: Int) -> String? {
        guard let engine = try? tesseract() else { return nil }
        let reading = try? engine.recognizeText(in: crop.enlarged(by: Double(enlargement), border: 16),
                                                pageSegmentation: .singleLine, characterWhitelist: "()0123456789")
        guard let text = reading?.text.filter({ !$0.isWhitespace }), !text.isEmpty else { return nil }
        return text
    }

    /// How much a marker's crop is enlarged for reading: its digits are some 10 pixels high at 300 dpi.
    static let markerEnlargement = 4

    /// The number in a marker reading that lost or doubled a parenthesis ("3)", "(6", "((2)"): one
    /// or two digits and nothing else but parentheses; nil otherwise.
    static func damagedMarkerNumber(_ text: String) -> Int? {
        let compact = text.filter { !$0.isWhitespace }
        let digits = compact.filter { $0 != "(" && $0 != ")" }
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), number > 0 else { return nil }
        return number
    }

    /// `"(1)(12)"` → [1, 12]; nil for anything that is not only markers.
    static func markerNumbers(_ text: String) -> [Int]? {
        let compact = text.filter { !$0.isWhitespace }
        var numbers: [Int] = []
        var rest = Substring(compact)
        while !rest.isEmpty {
            guard rest.first == "(", let close = rest.firstIndex(of: ")") else { return nil }
            let inside = rest[rest.index(after: rest.startIndex)..<close]
            guard (1...2).contains(inside.count), inside.allSatisfy(\.isNumber), let number = Int(inside), number > 0 else { return nil }
            numbers.append(number)
            rest = rest[rest.index(after: close)...]
        }
        return numbers.isEmpty ? nil : numbers
    }

    /// Reads the text of one ruled cell (its inside, rules excluded), enlarged; `blank` (a footnote
    /// marker read on its own) is left out. Nil when nothing could be read.
    ///
    /// With `inkShare`, the enlarged cell is read in black and white, cut that share of the way
    /// from paper to print: blurred digits that run together ("09/05" as one blob) come apart.
    ///
    /// `enlargement`: how much larger than the page image the cell is read. Tesseract reads most
    /// cells best twice enlarged, but not all: some small print of a 200 dpi scan it reads only
    /// at the page's own size ("04/26/2030" nothing at all twice enlarged), so a cell whose
    /// readings disagree is looked at once more so (`secondLookEnlargement`).
    func readCell(_ area: Rect, of image: GrayImage, blank: Rect?, as kind: FieldKind,
                  inkShare: Double? = nil, enlargement: Double = cellEnlargement) -> (text: String, confidence: Double)? {
        guard var crop = image.cropped(to: area), let engine = try? tesseract() else { return nil }
        if let blank { crop = crop.whitened(blank.insetBy(dx: -0.3, dy: -0.3)) }
        let mode: PageSegmentation = kind.isTyped ? .singleLine : .singleBlock
        var big = crop.cleanedCell().enlarged(by: enlargement)
        if let inkShare { big = big.binarized(at: inkShare) }
        guard let words = try? engine.recognizeWords(in: big, pageSegmentation: mode, characterWhitelist: kind.whitelist) else { return nil }
        return Self.reading(of: words)
    }

    /// How much larger than the page image a cell is read first, and where readings disagree, once more.
    static let cellEnlargement = 2.0, secondLookEnlargement = 1.0

    /// The words' text and mean confidence, leaving out specks and rule remains read as "|" or
    /// "=" (no part of the value, nor of its certainty). Nil when nothing is left.
    private static func reading(of words: [OCRWord]) -> (text: String, confidence: Double)? {
        let kept = words.filter { !OCRTextRepair.clean($0.text).0.isEmpty }
        guard !kept.isEmpty else { return nil }
        let text = kept.map(\.text).joined(separator: " ")
        return text.isEmpty ? nil : (text, kept.map(\.confidence).reduce(0, +) / Double(kept.count))
    }

    /// Reads the block of text standing in `area` of `image` (lines as printed, underlines and
    /// all), `enlargement` times larger, with any character allowed. Nil when nothing could be read.
    ///
    /// Ink touching the crop's top and bottom (what is left of the box's rules and of the
    /// labels above and below) is taken out first, and the crop gets a margin of paper. Large
    /// print (an issuer's name) may read worse enlarged: tesseract misreads letters grown past
    /// the size it was trained on ("ane Semiconductor" for "Tidewater Semiconductor", 300 dpi
    /// enlarged twice).
    func readBlock(_ area: Rect, of image: GrayImage, enlargement: Int) -> (text: String, confidence: Double)? {
        guard let crop = image.cropped(to: area), let engine = try? tesseract(),
              let words = try? engine.recognizeWords(in: crop.cleanedCell(sides: false).enlarged(by: Double(enlargement)), pageSegmentation: .singleBlock, characterWhitelist: nil)
        else { return nil }
        return Self.reading(of: words)
    }

    /// Pixels per point from which a scan's large print is likelier read as it is (250 dpi).
    static let fineScanScale = 250.0 / 72

    /// Reads the field standing in `area` of `image` again, allowing only the characters its
    /// kind can hold. Returns nil when nothing could be read.
    func reread(_ area: Rect, of image: GrayImage, as kind: FieldKind) -> (text: String, confidence: Double)? {
        guard let crop = image.cropped(to: area, margin: 1.5), let engine = try? tesseract() else { return nil }
        let reading = try? engine.recognizeText(in: crop, pageSegmentation: .singleLine, characterWhitelist: kind.whitelist)
        guard let reading, !reading.text.isEmpty else { return nil }
        return reading
    }
}
