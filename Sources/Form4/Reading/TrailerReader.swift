import Layout
import PDFText

/// Reads what follows the tables: the footnotes under "Explanation of Responses:", the remarks,
/// and the signature lines above "** Signature of Reporting Person". The footnotes may run on
/// to the next page; the reader follows them.
struct TrailerReader {
    let pages: [FormPage]

    private enum Zone { case none, footnotes, remarks }

    func read(into record: inout Form4Record) {
        // The signature label fixes the signature block's column for every page: a page break may
        // fall between the signature lines and their label.
        let signature = pages.lazy.compactMap { page in page.first(FormLabels.signature).map { (page, $0) } }.first
        var zone = Zone.none
        var footnoteLines: [(line: TextLine, page: FormPage)] = []
        var remarkLines: [(line: TextLine, page: FormPage)] = []
        var signatureWords: [(words: [Word], page: FormPage)] = []
        for page in pages {
            let explanation = page.trailerStart()
            // "Remarks" also stands in values ("See Remarks" as an officer title): the label is
            // looked for only in the trailer, below the explanation (or on a page it runs on to).
            let trailerTop = explanation?.top ?? (zone == .none ? page.bounds.y1 : page.bounds.y0)
            let remarks = page.first(FormLabels.remarks, in: Rect(x0: page.bounds.x0, y0: trailerTop, x1: page.bounds.x1, y1: page.bounds.y1))
            let signatureHere = signature?.0 === page ? signature?.1 : nil
            let reminder = page.first(FormLabels.reminder)
            // Signature values stand right of the page's middle, above their label: a line that
            // starts there is not footnote or remark text (footnotes start at the left margin),
            // whether or not OCR kept the label.
            let signatureColumn = signature.map { Self.signatureColumnX(label: $0.1.rect, unit: page.unit) } ?? page.bounds.midX
            let stop = min(signatureHere?.rect.y0 ?? page.bounds.y1, reminder?.rect.y0 ?? page.bounds.y1)
            if explanation != nil { zone = .footnotes }
            guard zone != .none else { continue }
            var pageSignatureWords: [Word] = []
            for line in page.text.lines where line.rect.midY > trailerTop && line.rect.midY < stop {
                if let remarks, line.rect.midY > remarks.rect.y0 - 0.1 {
                    zone = .remarks
                    if line.rect.midY <= remarks.rect.y1 { continue }
                }
                // The label's own line only: a damaged label may be matched on into the first
                // footnote's words ("Explanation of Resp" + "1 . The").
                if let labelBottom = explanation?.labelBottom, line.rect.midY <= labelBottom { continue }
                // A skewed scan can put the end of a footnote and a signature on one "line":
                // words far apart are runs of their own.
                for run in Self.runs(of: line, gap: page.unit * 3) {
                    if run.rect.x0 >= signatureColumn { pageSignatureWords += run.words; continue }
                    if zone == .footnotes { footnoteLines.append((run, page)) } else { remarkLines.append((run, page)) }
                }
            }
            if !pageSignatureWords.isEmpty { signatureWords.append((pageSignatureWords, page)) }
            if signatureHere != nil || reminder != nil { zone = .none }
        }
        if signatureWords.isEmpty, let (labelPage, label) = signature, labelPage.source != .native {
            let found = lostSignatureWords(above: label.rect, on: labelPage)
            if !found.isEmpty { signatureWords = [(found, labelPage)] }
        }
        record.footnotes = rereadFootnotes(footnotes(from: footnoteLines), lines: footnoteLines)
        if let first = remarkLines.first {
            record.remarks = FieldBuilder(page: first.page).remarks(CellText(words: remarkLines.flatMap(\.line.words)))
        } else {
            record.remarks = .empty(page: pages.first?.number)
        }
        if let labelPage = signature?.0 ?? signatureWords.first?.page {
            let dateLabel = signature.flatMap { labelPage, label in
                labelPage.first(FormLabels.date, in: Rect(x0: label.rect.x1, y0: label.rect.y0 - labelPage.unit * 0.5,
                                                          x1: labelPage.bounds.x1, y1: label.rect.y1 + labelPage.unit * 0.5))
            }
            // Date values are left-aligned in their cell, under the label; where OCR lost the
            // label, the dates themselves show where their column begins.
            let dates = dateLabel == nil ? signatureWords.flatMap(\.words).filter { Self.looksLikeDate($0.text) } : []
            let dateX = (dateLabel?.rect.x0 ?? dates.map(\.rect.x0).min() ?? labelPage.bounds.x1) - labelPage.unit * 0.3
            for (words, page) in signatureWords {
                let nameX = signature.map { Self.signatureColumnX(label: $0.1.rect, unit: page.unit) } ?? page.bounds.midX
                let labelTop = signature.flatMap { $0.0 === page ? $0.1.rect.y0 : nil }
                record.ownerSignatures += signatures(from: words, nameX: nameX, dateX: dateX, labelTop: labelTop, page: page)
            }
        }
    }

