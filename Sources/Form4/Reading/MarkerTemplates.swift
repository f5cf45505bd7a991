import Foundation
import PDFText

/// The settings of `MarkerTemplates`.
enum MarkerTemplateSettings {
    /// Sizes tried for the drawn marker, as shares of the height of the ink's box: the box is
    /// measured on blurred print, where the thin ends of a parenthesis fade into the paper.
    static let heightShares: [Double] = [0.95, 1.1, 1.25, 1.4]
    /// Blur (standard deviation, in the ink's pixels) given the drawn marker: a little for a
    /// sharp scan, more for a blurred one. The best fit of each candidate counts.
    static let blurs: [Double] = [0.6, 1.2]
    /// How far (pixels) the drawn marker is moved around the ink's box, across and down.
    static let shiftX = 2, shiftY = 1
    /// Paper kept around the ink's box (pixels): ink a candidate lacks shows there.
    static let padding = 3
    /// A match this good at least (normalised correlation, 1 = the same picture) names the
    /// marker after a value. A blob alone in a cell may as well be a lone letter or number,
    /// and a value taken for a marker is lost: it needs `aloneScore`, and to fit better than
    /// any value by `aloneMargin`. (On the committed 200-dpi scans, most markers alone fit at
    /// 0.76 to 0.92, and no value alone fitted any "(n)" better than 0.74.)
    static let minimumScore = 0.5, aloneScore = 0.75, aloneMargin = 0.1
    /// The best candidate must fit better than the next by this much. Every candidate shares
    /// the parentheses, so the right one is seldom far ahead.
    static let margin = 0.03
    /// A number OCR read is overruled only by a candidate fitting this much better than it.
    static let overruleMargin = 0.04
    /// Ink smaller than this (pixels high) is too small to compare.
    static let minimumHeight = 6
    /// Markers up to this number are drawn once and kept.
    static let drawnMarkers = 40
    /// A drawing is compared with ink only where their shapes (width for height) are within
    /// this factor of each other, after the sizes tried: a value a third of the ink's width
    /// cannot be what it shows.
    static let shapeFactor = 1.6
    /// A blob alone is compared with the numbers up to this printed bare (short values: "10", "100").
    static let bareNumbers = 199
}

/// Tells which footnote a marker names by its picture: the ink is compared with "(n)" as Times
/// prints it (`MarkerGlyphs`) for every footnote the form defines, drawn at the ink's height
/// and blurred as a scan blurs, and the one that fits clearly best is taken.
///
/// For markers OCR cannot read: at 200 dpi a superscript "(12)" is some 8 pixels high and its
/// digits are grey smudges that tesseract reads as nothing or as letters, while their shape
/// against ten candidates still tells them apart. The form's footnotes are few, so the
/// candidates are few.
struct MarkerTemplates {
    /// The numbers the marker may name.
    let candidates: [Int]

    /// The number the ink at `area` (page points: the marker's ink box) shows, when one
    /// candidate fits well and clearly better than the others; nil otherwise. A blob `alone` in
    /// a cell must also fit clearly better than any value that could stand there by itself (a
    /// code letter, "D" or "I", a number of up to `bareNumbers`).
    func number(at area: Rect, in image: GrayImage, alone: Bool) -> Int? {
        guard candidates.count >= 2, let window = InkWindow(image: image, area: area) else { return nil }
        let scored = ranked(in: window)
        let best = scored[0], runnerUp = scored[1]
        let needed = alone ? MarkerTemplateSettings.aloneScore : MarkerTemplateSettings.minimumScore
        guard best.1 >= needed, best.1 - runnerUp.1 >= MarkerTemplateSettings.margin else { return nil }
        if alone {
            let bestValue = Self.bareValues.lazy.filter(window.mayFit).map { window.bestFit(of: $0) }.max() ?? 0
            guard best.1 - bestValue >= MarkerTemplateSettings.aloneMargin else { return nil }
        }
        return best.0
    }

