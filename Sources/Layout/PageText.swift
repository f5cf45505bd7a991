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
    let lineOfWord: [Int]
    let lineStart: [Int]
    let normalizedWords: [String]
    let wordsByNormalizedText: [String: [Int]]

    public init(number: Int, bounds: Rect, source: TextSource, words: [Word], lineGrouping: LineGrouping = LineGrouping()) {
        self.number = number
        self.bounds = bounds
        self.source = source
        let lines = lineGrouping.lines(from: words)
        self.lines = lines
        var flat: [Word] = [], lineOfWord: [Int] = [], lineStart: [Int] = []
        flat.reserveCapacity(words.count)
        for (lineIndex, line) in lines.enumerated() {
            lineStart.append(flat.count)
            for word in line.words { flat.append(word); lineOfWord.append(lineIndex) }
        }
        self.words = flat
        self.lineOfWord = lineOfWord
        self.lineStart = lineStart
        let normalized = flat.map { LabelText.normalize($0.text) }
        self.normalizedWords = normalized
        var index: [String: [Int]] = [:]
        index.reserveCapacity(normalized.count)
        for (position, text) in normalized.enumerated() where !text.isEmpty { index[text, default: []].append(position) }
        self.wordsByNormalizedText = index
        let heights = flat.map(\.rect.height).sorted()
        typicalWordHeight = heights.isEmpty ? 10 : heights[heights.count / 2]
    }

    /// Indices (into `words`) of the words whose centre lies in `region`.
    public func wordIndices(in region: Rect) -> [Int] {
        words.indices.filter { region.contains(x: words[$0].rect.midX, y: words[$0].rect.midY) }
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
