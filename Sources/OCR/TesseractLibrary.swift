import CTesseract
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libtesseract's C API, opened at run time (`dlopen`) the first time an engine is made.
///
/// Why not linked: a linked libtesseract is loaded by every form4 process, with some sixty
/// libraries of its own, though most files are native PDFs that never need OCR; loading them
/// was about a third of the start-up time of `form4 extract` on one file. The functions are looked
/// up once, all together: a library missing any of them is refused as a whole.
struct TesseractLibrary: @unchecked Sendable { // immutable C function pointers
    /// Names tried in order: the run-time library of tesseract 5, then the development link.
    static let fileNames = ["libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "libtesseract.dylib"]

    /// The library, or why it could not be opened; tried once per process.
    static let shared: Result<TesseractLibrary, OCRError> = Result { () throws(OCRError) in try TesseractLibrary() }

    let TessBaseAPIClear: form4_TessBaseAPIClear
    let TessBaseAPIClearAdaptiveClassifier: form4_TessBaseAPIClearAdaptiveClassifier
    let TessBaseAPICreate: form4_TessBaseAPICreate
    let TessBaseAPIDelete: form4_TessBaseAPIDelete
    let TessBaseAPIEnd: form4_TessBaseAPIEnd
    let TessBaseAPIGetIterator: form4_TessBaseAPIGetIterator
    let TessBaseAPIInit3: form4_TessBaseAPIInit3
    let TessBaseAPIRecognize: form4_TessBaseAPIRecognize
    let TessBaseAPISetImage: form4_TessBaseAPISetImage
    let TessBaseAPISetPageSegMode: form4_TessBaseAPISetPageSegMode
    let TessBaseAPISetSourceResolution: form4_TessBaseAPISetSourceResolution
    let TessBaseAPISetVariable: form4_TessBaseAPISetVariable
    let TessDeleteText: form4_TessDeleteText
    let TessPageIteratorBoundingBox: form4_TessPageIteratorBoundingBox
    let TessResultIteratorConfidence: form4_TessResultIteratorConfidence
    let TessResultIteratorDelete: form4_TessResultIteratorDelete
    let TessResultIteratorGetPageIterator: form4_TessResultIteratorGetPageIterator
    let TessResultIteratorGetUTF8Text: form4_TessResultIteratorGetUTF8Text
    let TessResultIteratorNext: form4_TessResultIteratorNext

    private init() throws(OCRError) {
        // Before libgomp comes in with libtesseract: it reads OMP_THREAD_LIMIT once, when loaded.
        TesseractThreading.configure()
        var problems: [String] = []
        var handle: UnsafeMutableRawPointer?
        for name in Self.fileNames {
            // Global, so that tesseract's OpenMP runtime can be found for `TesseractThreading`.
            handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL)
            if handle != nil { break }
            problems.append(dlerror().map { String(cString: $0) } ?? name)
        }
        guard let handle else {
            throw OCRError(.initFailed, "tesseract is not installed: cannot open libtesseract (\(problems.joined(separator: "; "))); "
                + "install it (Debian/Ubuntu: apt install libtesseract5 tesseract-ocr-eng) to read scanned pages")
        }
        func load<Function>(_ name: String, as type: Function.Type) throws(OCRError) -> Function {
            guard let symbol = dlsym(handle, name) else {
                throw OCRError(.initFailed, "the tesseract library found lacks \(name): tesseract 5 is needed")
            }
            return unsafeBitCast(symbol, to: type)
        }
        TessBaseAPIClear = try load("TessBaseAPIClear", as: form4_TessBaseAPIClear.self)
        TessBaseAPIClearAdaptiveClassifier = try load("TessBaseAPIClearAdaptiveClassifier", as: form4_TessBaseAPIClearAdaptiveClassifier.self)
        TessBaseAPICreate = try load("TessBaseAPICreate", as: form4_TessBaseAPICreate.self)
        TessBaseAPIDelete = try load("TessBaseAPIDelete", as: form4_TessBaseAPIDelete.self)
        TessBaseAPIEnd = try load("TessBaseAPIEnd", as: form4_TessBaseAPIEnd.self)
        TessBaseAPIGetIterator = try load("TessBaseAPIGetIterator", as: form4_TessBaseAPIGetIterator.self)
        TessBaseAPIInit3 = try load("TessBaseAPIInit3", as: form4_TessBaseAPIInit3.self)
        TessBaseAPIRecognize = try load("TessBaseAPIRecognize", as: form4_TessBaseAPIRecognize.self)
        TessBaseAPISetImage = try load("TessBaseAPISetImage", as: form4_TessBaseAPISetImage.self)
        TessBaseAPISetPageSegMode = try load("TessBaseAPISetPageSegMode", as: form4_TessBaseAPISetPageSegMode.self)
        TessBaseAPISetSourceResolution = try load("TessBaseAPISetSourceResolution", as: form4_TessBaseAPISetSourceResolution.self)
        TessBaseAPISetVariable = try load("TessBaseAPISetVariable", as: form4_TessBaseAPISetVariable.self)
        TessDeleteText = try load("TessDeleteText", as: form4_TessDeleteText.self)
        TessPageIteratorBoundingBox = try load("TessPageIteratorBoundingBox", as: form4_TessPageIteratorBoundingBox.self)
        TessResultIteratorConfidence = try load("TessResultIteratorConfidence", as: form4_TessResultIteratorConfidence.self)
        TessResultIteratorDelete = try load("TessResultIteratorDelete", as: form4_TessResultIteratorDelete.self)
        TessResultIteratorGetPageIterator = try load("TessResultIteratorGetPageIterator", as: form4_TessResultIteratorGetPageIterator.self)
        TessResultIteratorGetUTF8Text = try load("TessResultIteratorGetUTF8Text", as: form4_TessResultIteratorGetUTF8Text.self)
        TessResultIteratorNext = try load("TessResultIteratorNext", as: form4_TessResultIteratorNext.self)
        // The library stays loaded for the life of the process (its functions are kept).
    }
}