    /// The line split where its words stand more than `gap` apart.
    static func runs(of line: TextLine, gap: Double) -> [TextLine] {
        var runs: [[Word]] = []
        for word in line.words {
            if let last = runs.last?.last, word.rect.x0 - last.rect.x1 <= gap {
                runs[runs.count - 1].append(word)
            } else {
                runs.append([word])
            }
        }
        return runs.map(TextLine.init(words:))
    }

    /// Footnotes start with their number ("1. Vesting ..."); lines that do not continue the one before.
    func footnotes(from lines: [(line: TextLine, page: FormPage)]) -> [Footnote] {
        var notes: [(number: Int, words: [Word], page: FormPage)] = []
        var previous: (line: TextLine, page: FormPage)? = nil
        var leftEdge: [Int: Double] = [:], rightEdge: [Int: Double] = [:], textLeft: [Int: Double] = [:]
        for (line, page) in lines {
            leftEdge[page.number] = min(leftEdge[page.number] ?? .infinity, line.rect.x0)
            rightEdge[page.number] = max(rightEdge[page.number] ?? -.infinity, line.rect.x1)
            // Footnote text begins at the first word of three letters or more after a number (or
            // what is left of one); wrapped lines start further left, under the numbers.
            if let first = line.words.first, first.text.count <= 3, !first.text.contains(where: \.isLetter) || first.text.count <= 2,
               let text = line.words.dropFirst().first(where: { $0.text.filter(\.isLetter).count >= 3 }) {
                textLeft[page.number] = min(textLeft[page.number] ?? .infinity, text.rect.x0)
            }
        }
        for (original, page) in lines {
            var line = original
            // Specks OCR read into a line of their own ("o )", "c") are no text of any footnote.
            if page.source != .native, Self.isSpeckLine(line) { continue }
            // OCR may set a number's point apart ("2 . Includes"): number and point are one token.
            if page.source != .native, line.words.count >= 3, line.words[0].text.allSatisfy(\.isNumber),
               [".", ",", ":", ";"].contains(line.words[1].text) {
                var joined = line.words[0]
                joined.text += "."
                joined.rect = joined.rect.union(line.words[1].rect)
                line = TextLine(words: [joined] + line.words.dropFirst(2))
            }
            // ... or run it into the first word ("L.The"): they are two tokens.
            if page.source != .native, let first = line.words.first, let (number, rest) = Self.gluedFootnoteNumber(first.text) {
                var head = first, tail = first
                head.text = number
                tail.text = rest
                line = TextLine(words: [head, tail] + line.words.dropFirst())
            }
            // OCR may read a footnote's number as letters ("e", "S e"): short tokens in the number
            // column, left of where any footnote's text begins. After a line that ended short they
            // start the next footnote; a line of nothing else is dropped.
            let debris = page.source == .native ? 0 : Self.numberDebris(in: line, textLeft: (textLeft[page.number] ?? -.infinity) + page.unit * 0.25)
            let endedShort = previous.map { previous in
                previous.page === page && line.words.first.map {
                    previous.line.rect.x1 + page.unit * 0.5 + $0.rect.width < (rightEdge[page.number] ?? 0)
                } ?? false
            } ?? true
            /// The line before ended a sentence, and this one stands below it (not a run of the
            /// same line that a wide gap split off).
            func previousEndedSentence(under line: TextLine) -> Bool {
                guard let previous, let last = previous.line.words.last?.text.last else { return false }
                return ".;:)".contains(last) && line.rect.y0 >= previous.line.rect.midY
            }
            if debris > 0, endedShort {
                if debris == line.words.count { continue }
                if let initial = line.words[debris].text.first, initial.isUppercase || initial.isNumber {
                    notes.append(((notes.last?.number ?? 0) + 1, Array(line.words.dropFirst(debris)), page))
                    previous = (line, page)
                    continue
                }
            }
            if let first = line.words.first,
               let number = Self.footnoteNumber(first.text) ?? (page.source == .native ? nil : Self.damagedFootnoteNumber(first.text)),
               notes.count == 1, notes[0].number != 1, number == 2, page.source != .native {
                // Footnotes are numbered from 1: a first number OCR misread ("4." for "1.") is
                // told by the second.
                notes[0].number = 1
                notes.append((number, Array(line.words.dropFirst()), page))
            } else if let first = line.words.first,
               let number = Self.footnoteNumber(first.text) ?? (page.source == .native ? nil : Self.damagedFootnoteNumber(first.text)),
               notes.isEmpty || number == notes.last!.number + 1 {
                notes.append((number, Array(line.words.dropFirst()), page))
            } else if page.source != .native, let last = notes.last, line.words.count >= 2,
                      Self.looksLikeFootnoteNumber(line.words[0].text),
                      line.words[1].text.first?.isUppercase == true
                        || (line.words[0].text.hasSuffix(".") && line.words[1].text.first?.isNumber == true) {
                // OCR lost or misread the number's point or digit ("2 The", "2." for 3.): a short
                // number opening a sentence starts the next footnote; the sequence tells which.
                notes.append((last.number + 1, Array(line.words.dropFirst()), page))
            } else if page.source != .native, line.words.count >= 2, let first = line.words.first,
                      first.text.first?.isUppercase == true
                        || (!notes.isEmpty && endedShort && previousEndedSentence(under: line) && !Self.continuesALineBeside(line, in: lines, on: page)),
                      Self.footnoteNumber(first.text) == nil,
                      let left = leftEdge[page.number], let text = textLeft[page.number], text - left >= page.unit * 0.5,
                      first.rect.x0 >= left + (text - left) * 0.6 {
                // A sentence that begins in the text column, right of the numbers, opens a footnote
                // whose number OCR lost: a footnote's own lines wrap back under its number. After
                // a line that ended short, so does a line whose first words OCR lost with the
                // number ("shares acquired ..." for "4. Represents shares acquired ...").
                notes.append(((notes.last?.number ?? 0) + 1, line.words, page))
            } else if page.source != .native, notes.isEmpty, previous == nil, line.words.count >= 2,
                      line.words[0].text.first?.isUppercase == true, Self.footnoteNumber(line.words[0].text) == nil {
                // The trailer's first line without a number: OCR lost footnote 1's number.
                notes.append((1, line.words, page))
            } else if page.source != .native, let last = notes.last, let previous, previous.page === page,
                      let first = line.words.first, first.rect.x0 <= (leftEdge[page.number] ?? 0) + page.unit * 1.5,
                      previous.line.rect.x1 + page.unit * 0.5 + first.rect.width < (rightEdge[page.number] ?? 0) {
                // A footnote wraps only when its line is full: a line after one that ended short
                // starts the next footnote, whatever OCR made of its number ("»", "3 ‘The").
                let number = line.words.count >= 2 && Self.isDamagedNumber(first.text)
                notes.append((last.number + 1, Array(line.words.dropFirst(number ? 1 : 0)), page))
            } else if !notes.isEmpty {
                notes[notes.count - 1].words += line.words
            }
            previous = (line, page)
        }
        return notes.map { note in
            var field = FieldBuilder(page: note.page).footnote(CellText(words: note.words))
            field.footnoteIds = []
            return Footnote(id: "F\(note.number)", text: field)
        }
    }

