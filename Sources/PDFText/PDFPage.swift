import CPoppler

/// One page of a `PDFDocument`. Owns its `PopplerPage` reference; keeps the document alive.
public final class PDFPage: @unchecked Sendable {
    let handle: OpaquePointer // PopplerPage*
    public let document: PDFDocument
    /// Zero-based page index in the document.
    public let index: Int

    init(handle: OpaquePointer, document: PDFDocument, index: Int) {
        self.handle = handle
        self.document = document
        self.index = index
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(handle)) }

    /// One-based page number, as people and records count pages.
    public var number: Int { index + 1 }

    /// Page size in points.
    public var size: (width: Double, height: Double) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(handle, &width, &height)
        return (width, height)
    }

    public var bounds: Rect {
        let (width, height) = size
        return Rect(x0: 0, y0: 0, x1: width, y1: height)
    }

    /// Every visible character of the text layer with its box and style, in poppler's reading
    /// order. White space is not returned as glyphs; it sets `followsSpace` on the next glyph.
    public func glyphs() -> [Glyph] {
        guard let textPointer = poppler_page_get_text(handle) else { return [] }
        defer { g_free(textPointer) }
        let text = String(cString: textPointer)

        var rectangles: UnsafeMutablePointer<PopplerRectangle>? = nil
        var rectangleCount: guint = 0
        guard poppler_page_get_text_layout(handle, &rectangles, &rectangleCount) != 0, let rectangles else { return [] }
        defer { g_free(rectangles) }

        let styles = textStyleRuns()
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(Int(rectangleCount))
        var styleCursor = 0
        var pendingSpace = true
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard index < Int(rectangleCount) else { break }
            // ASCII is told on its value; Unicode's white-space property costs a table look-up.
            if scalar.value <= 0x20 || (scalar.value >= 0x80 && scalar.properties.isWhitespace) {
                pendingSpace = true
                continue
            }
            while styleCursor < styles.count, styles[styleCursor].end < index { styleCursor += 1 }
            let style = styleCursor < styles.count && styles[styleCursor].start <= index
                ? styles[styleCursor].style : TextStyle.unknown
            let box = rectangles[index]
            glyphs.append(Glyph(
                scalar: scalar,
                rect: Rect(x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2),
                style: style,
                followsSpace: pendingSpace))
            pendingSpace = false
        }
        return glyphs
    }

    /// poppler's attribute runs: character index ranges (inclusive) sharing font, size and colour.
    private func textStyleRuns() -> [(start: Int, end: Int, style: TextStyle)] {
        guard let list = poppler_page_get_text_attributes(handle) else { return [] }
        defer { poppler_page_free_text_attributes(list) }
        var runs: [(start: Int, end: Int, style: TextStyle)] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let attributes = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let color = RGBColor(
                    red: Double(attributes.color.red) / 65535,
                    green: Double(attributes.color.green) / 65535,
                    blue: Double(attributes.color.blue) / 65535)
                let fontName = attributes.font_name.map { String(cString: $0) } ?? ""
                runs.append((Int(attributes.start_index), Int(attributes.end_index),
                             TextStyle(fontName: fontName, fontSize: attributes.font_size, color: color)))
            }
            node = current.pointee.next
        }
        return runs.sorted { $0.start < $1.start }
    }

    /// Where the page draws raster images, in points (top-left origin).
    public func imageRects() -> [Rect] {
        guard let list = poppler_page_get_image_mapping(handle) else { return [] }
        defer { poppler_page_free_image_mapping(list) }
        var rects: [Rect] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let area = raw.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                rects.append(Rect(x0: area.x1, y0: area.y1, x1: area.x2, y1: area.y2))
            }
            node = current.pointee.next
        }
        return rects
    }
}
