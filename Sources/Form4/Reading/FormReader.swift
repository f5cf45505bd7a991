import Layout
import PDFText

/// Reads one Form 4 from its pages (the first carries the header; the tables and footnotes may
/// run on over the following pages).
struct FormReader {
    let pages: [FormPage]

    func read() -> Form4Record {
        var record = Form4Record()
        record.pages = pages.map(\.number)
        record.textSource = pages.first?.source ?? .native
        guard let first = pages.first else { return record }
        // Box 6 on the first page tells how this print marks checkboxes; the form's later pages
        // (additional owners) are printed the same way.
        for page in pages.dropFirst() { page.marksCheckboxesInText = first.marksCheckboxesInText }
        HeaderReader(page: first).read(into: &record)
        // The footnotes first: a marker on a scan can only name one the form defines.
        TrailerReader(pages: pages).read(into: &record)
        let defined = Set(record.footnotes.compactMap { Int($0.id.dropFirst()) })
        for page in pages { page.definedFootnotes = defined }
        // A table that ran to the bottom of a page may go on at the top of the next without its
        // title and headings (printers that do not repeat a table's header).
        var runningTable: TableReader.Layout? = nil
        /// The columns each table was last read with, for a page where OCR damaged its headings.
        var knownLayouts: [TableReader.Kind: TableReader.Layout] = [:]
        func readTable(_ kind: TableReader.Kind, range: (top: Double, bottom: Double), on page: FormPage) -> (rows: [TableRow], layout: TableReader.Layout?) {
            let reader = TableReader(page: page, kind: kind)
            let table = reader.read(top: range.top, bottom: range.bottom)
            if let layout = table.layout {
                knownLayouts[kind] = layout
                return table
            }
            // On a scan, the same table's columns on another page of the form (printers that
            // repeat a table's header on the next page): an earlier page's, or a later one's.
            guard page.source != .native,
                  let borrowed = knownLayouts[kind] ?? laterLayout(of: kind, after: page) else { return table }
            let rows = reader.readWithBorrowedColumns(borrowed, top: range.top, bottom: range.bottom).filter(Self.holdsValues)
            return (rows, borrowed)
        }
        for page in pages {
            let sections = SectionBounds(page: page)
            // Scans too: a scan of such a print has the same pages. (Where a continued page
            // repeats the headings under a title OCR lost, they are passed over.)
            if let layout = runningTable, page !== first {
                let continued = TableReader(page: page, kind: layout.kind)
                    .readContinued(layout, top: page.bounds.y0, bottom: sections.firstSectionTop)
                let rows = continued.rows.filter(Self.holdsValues)
                if layout.kind == .derivative {
                    Self.finish(&record.derivativeTable, with: continued.endOfLastRow)
                    record.derivativeTable += rows
                } else {
                    Self.finish(&record.nonDerivativeTable, with: continued.endOfLastRow)
                    record.nonDerivativeTable += rows
                }
            }
            runningTable = nil
            if let range = sections.tableI {
                let table = readTable(.nonDerivative, range: range, on: page)
                record.nonDerivativeTable += table.rows
                if range.bottom >= page.bounds.y1 { runningTable = table.layout }
            }
            if let range = sections.tableII {
                let table = readTable(.derivative, range: range, on: page)
                record.derivativeTable += table.rows
                if range.bottom >= page.bounds.y1 { runningTable = table.layout }
            }
            // The header's own "1. Name and Address" (box 1) is the first owner; every later one
            // is an additional reporting person.
            // (Box 1's label is looked for above the tables: OCR may have garbled it, and then an
            // additional person's label is the top-most.)
            let header = Rect(x0: page.bounds.x0, y0: page.bounds.y0, x1: page.bounds.x1,
                              y1: sections.tableI?.top ?? sections.tableII?.top ?? page.bounds.y1)
            let headerOwnerBottom = page === first ? (page.topMost(FormLabels.nameAndAddress, in: header)?.rect.y1 ?? page.bounds.y0) : page.bounds.y0
            record.reportingOwners += additionalOwners(on: page, after: max(headerOwnerBottom, page === first ? (sections.tableI?.top ?? 0) : 0))
        }
        // Amounts and dates a scan's OCR misread are mended where the form's other amounts and
        // dates show how.
        if record.textSource != .native {
            RunningBalance.mend(&record.nonDerivativeTable)
            UnderlyingAmounts.mend(&record.derivativeTable)
            OwnershipInference.infer(&record.nonDerivativeTable)
            OwnershipInference.infer(&record.derivativeTable)
            DateCrossCheck.mend(&record)
        }
        UnreadCheckboxes.infer(&record)
        return record
    }

