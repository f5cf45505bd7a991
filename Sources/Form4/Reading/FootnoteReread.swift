import Foundation
import Layout
import PDFText

/// The settings of `TrailerReader.rereadFootnotes`.
enum FootnoteRereadSettings {
    /// Footnotes whose every reading has at least this share of dictionary words, numbered
    /// 1, 2, 3... without a gap, are not read again: the scan's text layer read them well.
    static let trustedWordShare = 0.97
    /// A footnote read again replaces the layer's reading when its share of dictionary words
    /// is higher by at least this much (two readings about as good: the layer's stays).
    static let betterByShare = 0.03
    /// A footnote only the second reading found is taken when at least this share of its
    /// words are dictionary words (not a line of garbage read from a smudge).
    static let newFootnoteWordShare = 0.8
    /// Two readings are of one footnote where this share of the shorter one's words is in both.
    static let sameTextShare = 0.7
    /// Two readings are of different footnotes where less than this share of the shorter one's
    /// words is in both (a damaged reading of the same text keeps far more).
    static let otherTextShare = 0.3
    /// Margin around the footnote lines' area, in units of the page's word height.
    static let marginUnits = 0.6
}

extension TrailerReader {
    /// The footnotes of a scan with an OCR text layer, read once more from the page image where
    /// the layer's reading is doubtful. A text layer is read from the whole page, small print
    /// and all, often at 200 dpi; footnotes are the longest small print on the form, and there
    /// the layer's misreadings pile up ("The repared securities", "pursasey toa Rule") and its
    /// lines break apart where the page's columns meet. Tesseract reading the footnotes' area
    /// alone, as one block, reads them better more often than not, but not always: each
    /// footnote keeps whichever reading has more dictionary words (`ProseLexicon`), and a
    /// footnote the layer lost is taken from the second reading when that is plain words.
    ///
    /// Pages we OCRed ourselves are read again the same way: there the page was read with
    /// tesseract's own page layout analysis, which can take the column of footnote numbers for a
    /// column of text of its own and lose the numbers. Not native text, nor anything where the
    /// word lists are not installed.
    func rereadFootnotes(_ layerReading: [Footnote], lines: [(line: TextLine, page: FormPage)]) -> [Footnote] {
        // The page's source first: the word lists take a tenth of a second to load, which a
        // native document never needs.
        guard !lines.isEmpty, lines.allSatisfy({ $0.page.source != .native && $0.page.ocr != nil }),
              let respelling = ValueParsing.systemRespelling,
              !Self.areTrusted(layerReading, respelling: respelling) else { return layerReading }
        var rereadLines: [(line: TextLine, page: FormPage)] = []
        var pagesDone: [ObjectIdentifier] = []
        for (_, page) in lines where !pagesDone.contains(ObjectIdentifier(page)) {
            pagesDone.append(ObjectIdentifier(page))
            let pageLines = lines.filter { $0.page === page }.map(\.line)
            guard let words = Self.rereadWords(of: pageLines, on: page) else { return layerReading }
            let text = PageText(number: page.number, bounds: page.bounds, source: page.source, words: words)
            // Only lines where the layer's footnote lines stand: the margin may take in part of
            // the "Explanation of Responses:" label above or the signature block below.
            let top = pageLines.map(\.rect.y0).min() ?? 0, bottom = pageLines.map(\.rect.y1).max() ?? 0
            rereadLines += text.lines.filter { $0.rect.midY >= top && $0.rect.midY <= bottom }.map { ($0, page) }
        }
        let again = footnotes(from: rereadLines)
        return Self.merged(Self.renumbered(layerReading, by: again), again, respelling: respelling)
    }

