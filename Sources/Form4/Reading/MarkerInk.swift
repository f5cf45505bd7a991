import PDFText

/// A superscript footnote marker ("(1)", "(12)") as a scan's ink shows it after a cell's value.
struct MarkerShape: Equatable {
    /// Where the marker's ink stands (page points, image frame).
    var rect: Rect
    /// The widths (pixels) of the separate strokes it is made of, seen column by column, left
    /// to right: "(1)" is three narrow strokes, "(12)" four. Blur may join strokes.
    var strokeWidths: [Int]
    var strokes: Int { strokeWidths.count }
    /// The cell holds the marker and nothing else (a footnote in place of a value).
    var alone: Bool
    /// A blob alone as tall as a value's print ("$0" is as wide): only a reading that is a
    /// whole "(n)" makes it a marker, never a damaged reading or a vote.
    var needsWholeReading = false

    /// Three strokes, the middle one no wider than a parenthesis: "(1)", whose bare stroke OCR
    /// reads as one more parenthesis (other digits are wider than their parentheses).
    var looksLikeOne: Bool {
        guard strokeWidths.count == 3 else { return false }
        let parenthesis = max(strokeWidths[0], strokeWidths[2])
        // A pixel more for blur, which widens thin strokes most.
        return Double(strokeWidths[1]) <= Double(parenthesis) * MarkerGeometry.oneStrokeShare + 1
    }
}

/// How a footnote marker stands beside its value: the settings of `CellImage.trailingMarker`.
/// Heights are shares of the value's core height (baseline to the top of its capitals or digits).
enum MarkerGeometry {
    /// Ink this much of the way from the paper to the cell's darkest print is a letter's body;
    /// lines and baselines are measured on it.
    static let strongInk = 0.5
    /// Ink only this much of the way is still print: the thin, small strokes of a marker at
    /// 200 dpi are grey where the value's are black.
    static let faintInk = 0.25
    /// The cell must show at least this contrast (grey levels) for anything to be ink. A lone
    /// marker on a pale 200 dpi scan is some 30 to 50 levels darker than the paper; scanner
    /// noise, smoothed, is less.
    static let minimumContrast = 25
    /// A marker's lowest ink stands at least this high above the value's baseline (a superscript
    /// is set at half the line's height; a comma or a period sits on the baseline).
    static let raise = 0.28
    /// A column of ink reaching lower than this above the baseline belongs to the value.
    static let grounded = 0.15
    /// The marker's top is near the top of the capitals (a hyphen or a stray dot floats lower).
    static let topReach = 0.35
    /// The marker is at least this high and this wide, and no higher than this.
    static let minimumHeight = 0.3, minimumWidth = 0.3, maximumHeight = 1.0
    /// It follows the value within this gap.
    static let maximumGap = 1.2
    /// A run of ink columns with fewer pixels than this (× core²) is a speck of scanner noise.
    static let speckMass = 0.06
    /// A cell holding only a marker (printed small, on the line, in place of a value): its ink
    /// no taller than this, no wider than this (× the page's line unit), and at least this tall
    /// and wide. A lone letter or digit is as small: only a reading with a parenthesis tells.
    static let aloneMaximumHeight = 0.8, aloneMaximumWidth = 1.6, aloneMinimumSize = 0.22
    /// A blob alone at least this wide for its height may be a whole "(n)" (its parentheses
    /// reach from ascender to descender, taller than the line unit, measured on the page's
    /// small print, when the marker is set in the values' size): it may then be this tall,
    /// where its first and last strokes are no wider than this share of its height.
    static let bracketedWidth = 0.9, aloneBracketedMaximumHeight = 1.3, parenthesisWidth = 0.35
    /// Pieces of a marker lie within this (× core) of its raised part, left or right: a
    /// parenthesis beside the digit.
    static let pieceReach = 0.4
    /// A marker after a value shows at least two strokes (blur may join a parenthesis to the
    /// digit); a speck is one.
    static let minimumStrokes = 2
    /// A marker's middle stroke no wider than this × its parentheses' is a "1".
    static let oneStrokeShare = 1.3
}

