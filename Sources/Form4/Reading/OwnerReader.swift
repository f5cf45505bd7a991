import Layout
import PDFText

/// Reads one reporting person: the name-and-address block (box 1, or a block of an additional
/// owner after the tables) and the relationship block (box 5).
struct OwnerReader {
    let page: FormPage
    var checkboxes = CheckboxReader()

    /// `nameRegion`: the cell holding "1. Name and Address of Reporting Person" and the address.
    /// `relationshipRegion`: the cell holding the relationship checkboxes and title.
    func read(nameLabel: LabelMatch, nameRegion: Rect, relationshipRegion: Rect?) -> ReportingOwner {
        var owner = ReportingOwner()
        readNameAndAddress(into: &owner, label: nameLabel, region: nameRegion)
        if let relationshipRegion { readRelationship(into: &owner, region: relationshipRegion) }
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
        owner.rptOwnerName = build.text(CellText(words: page.words(in: nameArea)))

        guard let street = page.topMost(FormLabels.street, in: Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: region.y1))
        else { return }
        let streetArea = Rect(x0: region.x0, y0: last.rect.y1, x1: region.x1, y1: street.rect.y0)
        // Street 1 and 2 are two rows of a borderless table: rows stand a little apart, while a
        // long street wrapped in its cell has its lines touching.
        let streetWords = page.words(in: streetArea)
        let streetRows: [[Word]]
        if page.source == .native {
            var rows = RowGrouping()
            rows.cellBreakGap = 0.12
            streetRows = rows.rowBands(wordsByColumn: [streetWords]).map { band in
                streetWords.filter { $0.rect.midY >= band.y0 && $0.rect.midY <= band.y1 }
            }
        } else {
            // OCR boxes are tight to the ink, so the gaps between lines say little; but a line
            // goes on in the next only where the next one's first word did not fit after it.
            streetRows = Self.wrappedRows(LineGrouping().lines(from: streetWords).map(\.words),
                                          right: region.x1, space: page.unit * 0.5)
        }
        owner.rptOwnerStreet1 = streetRows.count > 0 ? build.text(CellText(words: streetRows[0])) : build.empty(bbox: streetArea)
        owner.rptOwnerStreet2 = streetRows.count > 1
            ? build.text(CellText(words: streetRows[1...].flatMap { $0 }))
            : build.empty(bbox: streetArea)

        let rest = Rect(x0: region.x0, y0: street.rect.y1, x1: region.x1, y1: region.y1)
        guard let city = page.topMost(FormLabels.city, in: rest) else { return }
        let stateLabel = page.first(FormLabels.state, in: rest)
        let zipLabel = page.first(FormLabels.zip, in: rest)
        let valueBand = (y0: street.rect.y1, y1: city.rect.y0)
        // City, state and zip stand in three left-aligned cells under their labels.
        let stateX = stateLabel?.rect.x0 ?? (region.x0 + region.width / 3)
        let zipX = zipLabel?.rect.x0 ?? (region.x0 + 2 * region.width / 3)
        func cell(_ x0: Double, _ x1: Double) -> CellText {
            CellText(words: page.words(in: Rect(x0: x0, y0: valueBand.y0, x1: x1, y1: valueBand.y1)))
        }
        owner.rptOwnerCity = build.text(cell(region.x0, stateX - pad))
        owner.rptOwnerState = build.state(cell(stateX - pad, zipX - pad))
        owner.rptOwnerZipCode = build.text(cell(zipX - pad, region.x1))
    }

    /// Lines of a cell joined into its rows: a line is the previous one's continuation only
    /// where its first word would not have fit after the previous line's end (at `right`).
    static func wrappedRows(_ lines: [[Word]], right: Double, space: Double) -> [[Word]] {
        var rows: [[Word]] = []
        for line in lines where !line.isEmpty {
            if let previous = rows.last, let end = previous.map(\.rect.x1).max(), let first = line.first,
               end + space + first.rect.width > right {
                rows[rows.count - 1] += line
            } else {
                rows.append(line)
            }
        }
        return rows
    }

    /// A stand-in for the lost "(Last)" label: the line right under the first line of text
    /// below the box's label.
    private func nameLineFallback(below label: LabelMatch, in region: Rect) -> LabelMatch? {
        guard page.source != .native else { return nil }
        let lines = LineGrouping().lines(from: page.words(in: Rect(x0: region.x0, y0: label.rect.y1, x1: region.x1, y1: region.y1)))
        guard lines.count >= 2 else { return nil }
        let under = lines[1].rect
        return LabelMatch(label: FormLabels.last, start: (under.x0, under.midY), wordIndices: [], rect: under, score: 0.5)
    }

    private func readRelationship(into owner: inout ReportingOwner, region: Rect) {
        let director = page.topMost(FormLabels.director, in: region)
        let tenPercent = page.topMost(FormLabels.tenPercentOwner, in: region)
        let officer = page.topMost(FormLabels.officer, in: region)
        let other = page.topMost(FormLabels.other, in: region)
        let unit = page.unit

        /// The checkbox stands in the narrow cell left of its label, centred on the label's lines.
        func box(_ label: LabelMatch?, leftLimit: Double) -> Field {
            guard let label else { return .missing }
            let firstWord = label.wordIndices.first.map { page.words[$0].rect } ?? label.rect
            // The box's cell is 15% of the relationship table's width, whatever the layout.
            let area = Rect(x0: max(leftLimit, firstWord.x0 - region.width * 0.2), y0: label.rect.y0 - unit * 0.3,
                            x1: firstWord.x0 - unit * 0.1, y1: label.rect.y1 + unit * 0.3)
            return checkboxes.read(area, on: page)
        }
        let leftColumnLimit = region.x0
        let rightColumnLimit = max(director?.rect.x1 ?? region.x0, officer.map { page.words[$0.wordIndices[0]].rect.x1 } ?? region.x0)
        owner.isDirector = box(director, leftLimit: leftColumnLimit)
        owner.isOfficer = box(officer, leftLimit: leftColumnLimit)
        owner.isTenPercentOwner = box(tenPercent, leftLimit: rightColumnLimit)
        owner.isOther = box(other, leftLimit: rightColumnLimit)

        // Officer title and "other" text stand in the row under the checkboxes, each under its label.
        let build = FieldBuilder(page: page)
        let labelsBottom = [officer?.rect.y1, other?.rect.y1, director?.rect.y1, tenPercent?.rect.y1].compactMap { $0 }.max() ?? region.y0
        let labelWords = Set([director, tenPercent, officer, other].compactMap { $0 }.flatMap(\.wordIndices))
        // The officer's title is a cell of the table's second column; the "other" text's cell
        // starts after the checkbox cell in front of "Other", which is 15 % of the table against the
        // 50 % between the two labels.
        let officerX = officer.map { page.words[$0.wordIndices[0]].rect.x0 }
        let otherX = other.map { page.words[$0.wordIndices[0]].rect.x0 } ?? region.x1
        let otherLeft = officerX.map { otherX - 0.3 * (otherX - $0) } ?? otherX - unit * 4
        let titleArea = Rect(x0: region.x0, y0: labelsBottom, x1: otherLeft, y1: region.y1)
        let otherArea = Rect(x0: otherLeft, y0: labelsBottom, x1: region.x1, y1: region.y1)
        let titleCell = CellText(words: page.words(in: titleArea, excluding: labelWords))
        let otherCell = CellText(words: page.words(in: otherArea, excluding: labelWords))
        owner.officerTitle = officer == nil ? .missing : build.text(titleCell)
        owner.otherText = other == nil ? .missing : build.text(otherCell)
    }
}
