import CPoppler

/// Keeps poppler's global settings alive for the life of the process.
///
/// poppler-glib builds its `GlobalParams` (font configuration, encodings, Unicode maps) when
/// the first document opens and tears them down when the last one closes. A tool that opens
/// one file at a time paid that every file: 4.9 million instructions per document (callgrind),
/// more than the text of a whole Form 4 page costs. One tiny document, opened on first use and
/// never closed, keeps them built.
enum PopplerGlobalsAnchor {
    /// Touch before opening a document.
    static func retain() { _ = anchor }

    private static let anchor: Anchor? = {
        let pdf = minimalPDF()
        let bytes = pdf.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>? = nil
        let document = poppler_document_new_from_bytes(bytes, nil, &error)
        if let error { g_error_free(error) }
        return document.map(Anchor.init)
    }()

    /// Held, never released: the document is the anchor.
    private final class Anchor: @unchecked Sendable {
        let document: OpaquePointer
        init(_ document: OpaquePointer) { self.document = document }
    }

    /// A valid one-page PDF with an exact cross-reference table (so poppler reports no repair).
    static func minimalPDF() -> [UInt8] {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] >>",
        ]
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            text += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(text.utf8)
    }
}