extension CellImage {
    /// Where a superscript footnote marker stands at the end of the text in `area`: column by
    /// column from the right, the ink that stays well above the last line's baseline until the
    /// first column whose ink reaches down to it (the value's last character). Columns rather
    /// than connected pieces: blur joins a marker to the value, and noise breaks a letter into
    /// pieces that float above the baseline.
    func trailingMarker(in area: Rect) -> MarkerShape? {
        guard let grid = InkGrid(image: image, area: area), let ink = grid.faintBox() else { return nil }
        if let line = grid.lastLine(), let tail = grid.raisedTail(after: line) {
            let strokes = grid.strokeWidths(in: tail)
            if strokes.count >= MarkerGeometry.minimumStrokes { return MarkerShape(rect: grid.rect(tail), strokeWidths: strokes, alone: false) }
        }
        // All of the cell's ink is one small blob: a marker standing alone, or a lone letter,
        // digit or speck. Its size does not tell which: its reading will.
        let unitPixels = unit * image.scale
        let height = Double(ink.y1 - ink.y0 + 1), width = Double(ink.x1 - ink.x0 + 1)
        let strokes = grid.strokeWidths(in: ink)
        // Taller than a marker set small: a "(n)" in the values' size is told by its shape, the
        // narrow strokes of its parentheses on either side (a short value's digits are wider).
        let tall = height > unitPixels * MarkerGeometry.aloneMaximumHeight
        if tall {
            let parenthesis = height * MarkerGeometry.parenthesisWidth
            guard height <= unitPixels * MarkerGeometry.aloneBracketedMaximumHeight, width >= height * MarkerGeometry.bracketedWidth,
                  strokes.count >= 3, Double(strokes.first!) <= parenthesis, Double(strokes.last!) <= parenthesis else { return nil }
        }
        guard width <= unitPixels * MarkerGeometry.aloneMaximumWidth,
              height >= unitPixels * MarkerGeometry.aloneMinimumSize, width >= unitPixels * MarkerGeometry.aloneMinimumSize
        else { return nil }
        return MarkerShape(rect: grid.rect(ink), strokeWidths: strokes, alone: true, needsWholeReading: tall)
    }
}

/// A cell's pixels as ink at two levels (a letter's body, and faint print), smoothed so that
/// single noisy pixels are neither.
struct InkGrid {
    struct Box { var x0, y0, x1, y1: Int }
    struct Line { var baseline: Int; var top: Int; var core: Double }

    let width: Int, height: Int
    /// Smoothed grey levels, row by row.
    let grey: [UInt8]
    let strongLevel: UInt8, faintLevel: UInt8, paperLevel: UInt8
    /// Faint ink connected to the grid's edges: what is left of the cell's rules.
    private var edgeInk: [Bool] = []
    /// The pieces of strong ink, without those touching the grid's edges (remains of rules).
    private(set) var strongPieces: [Box] = []
    /// The pixel column and row of the grid's origin in the image, and the image's frame.
    let originX: Int, originY: Int
    let scale: Double, region: Rect

