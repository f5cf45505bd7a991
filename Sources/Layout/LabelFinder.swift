import PDFText

/// A printed label to look for, e.g. "2. Issuer Name and Ticker".
public struct Label: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let target: [UInt8]
    let firstToken: String
    /// "(Street)" is a label, "STREET" in an address is not: a label printed in parentheses must
    /// be matched with them where the text has them.
    public let parenthesized: Bool
    /// "3. Transaction Code" is a numbered heading: its number ends with a point, which tells it
    /// from the "3)" that ends "(Instr. 3)" and the "16." that ends a sentence... of another label.
    let numbered: Bool

    public init(_ text: String) {
        self.text = text
        parenthesized = text.hasPrefix("(")
        let firstWord = text.split(separator: " ").first ?? ""
        numbered = firstWord.hasSuffix(".") && firstWord.first?.isNumber == true
        let tokens = text.split(separator: " ").map { LabelText.normalize(String($0)) }.filter { !$0.isEmpty }
        firstToken = tokens.first ?? ""
        target = Array(tokens.joined().utf8)
    }

    public var description: String { text }
}

/// Where a label was found: its words and how closely they match (1 = exactly).
public struct LabelMatch: Sendable, CustomStringConvertible {
    public let label: Label
    /// Where the label's first word stands (its centre): what a search region is tested against.
    public let start: (x: Double, y: Double)
    /// Indices into `PageText.words`.
    public let wordIndices: [Int]
    public let rect: Rect
    public let score: Double

    public init(label: Label, start: (x: Double, y: Double), wordIndices: [Int], rect: Rect, score: Double) {
        self.label = label; self.start = start; self.wordIndices = wordIndices; self.rect = rect; self.score = score
    }

    public var description: String { "\(label)@\(rect) score \(score)" }

    /// Whether the match's first word opens with a parenthesis, as a parenthesized label is printed.
    public func opensWithParenthesis(in page: PageText) -> Bool {
        wordIndices.first.map { page.words[$0].text.hasPrefix("(") } ?? false
    }
}

/// Finds labels among a page's words. Exact matches are looked up through the page's index;
/// when there is none, damaged text (OCR) is searched with an edit-distance budget.
/// A label may wrap onto the next line of its cell.
public struct LabelFinder: Sendable {
    /// Largest share of a label's characters that may be wrong in a fuzzy match.
    public var maxEditRatio: Double = 0.25
    /// Words of a match taller than this many times its typical word are left out of its box.
    public var maxWordHeightRatio: Double = 1.8
    /// Largest gap between two words of one label on a line (× word height). Word spaces are
    /// about a third of the height; table columns stand further apart.
    public var maxWordGap: Double = 0.8
    /// A gap to the next word on the line wider than this (× word height) leaves room for a word
    /// that OCR put on a neighbouring line; the label may go on in that word instead.
    public var wideWordGap: Double = 0.6
    /// How many ways of following one label's words are tried from each start word.
    public var maxPathsPerStart: Int = 64
    /// Largest drop from one line of a wrapped label to the next (× word height).
    public var maxLineDrop: Double = 1.2
    /// How far the next line of a wrapped label may start from the label's left edge (× word height).
    public var wrapIndentTolerance: Double = 1.0

    public init() {}

    /// All places `label` stands in `page` (restricted to `region` when given), best first:
    /// exact spellings, or where there are none and `fuzzy` allows, damaged ones.
    public func find(_ label: Label, in page: PageText, region: Rect? = nil, fuzzy: Bool = true) -> [LabelMatch] {
        let exact = exactMatches(label, in: page, region: region)
        if !exact.isEmpty || !fuzzy { return exact }
        return approximateMatches(label, in: page, region: region)
    }

    /// Places where the label is spelled exactly (case, spacing and punctuation aside).
    public func exactMatches(_ label: Label, in page: PageText, region: Rect? = nil) -> [LabelMatch] {
        candidates(label, page: page, region: region, starts: page.wordIndices(spelled: label.firstToken), budget: 0)
    }

    /// Places where the label is spelled within the edit budget, best first.
    public func approximateMatches(_ label: Label, in page: PageText, region: Rect? = nil) -> [LabelMatch] {
        let budget = Int((Double(label.target.count) * maxEditRatio).rounded(.down))
        return candidates(label, page: page, region: region, starts: Array(page.words.indices), budget: budget)
            .sorted { $0.score > $1.score }
    }

    /// How well `label` fits the words of `match` (1 = exactly), scored like a match: used to
    /// tell which of two look-alike labels ("Table I" and "Table II") damaged words spell.
    public func score(of label: Label, against match: LabelMatch, in page: PageText) -> Double {
        let spelled = match.wordIndices.flatMap { Array(page.normalizedWords[$0].utf8) }
        let limit = max(label.target.count, spelled.count)
        let distance = LabelText.editDistance(spelled, label.target, limit: limit)
        return 1 - Double(distance) / Double(max(label.target.count, 1))
    }

