import Foundation
import PDFText

/// The ink of one table cell on a scanned page: where the cell's rules are (so that OCR reads
/// the cell without them), and where a superscript footnote marker stands after the value.
/// All positions are page points in the image's frame (the scan, not the straightened words).
struct CellImage {
    let image: GrayImage
    /// A typical line height on the page, in points.
    let unit: Double
    /// Darker than this is ink (letters, markers).
    var inkLevel: UInt8 = 150
    /// Darker than this is a rule (blurred scans leave their rules grey).
    var ruleLevel: UInt8 = 150

    private func px(_ x: Double) -> Int { Int(((x - image.region.x0) * image.scale).rounded()) }
    private func py(_ y: Double) -> Int { Int(((y - image.region.y0) * image.scale).rounded()) }
    private func pointX(_ x: Int) -> Double { image.region.x0 + Double(x) / image.scale }
    private func pointY(_ y: Int) -> Double { image.region.y0 + Double(y) / image.scale }

    private func dark(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < image.width && y < image.height && image.pixels[y * image.width + x] < inkLevel
    }

    private func ruled(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < image.width && y < image.height && image.pixels[y * image.width + x] < ruleLevel
    }

    /// The inside of the ruled cell around `area` (a cell's column span and its row's text band):
    /// each side moves to the rule found near it, or, where there is none, stays a little outside
    /// the text. Rules are pixel rows (columns) mostly dark across the cell; text never is.
    func inside(_ area: Rect, text: Rect? = nil) -> Rect { ruledCell(area, text: text).inside }

    /// How far past the text (in units) a horizontal rule through the text must run.
    static let ruleBeyondTextUnits = 1.0