    init?(image: GrayImage, area: Rect) {
        let x0 = max(0, Int(((area.x0 - image.region.x0) * image.scale).rounded()))
        let x1 = min(image.width, Int(((area.x1 - image.region.x0) * image.scale).rounded()))
        let y0 = max(0, Int(((area.y0 - image.region.y0) * image.scale).rounded()))
        let y1 = min(image.height, Int(((area.y1 - image.region.y0) * image.scale).rounded()))
        guard x1 - x0 > 4, y1 - y0 > 4 else { return nil }
        width = x1 - x0; height = y1 - y0; originX = x0; originY = y0
        scale = image.scale; region = image.region
        // A 3×3 mean: noise of one pixel fades, strokes stay.
        var smoothed = [UInt8](repeating: 255, count: width * height)
        var histogram = GrayHistogram()
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0, count = 0
                for dy in -1...1 { for dx in -1...1 {
                    let sx = x0 + x + dx, sy = y0 + y + dy
                    guard sx >= 0, sy >= 0, sx < image.width, sy < image.height else { continue }
                    sum += Int(image.pixels[sy * image.width + sx]); count += 1
                } }
                let level = UInt8(sum / max(1, count))
                smoothed[y * width + x] = level
                histogram.add(level)
            }
        }
        grey = smoothed
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.005)
        guard paper - darkest >= MarkerGeometry.minimumContrast else { return nil }
        paperLevel = UInt8(paper)
        strongLevel = UInt8(paper - Int(Double(paper - darkest) * MarkerGeometry.strongInk))
        faintLevel = UInt8(paper - Int(Double(paper - darkest) * MarkerGeometry.faintInk))
        edgeInk = markEdgeInk()
        strongPieces = pieces(in: Box(x0: 0, y0: 0, x1: width - 1, y1: height - 1), where: isStrong)
            .filter { $0.x0 > 0 && $0.y0 > 0 && $0.x1 < width - 1 && $0.y1 < height - 1 }
    }

    private func markEdgeInk() -> [Bool] {
        var marked = [Bool](repeating: false, count: width * height)
        var stack: [Int] = []
        for x in 0..<width { stack.append(x); stack.append((height - 1) * width + x) }
        for y in 0..<height { stack.append(y * width); stack.append(y * width + width - 1) }
        while let index = stack.popLast() {
            guard !marked[index], grey[index] < faintLevel else { continue }
            marked[index] = true
            let x = index % width, y = index / width
            if x > 0 { stack.append(index - 1) }
            if x + 1 < width { stack.append(index + 1) }
            if y > 0 { stack.append(index - width) }
            if y + 1 < height { stack.append(index + width) }
        }
        return marked
    }

    func isStrong(_ x: Int, _ y: Int) -> Bool { grey[y * width + x] < strongLevel && !edgeInk[y * width + x] }
    func isFaint(_ x: Int, _ y: Int) -> Bool { grey[y * width + x] < faintLevel && !edgeInk[y * width + x] }

    func rect(_ box: Box) -> Rect {
        Rect(x0: region.x0 + Double(originX + box.x0) / scale, y0: region.y0 + Double(originY + box.y0) / scale,
             x1: region.x0 + Double(originX + box.x1 + 1) / scale, y1: region.y0 + Double(originY + box.y1 + 1) / scale)
    }

    /// The pieces of 8-connected ink within `area` (pixel bounds, inclusive) where `inked`
    /// holds, as boxes, in the order of their first pixel, row by row.
    func pieces(in area: Box, where inked: (Int, Int) -> Bool) -> [Box] {
        let columns = area.x1 - area.x0 + 1, rows = area.y1 - area.y0 + 1
        guard columns > 0, rows > 0 else { return [] }
        var seen = [Bool](repeating: false, count: columns * rows)
        func index(_ x: Int, _ y: Int) -> Int { (y - area.y0) * columns + x - area.x0 }
        var found: [Box] = []
        for y in area.y0...area.y1 {
            for x in area.x0...area.x1 where !seen[index(x, y)] {
                seen[index(x, y)] = true
                guard inked(x, y) else { continue }
                var box = Box(x0: x, y0: y, x1: x, y1: y)
                var stack = [(x, y)]
                while let (px, py) = stack.popLast() {
                    box.x0 = min(box.x0, px); box.x1 = max(box.x1, px); box.y0 = min(box.y0, py); box.y1 = max(box.y1, py)
                    for dy in -1...1 { for dx in -1...1 {
                        let nx = px + dx, ny = py + dy
                        guard nx >= area.x0, nx <= area.x1, ny >= area.y0, ny <= area.y1, !seen[index(nx, ny)] else { continue }
                        seen[index(nx, ny)] = true
                        if inked(nx, ny) { stack.append((nx, ny)) }
                    } }
                }
                found.append(box)
            }
        }
        return found
    }

    /// The last line of the cell's text: its baseline and the top of its characters, from the
    /// letter-sized pieces of strong ink reaching lowest. Nil where there are no such pieces.
    func lastLine() -> Line? {
        let pieces = strongPieces.filter { $0.y1 - $0.y0 >= 2 }
        guard !pieces.isEmpty else { return nil }
        let heights = pieces.map { $0.y1 - $0.y0 + 1 }.sorted()
        let tall = Double(heights[(heights.count * 3) / 4])
        // Letter-sized: a marker's pieces and a comma are smaller than the value's characters.
        let letters = pieces.filter { Double($0.y1 - $0.y0 + 1) >= tall * 0.7 }
        guard let lowest = letters.map(\.y1).max() else { return nil }
        let line = letters.filter { Double(lowest - $0.y1) <= tall * 0.6 }
        let baselines = line.map(\.y1).sorted(), tops = line.map(\.y0).sorted()
        let baseline = baselines[baselines.count / 2], top = tops[tops.count / 2]
        guard baseline - top >= 3 else { return nil }
        return Line(baseline: baseline, top: top, core: Double(baseline - top))
    }

    /// The faint ink after the value on `line` that stays raised above its baseline, as a box
    /// and its stroke count; nil where the value's last character is the last ink.
    func raisedTail(after line: Line) -> Box? {
        let core = line.core
        let bandTop = max(0, line.top - Int(core * 0.35)), bandBottom = min(height - 1, line.baseline + 1)
        let raisedLimit = Double(line.baseline) - core * MarkerGeometry.raise
        let groundedLimit = Double(line.baseline) - core * MarkerGeometry.grounded
        var raised: [(x: Int, highest: Int, lowest: Int, count: Int)] = []
        var gap = 0
        var lastInkColumn: Int? = nil
        for x in stride(from: width - 2, through: 1, by: -1) {
            var lowest = -1, highest = -1, count = 0
            for y in bandTop...bandBottom where isFaint(x, y) {
                if highest < 0 { highest = y }
                lowest = y; count += 1
            }
            guard count > 0 else {
                if !raised.isEmpty { gap += 1 }
                // A marker follows its value closely; ink further off is not the value's.
                if !raised.isEmpty, Double(gap) > core * MarkerGeometry.maximumGap { return nil }
                continue
            }
            if Double(lowest) >= groundedLimit {
                // The value's last character: what stood right of it is the marker, if anything.
                lastInkColumn = x
                break
            }
            gap = 0
            if Double(lowest) <= raisedLimit {
                raised.append((x, highest, lowest, count))
            }
        }
        guard !raised.isEmpty, let lastInkColumn else { return nil }
        // Raised ink joined to the value's last character in its black print is the character's
        // own: the bowl of a "P", the arms of an "F" (a code "P(2)" cut there reads "I").
        let letterEnd = valueCharacterEnd(at: lastInkColumn, line: line)
        raised.removeAll { $0.x <= letterEnd }
        guard let first = raised.first else { return nil }
        var box = Box(x0: first.x, y0: first.highest, x1: first.x, y1: first.lowest)
        for column in raised {
            box.x0 = min(box.x0, column.x); box.x1 = max(box.x1, column.x)
            box.y0 = min(box.y0, column.highest); box.y1 = max(box.y1, column.lowest)
        }
        let mass = raised.reduce(0) { $0 + $1.count }
        let boxHeight = Double(box.y1 - box.y0 + 1), boxWidth = Double(box.x1 - box.x0 + 1)
        guard Double(mass) >= core * core * MarkerGeometry.speckMass,
              boxHeight >= core * MarkerGeometry.minimumHeight, boxHeight <= core * MarkerGeometry.maximumHeight,
              boxWidth >= core * MarkerGeometry.minimumWidth,
              Double(box.y0) <= Double(line.top) + core * MarkerGeometry.topReach else { return nil }
        return wholeMarker(box, line: line, valueEnd: max(lastInkColumn, letterEnd))
    }

    /// The last column of the value's last character, which reaches down to the baseline in
    /// `column`: where its black print (a piece of strong ink) ends. Markers are printed fainter
    /// and apart, so their ink is no part of it.
    private func valueCharacterEnd(at column: Int, line: Line) -> Int {
        let groundedLimit = Double(line.baseline) - line.core * MarkerGeometry.grounded
        return strongPieces.filter { piece in
            piece.x0 <= column && piece.x1 >= column && Double(piece.y1) >= groundedLimit && piece.y0 <= line.baseline
        }.map(\.x1).max() ?? column
    }

    /// The whole marker whose raised part is `tail`: the pieces of faint ink right of the
    /// value's last character (`valueEnd`, the column where it ends) beside and level with the
    /// tail. Some printers hardly raise a superscript (WeasyPrint sets "(6)" with its
    /// parentheses' feet near the baseline): only the digit then stands clear of the value's
    /// line, and a marker read or matched from the digit alone is misread ("(6)" cut to its
    /// top reads as "11"). A piece that reaches back to the value's last character is the
    /// value's own, and is left out.
    private func wholeMarker(_ tail: Box, line: Line, valueEnd: Int) -> Box {
        let reach = Int((line.core * MarkerGeometry.pieceReach).rounded())
        let left = valueEnd + 1, right = min(width - 2, tail.x1 + reach)
        let top = max(1, line.top - Int(line.core.rounded())), bottom = min(height - 2, line.baseline)
        guard left <= right, top <= bottom else { return tail }
        var whole = tail
        for piece in pieces(in: Box(x0: left, y0: top, x1: right, y1: bottom), where: isFaint) {
            let level = piece.y0 <= tail.y1 && piece.y1 >= tail.y0
            let beside = piece.x0 <= tail.x1 + reach && piece.x1 >= tail.x0 - reach
            guard piece.x0 > left, level, beside else { continue }
            whole.x0 = min(whole.x0, piece.x0); whole.x1 = max(whole.x1, piece.x1)
            whole.y0 = min(whole.y0, piece.y0); whole.y1 = max(whole.y1, piece.y1)
        }
        return whole
    }

    /// The box around all faint ink not touching the grid's edges, nil when there is none.
    func faintBox() -> Box? {
        var box: Box? = nil
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) where isFaint(x, y) && isStrong(x, y) || isFaint(x, y) && faintNeighbours(x, y) >= 4 {
                if var found = box {
                    found.x0 = min(found.x0, x); found.x1 = max(found.x1, x); found.y0 = min(found.y0, y); found.y1 = max(found.y1, y)
                    box = found
                } else {
                    box = Box(x0: x, y0: y, x1: x, y1: y)
                }
            }
        }
        return box
    }

    private func faintNeighbours(_ x: Int, _ y: Int) -> Int {
        var count = 0
        for dy in -1...1 { for dx in -1...1 where (dx != 0 || dy != 0) && isFaint(x + dx, y + dy) { count += 1 } }
        return count
    }

    /// Runs of columns in `box` holding ink halfway from the paper to the box's darkest (a
    /// marker's strokes are fainter than the value's), apart from each other by a column
    /// without: the marker's strokes.
    func strokeWidths(in box: Box) -> [Int] {
        var darkest = paperLevel
        for y in box.y0...box.y1 { for x in box.x0...box.x1 { darkest = min(darkest, grey[y * width + x]) } }
        let level = UInt8((Int(paperLevel) + Int(darkest)) / 2)
        var widths: [Int] = [], inRun = false
        for x in box.x0...box.x1 {
            let inked = (box.y0...box.y1).contains { grey[$0 * width + x] < level }
            if inked { if inRun { widths[widths.count - 1] += 1 } else { widths.append(1) } }
            inRun = inked
        }
        return widths
    }
}

