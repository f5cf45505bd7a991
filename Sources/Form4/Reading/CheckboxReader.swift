import Layout
import PDFText

/// Decides whether a checkbox is marked. The mark may be the letter "X" in the text layer, or
/// only drawn: a check-mark image or vector drawing (as some prints have) or ink on a scanned
/// page. The text decides where the page prints its marks as text; otherwise the ink inside the
/// drawn box does, whatever drew it.
struct CheckboxReader {
    /// How far (in units) a box's region reaches above and below its label's lines.
    static let regionMargin = 0.3
    /// Darker than this is ink on a rendered page (and on a scan, unless its print is lighter).
    static let fixedInkLevel: UInt8 = 128
    /// Share of dark pixels inside a checkbox image above which it counts as marked.
    var markedInkShare: Double = 0.06
    /// Smallest and largest side of a drawn checkbox, in points.
    var minBoxSide: Double = 4
    var maxBoxSide: Double = 20
    /// Letters and symbols that mark a box in text.
    static let markGlyphs: Set<String> = ["X", "x", "✓", "✔", "☒", "☑", "■"]
    /// Letters a word needs to be text rather than what OCR made of a box ("O", "[x]", "Bd").
    static let wordLetters = 3
    /// Widest white space between two letters of a word, as a share of the letter's height: a
    /// box stands further from its label.
    var letterGap: Double = 0.35

    /// Confidence of a box taken as unchecked where ink stands but no box was found in it (an
    /// "X" through a blurred box may leave no box's shape): a guess, which the rest of the form
    /// may overrule (`UnreadCheckboxes`).
    static let guessedConfidence = 0.5

    /// `region` is where the box stands: beside its label, on the label's line(s).
    func read(_ straightRegion: Rect, on page: FormPage) -> Field {
        let words = page.words(in: straightRegion)
        // Ink is looked at on the page image (a scan's is straightened like its words).
        let region = page.imageArea(straightRegion)
        if let mark = words.first(where: { Self.markGlyphs.contains($0.text) }) {
            return Field(value: .bool(true), confidence: page.source == .native ? 0.99 : 0.9,
                         page: page.number, bbox: mark.rect, method: "checkbox-text")
        }
        if !page.marksCheckboxesInText, let raster = page.raster(covering: region) {
            let text = textAreas(near: straightRegion, on: page)
            // A scan's print may be grey, and a mark's thin stroke greyer than the rest: where no
            // box stands out at the fixed level, print is told from paper at the page's own.
            // There small letters of the line above grow to a box's size too: a box taken at that
            // level is centred on its label's lines, not on the region's margins.
            let levels = page.source == .native ? [Self.fixedInkLevel] : [Self.fixedInkLevel, max(Self.fixedInkLevel, page.pageInkLevel)]
            let labelLines = region.insetBy(dx: 0, dy: page.unit * Self.regionMargin)
            for level in Set(levels).sorted() {
                let fixed = level == Self.fixedInkLevel
                guard let box = inkBox(in: region, raster: raster, outside: text, inkLevel: level, alone: !fixed),
                      fixed || (box.midY > labelLines.y0 && box.midY < labelLines.y1) else { continue }
                // Drawn boxes (vector check marks): ink inside the box's border means a mark.
                let inside = box.insetBy(dx: box.width * 0.25, dy: box.height * 0.25)
                let ink = raster.inkFraction(in: inside, threshold: level)
                let marked = ink > markedInkShare
                let margin = abs(ink - markedInkShare) / markedInkShare
                return Field(value: .bool(marked), confidence: min(0.95, 0.75 + 0.1 * margin) * (fixed ? 1 : 0.9),
                             page: page.number, bbox: box, method: "checkbox-ink")
            }
        }
        if !page.marksCheckboxesInText {
            // Marks are drawn here, but no box was found beside the label. Clean paper there
            // means nothing was marked; ink that is no box is a guess.
            let blank = (page.raster(covering: region)?.inkFraction(in: region) ?? 1) < 0.005
            return Field(value: .bool(false), confidence: blank ? 0.85 : Self.guessedConfidence, page: page.number, bbox: region, method: "checkbox-ink")
        }
        // A native text layer holds every printed "X": no mark in the text means none on the page.
        return Field(value: .bool(false), confidence: page.source == .native ? 0.97 : 0.8,
                     page: page.number, bbox: region, method: "checkbox-text")
    }

    /// Where words of text stand around a box's region (in the page image's frame): a letter of
    /// a neighbouring label can be as square as a box. Words centred beside the region reach
    /// into it too.
    private func textAreas(near straightRegion: Rect, on page: FormPage) -> [Rect] {
        page.words(in: straightRegion.insetBy(dx: -page.unit * 4, dy: 0))
            .filter { $0.text.count(where: \.isLetter) >= Self.wordLetters }.map { page.imageArea($0.rect) }
    }

