import Layout
import PDFText

/// Reads one reporting person: the name-and-address block (box 1, or a block of an additional
/// owner after the tables) and the relationship block (box 5).
struct OwnerReader {
    let page: FormPage
    var checkboxes = CheckboxReader()

    /// `nameRegion`: the cell holding "1. Name and Address of Reporting Person" and the address.
    /// `relationship`: the cell holding the relationship checkboxes and title, and the checkboxes
    /// found there (`relationshipBoxes(in:)`), whose areas the caller has announced to the page
    /// (`FormPage.expectInk`) with the page's other checkboxes, so that one render serves them all.
    func read(nameLabel: LabelMatch, nameRegion: Rect, relationship: (region: Rect, boxes: RelationshipBoxes)?) -> ReportingOwner {
        var owner = ReportingOwner()
        readNameAndAddress(into: &owner, label: nameLabel, region: nameRegion)
        if let relationship { readRelationship(into: &owner, region: relationship.region, boxes: relationship.boxes) }
        return owner
    }

    private func readNameAndAddress(into owner: inout ReportingOwner, label: LabelMatch, region: Rect) {
        let build = FieldBuilder(page: page)
        let pad = page.unit * 0.5
        let below = Rect(x0: region.x0, y0: label.rect.y1, x1: region.x1, y1: region.y1)
        // The name stands above "(Last) (First) (Middle)". Where OCR lost all three labels, the
        // row under the name is found from what is left of them or, failing that, from the
        // line spacing: the name is the first line below the box's label.
        guard let last = page.topMost(FormLabels.last, in: below)
            ?? page.topMost(FormLabels.first, in: below) ?? page.topMost(FormLabels.middle, in: below)
            ?? nameLineFallback(below: label, in: region) else { return }
        let nameArea = Rect(x0: region.x0, y0: label.rect.y1, x1: region.x1, y1: last.rect.y0)
        owner.rptOwnerName = build.required(build.name(CellText(words: page.words(in: nameArea))))
        if owner.rptOwnerName.value.isNull, let reread = rereadLostName(in: nameArea, build: build) { owner.rptOwnerName = reread }

        guard let street = page.topMost(FormLabels.street, in: Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: region.y1))
                ?? streetLabelStandIn(below: last, in: region)
        else { return }
        let streetArea = Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: street.rect.y0)
        // Street 1 and 2 are two rows of a borderless table: rows stand a little apart, while a
        // long street wrapped in its cell has its lines touching.
        let streetWords = page.words(in: streetArea)
        let streetRows: [[Word]]
        if page.source == .native {
            var rows = RowGrouping()
            rows.cellBreakGap = 0.12
            streetRows = Self.twoStreetRows(rows.rowBands(wordsByColumn: [streetWords])).map { band in
                streetWords.filter { $0.rect.midY >= band.y0 && $0.rect.midY <= band.y1 }
            }
        } else {
            // OCR boxes are tight to the ink, so the gaps between lines say little; but a line
            // goes on in the next only where the next one's first word did not fit after it.
            streetRows = Self.wrappedRows(LineGrouping().lines(from: streetWords).map(\.words),
                                          right: region.x1, space: page.unit * 0.5)
        }
        owner.rptOwnerStreet1 = streetRows.count > 0 ? build.address(CellText(words: streetRows[0])) : build.empty(bbox: streetArea)
        owner.rptOwnerStreet2 = streetRows.count > 1
            ? build.address(CellText(words: streetRows[1...].flatMap { $0 }))
            : build.empty(bbox: streetArea)
        if streetRows.count == 1, let first = streetRows.first, let left = first.map(\.rect.x0).min(), let top = first.map(\.rect.y1).max(),
           let lost = rereadLostStreetLine(in: Rect(x0: left - pad, y0: top, x1: region.x1 - pad, y1: street.rect.y0), build: build) {
            owner.rptOwnerStreet2 = lost
        }

        let rest = Rect(x0: region.x0, y0: street.rect.y1, x1: region.x1, y1: region.y1)
        guard let city = page.topMost(FormLabels.city, in: rest) else { return }
        let stateLabel = page.first(FormLabels.state, in: rest)
        let zipLabel = page.first(FormLabels.zip, in: rest)
        // OCR may set the values' line level with "(Street)" (their boxes reach up into it): on
        // scans the band starts at the label's middle, and the label's own words are left out.
        let valueBand = (y0: page.source == .native ? street.rect.y1 : street.rect.midY, y1: city.rect.y0)
        let streetLabelWords = Set(street.wordIndices)
        // City, state and zip stand in three left-aligned cells under their labels.
        let stateX = stateLabel?.rect.x0 ?? (region.x0 + region.width / 3)
        let zipX = zipLabel?.rect.x0 ?? (region.x0 + 2 * region.width / 3)
        func cell(_ x0: Double, _ x1: Double) -> CellText {
            CellText(words: page.words(in: Rect(x0: x0, y0: valueBand.y0, x1: x1, y1: valueBand.y1), excluding: streetLabelWords))
        }
        owner.rptOwnerCity = build.address(cell(region.x0, stateX - pad))
        owner.rptOwnerState = build.state(cell(stateX - pad, zipX - pad))
        owner.rptOwnerZipCode = build.zipCode(cell(zipX - pad, region.x1))
        // Printers that ignore the cells' widths (WeasyPrint without presentational hints) set
        // the three values close together, no longer under their labels: where the state read
        // under its label is no state, the line is split by what its words are instead.
        let stateRead = owner.rptOwnerState.value.xmlText ?? ""
        let zipRead = owner.rptOwnerZipCode.value.xmlText ?? ""
        if stateRead.isEmpty || ValueParsing.state(stateRead).quality < 1 || !Self.isZipCode(zipRead),
           let split = Self.splitCityStateZip(page.words(in: Rect(x0: region.x0, y0: valueBand.y0, x1: region.x1, y1: valueBand.y1),
                                                              excluding: streetLabelWords)) {
            owner.rptOwnerCity = build.address(CellText(words: split.city)).lessCertain(by: 0.9, method: "split-by-content")
            owner.rptOwnerState = build.state(CellText(words: split.state)).lessCertain(by: 0.9, method: "split-by-content")
            owner.rptOwnerZipCode = build.zipCode(CellText(words: split.zip)).lessCertain(by: 0.9, method: "split-by-content")
        }
        // On a scan whose OCR garbled the line past splitting ("SE be BLES" for "WESTFORD MA
        // 01886"), the line is read again from the image, whole. A state or ZIP code the first
        // reading had right stays where the second's is no such thing ("7B701").
        func isState(_ field: Field) -> Bool { ValueParsing.state(field.value.xmlText ?? "").quality >= 1 }
        func isZip(_ field: Field) -> Bool { Self.isZipCode(field.value.xmlText ?? "") }
        if page.source != .native, !isZip(owner.rptOwnerZipCode) || !isState(owner.rptOwnerState),
           let reread = rereadCityLine(in: Rect(x0: region.x0, y0: valueBand.y0, x1: region.x1, y1: valueBand.y1), build: build) {
            owner.rptOwnerCity = reread.city
            if isState(reread.state) || !isState(owner.rptOwnerState) { owner.rptOwnerState = reread.state }
            if isZip(reread.zip) || !isZip(owner.rptOwnerZipCode) { owner.rptOwnerZipCode = reread.zip }
        }
    }

    /// The city line of box 1 read from a scan's image as a block, split by what its words are
    /// (`splitCityStateZip`); nil where tesseract is unsure of it or it does not split so. The
    /// three fields go to review.
    private func rereadCityLine(in area: Rect, build: FieldBuilder) -> (city: Field, state: Field, zip: Field)? {
        guard area.height > 0, let ocr = page.ocr, let image = page.scanImage() else { return nil }
        let enlargement = image.scale < OCRService.fineScanScale ? 2 : 1
        guard let reading = ocr.readBlock(page.imageArea(area), of: image, enlargement: enlargement),
              reading.confidence >= Self.lostNameConfidence else { return nil }
        // Words in reading order, placed one after another: the split reads their order only.
        let words = reading.text.split(separator: " ").enumerated().map { index, token in
            Word(text: String(token), rect: Rect(x0: Double(index) * 10, y0: area.y0, x1: Double(index) * 10 + 8, y1: area.y1))
        }
        guard let split = Self.splitCityStateZip(words) else { return nil }
        func text(_ words: [Word]) -> CellText { CellText(text: words.map(\.text).joined(separator: " ")) }
        return (readAgain(build.address(text(split.city)), confidence: reading.confidence, at: area, build: build),
                readAgain(build.state(text(split.state)), confidence: reading.confidence, at: area, build: build),
                readAgain(build.zipCode(text(split.zip)), confidence: reading.confidence, at: area, build: build))
    }

    /// At most two street rows. More bands than that are a wrapped street whose lines a printer
    /// set apart with generous leading: the rows part where the gap is widest (between rows the
    /// cell padding comes on top of the leading).
    static func twoStreetRows(_ bands: [(y0: Double, y1: Double)]) -> [(y0: Double, y1: Double)] {
        guard bands.count > 2 else { return bands }
        let gaps = zip(bands, bands.dropFirst()).map { $1.y0 - $0.y1 }
        let split = gaps.indices.max { gaps[$0] < gaps[$1] }! + 1
        return [(bands[0].y0, bands[split - 1].y1), (bands[split].y0, bands[bands.count - 1].y1)]
    }

    /// "NEW YORK NY 10022", "SAN JOSE CALIFORNIA 95113-1234": the last word a US ZIP code (or
    /// what OCR left of one, `isDamagedZipCode`: the city and state are still told apart), the
    /// words before it a state (its code or name), the rest the city. Nil when the words do not
    /// read so.
    static func splitCityStateZip(_ words: [Word]) -> (city: [Word], state: [Word], zip: [Word])? {
        let ordered = readingOrderOfCells(words)
        guard ordered.count >= 3, let zip = ordered.last, isZipCode(zip.text) || isDamagedZipCode(zip.text) else { return nil }
        let beforeZip = ordered.dropLast()
        // The longest state name that ends just before the ZIP code, leaving a city in front.
        for length in stride(from: min(3, beforeZip.count - 1), through: 1, by: -1) {
            let stateWords = Array(beforeZip.suffix(length))
            let text = stateWords.map(\.text).joined(separator: " ").uppercased()
            // A state's code ("NY") or its name ("CALIFORNIA", "NORTH CAROLINA").
            if USStates.namesByCode[text] != nil || USStates.code(forName: text) != nil {
                return (Array(beforeZip.dropLast(length)), stateWords, [zip])
            }
        }
        return nil
    }

    /// Words in the order of the cells they stand in: cells left to right (words that overlap
    /// horizontally share one), each cell's lines top to bottom. A wrapped city ("PALO" over
    /// "ALTO") stays together though its second line stands below the state beside it.
    static func readingOrderOfCells(_ words: [Word]) -> [Word] {
        var cells: [[Word]] = []
        var right = -Double.infinity
        for word in words.sorted(by: { $0.rect.x0 < $1.rect.x0 }) {
            if word.rect.x0 < right, !cells.isEmpty {
                cells[cells.count - 1].append(word)
            } else {
                cells.append([word])
            }
            right = max(right, word.rect.x1)
        }
        return cells.flatMap { cell in cell.sorted { ($0.rect.midY, $0.rect.x0) < ($1.rect.midY, $1.rect.x0) } }
    }

    /// A ZIP code OCR lost a digit of or misread one in ("9430", "9430l"): four digits or more,
    /// at most one other character, ten characters at most.
    static func isDamagedZipCode(_ text: String) -> Bool {
        let digits = text.count(where: { $0.isASCII && $0.isNumber })
        return text.count <= 10 && digits >= 4 && text.count - digits - text.count(where: { $0 == "-" }) <= 1
    }

    private static func isZipCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 5, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.count == 1 || (parts[1].count == 4 && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// Widest gap between two words of one phrase (× line height): word spaces are about a
    /// third of it, the gap between two cells' texts wider.
    static let phraseGap = 1.0

    /// A line's words (left to right) in runs whose gaps are at most `maxGap`.
    static func phrases(_ words: [Word], maxGap: Double) -> [[Word]] {
        var runs: [[Word]] = []
        for word in words {
            if let last = runs.last?.last, word.rect.x0 - last.rect.x1 <= maxGap {
                runs[runs.count - 1].append(word)
            } else {
                runs.append([word])
            }
        }
        return runs
    }

    /// Lines of a cell joined into its rows: a line is the previous one's continuation only
    /// where its first word would not have fit after the previous line's end (at `right`), and
    /// it does not begin an address line of its own (`beginsAddressLine`) after a line that
    /// ended without a comma or hyphen. At most two rows.
    static func wrappedRows(_ lines: [[Word]], right: Double, space: Double) -> [[Word]] {
        var rows: [[Word]] = []
        for line in lines where !line.isEmpty {
            if let previous = rows.last, slack(after: previous, of: line, right: right, space: space) < 0,
               previous.last.map({ $0.text.hasSuffix(",") || $0.text.hasSuffix("-") }) == true || !beginsAddressLine(line.map(\.text)) {
                rows[rows.count - 1] += line
            } else {
                rows.append(line)
            }
        }
        // The form has two street rows: more lines than that are a wrapped street whose cell was
        // narrower than the box ("1600 AMPHITHEATRE" over "PKWY", then "C/O LEGAL DEPARTMENT").
        // Joined where a line does not begin an address line and came nearest to not fitting.
        while rows.count > 2 {
            func cost(_ join: Int) -> (Int, Double) {
                (beginsAddressLine(rows[join].map(\.text)) ? 1 : 0, slack(after: rows[join - 1], of: rows[join], right: right, space: space))
            }
            let wrap = rows.indices.dropFirst().min { cost($0) < cost($1) }!
            rows[wrap - 1] += rows.remove(at: wrap)
        }
        return rows
    }

    /// Room left on `previous` for the first word of `line` (negative: it would not have fit).
    private static func slack(after previous: [Word], of line: [Word], right: Double, space: Double) -> Double {
        guard let end = previous.map(\.rect.x1).max(), let first = line.first else { return .infinity }
        return right - (end + space + first.rect.width)
    }

    /// Words an address line begins with rather than carries on: "C/O" (in care of), a house
    /// number, written in figures or words ("ONE INTERNATIONAL PLACE"), or a unit ("SUITE 200",
    /// "FLOOR 12", "P.O. BOX 9").
    static func beginsAddressLine(_ words: [String]) -> Bool {
        guard let first = words.first?.uppercased() else { return false }
        if first.first?.isNumber == true { return true }
        let letters = first.filter(\.isLetter)
        if first.hasPrefix("C/") || letters == "ATTN" { return true }
        return addressUnitWords.contains(letters) || houseNumberWords.contains(first)
    }

    static let addressUnitWords: Set<String> = ["SUITE", "STE", "FLOOR", "FL", "UNIT", "APT", "ROOM", "RM", "BLDG", "BUILDING", "PO", "POBOX"]
    /// House numbers written as words ("One Market Plaza", "Two Embarcadero Center").
    static let houseNumberWords: Set<String> = ["ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN"]

    /// The relationship labels missing from the text, each placed at the word (what OCR left
    /// of it) that stands in its column, beside its row's other label, or, with that one
    /// missing too, right above (first row) or below (second row) its column's other label.
    static func placedByGrid(director: LabelMatch?, tenPercent: LabelMatch?, officer: LabelMatch?, other: LabelMatch?,
                             page: FormPage, region: Rect) -> (director: LabelMatch?, tenPercent: LabelMatch?, officer: LabelMatch?, other: LabelMatch?) {
        let unit = page.unit
        // Not the words of the other labels, nor the box's note ("(Check all applicable)", whose
        // match may take in a wrecked label OCR set inside it), nor a mark in a box.
        let noteMatch = page.topMost(FormLabels.checkAllApplicable, in: region)
        let note = noteMatch?.wordIndices.filter { isNoteWord(page.words[$0].text) } ?? []
        let taken = Set([director, tenPercent, officer, other].compactMap { $0 }.flatMap(\.wordIndices) + note)
        /// Whether a word stands on the note's line: what OCR made of "all applicable)" is no
        /// label of the first row, which stands below the note.
        func onNoteLine(_ word: Word) -> Bool {
            guard let noteMatch else { return false }
            return word.rect.verticalOverlap(noteMatch.rect) > 0.5 * word.rect.height
        }
        let candidates = page.text.words.indices.filter { index in
            !taken.contains(index) && page.words[index].text.count >= 2
                && region.contains(x: page.words[index].rect.midX, y: page.words[index].rect.midY)
        }
        func left(_ match: LabelMatch) -> Double { match.wordIndices.first.map { page.words[$0].rect.x0 } ?? match.rect.x0 }
        func place(_ label: Label, column: LabelMatch?, row: LabelMatch?, firstRow: Bool) -> LabelMatch? {
            guard let column else { return nil }
            let x = left(column)
            let inColumn = candidates.filter { abs(page.words[$0].rect.x0 - x) <= unit * 1.5 }
            let found: Int?
            if let row {
                found = inColumn.filter { page.words[$0].rect.midY > row.rect.y0 - unit * 0.5 && page.words[$0].rect.midY < row.rect.y1 + unit * 0.5 }
                    .min { abs(page.words[$0].rect.x0 - x) < abs(page.words[$1].rect.x0 - x) }
            } else if firstRow {
                let above = inColumn.filter { page.words[$0].rect.y1 <= column.rect.y0 + unit * 0.2 && page.words[$0].rect.y0 >= column.rect.y0 - unit * 3
                    && !onNoteLine(page.words[$0]) }
                // The first row is the line of print just above the second, whether or not OCR
                // read it: a word higher up belongs to the note above.
                if let line = lineAbove(column) {
                    let onLine = above.filter { page.words[$0].rect.midY > line.y0 && page.words[$0].rect.midY < line.y1 }
                    guard !onLine.isEmpty else { return lost(label, column: column, band: line) }
                    found = onLine.max { page.words[$0].rect.y0 < page.words[$1].rect.y0 }
                } else {
                    found = above.max { page.words[$0].rect.y0 < page.words[$1].rect.y0 }
                }
            } else {
                found = inColumn.filter { page.words[$0].rect.y0 >= column.rect.y1 - unit * 0.2 && page.words[$0].rect.y1 <= column.rect.y1 + unit * 3 }
                    .min { page.words[$0].rect.y0 < page.words[$1].rect.y0 }
            }
            guard let found else { return row.flatMap { lost(label, column: column, band: ($0.rect.y0, $0.rect.y1)) } }
            let rect = page.words[found].rect
            return LabelMatch(label: label, start: (rect.midX, rect.midY), wordIndices: [found], rect: rect, score: 0.5)
        }
        /// The line of print on the page image just above the line a second-row label starts on
        /// (nil on native pages, or where the image shows no such line).
        func lineAbove(_ column: LabelMatch) -> (y0: Double, y1: Double)? {
            let first = column.wordIndices.first.map { page.words[$0].rect } ?? column.rect, x = left(column)
            guard let lines = page.inkLines(in: Rect(x0: x - unit * 0.3, y0: first.y0 - unit * 3, x1: x + unit * 4, y1: first.y1)),
                  let own = lines.lastIndex(where: { $0.y1 > first.midY - unit * 0.3 && $0.y0 < first.midY + unit * 0.3 }), own > 0 else { return nil }
            return lines[own - 1]
        }
        /// A label OCR left no word of, where its column and row cross: its checkbox is still
        /// printed there, and the ink tells whether it is marked.
        func lost(_ label: Label, column: LabelMatch, band: (y0: Double, y1: Double)) -> LabelMatch? {
            let x = left(column)
            let rect = Rect(x0: x, y0: band.y0, x1: x + unit * 3, y1: band.y1)
            return LabelMatch(label: label, start: (rect.midX, rect.midY), wordIndices: [], rect: rect, score: 0.3)
        }
        return (director: director ?? place(FormLabels.director, column: officer, row: tenPercent, firstRow: true),
                tenPercent: tenPercent ?? place(FormLabels.tenPercentOwner, column: other, row: director, firstRow: true),
                officer: officer ?? place(FormLabels.officer, column: director, row: other, firstRow: false),
                other: other ?? place(FormLabels.other, column: tenPercent, row: officer, firstRow: false))
    }

    /// A word of "(Check all applicable)", however OCR spelled it.
    private static func isNoteWord(_ text: String) -> Bool {
        let letters = Array(text.lowercased().utf8.filter { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
        guard !letters.isEmpty else { return true }
        return ["check", "all", "applicable"].contains { (token: String) -> Bool in
            let spelled = Array(token.utf8)
            return LabelText.editDistance(letters, spelled, limit: 3) <= max(1, spelled.count / 4)
        }
    }

    /// On a scan whose text lost the name (printed large and underlined, as browsers print
    /// EDGAR's link, its line may come out of OCR as nothing), the name's row read from the page
    /// image as a block. Taken where it reads as a name of two words or more; it stays in review.
    private func rereadLostName(in area: Rect, build: FieldBuilder) -> Field? {
        guard page.source != .native, area.height > 0, let ocr = page.ocr, let image = page.scanImage() else { return nil }
        let padded = page.imageArea(Rect(x0: area.x0 - page.unit * 0.5, y0: area.y0, x1: area.x1, y1: area.y1))
        let enlargements = image.scale < OCRService.fineScanScale ? [2, 1] : [1, 2]
        for enlargement in enlargements {
            guard let reading = ocr.readBlock(padded, of: image, enlargement: enlargement), reading.confidence >= Self.lostNameConfidence
            else { continue }
            let name = build.name(CellText(text: reading.text))
            guard case .string(let text) = name.value, text.split(separator: " ").count >= 2 else { continue }
            return readAgain(name, text: reading.text, confidence: reading.confidence, at: area, build: build)
        }
        return nil
    }

    /// Least confidence of tesseract's reading of a lost name for it to be taken.
    static let lostNameConfidence = 0.6

    /// Share of the base confidence at most of a field read again from the image as a block.
    static let blockRereadShare = 0.8

    /// Heights (units) of a line of print taken for a lost street line: a rule is thinner, two
    /// lines run together taller.
    static let lostLineHeights = 0.4...1.5

    /// `field`, parsed from what tesseract read of `area` of the image as a block (`text`, where
    /// the field is all of it) with `confidence`, as read again: on one reading that the text
    /// layer did not bear out, it goes to review.
    private func readAgain(_ field: Field, text: String? = nil, confidence: Double, at area: Rect, build: FieldBuilder) -> Field {
        var again = field
        again.confidence = min(field.confidence, build.baseConfidence * Self.blockRereadShare * (0.6 + 0.4 * confidence))
        again.page = page.number
        again.bbox = area
        again.raw = field.raw ?? text.flatMap { $0 == field.value.xmlText ? nil : $0 }
        again.method = "reread"
        return again
    }

    /// On a scan whose text lost a street line the page prints ("SUITE 200" under "1600
    /// AMPHITHEATRE PKWY" printed as clearly, but not in the OCR layer), the line of print in
    /// `area` (under the street rows read, above "(Street)", inside the box's side rules) read
    /// from the page image as a block. Taken where it reads as an address line with the same
    /// sureness as a lost name; it stays in review.
    private func rereadLostStreetLine(in area: Rect, build: FieldBuilder) -> Field? {
        let unit = page.unit
        guard page.source != .native, area.height >= unit * 0.5, area.width > unit * 2, let ocr = page.ocr,
              let image = page.scanImage(), let lines = page.inkLines(in: area),
              let line = lines.first(where: { Self.lostLineHeights.contains(($0.y1 - $0.y0) / unit) }) else { return nil }
        let band = Rect(x0: area.x0, y0: line.y0 - unit * 0.2, x1: area.x1, y1: line.y1 + unit * 0.2)
        let enlargement = image.scale < OCRService.fineScanScale ? 2 : 1
        guard let reading = ocr.readBlock(page.imageArea(band), of: image, enlargement: enlargement),
              reading.confidence >= Self.lostNameConfidence else { return nil }
        let street = build.address(CellText(text: reading.text))
        guard case .string(let text) = street.value, text.count(where: { $0.isLetter || $0.isNumber }) >= 3,
              !Self.looksLikeStreetLabel(text) else { return nil }
        return readAgain(street, text: reading.text, confidence: reading.confidence, at: band, build: build)
    }

    /// A stand-in for a "(Street)" label OCR garbled ("Se)") on a scan: the street's rows and the
    /// line of city, state and zip stand between "(Last)" and "(City)", the label right above the
    /// last of them. A short line there with a parenthesis, or spelling "street" half right, is the
    /// label's remains; without one, the label is taken to stand between the last two lines.
    private func streetLabelStandIn(below last: LabelMatch, in region: Rect) -> LabelMatch? {
        guard page.source != .native,
              let city = page.topMost(FormLabels.city, in: Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: region.y1))
        else { return nil }
        let between = Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: city.rect.y0)
        // Lines of marks alone ("—") are specks, not the city's line.
        let lines = LineGrouping().lines(from: page.words(in: between)).filter { $0.text.contains { $0.isLetter || $0.isNumber } }
        guard lines.count >= 2 else { return nil }
        let cityLine = lines[lines.count - 1], above = lines[lines.count - 2]
        if lines.count >= 3, Self.looksLikeStreetLabel(above.text) {
            let indices = page.text.wordIndices(in: above.rect)
            return LabelMatch(label: FormLabels.street, start: (above.rect.x0, above.rect.midY), wordIndices: indices,
                              rect: above.rect, score: 0.5)
        }
        let gap = Rect(x0: region.x0, y0: above.rect.y1, x1: region.x1, y1: max(above.rect.y1, cityLine.rect.y0))
        return LabelMatch(label: FormLabels.street, start: (gap.x0, gap.midY), wordIndices: [], rect: gap, score: 0.5)
    }

    /// What OCR leaves of "(Street)": a few characters with a parenthesis, or "street" half spelled.
    static func looksLikeStreetLabel(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        if compact.count <= maxStreetLabelRemains, compact.contains(where: { $0 == "(" || $0 == ")" }) { return true }
        let letters = Array(LabelText.normalize(text).utf8), street = Array("street".utf8)
        return LabelText.editDistance(letters, street, limit: 3) <= 3
    }

    /// Longest remains of "(Street)" (characters) taken for the label on a parenthesis alone.
    static let maxStreetLabelRemains = 9

    /// A stand-in for the lost "(Last)" label: the line right under the first line of text
    /// below the box's label.
    private func nameLineFallback(below label: LabelMatch, in region: Rect) -> LabelMatch? {
        guard page.source != .native else { return nil }
        let lines = LineGrouping().lines(from: page.words(in: Rect(x0: region.x0, y0: label.rect.y1, x1: region.x1, y1: region.y1)))
        guard lines.count >= 2 else { return nil }
        let under = lines[1].rect
        return LabelMatch(label: FormLabels.last, start: (under.x0, under.midY), wordIndices: [], rect: under, score: 0.5)
    }

    /// Box 5's four labels and the checkbox area beside each, in the relationship cell `region`.
    func relationshipBoxes(in region: Rect) -> RelationshipBoxes {
        var director = page.topMost(FormLabels.director, in: region)
        var tenPercent = page.topMost(FormLabels.tenPercentOwner, in: region)
        var officer = page.topMost(FormLabels.officer, in: region)
        var other = page.topMost(FormLabels.other, in: region)
        let unit = page.unit
        if page.source != .native {
            // Director and 10% Owner head the box, above Officer and Other: one found lower down
            // is a word of the text under them ("Director by deputization"), where OCR lost the label.
            if let secondRow = [officer, other].compactMap({ $0?.rect.y0 }).min() {
                if let found = director, found.rect.y0 > secondRow + unit * 0.5 { director = nil }
                if let found = tenPercent, found.rect.y0 > secondRow + unit * 0.5 { tenPercent = nil }
            }
            officer = officer ?? firstLineOnly(FormLabels.officerFirstLine, standingFor: FormLabels.officer, in: region)
            other = other ?? firstLineOnly(FormLabels.otherFirstLine, standingFor: FormLabels.other, in: region)
            // Each label OCR wrecked is looked for where the others put it: the four stand in two
            // rows (Director, 10% Owner; Officer, Other) and two columns.
            // Twice: a label placed in the first round gives the next its row or column.
            for _ in 0..<2 {
                let placed = Self.placedByGrid(director: director, tenPercent: tenPercent, officer: officer, other: other,
                                               page: page, region: region)
                director = director ?? placed.director
                tenPercent = tenPercent ?? placed.tenPercent
                officer = officer ?? placed.officer
                other = other ?? placed.other
            }
        }

        /// The checkbox stands in the narrow cell left of its label, centred on the label's lines.
        func boxArea(_ label: LabelMatch?, leftLimit: Double) -> Rect? {
            guard let label else { return nil }
            let firstWord = label.wordIndices.first.map { page.words[$0].rect } ?? label.rect
            // The box's cell is 15% of the relationship table's width, whatever the layout.
            return Rect(x0: max(leftLimit, firstWord.x0 - region.width * 0.2), y0: label.rect.y0 - unit * CheckboxReader.regionMargin,
                        x1: firstWord.x0 - unit * 0.1, y1: label.rect.y1 + unit * CheckboxReader.regionMargin)
        }
        let leftColumnLimit = region.x0
        // The right column's boxes stand beyond the left column's labels: "Director" and the first
        // line of "Officer (give title" (whose "title" a light scan's ink could take for a mark).
        let rightColumnLimit = max(director?.rect.x1 ?? region.x0, officer.map { firstLineRect($0).x1 } ?? region.x0)
        return RelationshipBoxes(director: director, tenPercent: tenPercent, officer: officer, other: other,
                                 directorArea: boxArea(director, leftLimit: leftColumnLimit),
                                 tenPercentArea: boxArea(tenPercent, leftLimit: rightColumnLimit),
                                 officerArea: boxArea(officer, leftLimit: leftColumnLimit),
                                 otherArea: boxArea(other, leftLimit: rightColumnLimit))
    }

    /// Where a label's first word stands (the label's own box where it is only placed, no word).
    private func firstWordRect(_ label: LabelMatch) -> Rect {
        label.wordIndices.first.map { page.words[$0].rect } ?? label.rect
    }

    /// Where a label's words on its first word's line stand.
    private func firstLineRect(_ label: LabelMatch) -> Rect {
        let first = firstWordRect(label)
        return label.wordIndices.map { page.words[$0].rect }.filter { $0.verticalOverlap(first) > 0.5 * min($0.height, first.height) }
            .reduce(first) { $0.union($1) }
    }

    /// What OCR leaves of "below)", the end of the relationship labels: the word spelled within
    /// two letters ("betow)", "bclow}").
    static func isLabelEnd(_ text: String) -> Bool {
        let letters = Array(text.lowercased().filter(\.isLetter).utf8)
        return letters.count >= 3 && letters.count <= 7 && LabelText.editDistance(letters, Array("below".utf8), limit: 2) <= 2
    }

    /// A wrapped label found by its first line: it stands for the whole label, and its box takes
    /// in the line under it, where the lost "below)" stood (not the start of the title or text).
    private func firstLineOnly(_ firstLine: Label, standingFor label: Label, in region: Rect) -> LabelMatch? {
        guard let found = page.topMost(firstLine, in: region) else { return nil }
        let rect = Rect(x0: found.rect.x0, y0: found.rect.y0, x1: found.rect.x1, y1: found.rect.y1 + found.rect.height)
        return LabelMatch(label: label, start: found.start, wordIndices: found.wordIndices, rect: rect, score: found.score)
    }

    /// Where the officer label's "below)" stands when the label was matched without it (OCR
    /// garbled it past knowing: "Rome"): the line under the label's first line, as high as that
    /// line. Nil where the match holds the label's end.
    private func lostLabelEndLine(of officer: LabelMatch) -> Rect? {
        guard page.source != .native, !officer.wordIndices.contains(where: { Self.isLabelEnd(page.words[$0].text) }) else { return nil }
        let first = firstLineRect(officer)
        return Rect(x0: first.x0, y0: first.y1, x1: first.x1, y1: first.y1 + first.height)
    }

    /// Words an officer's title starts with: a word standing where a lost "below)" stood is
    /// the title's first only if it is one of these.
    static let titleOpeningWords: Set<String> = [
        "chief", "executive", "president", "vice", "senior", "sr", "general", "evp", "svp", "vp", "ceo", "cfo",
        "coo", "cto", "cao", "cio", "clo", "chairman", "chair", "interim", "acting", "global", "corporate",
        "group", "head", "managing", "principal", "controller", "secretary", "treasurer", "director",
        "officer", "counsel", "see", "co-ceo", "founder", "partner", "member", "trustee",
    ]

    static func opensTitle(_ text: String) -> Bool {
        titleOpeningWords.contains(text.lowercased().filter { $0.isLetter || $0 == "-" })
    }

    func readRelationship(into owner: inout ReportingOwner, region: Rect, boxes: RelationshipBoxes) {
        let (director, tenPercent, officer, other) = (boxes.director, boxes.tenPercent, boxes.officer, boxes.other)
        let unit = page.unit
        func box(_ area: Rect?) -> Field { area.map { checkboxes.read($0, on: page) } ?? .missing }
        owner.isDirector = box(boxes.directorArea)
        owner.isOfficer = box(boxes.officerArea)
        owner.isTenPercentOwner = box(boxes.tenPercentArea)
        owner.isOther = box(boxes.otherArea)

        // Officer title and "other" text stand in the row under the checkboxes, each under its label.
        let build = FieldBuilder(page: page)
        let labelsBottom = [officer?.rect.y1, other?.rect.y1, director?.rect.y1, tenPercent?.rect.y1].compactMap { $0 }.max() ?? region.y0
        let labelWords = Set([director, tenPercent, officer, other].compactMap { $0 }.flatMap(\.wordIndices))
        // The officer's title is a cell of the table's second column; the "other" text's cell
        // starts after the checkbox cell in front of "Other", which is 15 % of the table against the
        // 50 % between the two labels.
        let officerX = officer.map { firstWordRect($0).x0 }
        let otherX = other.map { firstWordRect($0).x0 } ?? region.x1
        let otherLeft = officerX.map { otherX - 0.3 * (otherX - $0) } ?? otherX - unit * 4
        // A phrase (words at word spacing) belongs where it starts: a long title that runs on
        // past that line, as prints that shrink the cells set it, is still the officer's.
        // The title may begin beside the end of a label of the other column ("Other (specify" over
        // a "below)" OCR read as more than it was): the title's column starts under the first line
        // of its own label, less what is left there of that label's own "below)".
        let titleTop = min(officer.map { firstLineRect($0).y1 } ?? labelsBottom, labelsBottom)
        var titleWords: [Word] = [], otherWords: [Word] = []
        let lostEnd = officer.flatMap { lostLabelEndLine(of: $0) }
        let below = page.words(in: Rect(x0: region.x0, y0: titleTop, x1: region.x1, y1: region.y1), excluding: labelWords)
        for line in LineGrouping().lines(from: below) {
            for phrase in Self.phrases(line.words, maxGap: unit * Self.phraseGap) {
                let besideLabels = phrase[0].rect.midY < labelsBottom
                if phrase[0].rect.x0 >= otherLeft {
                    if !besideLabels { otherWords += phrase }
                } else if titleWords.isEmpty, let lostEnd, phrase.count == 1, phrase[0].rect.y0 < lostEnd.y1,
                          abs(phrase[0].rect.x0 - lostEnd.x0) < unit, !Self.opensTitle(phrase[0].text) {
                    continue
                } else if !besideLabels {
                    titleWords += phrase
                } else if phrase.last?.text.hasSuffix(")") == false {
                    // Beside the labels, a phrase closing a bracket is what OCR made of "below)" ("Maat )"),
                    // and a mark or letter alone, or left of the label, is a speck or the checkbox.
                    titleWords += phrase.filter { word in
                        word.text.count(where: \.isLetter) >= 2 && !Self.isLabelEnd(word.text)
                            && word.rect.x0 >= (officerX ?? region.x0) - unit
                    }
                }
            }
        }
        // No title or text begins with the labels' "below)": where it does, it is the label's end.
        let titleCell = CellText(words: Array(titleWords.drop { Self.isLabelEnd($0.text) }))
        let otherCell = CellText(words: Array(otherWords.drop { Self.isLabelEnd($0.text) }))
        owner.officerTitle = officer == nil ? .missing : build.boxText(titleCell)
        owner.otherText = other == nil ? .missing : build.boxText(otherCell)
    }
}

/// Box 5's four relationship labels and the checkbox area beside each (nil where the label was
/// not found).
struct RelationshipBoxes {
    var director: LabelMatch?, tenPercent: LabelMatch?, officer: LabelMatch?, other: LabelMatch?
    var directorArea: Rect?, tenPercentArea: Rect?, officerArea: Rect?, otherArea: Rect?

    var areas: [Rect] { [directorArea, officerArea, tenPercentArea, otherArea].compactMap { $0 } }
}
