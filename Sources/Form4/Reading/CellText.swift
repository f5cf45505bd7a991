import Foundation
import Layout
import PDFText

/// The text standing in one place of the form (a cell, a box), split into its value and the
/// footnote markers that follow it.
struct CellText {
    var words: [Word]
    var text: String
    var footnoteIds: [String]
    /// Where the words stand.
    var rect: Rect?
    /// The whole cell or box the value stands in, where the reader knows it (for re-reading).
    var region: Rect?
    /// The cell's column runs off the paper (its heading is cut off at the page's edge): an
    /// empty cell there says nothing, and a value may be cut short.
    var offPage = false

    /// Reads `words` top to bottom, left to right; trailing markers like `(1)` become footnote ids.
    init(words: [Word], lineGrouping: LineGrouping = LineGrouping()) {
        self.words = words
        // Most cells are empty or hold one word: read without building lines and token lists.
        if words.count <= 1 {
            rect = words.first?.rect
            let (rest, markers) = words.first.map { CellText.splitTrailingMarkers($0.text) } ?? ("", [])
            footnoteIds = markers.map { "F\($0)" }
            text = ValueParsing.foldWhitespace(rest)
            return
        }
        rect = words.lazy.map(\.rect).unionAll()
        var tokens: [String] = []
        tokens.reserveCapacity(words.count)
        // Read through the lines' word order: the lines themselves (copies of the words) are not needed.
        let (order, lineStarts) = lineGrouping.lineOrder(of: words)
        var nextLine = 0
        for (position, index) in order.enumerated() {
            let token = words[index].text
            let startsLine = nextLine < lineStarts.count && lineStarts[nextLine] == position
            if startsLine { nextLine += 1 }
            // A word broken at a hyphen by wrapping ("Non-" / "Qualified") is one word again.
            if startsLine, let previous = tokens.last, previous.hasSuffix("-"), previous.count > 1 {
                tokens[tokens.count - 1] = previous + token
            } else {
                tokens.append(token)
            }
        }
        var ids: [String] = []
        // Markers are peeled off the end: "757,756(1)", "757,756 (1)", "(1)(2)".
        while let last = tokens.last {
            let (rest, markers) = CellText.splitTrailingMarkers(last)
            if markers.isEmpty { break }
            ids.insert(contentsOf: markers.map { "F\($0)" }, at: 0)
            tokens.removeLast()
            if !rest.isEmpty { tokens.append(rest); break }
        }
        footnoteIds = ids
        text = ValueParsing.foldWhitespace(tokens.joined(separator: " "))
    }

    var isEmpty: Bool { text.isEmpty && footnoteIds.isEmpty }

    /// Text read without positions (a field read again by OCR), split like a cell's.
    init(text: String) {
        self.init(words: text.split(separator: " ").map { Word(text: String($0), rect: .zero) })
        rect = nil
    }

    /// How many OCR artefacts `cleanedForOCR()` removed: each makes the reading less certain.
    var repairs = 0
    /// What OCR left of a footnote marker it could not read, taken off the value.
    var markerRemains: MarkerRemains?

    /// The cell as OCR text should be read: table rules read as `|`, stray quotes and dots,
    /// and footnote markers whose digits OCR lost (`qd)`, `”)`, `462.63)`) are taken out.
    /// In `prose` a word's own `:` or `;` is kept.
    func cleanedForOCR(prose: Bool = false) -> CellText {
        var copy = self
        var tokens: [String] = []
        var repairs = self.repairs
        let split = text.split(separator: " ").map(String.init)
        for (index, original) in split.enumerated() {
            // A dash standing between two words of prose is the text's ("Exhibit 24 - Power").
            if prose, original == "-", !tokens.isEmpty, index + 1 < split.count { tokens.append(original); continue }
            var token = original
            // The raised marks OCR made of a marker after the value ("Stock™", "footnote’?").
            if index == split.count - 1, copy.footnoteIds.isEmpty {
                let (peeled, hadMarks) = OCRTextRepair.peelRaisedMarks(token)
                if hadMarks {
                    token = peeled
                    repairs += 1
                    let word = words.last { $0.text.hasPrefix(peeled) }
                    copy.markerRemains = MarkerRemains(area: word.map(CellText.tailArea(of:)), number: nil)
                }
            }
            let (kept, changed) = OCRTextRepair.clean(token, prose: prose)
            if changed { repairs += 1 }
            if !kept.isEmpty { tokens.append(kept) }
        }
        // An unbalanced ")" at the end is what is left of a superscript marker "(n)"; a ")" that
        // closes a "(" of the value ("(right to buy)") is the value's.
        let joined = tokens.joined()
        let unbalanced = joined.filter { $0 == ")" }.count > joined.filter { $0 == "(" }.count
        if let last = tokens.last, last.hasSuffix(")"), !last.contains("("), unbalanced {
            let (rest, number) = OCRTextRepair.peelDamagedMarker(last)
            if let number, !copy.footnoteIds.contains("F\(number)") { copy.footnoteIds.append("F\(number)") }
            tokens.removeLast()
            if !rest.isEmpty { tokens.append(rest) }
            repairs += 1
        }
        // A word broken at a hyphen whose two halves a stray mark kept apart ("Attorney-in- —"
        // / "Fact") is one word again once the mark is gone.
        var joinedTokens: [String] = []
        for token in tokens {
            if let previous = joinedTokens.last, previous.count > 2, previous.hasSuffix("-"),
               previous.dropLast().last?.isLetter == true, token.first?.isLetter == true {
                joinedTokens[joinedTokens.count - 1] = previous + token
            } else {
                joinedTokens.append(token)
            }
        }
        tokens = joinedTokens
        copy.text = tokens.joined(separator: " ")
        copy.repairs = repairs
        return copy
    }

