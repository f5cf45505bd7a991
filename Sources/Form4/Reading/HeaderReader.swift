import Foundation
import Layout
import PDFText

/// Reads the top of a Form 4's first page: the two checkboxes, boxes 1 to 6.
struct HeaderReader {
    let page: FormPage
    var checkboxes = CheckboxReader()

    /// Fills the header fields of `record` and returns the first reporting owner.
    func read(into record: inout Form4Record) {
        let unit = page.unit
        let pad = unit * 0.5
        let bounds = page.bounds
        // Box 2's label places the middle column, which every other box is read against.
        guard let box2 = page.first(FormLabels.issuerName)
                ?? (page.source == .native ? nil : page.first(FormLabels.issuerNameHead)) else { return }
        let tableTop = page.first(FormLabels.tableI)?.rect.y0 ?? page.first(FormLabels.tableII)?.rect.y0 ?? bounds.y1
        let header = Rect(x0: bounds.x0, y0: bounds.y0, x1: bounds.x1, y1: tableTop)
        let box1 = page.topMost(FormLabels.nameAndAddress, in: header) ?? standInForBox1(beside: box2)
        let box5 = page.first(FormLabels.relationship, in: Rect(x0: box2.rect.x1, y0: box1.rect.y0 - unit, x1: bounds.x1, y1: tableTop))
        let box6 = page.first(FormLabels.jointFiling)
        // Where OCR wrecked the start of box 6's label, its end still closes box 5 (the label
        // starts further left: it places no column).
        let rightOfBox2 = Rect(x0: box2.rect.x1, y0: box1.rect.y0, x1: bounds.x1, y1: tableTop)
        let box6Top = box6?.rect.y0 ?? (page.source == .native ? nil : page.first(FormLabels.jointFilingTail, in: rightOfBox2)?.rect.y0
            ?? page.topMost(FormLabels.jointFilingFirstChoice, in: rightOfBox2).map { box6LabelTop(above: $0, columnX: box5.map { $0.rect.x0 - pad }) })
        // Boxes 5 and 6 share the right-hand column: where OCR lost box 5's label, box 6's
        // tells where the column starts.
        let rightColumn = (box5 ?? box6).map { $0.rect.x0 - pad }
        let column2 = (x0: box2.rect.x0 - pad, x1: rightColumn ?? bounds.x1 - pad)

        // Box 1 and box 5: the first reporting person.
        let nameRegion = Rect(x0: bounds.x0, y0: box1.rect.y0, x1: column2.x0, y1: tableTop)
        let relationshipRegion = box5.map {
            Rect(x0: $0.rect.x0 - pad, y0: $0.rect.y1, x1: bounds.x1, y1: box6Top ?? tableTop)
        } ?? box6.map {
            // Box 5's lost label stood level with box 2's.
            Rect(x0: $0.rect.x0 - pad, y0: box2.rect.y1, x1: bounds.x1, y1: $0.rect.y0)
        }
        let ownerReader = OwnerReader(page: page)
        let relationship = relationshipRegion.map { (region: $0, boxes: ownerReader.relationshipBoxes(in: $0)) }
        let topBoxes = topCheckboxAreas(above: box1.rect.y0)
        // The header's six checkboxes are announced together: a page that draws its marks is then
        // rendered once for all of them.
        page.expectInk(in: topBoxes.areas + (relationship?.boxes.areas ?? []))

        readTopCheckboxes(topBoxes, into: &record)
        record.reportingOwners = [ownerReader.read(nameLabel: box1, nameRegion: nameRegion, relationship: relationship)]

        // Boxes 2, 2a, 3 and 4 are stacked in the middle column.
        let middle = Rect(x0: column2.x0, y0: box2.rect.y1, x1: column2.x1, y1: tableTop)
        let box2a = page.first(FormLabels.foreignTradingSymbol, in: middle)
        let box4 = page.first(FormLabels.amendment, in: middle)
            ?? (page.source == .native ? nil : page.first(FormLabels.amendmentHead, in: middle))
        let box3 = page.first(FormLabels.earliestTransaction, in: middle) ?? box3StandIn(in: middle, above: box4)
        let build = FieldBuilder(page: page)
        func area(below label: LabelMatch?, until next: [LabelMatch?], withFormat: Label? = nil) -> CellText {
            guard let label else { return CellText(words: []) }
            let bottom = next.compactMap { $0?.rect.y0 }.filter { $0 > label.rect.y1 }.min() ?? tableTop
            let labelWords = withFormat.flatMap { page.first($0, in: middle, exactOnly: true) }.map { Set($0.wordIndices) } ?? []
            let box = Rect(x0: column2.x0, y0: label.rect.y1, x1: column2.x1, y1: bottom)
            var cell = CellText(words: page.words(in: box, excluding: labelWords))
            cell.region = box
            return cell
        }
        var issuerCell = area(below: box2, until: [box2a, box3, box4])
        issuerCell.region = nil  // read again as a whole by `rereadIssuerIfDoubtful`
        readIssuer(issuerCell, into: &record, build: build)
        if page.source != .native {
            let bottom = [box2a, box3, box4].compactMap { $0?.rect.y0 }.filter { $0 > box2.rect.y1 }.min() ?? tableTop
            rereadIssuerIfDoubtful(Rect(x0: column2.x0, y0: box2.rect.y1, x1: column2.x1, y1: bottom), into: &record, build: build)
        }
        record.periodOfReport = box3 == nil ? .missing
            : build.required(build.date(firstDate(in: area(below: box3, until: [box4], withFormat: FormLabels.earliestTransactionWithFormat),
                                                  orOnTheLineOf: box3, within: column2)))
        // Box 3 always holds a date: read again where none was read, or what was read is none ("0 /0 24").
        if let box3, !Self.isDate(record.periodOfReport.value),
           let reread = rereadLostDate(under: box3, until: box4, within: column2, build: build) {
            record.periodOfReport = reread
        }
        record.dateOfOriginalSubmission = box4 == nil ? .missing
            : build.date(firstDate(in: area(below: box4, until: [], withFormat: FormLabels.amendmentWithFormat),
                                   orOnTheLineOf: box4, within: column2))
        // Box 4 is filled in only on amendments: that is what tells a 4/A from a 4 on paper.
        let amended = !record.dateOfOriginalSubmission.value.isNull
        record.documentType = Field(value: .string(amended ? "4/A" : "4"),
                                    confidence: record.dateOfOriginalSubmission.confidence,
                                    page: page.number, bbox: record.dateOfOriginalSubmission.bbox, method: "inferred")
    }

