import CPoppler

/// An 8-bit grey image of (part of) a page: 0 is black ink, 255 white paper.
public struct GrayImage: Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    /// Pixels per point.
    public let scale: Double
    /// The page region the image shows, in points.
    public let region: Rect

    public init(width: Int, height: Int, pixels: [UInt8], scale: Double, region: Rect) {
        self.width = width; self.height = height; self.pixels = pixels; self.scale = scale; self.region = region
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Fraction of pixels darker than `threshold` inside `rect` (page points).
    public func inkFraction(in rect: Rect, threshold: UInt8 = 128) -> Double {
        let px0 = max(0, Int(((rect.x0 - region.x0) * scale).rounded(.down)))
        let py0 = max(0, Int(((rect.y0 - region.y0) * scale).rounded(.down)))
        let px1 = min(width, Int(((rect.x1 - region.x0) * scale).rounded(.up)))
        let py1 = min(height, Int(((rect.y1 - region.y0) * scale).rounded(.up)))
        guard px1 > px0, py1 > py0 else { return 0 }
        var dark = 0
        for y in py0..<py1 {
            let row = y * width
            for x in px0..<px1 where pixels[row + x] < threshold { dark += 1 }
        }
        return Double(dark) / Double((px1 - px0) * (py1 - py0))
    }
}

extension PDFPage {
    /// Renders `region` (default: the whole page) through cairo at `dpi` into a grey image.
    ///
    /// With `areas`, only the pixels of those areas are drawn and the rest of the image is left
    /// paper-white. poppler still reads the whole page (most of a render's cost), but cairo
    /// rasterises only what falls in the areas, and skips the page's text (a quarter of the cost
    /// of a Form 4 header) where a few checkboxes are all that is looked at. Each area is widened
    /// to whole pixels, so its pixels are the same as in an unclipped render.
    public func renderGray(dpi: Double, region: Rect? = nil, only areas: [Rect]? = nil) throws -> GrayImage {
        let area = region ?? bounds
        let scale = dpi / 72
        let width = max(1, Int((area.width * scale).rounded(.up)))
        let height = max(1, Int((area.height * scale).rounded(.up)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PDFError(.renderFailed, "\(document.name): page \(number): cannot allocate a \(width)x\(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw PDFError(.renderFailed, "\(document.name): page \(number): cannot allocate a \(width)x\(height) image")
        }
        let drawn = areas.map { $0.map { PixelBox($0, in: area, scale: scale, width: width, height: height) }.filter { !$0.isEmpty } }
        if let drawn {
            // In device pixels, before the page's transformation: whole-pixel boxes clip exactly.
            for box in drawn { cairo_rectangle(context, Double(box.x0), Double(box.y0), Double(box.x1 - box.x0), Double(box.y1 - box.y0)) }
            cairo_clip(context)
        }
        // Paper is painted only where the clip lets anything be drawn: the rest of the image is
        // never touched, so its memory is never faulted in.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        cairo_translate(context, -area.x0, -area.y0)
        poppler_page_render_for_printing(handle, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PDFError(.renderFailed, "\(document.name): page \(number): cairo gave no pixels")
        }
        let whole = [PixelBox(x0: 0, y0: 0, x1: width, y1: height)]
        let pixels = Self.grayPixels(of: data, stride: stride, width: width, height: height, in: drawn ?? whole)
        return GrayImage(width: width, height: height, pixels: pixels, scale: scale, region: area)
    }

    /// The grey levels of a cairo RGB24 image inside `boxes`; elsewhere paper-white (nothing was
    /// drawn there: converting it would only cost time).
    private static func grayPixels(of data: UnsafeMutablePointer<UInt8>, stride: Int, width: Int, height: Int,
                                   in boxes: [PixelBox]) -> [UInt8] {
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for box in boxes {
                for y in box.y0..<box.y1 {
                    // RGB24 is stored as native-endian 32-bit 0x00RRGGBB. Luma with weights summing
                    // to 256 (0.299, 0.587, 0.114), so a shift replaces the division.
                    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    let target = buffer.baseAddress! + y * width
                    for x in box.x0..<box.x1 {
                        let rgb = row[x]
                        let red = (rgb >> 16) & 0xff, green = (rgb >> 8) & 0xff, blue = rgb & 0xff
                        target[x] = UInt8(truncatingIfNeeded: (red * 77 + green * 150 + blue * 29) >> 8)
                    }
                }
            }
        }
        return pixels
    }
}

/// A box of whole pixels of a rendered image, clipped to the image.
private struct PixelBox {
    var x0: Int, y0: Int, x1: Int, y1: Int

