import Layout
import PDFText

/// Reads what follows the tables: the footnotes under "Explanation of Responses:", the remarks,
/// and the signature lines above "** Signature of Reporting Person". The footnotes may run on
/// to the next page; the reader follows them.
struct TrailerReader {
    let pages: [FormPage]

    private enum Zone { case none, footnotes, remarks }

    func read(into record: inout Form4Record) {
        var zone = Zone.none
        var footnoteLines: [(line: TextLine, page: FormPage)] = []
        var remarkLines: [(line: TextLine, page: FormPage)] = []
        for page in pages {
            let explanation = page.first(FormLabels.explanation)
            let remarks = page.first(FormLabels.remarks)
            let signature = page.first(FormLabels.signature)
            let reminder = page.first(FormLabels.reminder)
            // Signature values stand above their label, right of the page's middle: text that
            // starts there is not footnote text.
            let signatureColumn = signature.map { $0.rect.x0 - page.unit } ?? page.bounds.x1
            let signatureTop = signature.map { signatureBlockTop(label: $0, page: page) } ?? page.bounds.y1
            let stop = min(signatureTop, reminder?.rect.y0 ?? page.bounds.y1)
            let startY = explanation?.rect.y1 ?? (zone == .none ? page.bounds.y1 : page.bounds.y0)
            if explanation != nil { zone = .footnotes }
            guard zone != .none else { continue }
            for line in page.text.lines where line.rect.midY > startY && line.rect.midY < stop {
                if let remarks, line.rect.midY > remarks.rect.y0 - 0.1 {
                    if line.rect.midY <= remarks.rect.y1 { zone = .remarks; continue }
                    zone = .remarks
                }
                guard line.rect.x0 < signatureColumn else { continue }
                let words = line.words.filter { word in !(remarks?.wordIndices.contains { page.words[$0].rect == word.rect } ?? false) }
                guard !words.isEmpty else { continue }
                let cleaned = TextLine(words: words)
                if zone == .footnotes { footnoteLines.append((cleaned, page)) } else { remarkLines.append((cleaned, page)) }
            }
            if signature != nil || reminder != nil { zone = .none }
            if let signature { readSignatures(label: signature, page: page, into: &record) }
        }
        record.footnotes = footnotes(from: footnoteLines)
        let remarkWords = remarkLines.flatMap(\.line.words)
        if let first = remarkLines.first {
            record.remarks = FieldBuilder(page: first.page).text(CellText(words: remarkWords))
        } else {
            record.remarks = .empty(page: pages.first?.number)
        }
    }

    /// Footnotes start with their number ("1. Vesting ..."); lines that do not continue the one before.
    private func footnotes(from lines: [(line: TextLine, page: FormPage)]) -> [Footnote] {
        var notes: [(number: Int, words: [Word], page: FormPage)] = []
        for (line, page) in lines {
            if let first = line.words.first, let number = Self.footnoteNumber(first.text),
               notes.isEmpty || number == notes.last!.number + 1 {
                notes.append((number, Array(line.words.dropFirst()), page))
            } else if !notes.isEmpty {
                notes[notes.count - 1].words += line.words
            }
        }
        return notes.map { note in
            var field = FieldBuilder(page: note.page).text(CellText(words: note.words))
            field.footnoteIds = []
            return Footnote(id: "F\(note.number)", text: field)
        }
    }

    /// "12." → 12.
    static func footnoteNumber(_ token: String) -> Int? {
        guard token.hasSuffix("."), token.count <= 4 else { return nil }
        return Int(token.dropLast())
    }

    /// The top of the signature lines: the lines right above the label, in its column.
    private func signatureBlockTop(label: LabelMatch, page: FormPage) -> Double {
        let column = label.rect.x0 - page.unit
        var top = label.rect.y0
        for line in page.text.lines.reversed() where line.rect.y1 <= label.rect.y0 + 0.1 {
            guard line.rect.x0 >= column, top - line.rect.y1 < page.unit * 2.5 else { break }
            top = line.rect.y0
        }
        return top
    }

    /// Each signature line holds a name under the signature label's column and a date under "Date".
    private func readSignatures(label: LabelMatch, page: FormPage, into record: inout Form4Record) {
        let build = FieldBuilder(page: page)
        let dateLabel = page.first(FormLabels.date, in: Rect(x0: label.rect.x1, y0: label.rect.y0 - page.unit * 0.5,
                                                             x1: page.bounds.x1, y1: label.rect.y1 + page.unit * 0.5))
        let dateX = (dateLabel?.rect.x0 ?? page.bounds.x1) - page.unit
        let top = signatureBlockTop(label: label, page: page)
        let area = Rect(x0: label.rect.x0 - page.unit, y0: top, x1: page.bounds.x1, y1: label.rect.y0)
        // Name and date are two cells of one table row; a long name wraps inside its cell, and
        // the rows stand close together. Each date is one signature: name lines go to the date
        // whose line is nearest (cells are centred in their row).
        let words = page.words(in: area)
        let names = words.filter { $0.rect.midX < dateX }, dates = words.filter { $0.rect.midX >= dateX }
        let dateLines = LineGrouping().lines(from: dates)
        guard !dateLines.isEmpty else {
            for band in RowGrouping().rowBands(wordsByColumn: [names]) {
                var signature = OwnerSignature()
                signature.signatureName = build.text(CellText(words: names.filter { $0.rect.midY >= band.y0 && $0.rect.midY <= band.y1 }))
                signature.signatureDate = .empty(page: page.number)
                record.ownerSignatures.append(signature)
            }
            return
        }
        var namesByRow = [[Word]](repeating: [], count: dateLines.count)
        for line in LineGrouping().lines(from: names) {
            let nearest = dateLines.indices.min { abs(dateLines[$0].rect.midY - line.rect.midY) < abs(dateLines[$1].rect.midY - line.rect.midY) }!
            namesByRow[nearest] += line.words
        }
        for (row, dateLine) in dateLines.enumerated() {
            var signature = OwnerSignature()
            signature.signatureName = build.text(CellText(words: namesByRow[row]))
            signature.signatureDate = build.date(CellText(words: dateLine.words))
            record.ownerSignatures.append(signature)
        }
    }
}