    /// `inside(_:text:)`, and whether rules were found on all four sides (else the cell's
    /// bounds are a guess and may take in a neighbour's text).
    func ruledCell(_ area: Rect, text: Rect? = nil) -> (inside: Rect, ruled: Bool) {
        let reach = max(2, Int(unit * 3 * image.scale))
        let x0 = px(area.x0), x1 = px(area.x1), y0 = py(area.y0), y1 = py(area.y1)
        guard x1 - x0 > 4, y1 > y0 else { return (area, false) }
        let margin = (x1 - x0) / 6
        // Horizontal rules: the cell is the space between two neighbouring rules that overlaps
        // the row's band most (a wrapped title may have lines the text layer gave another row).
        // Looked for under the text (the column from the headings may run past the table's
        // edge), over at least two line heights (a letter's serif is no rule).
        var spanLeft = text.map { max(x0, px($0.x0)) } ?? x0 + margin
        var spanRight = text.map { min(x1, px($0.x1)) } ?? x1 - margin
        let minimumSpan = Int(unit * 2 * image.scale)
        if spanRight - spanLeft < minimumSpan {
            let centre = (spanLeft + spanRight) / 2
            spanLeft = max(x0, centre - minimumSpan / 2); spanRight = min(x1, centre + minimumSpan / 2)
        }
        var rows = horizontalRules(from: y0 - reach, to: y1 + reach, x0: spanLeft, x1: spanRight)
        // A rule runs on past the text into the next cell on at least one side (the other may
        // be the table's edge); a word of the cell's own that the text layer lost ("Common"
        // over the "Stock" it kept, its letters run together at 200 dpi) ends about where the
        // text does.
        let onward = Int(unit * Self.ruleBeyondTextUnits * image.scale)
        let runOnLeft = horizontalRules(from: y0 - reach, to: y1 + reach, x0: spanLeft - onward, x1: spanLeft)
        let runOnRight = horizontalRules(from: y0 - reach, to: y1 + reach, x0: spanRight, x1: spanRight + onward)
        rows.removeAll { run in
            !(runOnLeft + runOnRight).contains { $0.start <= run.end && $0.end >= run.start }
        }
        // A "rule" in the middle of the cell's text may be a blurred word whose letters ran
        // together ("Common" over "Stock" at 200 dpi): it is one only if it runs on past the words.
        if let text, py(text.y1) - py(text.y0) > 4 {
            let beyond = Int(unit * Self.ruleBeyondTextUnits * image.scale)
            let textTop = py(text.y0) + 2, textBottom = py(text.y1) - 2
            let wide = horizontalRules(from: textTop, to: textBottom, x0: spanLeft - beyond, x1: spanRight + beyond)
            rows.removeAll { run in
                run.start > textTop && run.end < textBottom && !wide.contains { $0.start <= run.end && $0.end >= run.start }
            }
        }
        var top = y0 - Int(unit * 0.3 * image.scale), bottom = y1 + Int(unit * 0.3 * image.scale)
        var bestRow = 0
        var topIsRule = false, bottomIsRule = false
        for (above, below) in zip(rows, rows.dropFirst()) {
            let overlap = min(below.start - 1, y1) - max(above.end + 1, y0)
            if overlap > bestRow { bestRow = overlap; top = above.end + 1; bottom = below.start - 1 }
        }
        if bestRow == 0 {
            // One rule only, or none: the nearest above and below the band's middle.
            let middle = (y0 + y1) / 2
            if let above = rows.last(where: { $0.end < middle }), above.end >= y0 - reach, above.end + 1 >= top {
                top = above.end + 1; topIsRule = true
            }
            if let below = rows.first(where: { $0.start > middle }), below.start - 1 <= bottom {
                bottom = below.start - 1; bottomIsRule = true
            }
        } else {
            topIsRule = true; bottomIsRule = true
        }
        guard bottom - top > 2 else { return (area, false) }
        // Vertical rules run the cell's whole height; a letter's stroke only the text's. The cell
        // is the space between two neighbouring rules that overlaps the column most: a centred
        // value may run past the column its heading gives, and the OCR layer may have put a
        // neighbour's word into the column.
        let sideReach = max(2, Int(unit * 4 * image.scale))
        let textLeft = text.map { px($0.x0) } ?? x0, textRight = text.map { px($0.x1) } ?? x1
        let rules = verticalRules(from: min(x0, textLeft) - sideReach, to: max(x1, textRight) + sideReach, top: top, bottom: bottom)
        var left = x0, right = x1
        var best = 0
        for (before, after) in zip(rules, rules.dropFirst()) {
            let cellLeft = before.end + 2, cellRight = after.start - 2
            let overlap = min(cellRight, x1) - max(cellLeft, x0)
            if overlap > best { best = overlap; left = cellLeft; right = cellRight }
        }
        if best == 0 {
            // No ruled cell around the column: the column, grown to the text.
            left = min(x0, textLeft - Int(unit * 0.15 * image.scale))
            right = max(x1, textRight + Int(unit * 0.15 * image.scale))
        }
        top += 1; bottom -= 1
        if let text {
            // A side that would cut the cell's own text in two moves out past it: OCR layers box
            // words a little short, and a value may run past its column's edge where no rule
            // stands. (Ink cut by a side is taken for what is left of a rule and cleaned away.)
            let near = Int(unit * Self.textNearSideUnits * image.scale)
            if px(text.x1) >= right - near { right = clearSide(from: right, step: 1, top: top, bottom: bottom) }
            if px(text.x0) <= left + near { left = clearSide(from: left, step: -1, top: top, bottom: bottom) }
        } else if best == 0 {
            // Nothing of the cell in the text layer and no rule beside it (a table printed without
            // rules): a letter the layer dropped may stand across the column's guessed side (the
            // (A)/(D) code of a WeasyPrint print, set against the price).
            right = clearSide(from: right, step: 1, top: top, bottom: bottom)
            left = clearSide(from: left, step: -1, top: top, bottom: bottom)
        }
        guard right - left > 2 else { return (area, false) }
        // Without a rule above or below, the row's band comes from the text layer's boxes, which
        // on an OCR layer are its lines' and may cut a word of a wrapped title in two (tesseract
        // joined "Common" over "Units" with the values' line between them, and boxed the three
        // as one line): a bottom that cuts a line of print mostly inside the cell moves down past
        // it. A top does not move up: above the first row stand the column headings, whose last
        // line a row's band often reaches into ("Amount" read into the amount).
        if !topIsRule { top = clearEdge(from: top, step: -1, left: left, right: right, takingIn: false) }
        if !bottomIsRule { bottom = clearEdge(from: bottom, step: 1, left: left, right: right, takingIn: true) }
        return (Rect(x0: pointX(left), y0: pointY(top), x1: pointX(right), y1: pointY(bottom)), bestRow > 0 && best > 0)
    }