    /// The first reading's footnotes under the numbers the second reading gives the same texts,
    /// where the second numbers them 1, 2, 3... without a gap, found no fewer, and the first does
    /// not agree. Page OCR can take the column of footnote numbers for a column of its own and
    /// lose them; the footnotes after a lost number are then counted one short, and two run
    /// together. Read as one block, the area keeps its numbers. A text is the same where most of
    /// its words are (`sameTextShare`), or all of them, however few.
    static func renumbered(_ first: [Footnote], by second: [Footnote]) -> [Footnote] {
        let numbers = second.compactMap { Int($0.id.dropFirst()) }
        // A second reading that found fewer footnotes lost one, and numbered those after it short.
        guard !numbers.isEmpty, numbers == Array(1...numbers.count), numbers.count >= first.count else { return first }
        let secondWords = second.map { wordSet(readText(of: $0)) }
        var moved: [(note: Footnote, number: Int?)] = []
        for note in first {
            let words = wordSet(readText(of: note)), list = wordList(readText(of: note))
            // The first of equally good: a footnote that ran on into the next begins with its own text.
            var best: Int? = nil
            for candidate in secondWords.indices where best == nil || sameTextShare(words, secondWords[candidate]) > sameTextShare(words, secondWords[best!]) {
                best = candidate
            }
            let alike = second.indices.filter { !list.isEmpty && wordList(readText(of: second[$0])) == list }
            let number = alike.count == 1 ? numbers[alike[0]]
                : best.flatMap { sameTextShare(words, secondWords[$0]) >= FootnoteRereadSettings.sameTextShare ? numbers[$0] : nil }
            moved.append((note, number))
        }
        let matched = moved.compactMap(\.number)
        // Only a numbering that keeps the footnotes' order and gives each text its own number.
        guard matched != moved.compactMap({ $0.number == nil ? nil : Int($0.note.id.dropFirst()) }),
              matched == matched.sorted(), Set(matched).count == matched.count else { return first }
        return placed(moved, numbered: numbers.count)
    }

    /// `moved` under their new numbers. Footnotes the second reading has no text for fill the
    /// numbers left between their neighbours where those are as many as they; otherwise they keep
    /// their own where no other took it. `numbered`: how many the second reading numbered.
    private static func placed(_ moved: [(note: Footnote, number: Int?)], numbered: Int) -> [Footnote] {
        let taken = Set(moved.compactMap(\.number))
        var result: [Footnote] = []
        var index = 0
        while index < moved.count {
            if let number = moved[index].number {
                var renamed = moved[index].note
                renamed.id = "F\(number)"
                result.append(renamed)
                index += 1
                continue
            }
            let runEnd = moved[index...].firstIndex { $0.number != nil } ?? moved.count
            let before = moved[..<index].last { $0.number != nil }?.number ?? 0
            let after = runEnd < moved.count ? moved[runEnd].number! : numbered + 1
            let fits = after - before - 1 == runEnd - index
            for (offset, entry) in moved[index..<runEnd].enumerated() {
                var renamed = entry.note
                if fits { renamed.id = "F\(before + 1 + offset)" }
                if fits || Int(entry.note.id.dropFirst()).map(taken.contains) == false { result.append(renamed) }
            }
            index = runEnd
        }
        return result
    }

    /// Whether `text` ends with `tail`'s words (of three or more), most of them in place.
    static func endsWith(_ text: String, _ tail: String) -> Bool {
        let words = wordList(text), ending = wordList(tail)
        guard ending.count >= 3, words.count > ending.count else { return false }
        let same = zip(words.suffix(ending.count), ending).count { $0 == $1 }
        return Double(same) >= Double(ending.count) * FootnoteRereadSettings.sameTextShare
    }

    private static func wordList(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.filter { $0.count >= 2 }.map(String.init)
    }

    /// Lower-cased words of two letters or more: what two readings of a footnote are compared by.
    private static func wordSet(_ text: String) -> Set<String> { Set(wordList(text)) }

    /// Share of the words of the smaller set that the other has (none for sets of fewer than
    /// three words: "Not applicable." is in many a footnote).
    private static func sameTextShare(_ a: Set<String>, _ b: Set<String>) -> Double {
        let smaller = min(a.count, b.count)
        return smaller < 3 ? 0 : Double(a.intersection(b).count) / Double(smaller)
    }

    /// Whether every footnote read reads as plain words and their numbers run without a gap.
    static func areTrusted(_ footnotes: [Footnote], respelling: ProseRespelling) -> Bool {
        let numbers = footnotes.compactMap { Int($0.id.dropFirst()) }
        guard numbers.isEmpty || numbers == Array(1...numbers.count) else { return false }
        return footnotes.allSatisfy { wordShare(readText(of: $0), respelling: respelling) >= FootnoteRereadSettings.trustedWordShare }
    }

    /// The text as OCR read it, before respelling: what the two readings are judged by.
    static func readText(of footnote: Footnote) -> String {
        footnote.text.raw ?? footnote.text.value.xmlText ?? ""
    }

