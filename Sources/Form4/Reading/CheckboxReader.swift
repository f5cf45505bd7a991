import Layout
import PDFText

/// Decides whether a checkbox is marked. The mark may be the letter "X" in the text layer, or
/// only drawn: a check-mark image or vector drawing (as some prints have) or ink on a scanned
/// page. The text decides where the page prints its marks as text; otherwise the ink inside the
/// drawn box does, whatever drew it.
struct CheckboxReader {
    /// Share of dark pixels inside a checkbox image above which it counts as marked.
    var markedInkShare: Double = 0.06
    /// Smallest and largest side of a drawn checkbox, in points.
    var minBoxSide: Double = 4
    var maxBoxSide: Double = 20
    /// Letters and symbols that mark a box in text.
    static let markGlyphs: Set<String> = ["X", "x", "✓", "✔", "☒", "☑", "■"]

    /// `region` is where the box stands: beside its label, on the label's line(s).
    func read(_ straightRegion: Rect, on page: FormPage) -> Field {
        let words = page.words(in: straightRegion)
        // Ink is looked at on the page image (a scan's is straightened like its words).
        let region = page.imageArea(straightRegion)
        if let mark = words.first(where: { Self.markGlyphs.contains($0.text) }) {
            return Field(value: .bool(true), confidence: page.source == .native ? 0.99 : 0.9,
                         page: page.number, bbox: mark.rect, method: "checkbox-text")
        }
        if !page.marksCheckboxesInText, let raster = page.raster(covering: region), let box = inkBox(in: region, raster: raster) {
            // Drawn boxes (vector check marks): ink inside the box's border means a mark.
            let inside = box.insetBy(dx: box.width * 0.25, dy: box.height * 0.25)
            let ink = raster.inkFraction(in: inside)
            let marked = ink > markedInkShare
            let margin = abs(ink - markedInkShare) / markedInkShare
            return Field(value: .bool(marked), confidence: min(0.95, 0.75 + 0.1 * margin),
                         page: page.number, bbox: box, method: "checkbox-ink")
        }
        if !page.marksCheckboxesInText {
            // Marks are drawn here, but no box was found beside the label. Clean paper there
            // means nothing was marked; ink that is no box is a guess.
            let blank = (page.raster(covering: region)?.inkFraction(in: region) ?? 1) < 0.005
            return Field(value: .bool(false), confidence: blank ? 0.85 : 0.5, page: page.number, bbox: region, method: "checkbox-ink")
        }
        // A native text layer holds every printed "X": no mark in the text means none on the page.
        return Field(value: .bool(false), confidence: page.source == .native ? 0.97 : 0.8,
                     page: page.number, bbox: region, method: "checkbox-text")
    }

    /// The checkbox drawn in `region`: the square-ish patch of connected ink nearest the label
    /// (the region's right side). Text ink (a neighbouring label) is not square or not box-sized.
    func inkBox(in region: Rect, raster: GrayImage) -> Rect? {
        let scale = raster.scale
        let px0 = max(0, Int((region.x0 - raster.region.x0) * scale)), px1 = min(raster.width, Int((region.x1 - raster.region.x0) * scale))
        let py0 = max(0, Int((region.y0 - raster.region.y0) * scale)), py1 = min(raster.height, Int((region.y1 - raster.region.y0) * scale))
        guard px1 > px0, py1 > py0 else { return nil }
        let width = px1 - px0, height = py1 - py0
        var seen = [Bool](repeating: false, count: width * height)
        var best: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil
        let minSide = Int(minBoxSide * scale), maxSide = Int(maxBoxSide * scale)
        for start in 0..<(width * height) where !seen[start] {
            seen[start] = true
            guard raster[px0 + start % width, py0 + start / width] < 128 else { continue }
            var stack = [start]
            var box = (x0: Int.max, y0: Int.max, x1: -1, y1: -1)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                box = (min(box.x0, x), min(box.y0, y), max(box.x1, x), max(box.y1, y))
                for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let next = ny * width + nx
                    if !seen[next] {
                        seen[next] = true
                        if raster[px0 + nx, py0 + ny] < 128 { stack.append(next) }
                    }
                }
            }
            let w = box.x1 - box.x0 + 1, h = box.y1 - box.y0 + 1
            guard w >= minSide, h >= minSide, w <= maxSide, h <= maxSide,
                  Double(w) / Double(h) > 0.7, Double(w) / Double(h) < 1.4 else { continue }
            if best == nil || box.x1 > best!.x1 { best = box }
        }
        guard let found = best else { return nil }
        return Rect(x0: raster.region.x0 + Double(px0 + found.x0) / scale, y0: raster.region.y0 + Double(py0 + found.y0) / scale,
                    x1: raster.region.x0 + Double(px0 + found.x1 + 1) / scale, y1: raster.region.y0 + Double(py0 + found.y1 + 1) / scale)
    }
}