    /// The checkbox drawn in `region`: the square-ish patch of connected ink nearest the label
    /// (the region's right side). Text ink (a neighbouring label) is not square or not box-sized;
    /// a square-ish letter ("o", "w") is known by the letters standing close beside it, where its
    /// middle lies in one of the `text` areas (words the text layer has there).
    /// With `alone`, no patch with a letter beside it is a box, wherever the text layer has
    /// words (at a light ink level letters grow to a box's size, and OCR may have read none).
    func inkBox(in region: Rect, raster: GrayImage, outside text: [Rect] = [], inkLevel: UInt8 = fixedInkLevel, alone: Bool = false) -> Rect? {
        let scale = raster.scale
        let px0 = max(0, Int((region.x0 - raster.region.x0) * scale)), px1 = min(raster.width, Int((region.x1 - raster.region.x0) * scale))
        let py0 = max(0, Int((region.y0 - raster.region.y0) * scale)), py1 = min(raster.height, Int((region.y1 - raster.region.y0) * scale))
        guard px1 > px0, py1 > py0 else { return nil }
        let patches = inkPatches(raster, x0: px0, y0: py0, x1: px1, y1: py1, level: inkLevel)
        let minSide = Int(minBoxSide * scale), maxSide = Int(maxBoxSide * scale)
        var best: PixelPatch? = nil
        for patch in patches {
            let w = patch.width, h = patch.height
            guard w >= minSide, h >= minSide, w <= maxSide, h <= maxSide,
                  Double(w) / Double(h) > 0.7, Double(w) / Double(h) < 1.4 else { continue }
            let middleX = raster.region.x0 + (Double(px0) + Double(patch.x0 + patch.x1) / 2 + 0.5) / scale
            let middleY = raster.region.y0 + (Double(py0) + Double(patch.y0 + patch.y1) / 2 + 0.5) / scale
            if alone || text.contains(where: { $0.contains(x: middleX, y: middleY) }),
               patches.contains(where: { patch.hasLetterBeside($0, within: Double(h) * letterGap) }) { continue }
            if best == nil || patch.x1 > best!.x1 { best = patch }
        }
        guard let found = best else { return nil }
        return Rect(x0: raster.region.x0 + Double(px0 + found.x0) / scale, y0: raster.region.y0 + Double(py0 + found.y0) / scale,
                    x1: raster.region.x0 + Double(px0 + found.x1 + 1) / scale, y1: raster.region.y0 + Double(py0 + found.y1 + 1) / scale)
    }

    /// The connected patches of ink (4-neighbour, darker than mid-grey) in the pixel box
    /// x0..<x1, y0..<y1 of `raster`, in coordinates relative to (x0, y0).
    private func inkPatches(_ raster: GrayImage, x0 px0: Int, y0 py0: Int, x1 px1: Int, y1 py1: Int, level: UInt8) -> [PixelPatch] {
        let width = px1 - px0, height = py1 - py0
        var seen = [Bool](repeating: false, count: width * height)
        var patches: [PixelPatch] = []
        for start in 0..<(width * height) where !seen[start] {
            seen[start] = true
            guard raster[px0 + start % width, py0 + start / width] < level else { continue }
            var stack = [start]
            var patch = PixelPatch(x0: Int.max, y0: Int.max, x1: -1, y1: -1)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                patch = PixelPatch(x0: min(patch.x0, x), y0: min(patch.y0, y), x1: max(patch.x1, x), y1: max(patch.y1, y))
                for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let next = ny * width + nx
                    if !seen[next] {
                        seen[next] = true
                        if raster[px0 + nx, py0 + ny] < level { stack.append(next) }
                    }
                }
            }
            patches.append(patch)
        }
        return patches
    }
}

/// A patch of connected ink: its bounding box in pixels (inclusive).
private struct PixelPatch {
    var x0: Int, y0: Int, x1: Int, y1: Int
    var width: Int { x1 - x0 + 1 }
    var height: Int { y1 - y0 + 1 }

    /// Whether `other` stands beside this patch as the next letter of a word would: on the same
    /// line (sharing half the shorter height), not inside it (a mark in a box), and no more than
    /// `gap` pixels to the left or right.
    func hasLetterBeside(_ other: PixelPatch, within gap: Double) -> Bool {
        let shared = min(y1, other.y1) - max(y0, other.y0) + 1
        guard shared * 2 >= min(height, other.height) else { return false }
        let inside = other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1
        guard !inside, other.x0 != x0 || other.x1 != x1 || other.y0 != y0 || other.y1 != y1 else { return false }
        let apart = max(other.x0 - x1, x0 - other.x1) - 1
        return Double(apart) <= gap
    }
}