    /// The number the ink at `area` shows where OCR `read` another: when the picture fits one
    /// other candidate clearly best and clearly better than the number read (by `margin`, and
    /// at least `minimumScore`). Nil where the picture agrees with the reading or is not sure.
    /// (On the committed 200-dpi scans the picture's best agreed with every reading OCR got
    /// right, and named the printed number for 4 of the 6 it got wrong, 3 of them clearly.)
    func overruling(_ read: Int, at area: Rect, in image: GrayImage) -> Int? {
        guard candidates.count >= 2, candidates.contains(read), let window = InkWindow(image: image, area: area) else { return nil }
        let scored = ranked(in: window)
        let best = scored[0], runnerUp = scored[1]
        let readScore = scored.first { $0.0 == read }!.1
        guard best.0 != read, best.1 >= MarkerTemplateSettings.minimumScore, best.1 - runnerUp.1 >= MarkerTemplateSettings.margin,
              best.1 - readScore >= MarkerTemplateSettings.overruleMargin else { return nil }
        return best.0
    }

    /// The candidates with how well "(n)" fits the ink, best first.
    private func ranked(in window: InkWindow) -> [(Int, Double)] {
        candidates.map { ($0, window.bestFit(of: Self.marker($0))) }.sorted { $0.1 > $1.1 }
    }

    /// "(n)" drawn, for the numbers a form's footnotes run to (drawn once).
    private static let markers: [Drawing] = (0...MarkerTemplateSettings.drawnMarkers).map { drawing(of: "(\($0))", in: MarkerGlyphs.marker) }

    static func marker(_ number: Int) -> Drawing {
        markers.indices.contains(number) ? markers[number] : drawing(of: "(\(number))", in: MarkerGlyphs.marker)
    }

    /// The values a blob alone in a cell may be instead of a marker, drawn as values are printed.
    static let bareValues: [Drawing] = {
        let letters = MarkerGlyphs.value.keys.filter(\.isLetter).map { String($0) }
        let numbers = (0...MarkerTemplateSettings.bareNumbers).map { String($0) }
        return (letters + numbers).map { drawing(of: $0, in: MarkerGlyphs.value) }
    }()

    /// `text` drawn from `glyphs`, one glyph after another and cut to its ink: ink 0...1.
    static func drawing(of text: String, in glyphs: [Character: (width: Int, pixels: String)]) -> Drawing {
        let glyphs = text.compactMap { glyphs[$0] }
        let width = glyphs.reduce(0) { $0 + $1.width }
        let height = MarkerGlyphs.bandHeight
        var ink = [Double](repeating: 0, count: width * height)
        var left = 0
        for glyph in glyphs {
            for (index, digit) in glyph.pixels.utf8.enumerated() {
                let level = Double(digit <= 57 ? digit - 48 : digit - 87) / Double(MarkerGlyphs.inkLevels)
                let y = index / glyph.width, x = left + index % glyph.width
                ink[y * width + x] = max(ink[y * width + x], level)
            }
            left += glyph.width
        }
        return Drawing(width: width, height: height, ink: ink).trimmed()
    }
}

/// A small picture of ink: 0 paper, 1 full ink, row by row.
struct Drawing {
    var width: Int, height: Int
    var ink: [Double]

    subscript(x: Int, y: Int) -> Double { ink[y * width + x] }

    /// Cut to the box around its ink.
    func trimmed() -> Drawing {
        var x0 = width, y0 = height, x1 = -1, y1 = -1
        for y in 0..<height { for x in 0..<width where self[x, y] > 0.1 {
            x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
        } }
        guard x1 >= x0 else { return self }
        var cut = [Double]()
        cut.reserveCapacity((x1 - x0 + 1) * (y1 - y0 + 1))
        for y in y0...y1 { for x in x0...x1 { cut.append(self[x, y]) } }
        return Drawing(width: x1 - x0 + 1, height: y1 - y0 + 1, ink: cut)
    }