    /// Where the top (`step` -1) or bottom (+1) of a cell without a rule there stands clear of
    /// the line of print it cuts: with `takingIn`, past that line's far edge where more of the
    /// line lies inside the cell than outside; short of its near edge where the cell only
    /// grazes it (a third or less inside: a neighbour's line); `edge` itself otherwise, and
    /// where the ink runs on for more than `maxSideShiftUnits` (no line of print).
    private func clearEdge(from edge: Int, step: Int, left: Int, right: Int, takingIn: Bool) -> Int {
        let limit = Int(unit * Self.maxSideShiftUnits * image.scale)
        // A speck or two of noise does not make a pixel row inked.
        let tolerance = max(1, (right - left) / 100)
        func inked(_ y: Int) -> Bool {
            var count = 0
            for x in left...right where dark(x, y) { count += 1; if count > tolerance { return true } }
            return false
        }
        guard inked(edge) else { return edge }
        // The line's extent either side of the edge, up to the first clear pixel row.
        func extent(_ direction: Int) -> Int? {
            var y = edge, length = 0
            while inked(y) {
                length += 1
                if length > limit { return nil }
                y += direction
            }
            return length
        }
        guard let outside = extent(step), let inside = extent(-step) else { return edge }
        if takingIn, inside > outside { return edge + step * (outside + Self.clearColumns - 1) }
        if 2 * inside <= outside { return edge - step * inside }
        return edge
    }

    /// How close (in units) the text layer's box of a cell's own text may come to a side of the
    /// cell before that side is checked for cutting through letters.
    static let textNearSideUnits = 0.5
    /// How far (in units) a side may move out to clear the letters it cuts.
    static let maxSideShiftUnits = 1.0

    /// Where a side of a cell stands clear of letters: from `side` outwards (`step` ±1), past
    /// the first `clearColumns` pixel columns with no ink between `top` and `bottom` (the crop
    /// keeps paper beside the letter it would have cut, so the letter does not touch its edge),
    /// within `maxSideShiftUnits`. `side` itself where the ink runs on past that (a rule, a
    /// neighbour's text run together with it) or a column on the way is a rule.
    private func clearSide(from side: Int, step: Int, top: Int, bottom: Int) -> Int {
        let limit = Int(unit * Self.maxSideShiftUnits * image.scale)
        var x = side, blank = 0
        for _ in 0...limit {
            var inked = 0
            for y in top...bottom where dark(x, y) { inked += 1 }
            if Double(inked) > 0.75 * Double(bottom - top + 1) { return side }
            blank = inked == 0 ? blank + 1 : 0
            if blank == Self.clearColumns { return x }
            x += step
        }
        return side
    }

    /// Pixel columns of paper a cell's side keeps beside the letters it was moved past.
    static let clearColumns = 3

