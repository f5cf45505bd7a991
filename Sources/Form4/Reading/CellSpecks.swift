import Layout
import PDFText

extension CellText {
    /// The cell without the words an OCR text layer made of specks of dirt: a letter or two
    /// whose box has no letter's shape beside the cell's words ("Halvorsen Holdings Z LLC",
    /// its "Z" smaller and lower than the name's words; "Haddad Ingrid A a", its "a" 34 points wide; "j Okafor", its
    /// "j" small and standing above the line). Words with a digit or a bracket (amounts,
    /// footnote markers and what OCR left of them) are kept, and so is a cell of one word.
    func withoutSpecks() -> CellText {
        // A reading with no word boxes (a box read again as a block) has no shapes to judge.
        guard words.count >= 2, !words.allSatisfy(\.rect.isEmpty) else { return self }
        let reference = words.filter { $0.text.filter { $0.isLetter || $0.isNumber }.count >= 3 }
        guard !reference.isEmpty else { return self }
        let heights = reference.map(\.rect.height).sorted()
        let height = heights[heights.count / 2]
        let kept = words.filter {
            !Self.isSpeck($0, height: height, lines: reference) && !Self.isGhost($0, among: words) && !Self.isNested($0, among: words)
        }
        guard kept.count < words.count, !kept.isEmpty else { return self }
        var copy = CellText(words: kept)
        copy.region = region
        // Where the cell's words stood is still where a re-reading looks (a box's date was read
        // again from the area its words and specks covered).
        copy.rect = rect
        copy.offPage = offPage
        copy.repairs = repairs + (words.count - kept.count)
        return copy
    }

    /// A word OCR read a second time from the edge of a taller one it overlaps: a ghost line
    /// of small words across a name's upper half ("374Water AW: Inc." over "374Water Inc.",
    /// from an underlined link). The taller word is the print and the smaller goes, when the
    /// smaller's middle lies within the print's height (a word of the line above whose box OCR
    /// drew down into this one only touches it) and the print is a word as wide as it (not a
    /// rule or speck OCR boxed tall, nor debris read over a word: "aoe" across "Ordinary"), or
    /// the same word read twice. Words with digits or brackets are never ghosts.
    static func isGhost(_ word: Word, among words: [Word]) -> Bool {
        guard !word.text.contains(where: { $0.isNumber || "()[]{}$%&".contains($0) }) else { return false }
        let box = word.rect
        return words.contains { other in
            let print = other.rect
            guard print.height >= box.height * minGhostHeightRatio, print.height <= box.height * maxGhostHeightRatio,
                  other.text.filter({ $0.isLetter || $0.isNumber }).count >= 3,
                  min(box.x1, print.x1) - max(box.x0, print.x0) >= min(box.width, print.width) * 0.5 else { return false }
            if other.text == word.text { return print.verticalOverlap(box) >= box.height * minGhostOverlap }
            return box.midY >= print.y0 && box.midY <= print.y1 && print.width >= box.width * 0.8
        }
    }

    /// A narrow, shorter word whose box lies inside another word's: OCR read a piece of that
    /// word a second time ("10% 9 Owner", its "9" a sliver of the "10%" box, two thirds its
    /// height). Text layers do draw some words' boxes too long, over the next words of the
    /// line ("Class" over "A"), but those words share the line's height. Brackets are kept:
    /// they may be a footnote marker's.
    static func isNested(_ word: Word, among words: [Word]) -> Bool {
        guard !word.text.contains(where: { "()[]{}".contains($0) }) else { return false }
        let box = word.rect
        guard box.width > 0, box.height > 0 else { return false }
        return words.contains { other in
            let outer = other.rect
            // (A speck boxed far taller than the print would hold words it never was.)
            guard outer.width >= box.width * minNestingWidthRatio, outer.height <= box.height * maxNestingHeightRatio,
                  box.height <= outer.height * maxNestedHeightShare,
                  other.text.filter({ $0.isLetter || $0.isNumber }).count >= 2 else { return false }
            let inside = max(0, min(box.x1, outer.x1) - max(box.x0, outer.x0)) * max(0, min(box.y1, outer.y1) - max(box.y0, outer.y0))
            return inside >= box.width * box.height * minNestedShare
        }
    }

    /// How much wider than a nested word the word around it is...
    static let minNestingWidthRatio = 2.0, maxNestingHeightRatio = 2.0
    /// ... and how much of the nested word's box lies inside it; the nested word is at most
    /// this share of its height.
    static let minNestedShare = 0.85, maxNestedHeightShare = 0.85

    /// How much taller than a ghost the word it overlaps is.
    static let minGhostHeightRatio = 1.3, maxGhostHeightRatio = 2.5
    /// How much of its height a word read twice shares with its print.
    static let minGhostOverlap = 0.4

    /// A short word of letters or marks whose box is far too wide for its characters at the
    /// cell's `height`, or off the line of every `lines` word. (Not too narrow: text layers set
    /// short words in boxes of any width, "a" 0.7 points wide beside "member" 22.)
    static func isSpeck(_ word: Word, height: Double, lines: [Word]) -> Bool {
        let text = word.text
        guard (1...3).contains(text.count), height > 0,
              !text.contains(where: { $0.isNumber || "()[]{}$%&".contains($0) }) else { return false }
        let count = Double(text.count), box = word.rect
        if box.width > count * height * 1.6 { return true }
        let overlaps = lines.map { box.verticalOverlap($0.rect) }
        let onALine = zip(lines, overlaps).contains { line, overlap in
            overlap >= box.height * 0.6 && abs(box.midY - line.rect.midY) <= height * 0.25
        }
        // Small and on no line, or half on one: a word of its own line (a wrapped name's "K.")
        // is as tall as the others and clear of the line above.
        return !onALine && (box.height < height * 0.75 || overlaps.contains { $0 > 0 })
    }
}
