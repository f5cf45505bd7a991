import CTesseract
import PDFText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why OCR failed. `code` is stable and meant for machines; `message` names the language,
/// the data path or the image and says what to do about it.
public struct OCRError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        /// The engine could not be created or its language data could not be loaded.
        case initFailed = "init-failed"
        /// The image was handed over but tesseract could not recognise it.
        case recognizeFailed = "recognize-failed"
        /// The image is empty or its pixel buffer does not match its size.
        case invalidImage = "invalid-image"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// How tesseract splits the image into blocks, lines and words (`TessPageSegMode` in capi.h).
public enum PageSegmentation: Int32, Sendable, CaseIterable {
    /// A whole page: find columns, blocks and lines (PSM_AUTO).
    case auto = 3
    /// One uniform block of text (PSM_SINGLE_BLOCK).
    case singleBlock = 6
    /// Exactly one line: re-reading one field (PSM_SINGLE_LINE).
    case singleLine = 7
    /// Exactly one word (PSM_SINGLE_WORD).
    case singleWord = 8
    /// As much text as possible, in no particular order: forms with scattered values (PSM_SPARSE_TEXT).
    case sparseText = 11

    /// The C enum value, taken from capi.h's constants rather than from `rawValue`.
    var tesseractMode: TessPageSegMode {
        switch self {
        case .auto: PSM_AUTO
        case .singleBlock: PSM_SINGLE_BLOCK
        case .singleLine: PSM_SINGLE_LINE
        case .singleWord: PSM_SINGLE_WORD
        case .sparseText: PSM_SPARSE_TEXT
        }
    }
}

/// One tesseract engine (`TessBaseAPI`) with its language model loaded.
///
/// Ownership: the engine owns exactly one `TessBaseAPI*`, created in `init` and released once
/// in `deinit`. Every string tesseract hands back is copied into Swift and freed with
/// `TessDeleteText`; every result iterator is freed with `TessResultIteratorDelete`; the
/// recognition results are cleared after each call, so memory does not grow with use.
///
/// Threading: an engine is **not** thread-safe and must not be shared. Use one engine per worker
/// thread, initialised once (loading the model takes a while) and reused for every page and field
/// that worker reads. Distinct engines on distinct threads are independent.
///
/// tesseract's own threading: tesseract 5.3 parallelises its LSTM with OpenMP. On a small
/// machine that only adds contention (measured on 2 cores: one 300 dpi Form 4 page takes 9.4–10.5 s
/// with OpenMP's default threading, 1.8 s single-threaded), and we already parallelise over
/// pages and documents. So, unless the environment sets `OMP_THREAD_LIMIT` itself, tesseract is
/// kept single-threaded (see `TesseractThreading`).
///
/// Diagnostics: tesseract prints its warnings and debug output ("Error opening data file …",
/// "Estimating resolution as …", statistics dumps for odd images) straight to the terminal; the
/// engine sends them to /dev/null through tesseract's `debug_file` variable (process-wide) and
/// reports failures as `OCRError`s instead.
public final class TesseractEngine {
    private let api: OpaquePointer // TessBaseAPI*, owned
    /// The C API, opened on first use (see `TesseractLibrary`).
    private let tess: TesseractLibrary
    public let language: String
    /// The data path given to `init`, nil for tesseract's default.
    public let dataPath: String?

    /// Loads `language` (a tessdata name such as "eng") from `dataPath` (the tessdata directory;
    /// nil for `TESSDATA_PREFIX` or tesseract's built-in default).
    public init(language: String = "eng", dataPath: String? = nil) throws {
        let tess = try TesseractLibrary.shared.get()
        guard let api = tess.TessBaseAPICreate() else {
            throw OCRError(.initFailed, "tesseract: cannot create an engine for language '\(language)'")
        }
        // Quiet before Init so that a failed load does not print its own complaint as well.
        _ = tess.TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        let status = dataPath.map { tess.TessBaseAPIInit3(api, $0, language) } ?? tess.TessBaseAPIInit3(api, nil, language)
        guard status == 0 else {
            tess.TessBaseAPIEnd(api)
            tess.TessBaseAPIDelete(api)
            throw OCRError(.initFailed, Self.initFailureMessage(language: language, dataPath: dataPath))
        }
        self.api = api
        self.tess = tess
        self.language = language
        self.dataPath = dataPath
    }