extension GrayImage {
    /// The image with its grey stretched so that ink halfway from the paper to the darkest print
    /// is black and the paper white: a marker's thin grey strokes as tesseract reads them best.
    func stretched() -> GrayImage {
        var histogram = GrayHistogram()
        for level in pixels { histogram.add(level) }
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.01)
        let contrast = Double(paper - darkest)
        guard contrast >= Double(MarkerGeometry.minimumContrast) else { return self }
        let black = Double(paper) - contrast * 0.5, white = Double(paper) - contrast * 0.1
        var copy = self
        for index in copy.pixels.indices {
            let value = (Double(pixels[index]) - black) / (white - black) * 255
            copy.pixels[index] = UInt8(max(0, min(255, value.rounded())))
        }
        return copy
    }

    /// The image in black and white: darker than `share` of the way from the paper to the
    /// darkest print is ink.
    func binarized(at share: Double) -> GrayImage {
        var histogram = GrayHistogram()
        for level in pixels { histogram.add(level) }
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.01)
        guard paper - darkest >= MarkerGeometry.minimumContrast else { return self }
        let cut = Double(paper) - Double(paper - darkest) * share
        var copy = self
        for index in copy.pixels.indices { copy.pixels[index] = Double(pixels[index]) < cut ? 0 : 255 }
        return copy
    }

    /// The image with everything outside `area` (page points) painted white.
    func keepingOnly(_ area: Rect) -> GrayImage {
        var copy = self
        for y in 0..<height {
            let pointY = region.y0 + (Double(y) + 0.5) / scale
            for x in 0..<width {
                let pointX = region.x0 + (Double(x) + 0.5) / scale
                if !area.contains(x: pointX, y: pointY) { copy.pixels[y * width + x] = 255 }
            }
        }
        return copy
    }
}
