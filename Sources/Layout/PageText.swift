import PDFText

/// The words of one page, grouped into lines, with an index for fast label look-up.
/// Layout works on this and never on poppler directly, so OCR words feed it the same way.
public struct PageText: Sendable {
    /// One-based page number.
    public let number: Int
    public let bounds: Rect
    public let source: TextSource
    public let lines: [TextLine]
    /// Words in line order: `lines[i].words[j]` is `words[lineStart[i] + j]`.
    public let words: [Word]
    /// The words in the order they were given (the engine's reading order). A page made again
    /// with some words changed starts from these: line grouping breaks ties by this order, so
    /// the words in line order could group into other lines.
    public let wordsAsGiven: [Word]
    let lineOfWord: [Int]
    let lineStart: [Int]
    let normalizedWords: [String]
    /// The span of the words' vertical centres on each line: `wordIndices(in:)` passes over
    /// lines outside a region without looking at their words.
    let lineWordMiddles: [(low: Double, high: Double)]
    /// The last word of each normalised spelling; `previousAlike[i]` is the word before word `i`
    /// spelled like it (-1: none). Chains, not an array per spelling: a page has hundreds of
    /// spellings, and each array was an allocation.
    let lastSpelled: [String: Int]
    let previousAlike: [Int]

    public init(number: Int, bounds: Rect, source: TextSource, words: [Word], lineGrouping: LineGrouping = LineGrouping()) {
        self.number = number
        self.bounds = bounds
        self.source = source
        let (order, lineStarts) = lineGrouping.lineOrder(of: words)
        let flat = order.map { words[$0] }
        self.words = flat
        self.wordsAsGiven = words
        self.lineStart = lineStarts
        (lines, lineOfWord, lineWordMiddles) = Self.lines(of: flat, startingAt: lineStarts)
        let normalized = flat.map { LabelText.normalize($0.text) }
        self.normalizedWords = normalized
        (lastSpelled, previousAlike) = Self.spellingChains(normalized)
        let heights = flat.map(\.rect.height).sorted()
        typicalWordHeight = heights.isEmpty ? 10 : heights[heights.count / 2]
    }

    /// The lines of words already in line order, each word's line, and the span of the words'
    /// vertical centres on each line.
    private static func lines(of words: [Word], startingAt lineStarts: [Int])
        -> (lines: [TextLine], lineOfWord: [Int], middles: [(low: Double, high: Double)]) {
        var lines: [TextLine] = [], lineOfWord = [Int](repeating: 0, count: words.count)
        var middles: [(low: Double, high: Double)] = []
        lines.reserveCapacity(lineStarts.count)
        middles.reserveCapacity(lineStarts.count)
        for (line, start) in lineStarts.enumerated() {
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : words.count
            lines.append(TextLine(leftToRight: Array(words[start..<end])))
            var low = Double.infinity, high = -Double.infinity
            for position in start..<end {
                lineOfWord[position] = line
                low = min(low, words[position].rect.midY); high = max(high, words[position].rect.midY)
            }
            middles.append((low, high))
        }
        return (lines, lineOfWord, middles)
    }

    /// The words of each normalised spelling as chains: its last word, and for every word the
    /// one before it spelled alike (-1: none). One hash a word: the chain's end is found and
    /// moved on in one look-up.
    private static func spellingChains(_ normalized: [String]) -> (lastSpelled: [String: Int], previousAlike: [Int]) {
        var lastSpelled: [String: Int] = [:]
        lastSpelled.reserveCapacity(normalized.count)
        var previousAlike = [Int](repeating: -1, count: normalized.count)
        for (position, text) in normalized.enumerated() where !text.isEmpty {
            previousAlike[position] = lastSpelled.updateValue(position, forKey: text) ?? -1
        }
        return (lastSpelled, previousAlike)
    }

    /// Indices (into `words`) of the words whose normalised text is `normalized`, in order.
    func wordIndices(spelled normalized: String) -> [Int] {
        var found: [Int] = []
        var previous = lastSpelled[normalized] ?? -1
        while previous >= 0 {
            found.append(previous)
            previous = previousAlike[previous]
        }
        found.reverse()
        return found
    }

    /// Indices (into `words`) of the words whose centre lies in `region`.
    public func wordIndices(in region: Rect) -> [Int] {
        var found: [Int] = []
        for (line, middles) in lineWordMiddles.enumerated() where middles.high >= region.y0 && middles.low <= region.y1 {
            let end = line + 1 < lineStart.count ? lineStart[line + 1] : words.count
            for index in lineStart[line]..<end where region.contains(x: words[index].rect.midX, y: words[index].rect.midY) {
                found.append(index)
            }
        }
        return found
    }

    /// The typical height of a word on this page (the median): the unit of tolerances, since
    /// one word's own box may be tight to its ink (OCR boxes of "and" are x-height only).
    public let typicalWordHeight: Double
}

/// How label text is compared: case, punctuation and spacing do not matter, so
/// "(Month/Day/Year)" and "Month / Day / Year" compare equal.
public enum LabelText {
    public static func normalize(_ text: String) -> String {
        // Nearly all text is ASCII: it is read from contiguous storage (a short string's is
        // copied to the stack; iterating the UTF-8 view costs several times as much).
        if let normalized = text.utf8.withContiguousStorageIfAvailable(normalizeASCII) {
            return normalized ?? normalizeUnicode(text)
        }
        if text.utf8.contains(where: { $0 >= 0x80 }) { return normalizeUnicode(text) }
        return Array(text.utf8).withUnsafeBufferPointer(normalizeASCII)!
    }

    /// `normalize` of ASCII text: letters (lower-cased), digits and % kept, written straight
    /// into the new string (short ones are stored inline: no allocation at all); nil when the
    /// text is not ASCII.
    static func normalizeASCII(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        if text.contains(where: { $0 >= 0x80 }) { return nil }
        return String(unsafeUninitializedCapacity: text.count) { buffer in
            var count = 0
            for byte in text {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "%"):
                    buffer[count] = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    buffer[count] = byte + 32
                default:
                    continue
                }
                count += 1
            }
            return count
        }
    }

    static func normalizeUnicode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "%" {
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return result
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`.
    public static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