    /// The grey level below which pixels in `area` count as print: halfway from the paper to the
    /// darkest print, so that faint or blurred scans keep their letters. 0 (nothing is ink)
    /// where nothing stands out from the paper but noise.
    func printLevel(in area: Rect) -> UInt8 {
        let x0 = max(0, px(area.x0)), x1 = min(image.width, px(area.x1))
        let y0 = max(0, py(area.y0)), y1 = min(image.height, py(area.y1))
        guard x1 > x0, y1 > y0 else { return 0 }
        var histogram = GrayHistogram()
        for y in y0..<y1 { for x in x0..<x1 { histogram.add(image.pixels[y * image.width + x]) } }
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.005)
        guard paper - darkest >= 50 else { return 0 }
        return UInt8(min(paper - 30, paper - Int(Double(paper - darkest) * 0.45)))
    }

    /// Runs of pixel rows between `from` and `to` that are dark over most of `x0..<x1`.
    func horizontalRules(from: Int, to: Int, x0: Int, x1: Int) -> [(start: Int, end: Int)] {
        let from = max(0, from), to = min(image.height - 2, to)
        let x0 = max(0, x0), x1 = min(image.width, x1)
        guard to > from, x1 > x0 else { return [] }
        var runs: [(start: Int, end: Int)] = []
        for y in from...to {
            // A rule is one unbroken stroke (a gap of two pixels allowed for noise); a line of
            // letters, however dark, has gaps between them.
            var longest = 0, run = 0, gap = 0
            for x in x0..<x1 {
                if ruled(x, y) || ruled(x, y + 1) { run += gap + 1; gap = 0 } else if run > 0 && gap < 2 { gap += 1 } else { run = 0; gap = 0 }
                longest = max(longest, run)
            }
            guard Double(longest) > 0.8 * Double(x1 - x0) else { continue }
            if let last = runs.last, last.end >= y - 1 { runs[runs.count - 1].end = y } else { runs.append((y, y)) }
        }
        return runs
    }

    /// Runs of pixel columns between `from` and `to` that are dark over most of `top...bottom`
    /// (a slight skew is allowed: a column counts where it or its neighbour is dark).
    func verticalRules(from: Int, to: Int, top: Int, bottom: Int) -> [(start: Int, end: Int)] {
        let from = max(0, from), to = min(image.width - 2, to)
        guard to > from, bottom > top else { return [] }
        var runs: [(start: Int, end: Int)] = []
        for x in from...to {
            var count = 0
            for y in top..<bottom where ruled(x, y) || ruled(x + 1, y) { count += 1 }
            guard Double(count) > 0.75 * Double(bottom - top) else { continue }
            if let last = runs.last, last.end >= x - 1 { runs[runs.count - 1].end = x } else { runs.append((x, x)) }
        }
        return runs
    }

    struct Component: Equatable { var x0, y0, x1, y1: Int; var pixels: Int
        var height: Int { y1 - y0 + 1 }
    }

    /// Connected pieces of ink inside `area`, without those touching its edges (what is left of a rule).
    func components(in area: Rect) -> [Component] {
        let x0 = max(0, px(area.x0)), x1 = min(image.width, px(area.x1))
        let y0 = max(0, py(area.y0)), y1 = min(image.height, py(area.y1))
        let width = x1 - x0, height = y1 - y0
        guard width > 2, height > 2 else { return [] }
        var seen = [Bool](repeating: false, count: width * height)
        var found: [Component] = []
        for start in 0..<(width * height) where !seen[start] {
            seen[start] = true
            guard dark(x0 + start % width, y0 + start / width) else { continue }
            var stack = [start]
            var box = Component(x0: Int.max, y0: Int.max, x1: -1, y1: -1, pixels: 0)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                box.x0 = min(box.x0, x); box.x1 = max(box.x1, x); box.y0 = min(box.y0, y); box.y1 = max(box.y1, y)
                box.pixels += 1
                for dy in -1...1 { for dx in -1...1 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                    let next = ny * width + nx
                    if !seen[next] {
                        seen[next] = true
                        if dark(x0 + nx, y0 + ny) { stack.append(next) }
                    }
                } }
            }
            if box.x0 == 0 || box.y0 == 0 || box.x1 == width - 1 || box.y1 == height - 1 { continue }
            // Specks of scanner noise are not print.
            if box.pixels < 3 { continue }
            found.append(Component(x0: box.x0 + x0, y0: box.y0 + y0, x1: box.x1 + x0, y1: box.y1 + y0, pixels: box.pixels))
        }
        return found
    }

    /// The pieces of ink in `area` whose middle lies outside `marker` (a footnote marker's area).
    func components(in area: Rect, outside marker: Rect?) -> [Component] {
        let pieces = components(in: area)
        guard let marker else { return pieces }
        return pieces.filter { piece in
            !marker.contains(x: image.region.x0 + Double(piece.x0 + piece.x1) / 2 / image.scale,
                             y: image.region.y0 + Double(piece.y0 + piece.y1) / 2 / image.scale)
        }
    }

    /// Whether the ink in `area` (outside `marker`) is one upright stroke of at least half a
    /// unit's height and at most `uprightStrokeWidthShare` of its height wide: of the codes'
    /// letters, the "I". Ink right of the stroke that stays well above its foot is a footnote
    /// marker the marker reader did not make out.
    func isLoneUprightStroke(in area: Rect, outside marker: Rect?) -> Bool {
        let pieces = components(in: area, outside: marker)
        guard let stroke = pieces.min(by: { $0.x0 < $1.x0 }) else { return false }
        let raisedAfter = pieces.allSatisfy { piece in
            piece == stroke || (piece.x0 > stroke.x1 && Double(piece.y1) < Double(stroke.y1) - Double(stroke.height) * 0.2)
        }
        let height = Double(stroke.height) / image.scale, width = Double(stroke.x1 - stroke.x0 + 1) / image.scale
        return raisedAfter && height >= unit * 0.5 && width <= height * Self.uprightStrokeWidthShare
    }

    static let uprightStrokeWidthShare = 0.4

    /// Where a superscript footnote marker ("(1)") stands at the end of the text in `area`:
    /// the ink after the last line's last letter that stays well above the line's baseline.
    /// A cell holding nothing but a marker has it as its only ink, small.
    /// A line of at most this many pieces of ink is a short value (a code, D/I, a small number)
    /// with a possible marker ("(1)" is three pieces).
    static let shortLinePieces = 5

    func trailingSuperscript(in area: Rect) -> Rect? {
        let pieces = components(in: area)
        guard !pieces.isEmpty else { return nil }
        let unitPixels = unit * image.scale
        let heights = pieces.map(\.height).sorted()
        let tall = Double(heights[(heights.count * 3) / 4])
        let lowest = pieces.map(\.y1).max()!
        // The last line: pieces reaching down near the lowest ink (descenders aside).
        let lastLine = pieces.filter { Double(lowest - $0.y1) < max(tall * 0.5, 2) }
        var baselines = lastLine.map(\.y1).sorted()
        let onlyMarker = Double(pieces.map(\.y1).max()! - pieces.map(\.y0).min()!) < unitPixels * 0.75
            && pieces.count >= 2 && pieces.count <= 8
        if onlyMarker {
            let box = pieces.reduce(pieces[0]) { Component(x0: min($0.x0, $1.x0), y0: min($0.y0, $1.y0), x1: max($0.x1, $1.x1), y1: max($0.y1, $1.y1), pixels: 0) }
            return rect(of: box)
        }
        guard !baselines.isEmpty else { return nil }
        baselines.sort()
        // Most lines' baseline is where most of their letters end. A short value ("I(1)",
        // "10(1)") has as many marker pieces as letters, and a median would sit on the marker:
        // there the lowest ink is the baseline (codes, D/I and short numbers have no descenders).
        let baseline = Double(lastLine.count <= Self.shortLinePieces ? baselines.last! : baselines[baselines.count / 2])
        let lineTop = Double(lastLine.map(\.y0).min()!) - tall * 0.5
        // Pieces on the last line's height band, right to left: a marker's pieces end well above the baseline.
        let band = pieces.filter { Double($0.y1) > lineTop && Double($0.y0) < baseline }.sorted { $0.x1 > $1.x1 }
        var marker: [Component] = []
        for piece in band {
            let raised = Double(piece.y1) < baseline - tall * 0.25
            if raised { marker.append(piece) } else { break }
        }
        // Blurred print may join a marker's parentheses and digits into one piece.
        guard !marker.isEmpty, let lastPrinted = band.first(where: { Double($0.y1) >= baseline - tall * 0.25 }) else { return nil }
        let box = marker.reduce(marker[0]) { Component(x0: min($0.x0, $1.x0), y0: min($0.y0, $1.y0), x1: max($0.x1, $1.x1), y1: max($0.y1, $1.y1), pixels: 0) }
        // It follows the value closely.
        guard Double(box.x0 - lastPrinted.x1) < unitPixels * 1.5 else { return nil }
        return rect(of: box)
    }

    private func rect(of box: Component) -> Rect {
        Rect(x0: pointX(box.x0), y0: pointY(box.y0), x1: pointX(box.x1 + 1), y1: pointY(box.y1 + 1))
    }
}