    /// Whether `line` is the right part of a line that OCR split in two: another line of text
    /// stands left of it at its height ("5. Bona fide gift to" | "a charitable organization"),
    /// not only a number OCR set apart from its lost first words ("4." | "shares acquired").
    static func continuesALineBeside(_ line: TextLine, in lines: [(line: TextLine, page: FormPage)], on page: FormPage) -> Bool {
        lines.contains { other, otherPage in
            guard otherPage === page, other.rect.x1 <= line.rect.x0 + page.unit,
                  other.words.contains(where: { $0.text.count(where: \.isLetter) >= 3 }) else { return false }
            let shared = min(other.rect.y1, line.rect.y1) - max(other.rect.y0, line.rect.y0)
            return shared >= 0.5 * min(other.rect.height, line.rect.height)
        }
    }

    /// A line of nothing but specks: every token two characters at most, and hardly a letter or digit.
    static func isSpeckLine(_ line: TextLine) -> Bool {
        guard line.words.allSatisfy({ $0.text.count <= 2 }) else { return false }
        return line.words.reduce(0) { $0 + $1.text.filter { $0.isLetter || $0.isNumber }.count } < 3
    }

    /// How many words at the start of `line` are what OCR left of a footnote's number as letters
    /// or marks: tokens of three characters at most, not a number, ending left of `textLeft` (where
    /// footnote text begins, right of the numbers: no word of text fits in that column).
    static func numberDebris(in line: TextLine, textLeft: Double) -> Int {
        var count = 0
        for word in line.words {
            guard word.text.count <= 3, word.rect.x1 <= textLeft, !looksLikeFootnoteNumber(word.text),
                  damagedFootnoteNumber(word.text) == nil else { break }
            count += 1
        }
        return count
    }