    /// The words of the area `lines` cover, read again as one block from the page image.
    /// (The scan image at 300 dpi, straightened: drawing the area afresh at 400 dpi read worse.)
    private static func rereadWords(of lines: [TextLine], on page: FormPage) -> [Word]? {
        guard let ocr = page.ocr, let image = page.scanImage() else { return nil }
        let margin = page.unit * FootnoteRereadSettings.marginUnits
        let area = lines.map(\.rect).unionAll()?.insetBy(dx: -margin, dy: -margin)
        guard let area, let crop = image.cropped(to: page.imageArea(area)) else { return nil }
        return try? ocr.words(in: crop, pageSegmentation: .singleBlock)
    }

    /// Each footnote's better reading, with the words it misread taken from the other where
    /// that one read them as words (`ReadingMerge.wordMerged`); footnotes only one reading found are kept,
    /// and those only the second found when they read as plain words. In the order of their numbers.
    static func merged(_ first: [Footnote], _ second: [Footnote], respelling: ProseRespelling) -> [Footnote] {
        var byNumber: [Int: Footnote] = [:]
        for note in first { if let number = Int(note.id.dropFirst()), byNumber[number] == nil { byNumber[number] = note } }
        for reading in second {
            guard let ownNumber = Int(reading.id.dropFirst()) else { continue }
            // The second reading may number a text as another: OCR read a number as part of the
            // line before ("... service. LA. The reported ..."), and the texts after it slipped up
            // one. A text that is plainly another footnote's of the first reading is read for that one.
            let number = numberOfItsText(reading, among: first) ?? ownNumber
            var note = reading
            note.id = "F\(number)"
            let share = wordShare(readText(of: note), respelling: respelling)
            if let kept = byNumber[number] {
                let keptText = readText(of: kept), noteText = readText(of: note)
                // A first reading that ran on into the next footnote (its number lost) is no match
                // for a second that ended where the footnote ends.
                let ranOn = second.contains { other in
                    other.id != note.id && endsWith(keptText, readText(of: other)) && !endsWith(noteText, readText(of: other))
                }
                let secondIsBetter = ranOn || share >= wordShare(keptText, respelling: respelling) + FootnoteRereadSettings.betterByShare
                let (base, other) = secondIsBetter ? (note, keptText) : (kept, noteText)
                let text = ReadingMerge.wordMerged(readText(of: base), other, respelling: respelling)
                guard text != keptText else { continue }
                var chosen = base
                chosen.text.value = ValueParsing.scannedFootnote(text, respelling: respelling).value
                chosen.text.raw = text
                chosen.text.method = "reread"
                byNumber[number] = chosen
            } else if share >= FootnoteRereadSettings.newFootnoteWordShare, byNumber.isEmpty || number <= (byNumber.keys.max() ?? 0) + 1 {
                var found = note
                found.text.method = "reread"
                byNumber[number] = found
            }
        }
        // Numbers the form skips are OCR's: a footnote may be read only where all before it are.
        return byNumber.keys.sorted().map { byNumber[$0]! }
    }

    /// The number of the first reading's footnote whose text `reading` is, where that is not the
    /// footnote of its own number: most of its words are that one's (`sameTextShare`), and hardly
    /// any are in its own number's (`otherTextShare`). Nil where its own number fits its text.
    static func numberOfItsText(_ reading: Footnote, among first: [Footnote]) -> Int? {
        let words = wordSet(readText(of: reading))
        guard let own = first.first(where: { $0.id == reading.id }),
              sameTextShare(words, wordSet(readText(of: own))) < FootnoteRereadSettings.otherTextShare else { return nil }
        let likest = first.max { sameTextShare(words, wordSet(readText(of: $0))) < sameTextShare(words, wordSet(readText(of: $1))) }
        guard let likest, likest.id != reading.id,
              sameTextShare(words, wordSet(readText(of: likest))) >= FootnoteRereadSettings.sameTextShare else { return nil }
        return Int(likest.id.dropFirst())
    }

    /// The share of `text`'s words that are dictionary words (or made of one with a prefix or
    /// ending); numbers and one-letter words are not counted, garbled tokens count against it.
    static func wordShare(_ text: String, respelling: ProseRespelling) -> Double {
        var words = 0, known = 0
        for token in text.split(separator: " ") {
            if token.contains(where: \.isNumber) { continue }
            let core = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
            guard core.count >= 2 else { continue }
            words += 1
            if respelling.isKnown(core.lowercased()) { known += 1 }
        }
        return words == 0 ? 0 : Double(known) / Double(words)
    }
}