    /// Whether a row read without the page's own header (a continued page, borrowed columns)
    /// holds a row's values: an amount owned, or a transaction date. Left-over header or prose
    /// lines hold neither.
    static func holdsValues(_ row: TableRow) -> Bool {
        !row.sharesOwnedFollowingTransaction.value.isNull || !row.transactionDate.value.isNull
    }

    /// The columns `kind`'s table is read with on the first page after `page` where its
    /// headings were found.
    private func laterLayout(of kind: TableReader.Kind, after page: FormPage) -> TableReader.Layout? {
        guard let index = pages.firstIndex(where: { $0 === page }) else { return nil }
        for later in pages[(index + 1)...] {
            let sections = SectionBounds(page: later)
            guard let range = kind == .nonDerivative ? sections.tableI : sections.tableII,
                  let (layout, _) = TableReader(page: later, kind: kind).header(top: range.top, bottom: range.bottom) else { continue }
            return layout
        }
        return nil
    }

    /// The last row of a table whose wrapped cells a page break cut: their lines on the next
    /// page are added to its text (title, nature of ownership, underlying title) and footnotes,
    /// unless the page before already ends with them (wkhtmltopdf prints the lines a page break
    /// cuts through on both pages).
    static func finish(_ table: inout [TableRow], with ending: [String: CellText]) {
        guard !ending.isEmpty, !table.isEmpty else { return }
        func extend(_ field: inout Field, _ cell: CellText?) {
            guard let cell, !cell.isEmpty else { return }
            if let printed = field.value.xmlText, printed.hasSuffix(cell.text) { return }
            let before = field.value.xmlText.map { $0 + " " } ?? ""
            let text = ValueParsing.foldWhitespace(before + cell.text)
            field.value = text.isEmpty ? field.value : .string(text)
            field.footnoteIds += cell.footnoteIds.filter { !field.footnoteIds.contains($0) }
            // Read across a page break: a little less certain than a cell read in one piece.
            field.confidence *= 0.95
        }
        var row = table[table.count - 1]
        extend(&row.securityTitle, ending[ColumnName.title])
        extend(&row.natureOfOwnership, ending[ColumnName.nature])
        if row.underlyingSecurityTitle != nil { extend(&row.underlyingSecurityTitle!, ending[ColumnName.underlyingTitle]) }
        table[table.count - 1] = row
    }

    /// Joint filings: owners after the first are listed below the tables, each in a row with a
    /// name-and-address cell and a relationship cell.
    private func additionalOwners(on page: FormPage, after top: Double) -> [ReportingOwner] {
        let area = Rect(x0: page.bounds.x0, y0: top, x1: page.bounds.x1, y1: page.bounds.y1)
        let labels = page.all(FormLabels.nameAndAddress, in: area)
        guard !labels.isEmpty else { return [] }
        let end = page.trailerStart()?.top ?? page.first(FormLabels.signature)?.rect.y0 ?? page.bounds.y1
        let reader = OwnerReader(page: page)
        let owners = labels.enumerated().map { index, label in
            let bottom = index + 1 < labels.count ? labels[index + 1].rect.y0 : end
            // Beside the name's label, or lower down in the row where a print centres the cell.
            let beside = Rect(x0: label.rect.x1, y0: label.rect.y0 - page.unit, x1: page.bounds.x1, y1: bottom)
            let cell = Self.relationshipCell(in: beside, on: page)
            let split = (cell?.x0 ?? page.bounds.midX) - page.unit * 0.5
            let nameRegion = Rect(x0: page.bounds.x0, y0: label.rect.y0, x1: split, y1: bottom)
            let relationshipRegion = cell.map { Rect(x0: split, y0: $0.y0, x1: page.bounds.x1, y1: bottom) }
            return (label: label, nameRegion: nameRegion,
                    relationship: relationshipRegion.map { (region: $0, boxes: reader.relationshipBoxes(in: $0)) })
        }
        // Every owner's checkboxes are announced before the first is looked at: one render of
        // the page draws them all.
        page.expectInk(in: owners.flatMap { $0.relationship?.boxes.areas ?? [] })
        return owners.map { reader.read(nameLabel: $0.label, nameRegion: $0.nameRegion, relationship: $0.relationship) }
    }
}

