import PDFText

/// What OCR text keeps of a footnote marker it could not read: a raised mark glued to the
/// value's last word ("1,977,132\"", "Stock™", "footnote’?"), or a small raised word of its own
/// after the value ("Common Stock 1", "Warrants (right to buy) (ay").
struct MarkerRemains: Equatable {
    /// Where the remains stand (page points): the small word, or the end of the word they are glued to.
    var area: Rect?
    /// The number the remains still spell, when they do ("1)", "(l)").
    var number: Int?
    /// The remains are a word of their own (its box is the marker's), not marks glued to the
    /// value's last word (whose box's end holds the value's last character too).
    var isWordOfItsOwn = false
}

/// The settings of `CellText.splittingMarkerRemains()`.
enum MarkerRemainsGeometry {
    /// A word after the value no taller than this share of the word before it...
    static let maximumHeightShare = 0.75
    /// ... whose bottom stands at least this share of that word's height above its bottom ...
    static let minimumRaiseShare = 0.2
    /// ... and that follows it within this many of its heights, is a marker.
    static let maximumGapShare = 1.2
    /// Longer words are text, however small.
    static let maximumLength = 4
    /// A word with a descender ("Ordinary", "Company") reaches this share of its box's height
    /// below the line's baseline: a capital after it ("two Ordinary S") stands on the baseline,
    /// not raised, and is measured against the word's height above it.
    static let descenderShare = 0.22
    static let descenderLetters: Set<Character> = ["g", "j", "p", "q", "y"]
}

extension OCRTextRepair {
    /// Marks OCR makes of a superscript "(1)" it cannot read: quotes, a trademark sign, a degree sign.
    static let raisedMarks: Set<Character> = ["\"", "“", "”", "‘", "’", "'", "`", "™", "°", "*", "^"]

    /// `"Stock™"` → `("Stock", true)`; `"footnote’?"` → `("footnote", true)`: the raised marks
    /// (and a `?` among them) OCR left of a marker at the end of the cell's last word. A lone
    /// apostrophe is the text's own ("Holders'"). Other tokens come back whole.
    static func peelRaisedMarks(_ token: String) -> (String, Bool) {
        var body = Substring(token)
        while let last = body.last, raisedMarks.contains(last) || last == "?" { body = body.dropLast() }
        let tail = token.dropFirst(body.count)
        guard !tail.isEmpty, tail != "'", tail.contains(where: { raisedMarks.contains($0) }),
              let end = body.last, end.isLetter || end.isNumber || end == ")" || end == "." else { return (token, false) }
        return (String(body), true)
    }

    /// The footnote number small OCR text spells: `"1)"`, `"(l)"`, `"(6"` → 1, 1, 6; nil for
    /// anything without one or two digits (or `l`, `I`, `|` read for a 1).
    static func remainsNumber(_ text: String) -> Int? {
        let digits = String(text.filter { $0 != "(" && $0 != ")" }.map { "lI|".contains($0) ? "1" : $0 })
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), number > 0 else { return nil }
        return number
    }
}

extension CellText {
    /// The cell without a small word raised after its value (what OCR kept of a marker as a
    /// word of its own), and those remains; the cell as it is, and nil, when its last word is
    /// no such word.
    func splittingRaisedWord() -> (CellText, MarkerRemains?) {
        guard words.count >= 2, let line = LineGrouping().lines(from: words).last, line.words.count >= 2 else { return (self, nil) }
        let last = line.words[line.words.count - 1], before = line.words[line.words.count - 2]
        // The word before, from the line's baseline up.
        let descent = before.text.contains(where: MarkerRemainsGeometry.descenderLetters.contains)
            ? before.rect.height * MarkerRemainsGeometry.descenderShare : 0
        let height = before.rect.height - descent, baseline = before.rect.y1 - descent
        guard last.text.count <= MarkerRemainsGeometry.maximumLength, height > 0,
              last.rect.height <= height * MarkerRemainsGeometry.maximumHeightShare,
              last.rect.y1 <= baseline - height * MarkerRemainsGeometry.minimumRaiseShare,
              last.rect.x0 - before.rect.x1 <= height * MarkerRemainsGeometry.maximumGapShare else { return (self, nil) }
        guard let index = words.firstIndex(where: { $0.rect == last.rect && $0.text == last.text }) else { return (self, nil) }
        var kept = words
        kept.remove(at: index)
        var copy = CellText(words: kept)
        copy.region = region
        copy.offPage = offPage
        copy.repairs = repairs + 1
        copy.footnoteIds = footnoteIds + copy.footnoteIds.filter { !footnoteIds.contains($0) }
        return (copy, MarkerRemains(area: last.rect, number: OCRTextRepair.remainsNumber(last.text), isWordOfItsOwn: true))
    }

    /// Where raised marks glued to the end of `word` stand: its right end, upper part.
    static func tailArea(of word: Word) -> Rect {
        let box = word.rect, height = box.height
        return Rect(x0: max(box.x0, box.x1 - height * 0.8), y0: box.y0 - height * 0.15, x1: box.x1 + height * 0.2, y1: box.y0 + height * 0.7)
    }
}