    deinit {
        tess.TessBaseAPIEnd(api)
        tess.TessBaseAPIDelete(api)
    }

    /// The words tesseract reads in `image`, in its reading order, with boxes in page points
    /// (top-left origin, mapped through the image's `region` and `scale`) and confidences in 0...1.
    /// Empty and white-space words are left out; an image without ink (no pixel darker than
    /// mid-grey) has no words. `characterWhitelist` restricts the characters tesseract may
    /// output, for this call only.
    public func recognizeWords(
        in image: GrayImage,
        pageSegmentation: PageSegmentation = .auto,
        characterWhitelist: String? = nil
    ) throws -> [OCRWord] {
        guard image.width > 0, image.height > 0, image.scale > 0,
              image.pixels.count == image.width * image.height,
              image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw OCRError(.invalidImage, "tesseract: cannot read a \(image.width)x\(image.height) image "
                + "of \(image.pixels.count) pixels at scale \(image.scale)")
        }
        // Nothing printed, nothing to read. tesseract's layout analysis finds no text in a blank
        // page, but told that the image *is* a line or a word it reads one anyway ("Be").
        guard image.hasInk else { return [] }
        TesseractThreading.applyToCurrentThread()
        defer {
            tess.TessBaseAPIClear(api) // drops the image and the results
            // tesseract's adaptive classifier learns from every page it reads and keeps what it
            // learnt for the next: a worker grew about 1 MiB a page over a long batch, and a
            // page's reading depended on the pages read before it. Each reading starts afresh.
            tess.TessBaseAPIClearAdaptiveClassifier(api)
        }
        if let characterWhitelist {
            _ = tess.TessBaseAPISetVariable(api, "tessedit_char_whitelist", characterWhitelist)
        }
        defer {
            if characterWhitelist != nil { _ = tess.TessBaseAPISetVariable(api, "tessedit_char_whitelist", "") }
        }
        tess.TessBaseAPISetPageSegMode(api, pageSegmentation.tesseractMode)

        let status: Int32 = image.pixels.withUnsafeBufferPointer { buffer in
            // tesseract copies the pixels into its own image here; the buffer is not kept.
            tess.TessBaseAPISetImage(api, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            // After SetImage, which resets it. tesseract rejects values outside 70...2400 dpi.
            let dpi = Int32(min(2400, max(70, (image.scale * 72).rounded())))
            tess.TessBaseAPISetSourceResolution(api, dpi)
            return tess.TessBaseAPIRecognize(api, nil)
        }
        guard status == 0 else {
            throw OCRError(.recognizeFailed, "tesseract (\(language)) could not recognise a "
                + "\(image.width)x\(image.height) image of page area \(image.region) (status \(status))")
        }
        return readWords(scale: image.scale, origin: image.region)
    }

    /// Reads one field: the words of `image` joined by single spaces, and their mean confidence
    /// (0 when nothing was read).
    public func recognizeText(
        in image: GrayImage,
        pageSegmentation: PageSegmentation = .singleLine,
        characterWhitelist: String? = nil
    ) throws -> (text: String, confidence: Double) {
        let words = try recognizeWords(in: image, pageSegmentation: pageSegmentation,
                                       characterWhitelist: characterWhitelist)
        guard !words.isEmpty else { return ("", 0) }
        let text = words.map(\.text).joined(separator: " ")
        let confidence = words.map(\.confidence).reduce(0, +) / Double(words.count)
        return (text, confidence)
    }