extension GrayImage {
    /// The image `factor` times larger (bilinear; a factor below 1 makes it smaller), with
    /// `border` white pixels around it: small print as tesseract reads it best. Positions still
    /// map to page points.
    func enlarged(by factor: Double, border: Int = 12) -> GrayImage {
        let f = factor
        let innerWidth = Int((Double(self.width) * f).rounded()), innerHeight = Int((Double(self.height) * f).rounded())
        let width = innerWidth + 2 * border, height = innerHeight + 2 * border
        var out = [UInt8](repeating: 255, count: width * height)
        for y in 0..<innerHeight {
            let sy = max(0, min(Double(self.height - 1), (Double(y) + 0.5) / f - 0.5))
            let y0 = Int(sy), y1 = min(self.height - 1, y0 + 1), wy = sy - Double(y0)
            for x in 0..<innerWidth {
                let sx = max(0, min(Double(self.width - 1), (Double(x) + 0.5) / f - 0.5))
                let x0 = Int(sx), x1 = min(self.width - 1, x0 + 1), wx = sx - Double(x0)
                let top = Double(self[x0, y0]) * (1 - wx) + Double(self[x1, y0]) * wx
                let low = Double(self[x0, y1]) * (1 - wx) + Double(self[x1, y1]) * wx
                out[(y + border) * width + x + border] = UInt8(max(0, min(255, (top * (1 - wy) + low * wy).rounded())))
            }
        }
        let scale = self.scale * f
        let area = Rect(x0: region.x0 - Double(border) / scale, y0: region.y0 - Double(border) / scale,
                        x1: region.x1 + Double(border) / scale, y1: region.y1 + Double(border) / scale)
        return GrayImage(width: width, height: height, pixels: out, scale: scale, region: area)
    }

