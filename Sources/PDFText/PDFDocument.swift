import CPoppler
import Foundation

/// An open PDF document. Owns one `PopplerDocument` reference and releases it when the last
/// Swift reference (the document or any of its pages) goes away.
public final class PDFDocument: @unchecked Sendable {
    let handle: OpaquePointer // PopplerDocument*
    /// The name used in error messages: the path, or a caller-given label for in-memory PDFs.
    public let name: String

    /// Opens the PDF at `path`. Empty, non-PDF, damaged and encrypted files throw a `PDFError`
    /// whose message names the file and the cause.
    public convenience init(path: String, password: String? = nil) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw PDFError(.fileNotFound, "\(path): no such file")
            }
            throw PDFError(.unreadable, "\(path): cannot read the file (\(error.localizedDescription))")
        }
        try self.init(path: path, contents: data, password: password)
    }

    /// Opens the PDF at `path` whose bytes the caller has already read (to hash them, say), so
    /// the file is not read twice just to be checked.
    public init(path: String, contents: Data, password: String? = nil) throws {
        try Self.validate(contents, name: path)
        PopplerGlobalsAnchor.retain()
        // From a file rather than from bytes: poppler-glib 22's bytes path crashes when it retries
        // an encrypted document with a wrong password; the file path retries safely.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var error: UnsafeMutablePointer<GError>? = nil
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            throw consumePopplerError(error, file: path, passwordGiven: false)
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, password, &error) else {
            throw consumePopplerError(error, file: path, passwordGiven: password != nil)
        }
        if let error { g_error_free(error) }
        self.name = path
        handle = document
    }

    /// Opens a PDF held in memory. `name` labels it in error messages.
    public init(data: Data, name: String = "<memory>", password: String? = nil) throws {
        self.name = name
        try Self.validate(data, name: name)
        if password != nil {
            // poppler-glib's bytes path crashes on a wrong password (see init(path:)); go through
            // a private temporary file instead.
            let temporary = try Self.writePrivateCopy(of: data, name: name)
            defer { unlink(temporary) }
            let opened = try PDFDocument(path: temporary, password: password)
            handle = opened.handle
            g_object_ref(UnsafeMutableRawPointer(handle))
            return
        }
        PopplerGlobalsAnchor.retain()
        // GBytes copies the buffer, so poppler never points into memory Swift may release.
        let bytes = data.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>? = nil
        let document = poppler_document_new_from_bytes(bytes, nil, &error)
        guard let document else {
            throw consumePopplerError(error, file: name, passwordGiven: password != nil)
        }
        if let error { g_error_free(error) } // a warning alongside success: nothing to report
        handle = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// Writes an encrypted PDF's bytes to a new file only this user can read (mode 0600), not
    /// with `Data.write(options: .atomic)`, which on Linux leaves a `TemporaryDirectory.*`
    /// folder behind in /tmp on every call.
    private static func writePrivateCopy(of data: Data, name: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/form4-encrypted-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw PDFError(.unreadable, "\(name): cannot make a temporary copy to decrypt (errno \(errno))")
        }
        defer { close(descriptor) }
        let path = String(cString: template)
        let complete = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard complete else {
            unlink(path)
            throw PDFError(.unreadable, "\(name): cannot make a temporary copy to decrypt (errno \(errno))")
        }
        return path
    }

    public var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

    /// The page at zero-based `index`.
    public func page(_ index: Int) throws -> PDFPage {
        guard index >= 0, index < pageCount, let page = poppler_document_get_page(handle, Int32(index)) else {
            throw PDFError(.pageOutOfRange, "\(name): no page \(index + 1) (the document has \(pageCount))")
        }
        return PDFPage(handle: page, document: self, index: index)
    }

    /// All pages in order.
    public func pages() throws -> [PDFPage] {
        try (0..<pageCount).map { try page($0) }
    }

    /// Empty files and files that are not PDFs at all are told apart before poppler sees them.
    public static func validate(_ data: Data, name: String) throws {
        if data.isEmpty { throw PDFError(.emptyFile, "\(name): the file is empty (0 bytes)") }
        guard hasPDFHeader(data) else {
            throw PDFError(.notPDF, "\(name): not a PDF (no %PDF- header in the first 1024 bytes)")
        }
    }

    static func hasPDFHeader(_ data: Data) -> Bool {
        let marker = Array("%PDF-".utf8)
        let prefix = Array(data.prefix(1024))
        guard prefix.count >= marker.count else { return false }
        for start in 0...(prefix.count - marker.count) where prefix[start] == marker[0] {
            if Array(prefix[start..<start + marker.count]) == marker { return true }
        }
        return false
    }
}