    /// Marks OCR reads a serif capital "I" standing alone as: thin, tall, nothing else.
    static let thinMarks: Set<String> = [":", ";", "!", "|", "]", "[", "l", "1"]

    /// A code cell (D/I, A/D, a transaction code) whose only word is a thin mark: the "I" it
    /// stood for, counted as a repair; cleaning would otherwise drop it as a rule or speck and
    /// leave a filled cell empty.
    func withThinMarkReadAsI(_ allowed: Set<Character>) -> CellText {
        guard allowed.contains("I"), words.count == 1, footnoteIds.isEmpty, Self.thinMarks.contains(words[0].text) else { return self }
        var copy = self
        copy.words[0].text = "I"
        copy.text = "I"
        copy.repairs += 1
        return copy
    }

    /// Splits `"757,756(1)(2)"` into `("757,756", [1, 2])`; text without markers comes back whole.
    static func splitTrailingMarkers(_ token: String) -> (String, [Int]) {
        // Most tokens do not end in ")": told on the last byte, without walking Characters.
        guard token.utf8.last == UInt8(ascii: ")") else { return (token, []) }
        var rest = Substring(token)
        var numbers: [Int] = []
        while rest.hasSuffix(")"), let open = rest.lastIndex(of: "(") {
            let inside = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            guard !inside.isEmpty, inside.count <= 3, inside.allSatisfy(\.isNumber), let number = Int(inside) else { break }
            numbers.insert(number, at: 0)
            rest = rest[..<open]
        }
        return (String(rest), numbers)
    }
}

/// Turns cell text into fields, with confidence that reflects the evidence.
struct FieldBuilder {
    let page: FormPage

    /// Confidence of a cleanly read value, by where the text came from.
    var baseConfidence: Double {
        switch page.source {
        case .native: return 0.99
        // Below the default review threshold: an OCR layer says nothing of its own certainty,
        // and a scan read wrong must not pass unseen. Agreeing re-reads raise it.
        case .ocrLayer: return 0.88
        case .ocr: return 0.9
        }
    }

    /// How sure a blank is: on a scan, OCR may have missed what stood there.
    var emptyConfidence: Double { page.source == .native ? 0.98 : baseConfidence * 0.95 }

    /// A field the form leaves blank here.
    func empty(bbox: Rect? = nil) -> Field { .empty(confidence: emptyConfidence, page: page.number, bbox: bbox) }

    /// Confidence of a blank where every Form 4 has a value: something was lost, not left empty.
    static let missingRequiredConfidence = 0.3

    /// `field` of a box every Form 4 fills in (the issuer's and an owner's name, the date of
    /// earliest transaction, a row's security title): read as blank, it goes to review.
    func required(_ field: Field) -> Field {
        guard field.value.isNull else { return field }
        var lost = field
        lost.confidence = min(field.confidence, Self.missingRequiredConfidence)
        return lost
    }

    /// A field whose footnote marker was guessed (the form's only footnote, a "(1)" by its
    /// shape, what most of several readings named) keeps at most this share of the base
    /// confidence; one whose marker was read, or seen but not told, at most `markerShare`:
    /// either way below the default review threshold.
    static let guessedMarkerShare = 0.85, markerShare = 0.95

    /// Words ending this close to the page's right edge (points) count as cut off by it.
    static let pageEdgeMargin = 1.0
    /// On a page we OCRed ourselves (image-only), a reading whose every word tesseract gave at
    /// least this confidence is not read again: what it is this sure of it rarely misreads, and
    /// re-reading every ruled cell cost a third of such a page's time. The field keeps the
    /// confidence it was read with: only two readings that agree lift a scan's field out of review.
    static let sureOCRConfidence = 0.9

