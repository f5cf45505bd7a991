import Foundation
import PDFText

/// The skew of a scanned page, read from its image before any OCR: the rules of a form and its
/// lines of print are level once the image is turned by the right angle. OCR engines group words
/// into lines themselves, and on a skewed page a line drifts into the next row of a table, whose
/// rows are close and whose cells are far apart; a straightened image avoids that.
///
/// The angle is the one at which the image's dark pixels, projected onto the vertical, stack up
/// most sharply (the sum of the squared row counts is largest): a level rule puts all its pixels
/// in one or two rows, a tilted one spreads them.
extension Deskew {
    /// Pixels darker than this fraction of the way from the darkest ink to the paper count as ink.
    static let imageInkLevel = 0.5
    /// Every this many points across a row one pixel is sampled (rows are all used: the height
    /// is what the angle is read from).
    static let imageSampleStep = 1.0
    /// Angles tried first: up to this far either way (degrees), in steps of `imageCoarseStep`
    /// (the peak is some tenths of a degree wide: the nearest step still stands out).
    static let imageSearchRange = 3.0
    static let imageCoarseStep = 0.25
    /// Then the best of those is refined by climbing in ever smaller steps (degrees).
    static let imageRefiningSteps = [0.1, 0.05, 0.02, 0.01]
    /// An angle is taken only when its profile is sharper than the level one's by this much
    /// (a blank or nearly empty page has no skew worth turning for).
    static let imageMinimumGain = 1.02

    /// The image's skew in radians (positive: lines fall to the right), or 0 when the page shows
    /// too little ink to tell or is straight within `minimumAngle`.
    public func angle(of image: GrayImage) -> Double {
        let ink = Self.inkPoints(of: image)
        guard ink.count >= 2000 else { return 0 }
        let height = image.height
        func sharpness(_ degrees: Double) -> Double {
            let slope = tan(degrees * .pi / 180)
            var rows = [Int32](repeating: 0, count: height + image.width / 8 + 2)
            let offset = Double(image.width / 16 + 1)
            for point in ink {
                // The row the point's line would have at x = 0, were the page skewed by `slope`.
                let row = Int(Double(point.y) - Double(point.x) * slope + offset)
                if row >= 0 && row < rows.count { rows[row] &+= 1 }
            }
            return rows.reduce(0.0) { $0 + Double($1) * Double($1) }
        }
        let coarse = stride(from: -Self.imageSearchRange, through: Self.imageSearchRange, by: Self.imageCoarseStep)
        var best = (degrees: 0.0, score: sharpness(0))
        let level = best.score
        for degrees in coarse where degrees != 0 {
            let score = sharpness(degrees)
            if score > best.score { best = (degrees, score) }
        }
        for step in Self.imageRefiningSteps {
            var climbing = true
            while climbing {
                climbing = false
                for degrees in [best.degrees - step, best.degrees + step] {
                    let score = sharpness(degrees)
                    if score > best.score { best = (degrees, score); climbing = true }
                }
            }
        }
        guard best.score > level * Self.imageMinimumGain else { return 0 }
        let angle = best.degrees * .pi / 180
        return abs(angle) < minimumAngle || abs(angle) > maximumAngle ? 0 : angle
    }

    /// The image's dark pixels (pixel coordinates), one column in every `imageSampleStep` points.
    static func inkPoints(of image: GrayImage) -> [(x: Int32, y: Int32)] {
        // The darkest ink and the paper: the 0.5th and the 60th percentile of the grey levels
        // (most of a form page is paper).
        let histogram = GrayHistogram(of: image.pixels)
        let darkest = histogram.percentile(0.005), paper = histogram.percentile(0.6)
        guard paper - darkest > 40 else { return [] }
        let threshold = UInt8(Double(darkest) + Double(paper - darkest) * imageInkLevel)
        let step = max(1, Int((imageSampleStep * image.scale).rounded()))
        var points: [(x: Int32, y: Int32)] = []
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height {
                let row = y * image.width
                for x in stride(from: 0, to: image.width, by: step) where pixels[row + x] < threshold {
                    points.append((Int32(x), Int32(y)))
                }
            }
        }
        return points
    }
}

extension GrayImage {
    /// The commonest grey level of the lighter half of the scale: the paper's.
    public var paperLevel: UInt8 {
        UInt8(GrayHistogram(of: pixels).commonest(in: 128...255))
    }

    /// The image as it stands once turned by `-angle` around `centre` (page points): a scan
    /// skewed by `angle` comes out straight, in the frame `Deskew.straighten` puts its words in.
    /// Bilinear; what comes from outside the image is `paper` (white by default; a grey scan's
    /// own paper level keeps an OCR engine from reading the corners' edges as print).
    public func rotated(by angle: Double, around centre: (x: Double, y: Double), paper: UInt8 = 255) -> GrayImage {
        // A turn that moves no pixel by more than a quarter of one leaves the image as it is.
        guard abs(angle) * Double(max(width, height)) > 0.5 else { return self }
        let c = cos(angle), s = sin(angle)
        var out = [UInt8](repeating: paper, count: width * height)
        let cx = (centre.x - region.x0) * scale, cy = (centre.y - region.y0) * scale
        let width = width, height = height
        // A page at 300 dpi is some 8 million pixels: the loop runs on raw buffers in 16.16 fixed
        // point, the source point moves by (c, s) from one pixel to the next instead of being
        // turned anew (the drift over a row stays below 1/30 pixel), and paper stays paper.
        let one = 1 << 16
        let stepX = Int((c * Double(one)).rounded()), stepY = Int((s * Double(one)).rounded())
        let limitX = (width - 1) << 16, limitY = (height - 1) << 16
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let dy = Double(y) + 0.5 - cy
                    // The straight point turned by +angle is where it stands on the scan.
                    let dx0 = 0.5 - cx
                    var sx = Int(((cx + dx0 * c - dy * s - 0.5) * Double(one)).rounded())
                    var sy = Int(((cy + dx0 * s + dy * c - 0.5) * Double(one)).rounded())
                    let row = y * width
                    for x in 0..<width {
                        defer { sx &+= stepX; sy &+= stepY }
                        guard sx >= 0, sy >= 0, sx < limitX, sy < limitY else { continue }
                        // Wrapping arithmetic: nothing here can overflow, and checking costs a
                        // third of the loop's time.
                        let i = (sy >> 16) &* width &+ (sx >> 16)
                        let p00 = Int(source[i]), p01 = Int(source[i &+ 1])
                        let p10 = Int(source[i &+ width]), p11 = Int(source[i &+ width &+ 1])
                        // White paper all round stays white.
                        if p00 & p01 & p10 & p11 == 255 { target[row &+ x] = 255; continue }
                        let wx = sx & (one - 1), wy = sy & (one - 1)
                        let top = p00 &* (one &- wx) &+ p01 &* wx
                        let low = p10 &* (one &- wx) &+ p11 &* wx
                        target[row &+ x] = UInt8(truncatingIfNeeded: (top &* (one &- wy) &+ low &* wy &+ (1 << 31)) >> 32)
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: out, scale: scale, region: region)
    }

}