    init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    /// The pixels `rect` (page points) touches in an image of `region` at `scale`, with one more
    /// on every side: readers round a rectangle's edges to pixels either way.
    init(_ rect: Rect, in region: Rect, scale: Double, width: Int, height: Int) {
        x0 = max(0, Int(((rect.x0 - region.x0) * scale).rounded(.down)) - 1)
        y0 = max(0, Int(((rect.y0 - region.y0) * scale).rounded(.down)) - 1)
        x1 = min(width, Int(((rect.x1 - region.x0) * scale).rounded(.up)) + 1)
        y1 = min(height, Int(((rect.y1 - region.y0) * scale).rounded(.up)) + 1)
    }

    var isEmpty: Bool { x1 <= x0 || y1 <= y0 }
}

extension GrayImage {
    /// The part of the image showing `rect` (page points), grown by `margin` points on each side
    /// and clipped to the image.
    public func cropped(to rect: Rect, margin: Double = 0) -> GrayImage? {
        let wanted = rect.insetBy(dx: -margin, dy: -margin)
        let px0 = max(0, Int(((wanted.x0 - region.x0) * scale).rounded(.down)))
        let py0 = max(0, Int(((wanted.y0 - region.y0) * scale).rounded(.down)))
        let px1 = min(width, Int(((wanted.x1 - region.x0) * scale).rounded(.up)))
        let py1 = min(height, Int(((wanted.y1 - region.y0) * scale).rounded(.up)))
        guard px1 > px0, py1 > py0 else { return nil }
        var pixels = [UInt8](repeating: 255, count: (px1 - px0) * (py1 - py0))
        for y in py0..<py1 {
            let source = y * width + px0, target = (y - py0) * (px1 - px0)
            for x in 0..<(px1 - px0) { pixels[target + x] = self.pixels[source + x] }
        }
        let area = Rect(x0: region.x0 + Double(px0) / scale, y0: region.y0 + Double(py0) / scale,
                        x1: region.x0 + Double(px1) / scale, y1: region.y0 + Double(py1) / scale)
        return GrayImage(width: px1 - px0, height: py1 - py0, pixels: pixels, scale: scale, region: area)
    }
}

/// How many pixels have each grey level: paper and ink levels are read off it.
public struct GrayHistogram: Sendable {
    public private(set) var counts = [Int](repeating: 0, count: 256)
    public private(set) var total = 0

    public init() {}

    /// The histogram of all of `pixels`.
    public init(of pixels: [UInt8]) {
        // A page at 300 dpi is millions of pixels: counted on raw buffers.
        counts.withUnsafeMutableBufferPointer { counts in
            pixels.withUnsafeBufferPointer { pixels in
                for level in pixels { counts[Int(level)] &+= 1 }
            }
        }
        total = pixels.count
    }

    public mutating func add(_ level: UInt8) {
        counts[Int(level)] += 1
        total += 1
    }

    /// The lowest level at or below which `share` (0...1) of the counted pixels lie.
    public func percentile(_ share: Double) -> Int {
        var seen = 0
        for level in 0..<256 {
            seen += counts[level]
            if Double(seen) >= share * Double(total) { return level }
        }
        return 255
    }

    /// The commonest level among `levels`.
    public func commonest(in levels: ClosedRange<Int>) -> Int {
        levels.max { counts[$0] < counts[$1] } ?? levels.upperBound
    }
}