    /// `mergeWords`: where a text cell is read twice and the readings differ, the misread words
    /// of the one kept are taken from the other where it read them as words (titles and prose,
    /// written in dictionary words; not names).
    /// `shareCount`: an amount of shares, printed whole with commas grouping thousands (prices
    /// often have three decimal places).
    func field(_ printed: CellText, kind: OCRService.FieldKind = .text, mergeWords: Bool = false, shareCount: Bool = false,
               _ parse: (String) -> ParsedValue) -> Field {
        // An OCR text layer's word boxes have the printed words' shape; specks read as letters do not.
        // A small raised word after the value is what OCR kept of a marker: off the value first,
        // before specks are taken out (it is about a speck's size).
        // Table cells only (they have a region): there values are short and markers common.
        let (unmarked, raisedWord) = page.source == .native || printed.region == nil ? (printed, nil) : printed.splittingRaisedWord()
        var cell = page.source == .native ? printed
            : (page.source == .ocrLayer ? unmarked.withoutSpecks() : unmarked).cleanedForOCR(prose: !kind.isTyped)
        if let raisedWord { cell.markerRemains = raisedWord }
        let parsed = parse(cell.text)
        var confidence = baseConfidence * parsed.quality * pow(0.9, Double(cell.repairs))
        if let ocr = cell.words.compactMap(\.ocrConfidence).min() { confidence *= 0.6 + 0.4 * ocr }
        if page.source == .native, !cell.text.isEmpty,
           !cell.words.contains(where: { $0.style.color.isBluish || $0.style.color.isGreenish || $0.text.hasPrefix("$") }) {
            // EDGAR prints filed values in blue (footnotes in green); black text may be a stray label.
            confidence *= 0.9
        }
        if parsed.value.isNull && cell.text.isEmpty { confidence = emptyConfidence }
        // (Set before the cut-off check below, which then halves an empty cell's confidence too.)
        // Text running into the paper's edge was cut off by the print (a table wider than its
        // page): what is left of it may be only the start of the value.
        let clipped = printed.offPage || cell.words.contains { $0.rect.x1 >= page.bounds.x1 - Self.pageEdgeMargin }
        if clipped { confidence *= 0.5 }
        // Keep what was printed wherever normalisation changed it (numbers, dates, states).
        let raw: String?
        if case .string(let text) = parsed.value, text == cell.text { raw = nil } else { raw = cell.text.isEmpty ? nil : cell.text }
        let read = Field(value: parsed.value, confidence: confidence, footnoteIds: cell.footnoteIds,
                         page: page.number, bbox: cell.rect ?? cell.region, raw: raw,
                         method: clipped ? "clipped" : parsed.repaired || cell.repairs > 0 ? "repaired" : nil)
        // Only a scan's ink is looked at; native text needs no cleaning of OCR noise for it.
        let ink = page.source == .native ? nil : cell.region.flatMap { region in
            let printedWords = cell.words.filter { !OCRTextRepair.clean($0.text).0.isEmpty }
            return page.cellInk(region, text: printedWords.map(\.rect).unionAll())?.droppingMarker(insideWordsOf: printed.words, unit: page.unit)
        }
        var result = kind.isTyped
            ? rereadIfDoubtful(read, cell: cell, parsed: parsed, kind: kind, ink: ink, shareCount: shareCount, parse: parse)
            : rereadText(read, cell: cell, ink: ink, mergeWords: mergeWords, parse: parse)
        if kind == .date, result.method != "reread", parsed.quality < Self.repairedRereadQuality || parsed.value.isNull,
           let ink, ink.hasText,
           let look = furtherLook(at: ink, kind: kind, parse: parse) {
            result.value = look.value
            result.raw = look.raw
            result.confidence = look.confidence
            result.method = "reread"
            if result.footnoteIds.isEmpty { result.footnoteIds = look.footnoteIds }
        }
        if let ink { applyMarker(ink, to: &result) }
        if let remains = cell.markerRemains, result.footnoteIds.isEmpty, printed.region != nil { applyRemains(remains, to: &result) }
        // On a scan, a marker read from the text that names no footnote of the form ("(0)") is a misreading.
        if page.source != .native {
            let resolution = MarkerResolution(defined: page.definedFootnotes)
            result.footnoteIds.removeAll { id in Int(id.dropFirst()).map { !resolution.isPossible($0) } ?? true }
        }
        // A marker seen but not read, or a cell whose rules were not all found (its reading may
        // hold a neighbour's text): however well two readings agree, the field goes to review.
        if let ink, ink.unreadMarker || !ink.ruled {
            result.confidence = min(result.confidence, baseConfidence * 0.95)
        }
        return result
    }

