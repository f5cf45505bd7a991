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
        return Self.merged(layerReading, again, respelling: respelling)
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
        for note in second {
            guard let number = Int(note.id.dropFirst()) else { continue }
            let share = wordShare(readText(of: note), respelling: respelling)
            if let kept = byNumber[number] {
                let keptText = readText(of: kept), noteText = readText(of: note)
                let secondIsBetter = share >= wordShare(keptText, respelling: respelling) + FootnoteRereadSettings.betterByShare
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