    /// Drawn `height` pixels high (width in proportion), each pixel the mean of what it covers.
    func resized(toHeight newHeight: Int) -> Drawing {
        let factor = Double(newHeight) / Double(height)
        let newWidth = max(1, Int((Double(width) * factor).rounded()))
        var out = [Double](repeating: 0, count: newWidth * newHeight)
        for y in 0..<newHeight {
            let sy0 = Double(y) / factor, sy1 = Double(y + 1) / factor
            for x in 0..<newWidth {
                let sx0 = Double(x) / factor, sx1 = Double(x + 1) / factor
                out[y * newWidth + x] = mean(x0: sx0, x1: sx1, y0: sy0, y1: sy1)
            }
        }
        return Drawing(width: newWidth, height: newHeight, ink: out)
    }

    /// The mean ink over a box in source pixels, partial pixels weighed by what they cover.
    private func mean(x0: Double, x1: Double, y0: Double, y1: Double) -> Double {
        var sum = 0.0, area = 0.0
        for y in Int(y0)..<min(height, Int(y1.rounded(.up))) {
            let dy = min(y1, Double(y + 1)) - max(y0, Double(y))
            for x in Int(x0)..<min(width, Int(x1.rounded(.up))) {
                let weight = dy * (min(x1, Double(x + 1)) - max(x0, Double(x)))
                sum += self[x, y] * weight; area += weight
            }
        }
        return area > 0 ? sum / area : 0
    }

    /// Blurred as a scanner blurs: a gaussian of `sigma` pixels, across then down, on a canvas
    /// grown to hold the blur.
    func blurred(sigma: Double) -> Drawing {
        let radius = max(1, Int((sigma * 2).rounded(.up)))
        let kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        let grownWidth = width + 2 * radius, grownHeight = height + 2 * radius
        var across = [Double](repeating: 0, count: grownWidth * height)
        for y in 0..<height { for x in 0..<width where self[x, y] > 0 {
            for (offset, weight) in kernel.enumerated() { across[y * grownWidth + x + offset] += self[x, y] * weight / total }
        } }
        var down = [Double](repeating: 0, count: grownWidth * grownHeight)
        for y in 0..<height { for x in 0..<grownWidth where across[y * grownWidth + x] > 0 {
            for (offset, weight) in kernel.enumerated() { down[(y + offset) * grownWidth + x] += across[y * grownWidth + x] * weight / total }
        } }
        return Drawing(width: grownWidth, height: grownHeight, ink: down)
    }
}

/// The ink of a marker on the scan, with `padding` pixels of paper around its box, ready to be
/// compared with drawings of candidates.
struct InkWindow {
    let picture: Drawing
    /// Where the ink's box starts in `picture`, and its size (pixels).
    let inkX: Int, inkY: Int, inkWidth: Int, inkHeight: Int
    /// The sums of the window's ink and of its squares.
    let inkSums: (sum: Double, squares: Double)

    init?(image: GrayImage, area: Rect) {
        let pad = MarkerTemplateSettings.padding
        let x0 = Int(((area.x0 - image.region.x0) * image.scale).rounded(.down)) - pad
        let y0 = Int(((area.y0 - image.region.y0) * image.scale).rounded(.down)) - pad
        let x1 = Int(((area.x1 - image.region.x0) * image.scale).rounded(.up)) + pad
        let y1 = Int(((area.y1 - image.region.y0) * image.scale).rounded(.up)) + pad
        guard x0 >= 0, y0 >= 0, x1 <= image.width, y1 <= image.height,
              y1 - y0 - 2 * pad >= MarkerTemplateSettings.minimumHeight else { return nil }
        var paper: UInt8 = 0, darkest: UInt8 = 255
        for y in y0..<y1 { for x in x0..<x1 { paper = max(paper, image[x, y]); darkest = min(darkest, image[x, y]) } }
        guard paper > darkest else { return nil }
        let range = Double(paper - darkest)
        var ink = [Double]()
        ink.reserveCapacity((x1 - x0) * (y1 - y0))
        for y in y0..<y1 { for x in x0..<x1 { ink.append(Double(paper - image[x, y]) / range) } }
        picture = Drawing(width: x1 - x0, height: y1 - y0, ink: ink)
        inkX = pad; inkY = pad; inkWidth = x1 - x0 - 2 * pad; inkHeight = y1 - y0 - 2 * pad
        inkSums = Self.sums(of: picture)
    }

