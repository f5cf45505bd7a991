/// A word: glyphs that sit together on one baseline with no space between them.
public struct Word: Sendable, CustomStringConvertible {
    public var text: String
    public var rect: Rect
    /// Style of the word's first glyph.
    public var style: TextStyle
    /// Where the text came from; OCR words also carry the engine's confidence (0...1).
    public var ocrConfidence: Double?

    public init(text: String, rect: Rect, style: TextStyle = .unknown, ocrConfidence: Double? = nil) {
        self.text = text; self.rect = rect; self.style = style; self.ocrConfidence = ocrConfidence
    }

    public var description: String { "\"\(text)\"@\(rect)" }
}

/// A line of text: words whose vertical extents overlap, ordered left to right.
public struct TextLine: Sendable, CustomStringConvertible {
    public var words: [Word]
    public var rect: Rect

    public init(words: [Word]) {
        self.init(leftToRight: words.sorted { $0.rect.x0 < $1.rect.x0 })
    }

    /// A line of words already ordered left to right.
    public init(leftToRight words: [Word]) {
        self.words = words
        var rect = words.first?.rect ?? .zero
        for word in words.dropFirst() { rect = rect.union(word.rect) }
        self.rect = rect
    }

    public var text: String { words.map(\.text).joined(separator: " ") }
    public var description: String { "\(text) @\(rect)" }
}

/// How glyphs become words. Every threshold is a fraction of the glyph's font size (or height),
/// so the same settings work for any print scale.
public struct WordGrouping: Sendable {
    /// A horizontal gap wider than this (× font size) ends a word even where poppler put no space.
    public var maxGlyphGap: Double = 0.25
    /// Glyphs whose vertical centres differ by more than this (× glyph height) are not one word
    /// (superscripts such as footnote markers become words of their own).
    public var maxCenterShift: Double = 0.3
    /// A change of colour ends a word: EDGAR prints a footnote marker `(1)` in green right after
    /// a blue value, with no space between them.
    public var splitOnColorChange: Bool = true
    /// Trust poppler's own word segmentation: where its text output has white space, a word ends.
    public var useEngineSpaces: Bool = true

    public init() {}
}

/// How words become lines.
public struct LineGrouping: Sendable {
    /// Two words share a line when their vertical overlap is at least this fraction of the
    /// shorter one's height.
    public var minVerticalOverlap: Double = 0.5
    /// OCR boxes follow the letters: a word with ascenders stands higher than one of small
    /// letters with descenders, so the words of one printed line can fall into two lines
    /// whose words interleave ("transactions … from $12.01" and "at prices ranging … to").
    /// When set, two neighbouring lines are one where their bands overlap as two words of a
    /// line must and none of their words overlap sideways by more than `interleavedSlack` of
    /// the narrower word (stacked lines, such as a wrapped label, have words one above another).
    /// Printed text rarely has such lines (no field read from the printed samples changed).
    public var joinsInterleavedLines: Bool = true
    public var interleavedSlack: Double = 0.2

    public init() {}
}

extension WordGrouping {
    /// Groups glyphs (in the engine's reading order) into words.
    public func words(from glyphs: [Glyph]) -> [Word] {
        // Glyphs are read in place through a buffer, not copied out. The state lives in a
        // struct, not in variables captured by a nested function, which cost a dynamic
        // exclusivity check on every access.
        var builder = WordBuilder(capacity: glyphs.count / 4)
        // Fields are read one by one (plain values), never the whole Glyph.
        glyphs.withUnsafeBufferPointer { glyphs in
            for index in glyphs.indices {
                let rect = glyphs[index].rect, style = glyphs[index].style
                if index > 0, !startsNewWord(rect, style, followsSpace: glyphs[index].followsSpace,
                                             after: glyphs[index - 1].rect, glyphs[index - 1].style) {
                    builder.extend(rect)
                } else {
                    builder.start(rect, style)
                }
                builder.append(glyphs[index].scalar)
            }
        }
        return builder.finish()
    }

    func startsNewWord(_ glyph: Glyph, after last: Glyph) -> Bool {
        startsNewWord(glyph.rect, glyph.style, followsSpace: glyph.followsSpace, after: last.rect, last.style)
    }

    func startsNewWord(_ rect: Rect, _ style: TextStyle, followsSpace: Bool, after lastRect: Rect, _ lastStyle: TextStyle) -> Bool {
        if useEngineSpaces && followsSpace { return true }
        let size = max(style.fontSize, rect.height, 1)
        let gap = rect.x0 - lastRect.x1
        if gap > maxGlyphGap * size || gap < -0.5 * size { return true }
        let height = max(min(rect.height, lastRect.height), 1)
        if abs(rect.midY - lastRect.midY) > maxCenterShift * height { return true }
        if splitOnColorChange && style.color != lastStyle.color { return true }
        return false
    }
}

/// The word being gathered and the words done, for `WordGrouping.words(from:)`.
private struct WordBuilder {
    var words: [Word] = []
    /// The word's text is gathered as UTF-8 in one reused buffer: appending Characters to a
    /// String one by one cost more than the rest of the grouping.
    var utf8: [UInt8] = []
    var rect = Rect.zero
    var style = TextStyle.unknown

    init(capacity: Int) {
        words.reserveCapacity(capacity)
        utf8.reserveCapacity(64)
    }

    /// Ends the word being gathered and starts one at a glyph's box.
    mutating func start(_ rect: Rect, _ style: TextStyle) {
        flush()
        self.rect = rect
        self.style = style
    }