extension FormReader {
    /// Where an additional owner's relationship cell begins in `area` (its left edge and the top
    /// of its checkboxes): under its label, or, where OCR wrecked that ("1. Bynatoe Relationship
    /// of Reporting Scat Person(s) iciner to Issuer"), at the checkboxes' own labels, the
    /// leftmost of which has its box in front of it. Nil where neither was found.
    static func relationshipCell(in area: Rect, on page: FormPage) -> (x0: Double, y0: Double)? {
        if let label = page.first(FormLabels.additionalRelationship, in: area) { return (label.rect.x0, label.rect.y1) }
        let boxLabels = [FormLabels.director, FormLabels.tenPercentOwner, FormLabels.officer, FormLabels.other]
            .compactMap { page.topMost($0, in: area) }
        guard let left = boxLabels.map(\.rect.x0).min(), let top = boxLabels.map(\.rect.y0).min() else { return nil }
        return (left - page.unit * FormReaderSettings.checkboxCellUnits, top - page.unit)
    }
}

/// The settings of `FormReader`.
enum FormReaderSettings {
    /// How far (× the page's line unit) left of the leftmost checkbox label a relationship cell
    /// found by those labels begins: the checkbox's own narrow cell stands in front of it.
    static let checkboxCellUnits = 4.0
}

/// Where the two tables stand on a page, from their titles (repeated on continued pages) down
/// to the next section.
struct SectionBounds {
    var tableI: (top: Double, bottom: Double)?
    var tableII: (top: Double, bottom: Double)?
    /// Bottom of the last table on the page.
    var tablesEnd: Double?
    /// Where the page's first section (a table's title, the footnotes, the signatures, an
    /// additional owner) begins: what stands above it carries on the page before.
    var firstSectionTop: Double

    init(page: FormPage) {
        let tableIITitle = page.first(FormLabels.tableII)
        // Table I comes before Table II: a "title" found below Table II's is a damaged line of
        // its header ("Number of Derivative Securities").
        var tableITitle = page.first(FormLabels.tableI)
        if let one = tableITitle, let two = tableIITitle, one.rect.y0 > two.rect.y0 { tableITitle = nil }
        let ends = [
            page.trailerStart()?.top,
            page.first(FormLabels.remarks)?.rect.y0,
            page.first(FormLabels.signature)?.rect.y0,
            page.first(FormLabels.reminder)?.rect.y0,
        ].compactMap { $0 }
        // Additional reporting persons follow the tables; their labels also end a table.
        let ownerLabels = page.all(FormLabels.nameAndAddress).map(\.rect.y0)
        func end(after top: Double) -> Double {
            (ends + ownerLabels + [tableIITitle?.rect.y0].compactMap { $0 }).filter { $0 > top + 1 }.min() ?? page.bounds.y1
        }
        firstSectionTop = (ends + ownerLabels + [tableITitle?.rect.y0, tableIITitle?.rect.y0].compactMap { $0 }).min() ?? page.bounds.y1
        if let title = tableITitle {
            tableI = (title.rect.y1, end(after: title.rect.y1))
        }
        if let title = tableIITitle {
            tableII = (title.rect.y1, end(after: title.rect.y1))
        }
        tablesEnd = [tableI?.bottom, tableII?.bottom].compactMap { $0 }.max()
        if let end = tablesEnd, let top = [tableI?.top, tableII?.top].compactMap({ $0 }).min() {
            tablesEnd = max(end, top)
            // The owners section begins at the first owner label below the tables.
            if let ownerTop = ownerLabels.filter({ $0 > top }).min() { tablesEnd = ownerTop - 0.5 }
        }
    }
}