    /// Whether `drawing`, at the sizes tried, is about as wide for its height as the ink.
    func mayFit(_ drawing: Drawing) -> Bool {
        let shapes = MarkerTemplateSettings.heightShares
        let narrowest = Double(drawing.width) / Double(drawing.height) * Double(inkHeight) * shapes.min()!
        let widest = Double(drawing.width) / Double(drawing.height) * Double(inkHeight) * shapes.max()!
        let factor = MarkerTemplateSettings.shapeFactor
        return widest * factor >= Double(inkWidth) && narrowest <= Double(inkWidth) * factor
    }

    /// How well `drawing` fits the ink at its best size, blur and place: the normalised
    /// correlation of the two pictures over the window (1: the same picture, 0: unrelated).
    func bestFit(of drawing: Drawing) -> Double {
        var best = -1.0
        for share in MarkerTemplateSettings.heightShares {
            let sized = drawing.resized(toHeight: max(2, Int((Double(inkHeight) * share).rounded())))
            for sigma in MarkerTemplateSettings.blurs {
                let candidate = sized.blurred(sigma: sigma)
                let sums = Self.sums(of: candidate)
                // The blur grew the drawing on every side: its ink's box starts `grown` pixels in.
                let grown = (candidate.height - sized.height) / 2
                let top = inkY + (inkHeight - sized.height) / 2 - grown
                let left = inkX + (inkWidth - sized.width) / 2 - grown
                for dy in -MarkerTemplateSettings.shiftY...MarkerTemplateSettings.shiftY {
                    for dx in -MarkerTemplateSettings.shiftX...MarkerTemplateSettings.shiftX {
                        best = max(best, correlation(with: candidate, sums: sums, atX: left + dx, y: top + dy))
                    }
                }
            }
        }
        return best
    }

    /// The normalised correlation of the window with `drawing` placed at (`left`, `top`) in it,
    /// paper elsewhere. The drawing's ink outside the window counts as falling on paper: a
    /// candidate wider than the marker is no better for it. Only the products need the two
    /// pictures together: the sums of each are taken once (`inkSums`, `drawingSums`).
    private func correlation(with drawing: Drawing, sums: (sum: Double, squares: Double), atX left: Int, y top: Int) -> Double {
        var product = 0.0, inside = 0
        for y in max(0, top)..<min(picture.height, top + drawing.height) {
            let rowStart = max(0, left), rowEnd = min(picture.width, left + drawing.width)
            guard rowStart < rowEnd else { continue }
            inside += rowEnd - rowStart
            for x in rowStart..<rowEnd { product += picture.ink[y * picture.width + x] * drawing.ink[(y - top) * drawing.width + x - left] }
        }
        let outside = drawing.width * drawing.height - inside
        let count = Double(picture.width * picture.height + outside)
        let covariance = product - inkSums.sum * sums.sum / count
        let spread = (inkSums.squares - inkSums.sum * inkSums.sum / count) * (sums.squares - sums.sum * sums.sum / count)
        return spread > 0 ? covariance / spread.squareRoot() : 0
    }

    /// The sum of a picture's ink and of its squares.
    static func sums(of drawing: Drawing) -> (sum: Double, squares: Double) {
        drawing.ink.reduce(into: (sum: 0.0, squares: 0.0)) { $0.sum += $1; $0.squares += $1 * $1 }
    }
}