    /// The best (then top-most) place of `label`, if any.
    public func first(_ label: Label, in page: PageText, region: Rect? = nil, fuzzy: Bool = true) -> LabelMatch? {
        find(label, in: page, region: region, fuzzy: fuzzy)
            .max { ($0.score, -$0.rect.y0) < ($1.score, -$1.rect.y0) }
    }

    private func candidates(_ label: Label, page: PageText, region: Rect?, starts: [Int], budget: Int) -> [LabelMatch] {
        var matches: [LabelMatch] = []
        for start in starts {
            let rect = page.words[start].rect
            if let region, !region.contains(x: rect.midX, y: rect.midY) { continue }
            let found = budget == 0 ? extendExactly(label, from: start, page: page) : extend(label, from: start, page: page, budget: budget)
            if let match = found { matches.append(match) }
        }
        if label.parenthesized {
            matches = preferringLiteral(matches, budget: budget) { $0.opensWithParenthesis(in: page) }
        }
        if label.numbered {
            matches = preferringLiteral(matches, budget: budget) { page.words[$0.wordIndices[0]].text.hasSuffix(".") }
        }
        return matches
    }

    /// Where the label is printed with its parentheses or number, places that spell it without
    /// them are other text ("STREET" in an address). Spelled exactly, that holds page-wide. In a
    /// damaged spelling the number may be what OCR lost: there a place gives way only to a
    /// literal match standing on it, not to the same label printed elsewhere (an additional
    /// owner's "1. Name and Address" must not hide box 1's damaged one).
    private func preferringLiteral(_ matches: [LabelMatch], budget: Int, isLiteral: (LabelMatch) -> Bool) -> [LabelMatch] {
        let literal = matches.filter(isLiteral)
        guard !literal.isEmpty else { return matches }
        if budget == 0 { return literal }
        return matches.filter { match in
            isLiteral(match) || !literal.contains { $0.rect.intersects(match.rect) }
        }
    }

    /// Follows words from `start` until they spell at least as many characters as the label,
    /// then scores the spelling against the label. Where a label could go on along its line or
    /// wrap to the next line, both ways are tried (neighbouring table headings stand close).
    private func extend(_ label: Label, from start: Int, page: PageText, budget: Int) -> LabelMatch? {
        let startRect = page.words[start].rect
        var best: (indices: [Int], distance: Int)? = nil
        var explored = 0
        func follow(_ indices: [Int], _ spelled: [UInt8]) {
            explored += 1
            guard explored <= maxPathsPerStart else { return }
            if budget == 0 {
                guard label.target.starts(with: spelled.prefix(label.target.count)) else { return }
                if spelled.count >= label.target.count {
                    if spelled.count == label.target.count { best = (indices, 0) }
                    return
                }
            } else if spelled.count + budget >= label.target.count {
                let distance = LabelText.editDistance(spelled, label.target, limit: budget)
                if distance <= budget, distance < (best?.distance ?? Int.max) { best = (indices, distance) }
                if spelled.count >= label.target.count + budget { return }
            }
            for next in nextWords(after: indices.last!, labelStart: startRect, page: page) where best?.distance != 0 {
                follow(indices + [next], spelled + Array(page.normalizedWords[next].utf8))
            }
        }
        follow([start], Array(page.normalizedWords[start].utf8))
        return best.map { match(label, page: page, indices: $0.indices, distance: $0.distance) }
    }

    /// `extend` without an edit budget, which is how every label of a native page is looked
    /// for: each next word is compared in place with the part of the label it would spell, so
    /// no spelling is built, and one path is grown and shrunk instead of copied at every step.
    /// Paths are tried, counted and cut off in the same order as `extend` tries them.
    private func extendExactly(_ label: Label, from start: Int, page: PageText) -> LabelMatch? {
        guard let first = ExactPath.end(of: page.normalizedWords[start], at: 0, in: label.target) else { return nil }
        var path = ExactPath(target: label.target, labelStart: page.words[start].rect, indices: [start])
        guard first == label.target.count || path.follow(spelled: first, page: page, finder: self) else { return nil }
        return match(label, page: page, indices: path.indices, distance: 0)
    }

    private func match(_ label: Label, page: PageText, indices: [Int], distance: Int) -> LabelMatch {
        let rects = indices.map { page.words[$0].rect }
        // A word much taller than the label's others is OCR's box around a speck or a smudge
        // reaching into the line below ("\"Brie" over "O'Brien"): its height is no part of where
        // the label stands.
        let typical = rects.map(\.height).sorted()[rects.count / 2]
        let printed = rects.count >= 3 ? rects.filter { $0.height <= typical * maxWordHeightRatio } : rects
        let rect = (printed.isEmpty ? rects : printed).unionAll() ?? .zero
        let score = 1 - Double(distance) / Double(max(label.target.count, 1))
        let first = page.words[indices[0]].rect
        return LabelMatch(label: label, start: (first.midX, first.midY), wordIndices: indices, rect: rect, score: score)
    }