    /// How far above box 6's first choice its label's last line may end, in units.
    static let box6LabelReach = 2.0

    /// The top of box 6's label, found by its first choice ("Form filed by One Reporting
    /// Person") where OCR wrecked the label: the words of the column standing just above the
    /// choice, not further up than `box6LabelReach`, and the lines above them that follow on
    /// without a gap (`labelLineGap`).
    /// `columnX`: where the right-hand column starts (box 5's label), if known: the label stands
    /// left of its choices, which are indented past their checkboxes.
    private func box6LabelTop(above choice: LabelMatch, columnX: Double?) -> Double {
        let above = Rect(x0: columnX ?? choice.rect.x0 - page.unit, y0: choice.rect.y0 - page.unit * Self.box6LabelReach, x1: page.bounds.x1, y1: choice.rect.y0)
        var top = page.words(in: above).filter { $0.rect.y1 <= choice.rect.y0 }.map(\.rect.y0).min() ?? choice.rect.y0
        // A label of three lines reaches further up: its lines follow on without a gap.
        while case let lineAbove = Rect(x0: above.x0, y0: top - page.unit * 1.5, x1: above.x1, y1: top),
              let higher = page.words(in: lineAbove).filter({ $0.rect.y1 >= top - page.unit * Self.labelLineGap }).map(\.rect.y0).min(),
              higher < top {
            top = higher
        }
        return top
    }

    /// Widest gap (in units) between the lines of one label: the value above box 6's label
    /// stands further off.
    static let labelLineGap = 0.3

    /// Where OCR garbled box 1's label beyond recognition ("4. Maine ane aa ° arson'"), box 1 is
    /// known to stand left of box 2, its label level with box 2's: the words there are taken as
    /// the label (they are no value), or box 2's band where there are none.
    private func standInForBox1(beside box2: LabelMatch) -> LabelMatch {
        let band = Rect(x0: page.bounds.x0, y0: box2.rect.y0, x1: box2.rect.x0 - page.unit * 0.5, y1: box2.rect.y1)
        let indices = page.text.wordIndices(in: band)
        let rect = indices.lazy.map { self.page.words[$0].rect }.unionAll() ?? band
        return LabelMatch(label: FormLabels.nameAndAddress, start: (rect.midX, rect.midY), wordIndices: indices,
                          rect: Rect(x0: rect.x0, y0: min(rect.y0, band.y0), x1: rect.x1, y1: max(rect.y1, band.y1)), score: 0.5)
    }