    /// A footnote marker the ink shows after the value, read on its own and enlarged, is better
    /// evidence than what the text layer made of the small print; a marker standing alone in
    /// the cell is all it holds (the text there was the marker's). A guess replaces no marker read
    /// from the text, and a guessed marker's field goes to review.
    private func applyMarker(_ ink: ScanCellInk, to result: inout Field) {
        guard let markers = ink.markers else { return }
        if ink.markerAlone, !result.value.isNull {
            result.raw = result.raw ?? result.value.xmlText
            result.value = .null
            result.method = "marker"
        }
        guard markers != result.footnoteIds, !(ink.markerGuessed && !result.footnoteIds.isEmpty) else { return }
        result.footnoteIds = markers
        result.confidence = min(result.confidence, baseConfidence * (ink.markerGuessed ? Self.guessedMarkerShare : Self.markerShare))
    }

    /// A marker OCR text kept remains of, where the ink showed none: named by the number the
    /// remains spell, by its own small word read again from the image, or guessed (the form's
    /// only footnote); otherwise the field goes to review.
    private func applyRemains(_ remains: MarkerRemains, to result: inout Field) {
        let resolution = MarkerResolution(defined: page.definedFootnotes)
        var found: (ids: [String], guessed: Bool)? = nil
        if let number = remains.number, resolution.isPossible(number) {
            found = (["F\(number)"], false)
        } else if remains.isWordOfItsOwn, let area = remains.area, let ocr = page.ocr, let image = page.scanImage() {
            let shape = MarkerShape(rect: area, strokeWidths: [], alone: false)
            let reading = ocr.readMarker(area, of: image)
            found = resolution.ids(reading: reading, shape: shape)
                ?? resolution.ids(votes: ocr.readMarkerVariants(area, of: image, fewer: page.source == .ocr) + [reading].compactMap { $0 }, shape: shape)
        }
        found = found ?? resolution.guess(MarkerShape(rect: remains.area ?? .zero, strokeWidths: [], alone: false))
        guard let found else {
            result.confidence = min(result.confidence, baseConfidence * Self.markerShare)
            return
        }
        result.footnoteIds = found.ids
        result.confidence = min(result.confidence, baseConfidence * (found.guessed ? Self.guessedMarkerShare : Self.markerShare))
    }

    /// A cell of a page we OCRed ourselves whose every word tesseract was sure of (`sureOCRConfidence`).
    private func isSureOwnOCR(_ cell: CellText) -> Bool {
        guard page.source == .ocr, !cell.words.isEmpty else { return false }
        return cell.words.allSatisfy { ($0.ocrConfidence ?? 0) >= Self.sureOCRConfidence }
    }