    /// Grows the word by a glyph's box.
    mutating func extend(_ rect: Rect) {
        self.rect = self.rect.union(rect)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        // Nearly all text is ASCII: one byte, without going through a UTF-8 view.
        if scalar.isASCII {
            utf8.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            for byte in scalar.utf8 { utf8.append(byte) }
        }
    }

    mutating func flush() {
        if !utf8.isEmpty { words.append(Word(text: String(decoding: utf8, as: UTF8.self), rect: rect, style: style)) }
        utf8.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> [Word] {
        flush()
        return words
    }
}

extension LineGrouping {
    /// Groups words into lines, top to bottom; each line's words left to right.
    public func lines(from words: [Word]) -> [TextLine] {
        let (order, lineStarts) = lineOrder(of: words)
        var lines: [TextLine] = []
        lines.reserveCapacity(lineStarts.count)
        for (line, start) in lineStarts.enumerated() {
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : order.count
            lines.append(TextLine(leftToRight: order[start..<end].map { words[$0] }))
        }
        return lines
    }

    /// The boxes of the lines `lines(from:)` makes, top to bottom, without gathering their words.
    public func lineRects(of words: [Word]) -> [Rect] {
        let (order, lineStarts) = lineOrder(of: words)
        return lineStarts.indices.map { line in
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : order.count
            var rect = words[order[lineStarts[line]]].rect
            for position in (lineStarts[line] + 1)..<end { rect = rect.union(words[order[position]].rect) }
            return rect
        }
    }

    /// The words' indices in reading order (top to bottom, each line left to right) and where
    /// each line starts in it. Words are not copied: a word is a large value to move.
    public func lineOrder(of words: [Word]) -> (order: [Int], lineStarts: [Int]) {
        let middles = words.map(\.rect.midY)
        var order = words.indices.sorted { middles[$0] < middles[$1] }
        var lineStarts: [Int] = []
        // A line is compared with its first word, not with the union of its words: a growing
        // union (or a tall word) would chain staggered lines, such as a wrapped label beside a
        // taller value, into one.
        var reference = Rect.zero
        for (position, index) in order.enumerated() {
            let rect = words[index].rect
            if lineStarts.isEmpty || !sharesLine(rect, reference) {
                lineStarts.append(position)
                reference = rect
            }
        }
        if joinsInterleavedLines { lineStarts = joiningInterleaved(lineStarts, order: order, words: words) }
        let lefts = words.map(\.rect.x0)
        order.withUnsafeMutableBufferPointer { order in
            for (line, start) in lineStarts.enumerated() {
                let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : order.count
                Self.sortStably(order, from: start, to: end, by: lefts)
            }
        }
        return (order, lineStarts)
    }

    /// `lineStarts` without the starts of lines that continue the line before them (see
    /// `joinsInterleavedLines`). A joined line may join the next one too.
    private func joiningInterleaved(_ lineStarts: [Int], order: [Int], words: [Word]) -> [Int] {
        guard lineStarts.count > 1 else { return lineStarts }
        var kept = [lineStarts[0]]
        var current = lineStarts[0]..<(lineStarts.count > 1 ? lineStarts[1] : order.count)
        for line in 1..<lineStarts.count {
            let next = lineStarts[line]..<(line + 1 < lineStarts.count ? lineStarts[line + 1] : order.count)
            if interleave(order[current], order[next], words: words) {
                current = current.lowerBound..<next.upperBound
            } else {
                kept.append(next.lowerBound)
                current = next
            }
        }
        return kept
    }

    private func interleave(_ upper: ArraySlice<Int>, _ lower: ArraySlice<Int>, words: [Word]) -> Bool {
        func band(_ line: ArraySlice<Int>) -> Rect {
            line.dropFirst().reduce(words[line.first!].rect) { $0.union(words[$1].rect) }
        }
        guard sharesLine(band(lower), band(upper)) else { return false }
        for a in upper {
            let rectA = words[a].rect
            for b in lower {
                let rectB = words[b].rect
                let overlap = min(rectA.x1, rectB.x1) - max(rectA.x0, rectB.x0)
                if overlap > interleavedSlack * max(min(rectA.width, rectB.width), 0.01) { return false }
            }
        }
        return true
    }

    /// Insertion sort of `indices[start..<end]` by `keys`, equal keys kept in their order (as the
    /// standard library's stable sort does): a line holds a few words, where this needs no
    /// buffers and no closure calls.
    private static func sortStably(_ indices: UnsafeMutableBufferPointer<Int>, from start: Int, to end: Int, by keys: [Double]) {
        guard end - start > 1 else { return }
        for position in (start + 1)..<end {
            let moving = indices[position], key = keys[moving]
            var hole = position
            while hole > start, keys[indices[hole - 1]] > key {
                indices[hole] = indices[hole - 1]
                hole -= 1
            }
            indices[hole] = moving
        }
    }

    func sharesLine(_ rect: Rect, _ band: Rect) -> Bool {
        let overlap = rect.verticalOverlap(band)
        return overlap >= minVerticalOverlap * max(min(rect.height, band.height), 0.01)
    }
}

/// Where a page's words came from.
public enum TextSource: String, Codable, Sendable {
    /// The PDF's own text layer, as printed by software.
    case native
    /// An invisible OCR text layer over a scanned page image.
    case ocrLayer = "ocr-layer"
    /// Our own OCR of a page that had no usable text.
    case ocr
}