    /// `"L.The"` → `("L.", "The")`: a footnote's number (one or two digits or look-alikes) with its
    /// point, run into the capitalised word after it. Nil for anything else.
    static func gluedFootnoteNumber(_ token: String) -> (String, String)? {
        guard let point = token.firstIndex(where: { [".", ",", ":", ";"].contains($0) }) else { return nil }
        let number = token[..<point], rest = token[token.index(after: point)...]
        guard (1...2).contains(number.count), rest.count >= 2, rest.first?.isUppercase == true,
              rest.dropFirst().allSatisfy({ $0.isLetter }),
              number.allSatisfy({ $0.isNumber || ValueParsing.digitConfusions[$0] != nil }) else { return nil }
        return (String(token[...point]), String(rest))
    }

    /// What OCR left of a footnote's number: one or two digits or look-alikes with or without
    /// a point, or a mark with no letter or digit at all ("»").
    static func isDamagedNumber(_ token: String) -> Bool {
        looksLikeFootnoteNumber(token) || damagedFootnoteNumber(token) != nil
            || (token.count <= 2 && !token.contains(where: { $0.isLetter || $0.isNumber }))
    }

    /// A signature's date as printed ("06/19/2026"), or damaged but still six digits or more
    /// with a separator ("g9/49/2921" is not: its letters are taken for a name's).
    static func looksLikeDate(_ token: String) -> Bool {
        token.filter(\.isNumber).count >= 6 && token.contains(where: { $0 == "/" || $0 == "-" })
            && token.allSatisfy { $0.isNumber || $0 == "/" || $0 == "-" || $0 == "." }
    }

    /// "12." → 12.
    static func footnoteNumber(_ token: String) -> Int? {
        guard token.hasSuffix("."), token.count <= 4 else { return nil }
        return Int(token.dropLast())
    }

