import Layout
import PDFText

/// Decides whether a checkbox is marked. The mark may be the letter "X" in the text layer, or
/// only drawn: a check-mark image (as some prints have) or ink on a scanned page. The text
/// decides where it has a mark; otherwise the page itself is looked at.
struct CheckboxReader {
    /// Share of dark pixels inside a checkbox image above which it counts as marked.
    var markedInkShare: Double = 0.06
    /// Letters and symbols that mark a box in text.
    static let markGlyphs: Set<String> = ["X", "x", "✓", "✔", "☒", "☑", "■"]

    /// `region` is where the box stands: beside its label, on the label's line(s).
    func read(_ region: Rect, on page: FormPage) -> Field {
        let words = page.words(in: region)
        if let mark = words.first(where: { Self.markGlyphs.contains($0.text) }) {
            return Field(value: .bool(true), confidence: page.source == .native ? 0.99 : 0.9,
                         page: page.number, bbox: mark.rect, method: "checkbox-text")
        }
        let images = page.imageRects.filter { $0.intersects(region) && $0.width < page.bounds.width / 4 }
        if let image = images.first, let raster = page.raster() {
            // The image is the whole box; look inside its border only.
            let inside = image.insetBy(dx: image.width * 0.25, dy: image.height * 0.25)
            let ink = raster.inkFraction(in: inside)
            let marked = ink > markedInkShare
            let margin = abs(ink - markedInkShare) / markedInkShare
            return Field(value: .bool(marked), confidence: min(0.97, 0.8 + 0.1 * margin),
                         page: page.number, bbox: image, method: "checkbox-image")
        }
        if !page.marksCheckboxesInText, let raster = page.raster(), let box = inkBox(in: region, raster: raster) {
            // Drawn boxes (vector check marks): ink inside the box's border means a mark.
            let inside = box.insetBy(dx: box.width * 0.25, dy: box.height * 0.25)
            let ink = raster.inkFraction(in: inside)
            let marked = ink > markedInkShare
            let margin = abs(ink - markedInkShare) / markedInkShare
            return Field(value: .bool(marked), confidence: min(0.95, 0.75 + 0.1 * margin),
                         page: page.number, bbox: box, method: "checkbox-ink")
        }
        // A native text layer holds every printed "X": no mark in the text means none on the page.
        return Field(value: .bool(false), confidence: page.source == .native ? 0.97 : 0.8,
                     page: page.number, bbox: region, method: "checkbox-text")
    }

    /// The bounds of the ink in `region` (the box's border and any mark), if there is ink.
    func inkBox(in region: Rect, raster: GrayImage) -> Rect? {
        let scale = raster.scale
        let px0 = max(0, Int((region.x0 - raster.region.x0) * scale)), px1 = min(raster.width, Int((region.x1 - raster.region.x0) * scale))
        let py0 = max(0, Int((region.y0 - raster.region.y0) * scale)), py1 = min(raster.height, Int((region.y1 - raster.region.y0) * scale))
        guard px1 > px0, py1 > py0 else { return nil }
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in py0..<py1 {
            for x in px0..<px1 where raster[x, y] < 128 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= minX, maxY >= minY, maxX - minX >= 3, maxY - minY >= 3 else { return nil }
        return Rect(x0: raster.region.x0 + Double(minX) / scale, y0: raster.region.y0 + Double(minY) / scale,
                    x1: raster.region.x0 + Double(maxX + 1) / scale, y1: raster.region.y0 + Double(maxY + 1) / scale)
    }
}