    /// The image with the ink that touches its edges (what is left of the cell's rules) painted
    /// paper-white, and its grey levels stretched so that the paper is white and the darkest
    /// print black: blurred, faint scans read better so. With `sides` false only ink touching
    /// the top and bottom edges goes (rules and the labels above and below, which a vertical
    /// rule reaches too): text that runs to the sides of its box stays.
    func cleanedCell(sides: Bool = true) -> GrayImage {
        guard width > 2, height > 2 else { return self }
        let histogram = GrayHistogram(of: pixels)
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.003)
        guard paper - darkest >= 40 else { return self }
        let level = UInt8(paper - (paper - darkest) * 2 / 5)
        var copy = self
        var stack: [Int] = []
        for x in 0..<width { stack.append(x); stack.append((height - 1) * width + x) }
        if sides { for y in 0..<height { stack.append(y * width); stack.append(y * width + width - 1) } }
        var seen = [Bool](repeating: false, count: pixels.count)
        while let index = stack.popLast() {
            guard !seen[index], pixels[index] < level else { continue }
            seen[index] = true
            copy.pixels[index] = 255
            let x = index % width, y = index / width
            if x > 0 { stack.append(index - 1) }
            if x + 1 < width { stack.append(index + 1) }
            if y > 0 { stack.append(index - width) }
            if y + 1 < height { stack.append(index + width) }
        }
        // The darkest print of what is left (rules are darker than letters).
        var remaining = GrayHistogram()
        for index in copy.pixels.indices where !seen[index] { remaining.add(copy.pixels[index]) }
        let printDark = min(remaining.percentile(0.003), paper - 40)
        // Paper and the faint edges of rules become white; print runs from black to white.
        let light = paper - (paper - printDark) / 5
        let range = Double(max(1, light - printDark))
        for index in copy.pixels.indices where !seen[index] {
            let value = (Double(copy.pixels[index]) - Double(printDark)) / range * 255
            copy.pixels[index] = UInt8(max(0, min(255, value.rounded())))
        }
        return copy
    }

    /// The image with `area` (page points) painted white.
    func whitened(_ area: Rect) -> GrayImage {
        var copy = self
        let x0 = max(0, Int(((area.x0 - region.x0) * scale).rounded(.down))), x1 = min(width, Int(((area.x1 - region.x0) * scale).rounded(.up)))
        let y0 = max(0, Int(((area.y0 - region.y0) * scale).rounded(.down))), y1 = min(height, Int(((area.y1 - region.y0) * scale).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return self }
        for y in y0..<y1 { for x in x0..<x1 { copy.pixels[y * width + x] = 255 } }
        return copy
    }
}