    /// Endings of company names that a ticker-like last word may be ("APPLE INC", "ACME LP").
    static let companySuffixes: Set<String> = ["INC", "CORP", "CO", "LP", "LLC", "LTD", "PLC", "NV", "SA", "AG", "SE",
                                               "LLP", "TRUST", "FUND", "BANCORP", "HOLDINGS", "GROUP", "DE", "USA"]

    /// A word of one to five capital letters (after stripping what is left of a bracket) that
    /// is no company-name ending: a ticker whose brackets OCR lost.
    static func canOnlyBeTicker(_ word: String) -> Bool {
        let brackets: Set<Character> = ["[", "]", "|", "(", ")", "{", "}"]
        let core = String(word.filter { !brackets.contains($0) })
        guard (1...5).contains(core.count), core.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        return !companySuffixes.contains(core)
    }

    /// Box 2 reads "Issuer Name [ TICKER ]".
    private func readIssuer(_ cell: CellText, into record: inout Form4Record, build: FieldBuilder) {
        let words = cell.words
        let lines = LineGrouping().lines(from: words).flatMap(\.words)
        guard let open = lines.lastIndex(where: { $0.text.contains("[") }) else {
            // OCR may lose the brackets ("Solace Networks Inc ZDK"): a last word that can only be
            // a ticker is one, a little less certain.
            if page.source != .native, lines.count >= 2, let last = lines.last, Self.canOnlyBeTicker(last.text) {
                record.issuer.issuerName = build.required(build.name(CellText(words: Array(lines.dropLast()))))
                record.issuer.issuerTradingSymbol = build.ticker(CellText(words: [last])).lessCertain(by: 0.85, method: "repaired")
                return
            }
            record.issuer.issuerName = build.required(build.name(cell))
            record.issuer.issuerTradingSymbol = .empty(confidence: 0.5, page: page.number)
            return
        }
        let nameWords = Array(lines[..<open]) + (lines[open].text == "[" ? [] : [Word(text: String(lines[open].text.split(separator: "[").first ?? ""), rect: lines[open].rect, style: lines[open].style)])
        // The ticker starts after the bracket: OCR may glue the bracket to the name's last word
        // ("Corp /DE/[ CF ]"), which is the name's.
        let tickerWords = lines[open...].enumerated().map { offset, word -> Word in
            var copy = word
            let afterBracket = offset == 0 ? String(word.text.split(separator: "[", omittingEmptySubsequences: false).last ?? "") : word.text
            copy.text = afterBracket.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: "")
            return copy
        }.filter { !$0.text.isEmpty }
        record.issuer.issuerName = build.required(build.name(CellText(words: nameWords.filter { !$0.text.isEmpty })))
        record.issuer.issuerTradingSymbol = build.ticker(CellText(words: tickerWords))
    }

    /// On a scan, box 2 printed large and underlined (as browsers print EDGAR's link) comes out
    /// of a page-wide OCR text layer in pieces ("Harbor In ra In" for "Blue Harbor Industries,
    /// Inc. [ RQNK ]"). Where the name was read with little confidence or no ticker was found,
    /// the box is read again on its own; the new reading is taken where it reads as
    /// "NAME [ TICKER ]" and tesseract is fairly sure of it, and it stays in review unless both
    /// readings agree.
    private func rereadIssuerIfDoubtful(_ box: Rect, into record: inout Form4Record, build: FieldBuilder) {
        let name = record.issuer.issuerName, ticker = record.issuer.issuerTradingSymbol
        guard name.confidence < Self.doubtfulIssuerConfidence || ticker.value.isNull,
              let ocr = page.ocr, let image = page.scanImage() else { return }
        // The name starts at the box's left edge, right under the label: a little more paper
        // to its left and above keeps its first letter whole (what comes in of the label and
        // the rules touches the crop's edges and is taken out).
        let straight = page.imageArea(box)
        let area = Rect(x0: straight.x0 - page.unit * 0.5, y0: straight.y0 - page.unit * 0.3, x1: straight.x1, y1: straight.y1)
        // Print grown to the size tesseract reads best depends on the scan and the printer's
        // type size: the likelier enlargement first, the other where it gives no "NAME [TICKER]".
        let enlargements = image.scale < OCRService.fineScanScale ? [2, 1] : [1, 2]
        guard let (reading, parts) = enlargements.lazy.compactMap({ enlargement -> ((text: String, confidence: Double), (name: String, ticker: String))? in
            guard let reading = ocr.readBlock(area, of: image, enlargement: enlargement), reading.confidence >= 0.6,
                  let parts = Self.nameAndTicker(reading.text) else { return nil }
            return (reading, parts)
        }).first else { return }
        let newName = build.name(CellText(text: parts.name)), newTicker = build.ticker(CellText(text: parts.ticker.uppercased()))
        guard !newName.value.isNull, !newTicker.value.isNull else { return }
        let agreeing = newName.value == name.value && newTicker.value == ticker.value
        let confidence = build.baseConfidence * (agreeing ? 0.95 : 0.85) * (0.6 + 0.4 * reading.confidence)
        func reread(_ new: Field, over old: Field) -> Field {
            var chosen = agreeing ? old : new
            chosen.page = page.number
            chosen.bbox = old.bbox ?? box
            chosen.confidence = agreeing ? max(old.confidence, confidence) : confidence
            if !agreeing { chosen.method = "reread" }
            return chosen
        }
        record.issuer.issuerName = reread(newName, over: name)
        record.issuer.issuerTradingSymbol = reread(newTicker, over: ticker)
    }

    /// What OCR makes of a ticker's closing bracket standing apart.
    static let closingBracketReadings: Set<String> = ["J", "I", "l", "1", "|", "]"]

    /// Name reading below which box 2 is read again on a scan.
    static let doubtfulIssuerConfidence = 0.8

    /// "Blue Harbor Industries, Inc. [ RQNK ]" → ("Blue Harbor Industries, Inc.", "RQNK"): the
    /// ticker (in the case it was read) is the one to six letters, digits or points in the last
    /// brackets, or (where OCR lost the brackets) the last word, if it is such and no
    /// company-name ending; the name needs a word of four letters or more (what OCR leaves of
    /// one is shorter). Nil otherwise.
    static func nameAndTicker(_ reading: String) -> (name: String, ticker: String)? {
        // Box 2a's label ends box 2 where the page's OCR lost it and the block ran on into it.
        let text = reading.range(of: #"(^|\s)(2[aAbB][.,:]?\s|Foreign\s+Trad)"#, options: .regularExpression).map { String(reading[..<$0.lowerBound]) } ?? reading
        let name: String, ticker: String
        if let open = text.lastIndex(of: "[") {
            name = text[..<open].trimmingCharacters(in: .whitespaces)
            // The closing bracket may be read as a letter ("[ GA J"): the ticker is one word.
            ticker = text[text.index(after: open)...].prefix { $0 != "]" }.split(separator: " ").first.map(String.init) ?? ""
        } else {
            var words = text.split(separator: " ").map(String.init)
            // A closing bracket read as a letter or bar after the ticker ("HE J"), or the start
            // of box 5's "(Check all applicable)" standing close beside the box.
            while words.count >= 3, let last = words.last, closingBracketReadings.contains(last) || last.hasPrefix("(") { words.removeLast() }
            guard let last = words.popLast() else { return nil }
            ticker = last.filter { !"[]|-_(){}".contains($0) }
            name = words.joined(separator: " ")
            guard !companySuffixes.contains(ticker.uppercased().filter(\.isLetter)) else { return nil }
        }
        guard name.split(separator: " ").contains(where: { $0.count(where: \.isLetter) >= 4 }), (1...6).contains(ticker.count), ticker.contains(where: \.isLetter),
              ticker.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else { return nil }
        return (name, ticker)
    }

    /// The areas of the two boxes above box 1: "no longer subject to Section 16" and, on forms
    /// filed from April 2023, "Rule 10b5-1(c)" (nil where the label is not found).
    private func topCheckboxAreas(above limit: Double) -> TopCheckboxes {
        let top = Rect(x0: page.bounds.x0, y0: page.bounds.y0, x1: page.bounds.x1, y1: limit)
        let section16 = page.first(FormLabels.section16Box, in: top) ?? section16StandIn(in: top)
        let rule10b5 = page.first(FormLabels.rule10b5Box, in: top) ?? rule10b5StandIn(in: top, below: section16)
        /// The box is centred beside its label's paragraph, which runs on in lines that start
        /// where the label starts.
        func boxArea(_ label: LabelMatch, until bottom: Double) -> Rect {
            var paragraphBottom = label.rect.y1
            for line in page.text.lines where line.rect.y0 > label.rect.y0 && line.rect.y0 < bottom {
                guard line.rect.y0 - paragraphBottom < page.unit * 0.8 else { break }
                if line.words.contains(where: { abs($0.rect.x0 - label.rect.x0) < page.unit * 0.5 }) {
                    paragraphBottom = max(paragraphBottom, line.rect.y1)
                }
            }
            return Rect(x0: page.bounds.x0, y0: label.rect.y0 - page.unit * CheckboxReader.regionMargin,
                        x1: label.rect.x0 - page.unit * 0.1, y1: min(bottom, paragraphBottom + page.unit * CheckboxReader.regionMargin))
        }
        return TopCheckboxes(section16: section16.map { boxArea($0, until: rule10b5?.rect.y0 ?? limit) },
                             rule10b5: rule10b5.map { boxArea($0, until: limit) })
    }

    /// A box holding one date: on a scan whose next box's label OCR garbled, that label's words
    /// (and the next box's date) fall into this box's area; the first whole date is its value.
    /// With none there, a date OCR set on the label's own line (its box overlapping the label's)
    /// is taken. With no whole date anywhere, the cell keeps its box (`region`), so that a
    /// reading again looks at the whole box, not only at the specks the text layer read in it
    /// (whose box may cut the date short: "12/27/20" of "12/27/2024").
    private func firstDate(in cell: CellText, orOnTheLineOf label: LabelMatch?, within column: (x0: Double, x1: Double)) -> CellText {
        var found = cell
        found.region = nil
        guard page.source != .native else { return found }
        func wholeDate(_ word: Word) -> Bool {
            let parsed = ValueParsing.date(word.text)
            return parsed.quality == 1 && !parsed.value.isNull
        }
        if let date = cell.words.first(where: wholeDate) { return cell.words.count > 1 ? CellText(words: [date]) : found }
        guard let label else { return cell }
        let line = Rect(x0: column.x0, y0: label.rect.y0, x1: column.x1, y1: label.rect.y1)
        guard let date = page.words(in: line, excluding: Set(label.wordIndices)).first(where: wholeDate) else { return cell }
        return CellText(words: [date])
    }

    /// Box 3 always holds a date; where a scan's text has none under the label (its text layer
    /// lost the line), the line under the label is read from the page image with only a
    /// date's characters allowed. The date read stays in review.
    private func rereadLostDate(under label: LabelMatch, until next: LabelMatch?, within column: (x0: Double, x1: Double),
                                build: FieldBuilder) -> Field? {
        guard page.source != .native, let ocr = page.ocr, let image = page.scanImage() else { return nil }
        let bottom = min(next.map { $0.rect.y0 } ?? .infinity, label.rect.y1 + page.unit * Self.lostDateLines)
        guard bottom > label.rect.y1 else { return nil }
        // From a little inside the label's line: its last letters then touch the area's top and
        // are cleaned off with it, where a date set close under it would be cut.
        let area = Rect(x0: column.x0, y0: label.rect.y1 - page.unit * Self.lostDateLabelOverlap, x1: column.x1, y1: bottom)
        // Tesseract's reading of small print turns on the size it is given: the line is looked
        // at in the sizes a table's date cell is, until one reads as a date.
        var found: (reading: (text: String, confidence: Double), parsed: ParsedValue)?
        for enlargement in [OCRService.cellEnlargement] + FieldBuilder.furtherLookEnlargements {
            guard let reading = ocr.readCell(page.imageArea(area), of: image, blank: nil, as: .date, enlargement: enlargement) else { continue }
            let parsed = ValueParsing.date(reading.text)
            if Self.isDate(parsed.value), found == nil || parsed.quality > found!.parsed.quality { found = (reading, parsed) }
            if Self.isDate(parsed.value), parsed.quality == 1 { break }
        }
        guard let (reading, parsed) = found else { return nil }
        return Field(value: parsed.value, confidence: build.baseConfidence * 0.8 * parsed.quality, page: page.number,
                     bbox: area, raw: reading.text, method: "reread")
    }

    /// Where OCR wrecked the start of box 3's label on a scan, its end ("Transaction
    /// (Month/Day/Year)"), or its word "Transaction" alone, still stands for it: box 3 is the
    /// only box of the middle column above box 4 whose label holds it.
    private func box3StandIn(in middle: Rect, above box4: LabelMatch?) -> LabelMatch? {
        guard page.source != .native else { return nil }
        let aboveBox4 = Rect(x0: middle.x0, y0: middle.y0, x1: middle.x1, y1: box4?.rect.y0 ?? middle.y1)
        return page.first(FormLabels.earliestTransactionTail, in: aboveBox4) ?? page.first(FormLabels.earliestTransactionWord, in: aboveBox4)
    }

    /// Whether `value` is a date as normalised ("2026-03-20").
    static func isDate(_ value: FieldValue) -> Bool {
        guard case .string(let text) = value else { return false }
        return text.count == 10 && text.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
        }
    }

    /// How far under box 3's label its date is looked for, in the page's word heights.
    static let lostDateLines = 2.5
    /// How far (in word heights) the area read for box 3's lost date reaches up into its label's line.
    static let lostDateLabelOverlap = 0.3

    /// Where OCR wrecked the first line of the Section 16 box's paragraph ("Check this box if no
    /// longer subject to"), the rest of it tells where the paragraph starts: its left edge is the
    /// same, and its first line stands above. The stand-in reaches two lines up, so the box beside
    /// the paragraph's middle is in reach however the paragraph wrapped.
    private func section16StandIn(in top: Rect) -> LabelMatch? {
        guard page.source != .native, let rest = page.first(FormLabels.section16BoxRest, in: top) else { return nil }
        let left = rest.wordIndices.first.map { page.words[$0].rect.x0 } ?? rest.rect.x0
        let lineHeight = page.words[rest.wordIndices.first ?? 0].rect.height
        let rect = Rect(x0: left, y0: max(top.y0, rest.rect.y0 - 2 * lineHeight), x1: rest.rect.x1, y1: rest.rect.y1)
        return LabelMatch(label: FormLabels.section16Box, start: (rect.x0, rect.midY), wordIndices: rest.wordIndices,
                          rect: rect, score: rest.score * 0.9)
    }

    /// A stand-in for the 10b5-1 box's label where OCR lost the lines after its first ("Check
    /// this box to indicate that a" ... "conditions of Rule 10b5-1(c). See"): the paragraph from
    /// its first line to the line naming the rule, below the Section 16 box.
    private func rule10b5StandIn(in top: Rect, below section16: LabelMatch?) -> LabelMatch? {
        guard page.source != .native else { return nil }
        let area = Rect(x0: top.x0, y0: section16?.rect.y1 ?? top.y0, x1: top.x1, y1: top.y1)
        guard let first = page.first(FormLabels.rule10b5BoxFirstLine, in: area),
              let rule = page.first(FormLabels.rule10b5BoxRuleLine, in: Rect(x0: area.x0, y0: first.rect.y1, x1: area.x1, y1: area.y1))
        else { return nil }
        return LabelMatch(label: FormLabels.rule10b5Box, start: first.start, wordIndices: first.wordIndices + rule.wordIndices,
                          rect: first.rect.union(rule.rect), score: min(first.score, rule.score) * 0.9)
    }

    /// Reads the two boxes above box 1. Older forms have no 10b5-1 box: the field stays null.
    private func readTopCheckboxes(_ boxes: TopCheckboxes, into record: inout Form4Record) {
        if let section16 = boxes.section16 {
            record.notSubjectToSection16 = checkboxes.read(section16, on: page)
        }
        if let rule10b5 = boxes.rule10b5 {
            record.aff10b5One = checkboxes.read(rule10b5, on: page)
        } else {
            // On a scan OCR may have lost the label: its absence is weaker evidence of an older form.
            let absent = page.source == .native ? 0.95 : 0.85
            record.aff10b5One = .empty(confidence: boxes.section16 == nil ? 0.5 : absent, page: page.number)
        }
    }
}

/// Where the two boxes above box 1 stand (nil: label not found).
private struct TopCheckboxes {
    var section16: Rect?
    var rule10b5: Rect?

    var areas: [Rect] { [section16, rule10b5].compactMap { $0 } }
}