    /// One or two digits (or look-alike letters), with or without a point: what OCR leaves of a
    /// footnote's number. Not a year, an amount or a percentage.
    static func looksLikeFootnoteNumber(_ token: String) -> Bool {
        var body = Substring(token)
        if let last = body.last, [".", ",", ":", ";"].contains(last) { body = body.dropLast() }
        guard (1...2).contains(body.count), body.first?.isNumber == true else { return false }
        let (digits, _) = ValueParsing.repairDigits(String(body), allowed: "")
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A footnote number as OCR may leave it: its point read as `,` `:` or `;`, its digits as
    /// look-alike letters ("l." "I," "S."). Only a number followed by such a point counts.
    static func damagedFootnoteNumber(_ token: String) -> Int? {
        guard let last = token.last, [".", ",", ":", ";"].contains(last), (2...4).contains(token.count) else { return nil }
        let (digits, _) = ValueParsing.repairDigits(String(token.dropLast()), allowed: "")
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else { return nil }
        return number
    }

    /// Name and date are two cells of one table row; a long name wraps inside its cell, and the
    /// rows stand close together. Each date is one signature: each name cell goes to the date
    /// nearest its middle (cells are centred in their row).
    /// How far (in units) above the next signature's line or the label a wrapped name's cell is
    /// taken to end: any closer, tesseract reads the top of that line along with the name.
    static let nameCellBottomGap = 0.6

    /// `labelTop`: where the signature label stands, when on this page (the last name cell ends above it).
    private func signatures(from words: [Word], nameX: Double, dateX: Double, labelTop: Double?, page: FormPage) -> [OwnerSignature] {
        let build = FieldBuilder(page: page)
        let names = words.filter { $0.rect.midX < dateX }, dates = words.filter { $0.rect.midX >= dateX }
        // On a scan, a date line without a digit beside dated ones is specks read as letters
        // ("SS"); where no line has a digit, OCR lost the dates and their lines still part the names.
        let allDateLines = LineGrouping().lines(from: dates)
        let numbered = allDateLines.filter { line in line.words.contains { $0.text.contains(where: \.isNumber) } }
        let dateLines = page.source == .native || numbered.isEmpty ? allDateLines : numbered
        guard !dateLines.isEmpty else {
            return RowGrouping().rowBands(wordsByColumn: [names]).map { band in
                var signature = OwnerSignature()
                signature.signatureName = build.signature(CellText(words: names.filter { $0.rect.midY >= band.y0 && $0.rect.midY <= band.y1 }))
                signature.signatureDate = build.empty()
                return signature
            }
        }
        // A long name wraps into a cell of touching lines; cells stand a little apart.
        var cells = RowGrouping()
        cells.cellBreakGap = page.source == .native ? 0.12 : 0.45
        var namesByRow = [[Word]](repeating: [], count: dateLines.count)
        for band in cells.rowBands(wordsByColumn: [names]) {
            let middle = (band.y0 + band.y1) / 2
            let bandWords = names.filter { $0.rect.midY >= band.y0 && $0.rect.midY <= band.y1 }
            // Names of several signatures may stand too close to tell apart as cells: with two
            // dates or more beside the band, each of its lines goes to the date nearest it.
            let beside = dateLines.indices.filter { dateLines[$0].rect.midY >= band.y0 && dateLines[$0].rect.midY <= band.y1 }
            if page.source != .native, beside.count >= 2 {
                for line in LineGrouping().lines(from: bandWords) {
                    let nearest = beside.min { abs(dateLines[$0].rect.midY - line.rect.midY) < abs(dateLines[$1].rect.midY - line.rect.midY) }!
                    namesByRow[nearest] += line.words
                }
                continue
            }
            let nearest = dateLines.indices.min { abs(dateLines[$0].rect.midY - middle) < abs(dateLines[$1].rect.midY - middle) }!
            namesByRow[nearest] += bandWords
        }
        return dateLines.enumerated().map { row, dateLine in
            var signature = OwnerSignature()
            signature.signatureName = build.signature(CellText(words: namesByRow[row]))
            if page.source != .native {
                // The name runs from the signature column to the date's (the layer's words may
                // hold only part of it, or run on into the date); where the layer kept none, it
                // stood on the date's line.
                // Where it kept less than a name, the cell is taken whole: from the date's line
                // down to the next signature's (or the label), for a name that wraps.
                let band = namesByRow[row].map(\.rect).unionAll() ?? dateLine.rect
                let below = row + 1 < dateLines.count ? dateLines[row + 1].rect.y0 : labelTop
                let cell = Self.nameEvidence(namesByRow[row].map(\.text).joined(separator: " ")).names >= Self.signatureNameWords
                    ? band : Rect(x0: band.x0, y0: min(band.y0, dateLine.rect.y0), x1: band.x1, y1: max(band.y1, below.map { $0 - page.unit * Self.nameCellBottomGap } ?? band.y1))
                let area = Rect(x0: min(cell.x0, nameX), y0: cell.y0, x1: dateX, y1: cell.y1)
                signature.signatureName = rereadSignatureName(signature.signatureName, at: area, page: page)
            }
            signature.signatureDate = build.date(CellText(words: dateLine.words))
            return signature
        }
    }
}