    /// Walks the last recognition's results word by word. Must run before `TessBaseAPIClear`.
    private func readWords(scale: Double, origin: Rect) -> [OCRWord] {
        guard let iterator = tess.TessBaseAPIGetIterator(api) else { return [] }
        defer { tess.TessResultIteratorDelete(iterator) }
        // A view of the same iterator, not a separate object: it is not deleted on its own.
        let pageIterator = tess.TessResultIteratorGetPageIterator(iterator)
        var words: [OCRWord] = []
        repeat {
            guard let textPointer = tess.TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: textPointer)
            tess.TessDeleteText(textPointer)
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else { continue }
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard tess.TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            let confidence = Double(tess.TessResultIteratorConfidence(iterator, RIL_WORD)) / 100
            words.append(OCRWord(
                text: trimmed,
                rect: Rect(x0: origin.x0 + Double(left) / scale, y0: origin.y0 + Double(top) / scale,
                           x1: origin.x0 + Double(right) / scale, y1: origin.y0 + Double(bottom) / scale),
                confidence: min(1, max(0, confidence))))
        } while tess.TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }

    private static func initFailureMessage(language: String, dataPath: String?) -> String {
        let directory = dataPath
            ?? getenv("TESSDATA_PREFIX").map { String(cString: $0) }
            ?? "/usr/share/tesseract-ocr/5/tessdata"
        let where_ = dataPath.map { "data path '\($0)'" }
            ?? "the default data path (TESSDATA_PREFIX, else tesseract's built-in '\(directory)')"
        let file = directory.hasSuffix("/") ? "\(directory)\(language).traineddata" : "\(directory)/\(language).traineddata"
        let package = "tesseract-ocr-" + language.lowercased().replacingUnderscores()
        if access(file, R_OK) != 0 {
            return "tesseract cannot load language '\(language)' from \(where_): \(file) is missing; "
                + "install the language data (Debian/Ubuntu: apt install \(package)) or pass the tessdata "
                + "directory that holds it as dataPath"
        }
        return "tesseract cannot load language '\(language)' from \(where_): \(file) exists but could not "
            + "be loaded (damaged, or not for tesseract 5?); reinstall it (Debian/Ubuntu: apt install --reinstall \(package))"
    }
}

/// Keeps tesseract's OpenMP threading to one thread unless the user chose otherwise.
///
/// Why: we run one engine per worker and parallelise over pages and documents; tesseract's own
/// OpenMP threads then only compete with those workers (measured on 2 cores: a page 2.5× slower).
///
/// How: if `OMP_THREAD_LIMIT` is not in the environment, it is set to "1" before libtesseract is
/// opened (`TesseractLibrary`), and so before GNU libgomp, which comes in with it and reads its
/// environment once, when it is loaded (child processes such as the `tesseract` command line see
/// it too). As a second guard, the same decision is applied at run time: before each recognition,
/// on the calling thread, `omp_set_max_active_levels(0)` makes every OpenMP parallel region run on
/// that thread alone (looked up with `dlsym`, so nothing breaks where tesseract was built without
/// OpenMP). A limit the user set in the environment is left alone.
enum TesseractThreading {
    /// True when we limit tesseract to one thread (the environment had no `OMP_THREAD_LIMIT`).
    static let singleThreaded: Bool = {
        guard getenv("OMP_THREAD_LIMIT") == nil else { return false }
        setenv("OMP_THREAD_LIMIT", "1", 0)
        return true
    }()

    private typealias SetMaxActiveLevels = @convention(c) (Int32) -> Void
    private static let setMaxActiveLevels: SetMaxActiveLevels? = {
        #if canImport(Glibc)
        let handle = UnsafeMutableRawPointer(bitPattern: 0) // RTLD_DEFAULT
        #else
        let handle = UnsafeMutableRawPointer(bitPattern: -2) // RTLD_DEFAULT on Darwin
        #endif
        guard let symbol = dlsym(handle, "omp_set_max_active_levels") else { return nil }
        return unsafeBitCast(symbol, to: SetMaxActiveLevels.self)
    }()

    static func configure() { _ = singleThreaded }

    static func applyToCurrentThread() {
        if singleThreaded { setMaxActiveLevels?(0) }
    }
}

/// An engine must not be shared between threads: one engine per worker thread.
@available(*, unavailable)
extension TesseractEngine: Sendable {}

private extension GrayImage {
    /// Whether any pixel is darker than mid-grey.
    var hasInk: Bool {
        pixels.withUnsafeBufferPointer { buffer in
            buffer.prefix(width * height).contains { $0 < 128 }
        }
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