    /// A line's last word may go on in a word that line grouping put on a neighbouring line
    /// (OCR boxes of one printed line at uneven heights): the word starting right after it,
    /// level with it (overlapping most of the lower one's height).
    func wordBeside(_ current: Int, page: PageText, height: Double) -> Int? {
        let word = page.words[current].rect
        let line = page.lineOfWord[current]
        for lineIndex in [line - 1, line + 1] where lineIndex >= 0 && lineIndex < page.lines.count {
            let first = page.lineStart[lineIndex]
            for offset in page.lines[lineIndex].words.indices {
                let candidate = page.words[first + offset].rect
                let gap = candidate.x0 - word.x1
                if gap >= -0.3 * height, gap <= maxWordGap * height,
                   candidate.verticalOverlap(word) > 0.5 * min(candidate.height, word.height) {
                    return first + offset
                }
            }
        }
        return nil
    }

    /// The words that may continue a label after `current`: the next word on the same line when
    /// close enough, and the first word of a following line that starts under the label.
    func nextWords(after current: Int, labelStart: Rect, page: PageText) -> NextWords {
        var candidates = NextWords()
        let word = page.words[current].rect
        let height = max(word.height, page.typicalWordHeight, 1)
        let line = page.lineOfWord[current]
        let nextOnLine = current + 1
        if nextOnLine < page.words.count, page.lineOfWord[nextOnLine] == line {
            let gap = page.words[nextOnLine].rect.x0 - word.x1
            // Wider than a word space: OCR may have put the word in between on a neighbouring
            // line ("1. [Name] and Address", with "Name" a little lower).
            if gap > wideWordGap * height, let beside = wordBeside(current, page: page, height: height),
               page.words[beside].rect.x0 < page.words[nextOnLine].rect.x0 {
                candidates.append(beside)
            }
            if gap <= maxWordGap * height { candidates.append(nextOnLine) }
        } else if let beside = wordBeside(current, page: page, height: height) {
            candidates.append(beside)
        }
        var lineIndex = line + 1
        search: while lineIndex < page.lines.count {
            // The line's box and the bounds of its words in `page.words` are read, not the line
            // itself (a copy of it would retain its words).
            if page.lines[lineIndex].rect.y0 - word.y1 > maxLineDrop * height { break }
            let first = page.lineStart[lineIndex]
            let end = lineIndex + 1 < page.lineStart.count ? page.lineStart[lineIndex + 1] : page.words.count
            for offset in 0..<(end - first) {
                // Marks such as a superscript "*" spell nothing: the label goes on after them.
                if page.normalizedWords[first + offset].isEmpty { continue }
                let candidate = page.words[first + offset].rect
                // Left-aligned labels wrap to the label's left edge; centred ones anywhere under it.
                let underLabel = candidate.x0 >= labelStart.x0 - wrapIndentTolerance * height && candidate.x0 <= word.x1
                if (abs(candidate.x0 - labelStart.x0) <= wrapIndentTolerance * height || underLabel), candidate.y0 > word.midY {
                    candidates.append(first + offset)
                    break search
                }
            }
            lineIndex += 1
        }
        return candidates
    }
}

/// The (at most three) words that may continue a label: a word beside it on a neighbouring
/// line, the next on its line, then the first under it on a following line. A value, not an array: label search asks for them at every
/// step, and allocating an array each time cost a third of the search.
struct NextWords: Sequence, IteratorProtocol {
    private var first: Int?
    private var second: Int?
    private var third: Int?

    mutating func append(_ index: Int) {
        if first == nil { first = index } else if second == nil { second = index } else { third = index }
    }

    mutating func next() -> Int? {
        defer { first = second; second = third; third = nil }
        return first
    }
}

/// The path `LabelFinder.extendExactly` grows and shrinks. A value with mutating methods, not
/// variables captured by a recursive nested function: those lived in heap boxes, with an
/// exclusivity check at every access.
private struct ExactPath {
    let target: [UInt8]
    let labelStart: Rect
    var indices: [Int]
    var explored = 1

    init(target: [UInt8], labelStart: Rect, indices: [Int]) {
        self.target = target; self.labelStart = labelStart; self.indices = indices
    }

    /// Where `word` ends in `target` when it spells the target's next characters from `offset`.
    static func end(of word: String, at offset: Int, in target: [UInt8]) -> Int? {
        var position = offset
        for byte in word.utf8 {
            guard position < target.count, target[position] == byte else { return nil }
            position += 1
        }
        return position
    }

    /// Grows the path from its last word; true when it spells the whole label.
    mutating func follow(spelled: Int, page: PageText, finder: LabelFinder) -> Bool {
        for next in finder.nextWords(after: indices[indices.count - 1], labelStart: labelStart, page: page) {
            explored += 1
            guard explored <= finder.maxPathsPerStart else { return false }
            guard let covered = Self.end(of: page.normalizedWords[next], at: spelled, in: target) else { continue }
            indices.append(next)
            if covered == target.count || follow(spelled: covered, page: page, finder: finder) { return true }
            indices.removeLast()
        }
        return false
    }
}