    /// On a scanned page, a table cell's text is read again from the page image: the cell alone,
    /// inside its rules, enlarged. OCR text layers read whole pages, where the rules and the
    /// neighbouring cells break words apart; the cell's own reading is kept when tesseract is
    /// fairly sure of it, and the field stays below the review threshold unless both agree.
    private func rereadText(_ read: Field, cell: CellText, ink: ScanCellInk?, mergeWords: Bool,
                            parse: (String) -> ParsedValue) -> Field {
        if !read.value.isNull, isSureOwnOCR(cell) { return read }
        guard let ink, let ocr = page.ocr, let image = page.scanImage(), ink.hasText,
              var reading = ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: .text) else { return read }
        var again = CellText(text: reading.text).cleanedForOCR(prose: true)
        var reparsed = parse(again.text)
        var chosen = read
        if reparsed.value == read.value, !reparsed.value.isNull {
            chosen.confidence = min(0.97, max(read.confidence, baseConfidence * (0.7 + 0.3 * reading.confidence)) + 0.05)
            return chosen
        }
        // The readings disagree: the cell is looked at once more at another size, and two that
        // agree decide. Otherwise the surer of the cell's two readings is weighed against the first.
        if let look = ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: .text, enlargement: OCRService.secondLookEnlargement) {
            let seen = CellText(text: look.text).cleanedForOCR(prose: true), seenParsed = parse(seen.text)
            if !seenParsed.value.isNull, seenParsed.value == read.value {
                chosen.confidence = min(0.97, max(read.confidence, baseConfidence * (0.7 + 0.3 * look.confidence)))
                return chosen
            }
            if !seenParsed.value.isNull, seenParsed.value == reparsed.value || look.confidence > reading.confidence || reparsed.value.isNull {
                let agree = seenParsed.value == reparsed.value
                reading = (look.text, agree ? max(look.confidence, reading.confidence) : look.confidence)
                again = seen; reparsed = seenParsed
            }
        }
        guard !reparsed.value.isNull else { return read }
        guard reading.confidence >= 0.6 else {
            return mergeWords ? withWordsMerged(read, base: cell.text, other: again.text, parse: parse) : read
        }
        chosen.value = reparsed.value
        chosen.raw = reading.text == again.text ? nil : reading.text
        chosen.method = "reread"
        if chosen.footnoteIds.isEmpty { chosen.footnoteIds = again.footnoteIds }
        chosen.confidence = baseConfidence * 0.9 * (0.6 + 0.4 * reading.confidence)
        return mergeWords ? withWordsMerged(chosen, base: again.text, other: cell.text, parse: parse) : chosen
    }

    /// `field`, read from `base`, with the words `base` misread taken from `other` where that
    /// reading made words of them (`ReadingMerge`). The field stays below the review threshold:
    /// neither reading alone was what it now holds.
    private func withWordsMerged(_ field: Field, base: String, other: String, parse: (String) -> ParsedValue) -> Field {
        guard let respelling = ValueParsing.systemRespelling else { return field }
        let text = ReadingMerge.wordMerged(base, other, respelling: respelling, vocabulary: ValueParsing.securityTitleWordSet)
        guard text != base else { return field }
        let parsed = parse(text)
        guard !parsed.value.isNull else { return field }
        var merged = field
        merged.value = parsed.value
        merged.raw = text
        merged.method = "reread"
        merged.confidence = min(field.confidence, baseConfidence * 0.9)
        return merged
    }

    /// On a scanned page, a typed field is read again from the page image, alone and with only
    /// the characters its type allows; the reading the evidence supports best is kept.
    private func rereadIfDoubtful(_ read: Field, cell: CellText, parsed: ParsedValue, kind: OCRService.FieldKind,
                                  ink: ScanCellInk? = nil, shareCount: Bool, parse: (String) -> ParsedValue) -> Field {
        guard page.source != .native, kind.isTyped, let ocr = page.ocr, let area = cell.region ?? cell.rect,
              let image = page.scanImage() else { return read }
        // A reading that parsed as it stood is kept (a second reading of the same pixels is not
        // better evidence), unless our own OCR was unsure of it. Damaged, repaired or empty
        // typed cells are read again.
        let clean = parsed.quality == 1 && cell.repairs == 0 && !parsed.value.isNull
        let unsure = (cell.words.compactMap(\.ocrConfidence).min() ?? 1) < 0.8
        if clean, isSureOwnOCR(cell) { return read }
        // A ruled table cell is read again even so: there the cell's own reading, without its
        // rules and neighbours, is the better evidence, and agreement is what raises confidence.
        if clean && !unsure && ink == nil { return read }
        let rereading: (text: String, confidence: Double)?
        if let ink {
            // Inside the cell's rules; a cell with no ink (or only a marker) has nothing to read.
            rereading = ink.hasText ? ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: kind) : nil
        } else {
            rereading = ocr.reread(page.imageArea(area), of: image, as: kind)
        }
        var reading = rereading
        var again = CellText(text: reading?.text ?? "")
        var reparsed = parse(again.text)
        // Where the cell's reading does not bear the first out (or made nothing of the cell), the
        // cell is looked at once more at another size: of three readings, two that agree decide.
        var cellReadingsAgree = false
        if reparsed.value != parsed.value || reparsed.quality < 1, let ink, ink.hasText,
           let look = ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: kind, enlargement: OCRService.secondLookEnlargement) {
            let seen = CellText(text: look.text), seenParsed = parse(seen.text)
            if seenParsed.quality == 1, !seenParsed.value.isNull {
                if seenParsed.value == parsed.value, parsed.quality == 1 {
                    var kept = read
                    kept.confidence = min(0.97, max(read.confidence, baseConfidence * (0.7 + 0.3 * look.confidence)))
                    if kept.footnoteIds.isEmpty { kept.footnoteIds = seen.footnoteIds }
                    return kept
                }
                // Two readings of the same pixels that agree outvote the first only where they
                // are fairly sure and dispute its digits: a comma read as a point ("28.470"), or
                // the other way round, both tend to make alike.
                cellReadingsAgree = seenParsed.value == reparsed.value
                    && max(look.confidence, reading?.confidence ?? 0) >= Self.agreeingRereadsConfidence
                    && Self.digits(of: seen.text) != Self.digits(of: cell.text)
                let firstFailed = reading == nil || reparsed.value.isNull || reparsed.quality < 1
                if cellReadingsAgree {
                    if look.confidence > reading?.confidence ?? 0 { reading = look; again = seen }
                } else if firstFailed && (parsed.value.isNull || look.confidence >= Self.sureSecondLookConfidence
                                          || kind != .number && parsed.quality < Self.repairedRereadQuality) {
                    // The cell's first reading made nothing of it: the second look stands in,
                    // against a first that read something only where it is sure, or where that
                    // is no date or code ("oasv2028", "M4"). (Not a number, where a reading
                    // with repairs is likelier right: "$0" looked at alone read "7".)
                    reading = look; again = seen; reparsed = seenParsed
                }
            }
        }
        let unread = reading == nil ? kind.isCode : kind.isNumeric && (reparsed.quality < 1 || reparsed.value.isNull)
        if unread, let ink, ink.hasText,
           let sharper = ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: kind, inkShare: Self.sharperInkShare) {
            // Blurred digits run together; cut in black and white they may come apart. And
            // tesseract, held to a code's few letters, reads nothing of some clear grey letters
            // ("D" alone in its cell) that it reads in black and white. (A number it read nothing
            // of is left to the layer's reading: black and white made "$0" a "1".)
            reading = sharper
            again = CellText(text: sharper.text)
            reparsed = parse(again.text)
        }
        if reading == nil || reparsed.quality < 1 || reparsed.value.isNull, case .code(let letters) = kind, letters.contains("I"),
           !cell.text.contains(where: { $0 != "I" && letters.contains($0) }), let ink, isLoneStroke(ink, image: image) {
            // Tesseract makes nothing of a lone "I" in its cell, however clear: of the codes'
            // letters only it is one narrow upright stroke. (Not where the text layer read
            // another code letter: the bowl of a faint "P" ("Pp") may fade below the ink level.)
            reading = (text: "I", confidence: Self.loneStrokeConfidence)
            again = CellText(text: "I")
            reparsed = parse("I")
        }
        guard let reading, !reparsed.value.isNull else { return read }
        // A second reading that needed repairs of its own ("0105/2024": a slash lost) is taken
        // only where the first made nothing of the cell at all.
        guard reparsed.quality == 1 || (parsed.value.isNull && reparsed.quality >= Self.repairedRereadQuality) else { return read }
        var chosen = read
        if reparsed.value == parsed.value {
            // Two readings agree.
            chosen.confidence = min(0.99, max(read.confidence, baseConfidence * (0.7 + 0.3 * reading.confidence)) + 0.03)
            if chosen.footnoteIds.isEmpty { chosen.footnoteIds = again.footnoteIds }
            return chosen
        }
        let originalClean = parsed.quality == 1 && cell.repairs == 0 && !parsed.value.isNull
        // A share count's thousands grouped by commas, as the form prints them ("231,890"), read
        // again with a point ("231.890"): tesseract reads a comma as a point in a cell alone as
        // often as in the page, and the printed format is the better evidence. (Not a price:
        // "$4.123" is as likely as "$4,123".)
        if originalClean, shareCount, cell.text.contains(","), !reading.text.contains(","),
           Self.digits(of: reading.text) == Self.digits(of: cell.text) { return read }
        if originalClean && reading.confidence < 0.8 && !cellReadingsAgree {
            // Two readings of a code that both parse disagree and the second is unsure: a third,
            // in black and white, decides. Tesseract is seldom sure of a lone letter even where
            // it reads it right ("C" the layer made a "G"). (Not for numbers: cut in black and
            // white, blurred digits of a 200 dpi scan read worse, and such a vote went wrong.)
            guard kind.isCode, let ink, ink.hasText,
                  let third = ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: kind, inkShare: Self.sharperInkShare),
                  parse(CellText(text: third.text).text).value == reparsed.value else { return read }
        }
        chosen.value = reparsed.value
        chosen.footnoteIds = again.footnoteIds.isEmpty ? read.footnoteIds : again.footnoteIds
        chosen.raw = reading.text
        chosen.method = "reread"
        // The readings disagreed: the better one is kept, but it goes to review unless sure.
        // Two readings of the cell alone that agree weigh more than either.
        let share = cellReadingsAgree ? 0.9 : originalClean ? 0.75 : 0.85
        chosen.confidence = baseConfidence * share * (0.6 + 0.4 * reading.confidence) * reparsed.quality
        return chosen
    }

    /// Sizes a date cell is looked at once more, in this order, where every reading so far left
    /// it unread or garbled ("oxv132021" for "03/13/2021"). Tesseract's reading of
    /// small print turns on the size it is given: a clear "03/13/2021" of a 200 dpi scan read
    /// "0122021" twice enlarged and at the page image's own size, and right at 1.5 times.
    static let furtherLookEnlargements = [1.5, 0.75, 3.0]

    /// What further looks (`furtherLookEnlargements`) at a date cell make of it, with the
    /// field's confidence: see `settledReading`. Whatever they read goes to review: it is one
    /// or two readings against several that failed.
    private func furtherLook(at ink: ScanCellInk, kind: OCRService.FieldKind, parse: (String) -> ParsedValue)
        -> (value: FieldValue, raw: String, confidence: Double, footnoteIds: [String])? {
        guard let ocr = page.ocr, let image = page.scanImage() else { return nil }
        let looks = Self.furtherLookEnlargements.lazy.compactMap {
            ocr.readCell(ink.inside, of: image, blank: ink.markerArea, as: kind, enlargement: $0)
        }
        guard let (look, parsed) = Self.settledReading(of: looks, parse: parse) else { return nil }
        let confidence = baseConfidence * Self.furtherLookShare * (0.6 + 0.4 * look.confidence) * parsed.quality
        return (parsed.value, look.text, confidence, CellText(text: look.text).footnoteIds)
    }

    /// The first of `readings` whose value parses as it stands; failing that, the first value two
    /// of them read alike with one repair (every look lost the same "0" of "04/26/2023"). Nil
    /// when neither: one reading with a repair is no better than the garbled one it would replace.
    /// The readings are taken one by one, so that those after the one settled on are never made.
    static func settledReading(of readings: some Sequence<(text: String, confidence: Double)>, parse: (String) -> ParsedValue)
        -> (reading: (text: String, confidence: Double), parsed: ParsedValue)? {
        var repaired: [ParsedValue] = []
        for reading in readings {
            let parsed = parse(CellText(text: reading.text).text)
            guard !parsed.value.isNull, parsed.quality >= repairedRereadQuality else { continue }
            if parsed.quality == 1 || repaired.contains(where: { $0.value == parsed.value }) { return (reading, parsed) }
            repaired.append(parsed)
        }
        return nil
    }

    /// The confidence share of a value only a further look read (`furtherLook`).
    static let furtherLookShare = 0.7

    /// Least confidence of the surer of two agreeing readings of a cell alone for them to
    /// outvote the first reading; and of a second look standing in for a reading that failed.
    static let agreeingRereadsConfidence = 0.6, sureSecondLookConfidence = 0.8

    private static func digits(of text: String) -> String { String(text.filter(\.isNumber)) }

    /// Lowest quality of a second reading taken where the first was unreadable: one repair
    /// (a lost separator, a letter for a digit), no more.
    static let repairedRereadQuality = 0.85

    /// Confidence of an "I" told by its shape alone (`isLoneStroke`).
    static let loneStrokeConfidence = 0.7

    /// Whether the cell's ink, its marker aside, is the letter "I" (`CellImage.isLoneUprightStroke`).
    private func isLoneStroke(_ ink: ScanCellInk, image: GrayImage) -> Bool {
        page.scanCells(of: image).isLoneUprightStroke(in: ink.inside, outside: ink.markerArea)
    }

    /// Where a typed cell's reading does not parse (or finds nothing in a cell with ink), it is
    /// read once more in black and white, cut this share of the way from paper to print.
    static let sharperInkShare = 0.35

    func text(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.scannedText) }
    /// A security's title: on a scan, words OCR misspelled are respelled from titles' own words.
    func securityTitle(_ cell: CellText) -> Field {
        field(cell, mergeWords: true, page.source == .native ? ValueParsing.text : ValueParsing.scannedSecurityTitle)
    }
    /// The remarks: on a scan, prose whose final point OCR misread is put back.
    func remarks(_ cell: CellText) -> Field {
        field(cell, mergeWords: true, page.source == .native ? ValueParsing.text : { ValueParsing.scannedRemarks($0) })
    }
    /// A nature of indirect ownership: on a scan, prose whose opening "By" or "See" is put right.
    func nature(_ cell: CellText) -> Field {
        field(cell, mergeWords: true, page.source == .native ? ValueParsing.text : { ValueParsing.scannedNature($0) })
    }
    /// A footnote's text: on a scan, words OCR misread are respelled and a sentence whose final point OCR lost or misread is closed.
    func footnote(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : { ValueParsing.scannedFootnote($0) }) }
    /// A trading symbol: on a scan, OCR's case slips and trailing specks are repaired.
    /// A person's or company's name, or an owner's title: on scans, OCR debris among its words is taken out.
    func name(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.name) }
    func title(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.title) }

    /// Box 5's officer title or other text. On a scan the text's area is read once more as a
    /// block from the page image, and words the first reading made no words of are taken from
    /// the second where it did ("irector by deputization", "Charman and CEO"): the box is no
    /// ruled table cell, which is read again anyway, and its short phrases are dictionary words.
    func boxText(_ cell: CellText) -> Field {
        let read = title(cell)
        guard page.source != .native, !read.value.isNull, let rect = cell.rect, let ocr = page.ocr, let image = page.scanImage(),
              let reading = ocr.readBlock(page.imageArea(rect.insetBy(dx: -page.unit * 0.3, dy: -page.unit * 0.2)),
                                          of: image, enlargement: 1) else { return read }
        let base = read.raw ?? read.value.xmlText ?? ""
        return withWordsMerged(read, base: base, other: reading.text, parse: ValueParsing.title)
    }
    func ticker(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.ticker) }
    func signature(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.signature : ValueParsing.scannedSignature) }
    func date(_ cell: CellText) -> Field { field(cell, kind: .date, page.source == .native ? ValueParsing.date : ValueParsing.scannedDate) }
    /// A share count: on a scan, a reading that breaks the printed format of amounts is put
    /// right, and one whose point may be a comma is looked at again (`withCommaReadAsPoint`).
    func number(_ cell: CellText) -> Field {
        let read = withoutMarkerDebris(field(cell, kind: .number, shareCount: true, page.source == .native ? ValueParsing.number : ValueParsing.scannedNumber))
        return page.source == .native ? read : withCommaReadAsPoint(read, cell: cell)
    }

    /// A share count is mostly whole, and OCR reads a thousands comma as a point as often as
    /// not: where the amount's one point stands before exactly three digits ("231.890"), its
    /// line is read again across the column. A reading of the same digits with a comma there
    /// (the comma's tail showed) wins, in review; any other reading leaves the first as it was
    /// (a second reading that disputes the digits is no better evidence than the first).
    private func withCommaReadAsPoint(_ read: Field, cell: CellText) -> Field {
        guard case .number = read.value, let ocr = page.ocr,
              let word = cell.words.first(where: { ValueParsing.pointMayBeComma($0.text) }),
              let image = page.scanImage() else { return read }
        // The word's box may stop short of its last digit: the column's width is read.
        let column = cell.region ?? word.rect
        let area = page.imageArea(Rect(x0: min(column.x0, word.rect.x0), y0: word.rect.y0 - 1,
                                       x1: max(column.x1, word.rect.x1), y1: word.rect.y1 + 1))
        // Twice enlarged first, then at the image's own size (where some 200 dpi print reads best).
        let commaReading = [OCRService.cellEnlargement, OCRService.secondLookEnlargement].lazy.compactMap { enlargement in
            ocr.readCell(area, of: image, blank: nil, as: .number, enlargement: enlargement)?.text
                .split(separator: " ").first { $0.contains(",") && !$0.contains(".") && $0.filter(\.isNumber) == word.text.filter(\.isNumber) }
        }.first
        guard let token = commaReading, case .number(let whole) = ValueParsing.number(String(token)).value else { return read }
        var field = read
        field.value = .number(whole)
        field.raw = read.raw ?? word.text
        field.method = "reread"
        field.confidence = min(read.confidence, baseConfidence * Self.commaReadAgainShare)
        return field
    }

    /// Share of the base confidence a share count keeps whose point a second reading made a comma.
    static let commaReadAgainShare = 0.85

    /// A price: on a scan, "$0" whose dollar sign OCR read as a digit ("30") is 0.
    func price(_ cell: CellText) -> Field {
        withoutMarkerDebris(field(cell, kind: .number, page.source == .native ? ValueParsing.number : ValueParsing.scannedPrice))
    }

    /// On a scan, an amount's cell whose text is only what OCR made of a footnote marker
    /// (`ValueParsing.isMarkerDebris`) holds no amount: the value is null, the text stays in
    /// `raw`, and the field stays in review.
    private func withoutMarkerDebris(_ read: Field) -> Field {
        guard page.source != .native, case .string(let text) = read.value else { return read }
        let markers = read.footnoteIds.compactMap { Int($0.dropFirst()) }
        guard ValueParsing.isMarkerDebris(text, markers: markers) else { return read }
        var field = read
        field.raw = read.raw ?? text
        field.value = .null
        field.method = "marker"
        field.confidence = min(read.confidence, baseConfidence * 0.8)
        return field
    }
    func state(_ cell: CellText) -> Field { field(cell, ValueParsing.state) }
    /// A street or city line of box 1: on a scan, label remains and specks at its ends go.
    func address(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.scannedAddressLine) }
    func zipCode(_ cell: CellText) -> Field { field(cell, page.source == .native ? ValueParsing.text : ValueParsing.scannedZipCode) }
    func code(_ cell: CellText, _ allowed: Set<Character>) -> Field {
        let read = page.source == .native ? cell : cell.withThinMarkReadAsI(allowed)
        return field(read, kind: .code(allowed)) { ValueParsing.code($0, allowed: allowed) }
    }
}
