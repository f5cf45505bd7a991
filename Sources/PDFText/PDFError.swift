import CPoppler

/// Why a PDF could not be read. `code` is stable and meant for machines (it is written into
/// records and failure tables); `message` names the file and the cause for people.
public struct PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable {
        case fileNotFound = "file-not-found"
        case unreadable = "unreadable"
        case emptyFile = "empty-file"
        case notPDF = "not-pdf"
        case damaged = "damaged-pdf"
        case encrypted = "encrypted"
        case wrongPassword = "wrong-password"
        case pageOutOfRange = "page-out-of-range"
        case renderFailed = "render-failed"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Takes ownership of a GError filled in by a poppler call: reads it, frees it exactly once,
/// and translates it into a `PDFError` about `file`.
func consumePopplerError(_ error: UnsafeMutablePointer<GError>?, file: String, passwordGiven: Bool) -> PDFError {
    guard let error else { return PDFError(.damaged, "\(file): poppler could not open the document") }
    defer { g_error_free(error) }
    let detail = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    if error.pointee.domain == poppler_error_quark() {
        switch Int(error.pointee.code) {
        case Int(POPPLER_ERROR_ENCRYPTED.rawValue):
            return passwordGiven
                ? PDFError(.wrongPassword, "\(file): the password given does not open this encrypted PDF")
                : PDFError(.encrypted, "\(file): the PDF is encrypted; pass its password with --password")
        case Int(POPPLER_ERROR_OPEN_FILE.rawValue):
            return PDFError(.unreadable, "\(file): cannot open the file (\(detail))")
        default:
            break
        }
    }
    return PDFError(.damaged, "\(file): the PDF is damaged or truncated (\(detail))")
}
