import Layout
import PDFText

/// Reads Table I or Table II on one page: finds the column headings where they actually stand,
/// derives the columns from them, groups the body's words into rows and the rows' cells into fields.
struct TableReader {
    enum Kind { case nonDerivative, derivative }

    let page: FormPage
    let kind: Kind
    var rowGrouping = RowGrouping()
    /// How far below the top of the column headings their last row may stand (× line height).
    var headerDepth: Double = 30

    var anatomy: [ColumnHeading] { kind == .derivative ? TableAnatomy.derivative : TableAnatomy.nonDerivative }

    /// Where a table's columns stand: read from its headings, and kept for a following page
    /// where the rows go on without them (printers that do not repeat a table's header).
    struct Layout {
        let kind: Kind
        let columns: ColumnSet
        /// The page width the columns were measured on.
        let pageWidth: Double
        /// The first column cut off at the page's edge, if any.
        let offPageFrom: Int?
        /// From the top of the column headings to the end of the header: a page whose OCR
        /// damaged the same header has it as deep.
        let headerDepth: Double
    }

    /// Reads the table's rows between `top` (its title, or the page top on a continued page)
    /// and `bottom` (the next section).
    func readRows(top: Double, bottom: Double) -> [TableRow] { read(top: top, bottom: bottom).rows }

    /// The rows, and the columns they were read with (nil when the headings were not found).
    func read(top: Double, bottom: Double) -> (rows: [TableRow], layout: Layout?) {
        guard let (layout, headerBottom) = header(top: top, bottom: bottom) else { return ([], nil) }
        // A table without rows: what lies below its header (a rule, the next table's title) is
        // no part of it.
        let rows = headerBottom < bottom
            ? readBody(top: headerBottom + 0.01, bottom: bottom, columns: layout.columns, offPageFrom: layout.offPageFrom) : []
        return (rows, layout)
    }

    /// The rows of a table whose headings OCR damaged past reading on this page, read with the
    /// columns the same table has on another page of the form (`layout`): from below the
    /// headings that were found, as deep as the header the columns came from, and the lines
    /// after that which spell heading text.
    func readWithBorrowedColumns(_ layout: Layout, top: Double, bottom: Double) -> [TableRow] {
        let region = Rect(x0: page.bounds.x0, y0: top, x1: page.bounds.x1, y1: min(bottom, top + page.unit * headerDepth))
        let found = anatomy.compactMap { page.first($0.label, in: region)?.rect }
        let headingsEnd = max(found.map(\.y1).max() ?? top, headerEnd(borrowed: layout, headings: found, bottom: bottom))
        let start = belowRepeatedHeadings(from: headingsEnd, to: bottom)
        return readContinued(layout, top: start, bottom: nextHeader(below: start, above: bottom) ?? bottom).rows
    }

    /// Where a header whose headings OCR damaged ends, from the depth of the header its columns
    /// were borrowed from (`layout`): lines of it garbled past spelling heading text ("Code V
    /// (A)(0) Brercisable Bate”") are no rows, and its last sub-headings ("of Shares") no next
    /// table. A line that begins above that depth ends there; none holding a value (`isValue`)
    /// does: the top-most heading may be the one lost, which puts the depth too low.
    private func headerEnd(borrowed layout: Layout, headings: [Rect], bottom: Double) -> Double {
        guard let headingTop = headings.map(\.y0).min() else { return 0 }
        let lines = page.text.lines.filter { $0.rect.y0 >= headingTop - page.unit * 0.5 && $0.rect.y1 <= bottom }
        let firstValues = lines.filter { $0.words.contains { Self.isValue($0.text) } }.map(\.rect.y0).min() ?? bottom
        let depth = headingTop + layout.headerDepth
        let end = lines.filter { $0.rect.y0 < depth - page.unit * 0.5 }.map(\.rect.y1).max() ?? depth
        return min(end, firstValues)
    }

    /// Where another header begins between `top` and `bottom` (the other table's, under a title
    /// OCR lost): a line spelling heading text, or two of the other table's headings found.
    private func nextHeader(below top: Double, above bottom: Double) -> Double? {
        let vocabulary = TableAnatomy.nonDerivativeHeaderWords.union(TableAnatomy.derivativeHeaderWords)
        let headingLine = page.text.lines
            .filter { $0.rect.y0 > top && $0.rect.y1 <= bottom && Self.spellsHeadingText($0.words.map(\.text), vocabulary: vocabulary) }
            .map(\.rect.y0).min()
        let region = Rect(x0: page.bounds.x0, y0: top, x1: page.bounds.x1, y1: bottom)
        let other = TableReader(page: page, kind: kind == .derivative ? .nonDerivative : .derivative)
        let otherHeadings = other.anatomy.compactMap { page.first($0.label, in: region)?.rect.y0 }.sorted()
        let otherHeader = otherHeadings.count >= 2 ? otherHeadings.first : nil
        return [headingLine, otherHeader].compactMap { $0 }.min()
    }

    /// The table's columns from its headings between `top` and `bottom`, and where its header
    /// ends; nil when most headings were not found.
    func header(top: Double, bottom: Double) -> (layout: Layout, headerBottom: Double)? {
        let unit = page.unit
        let region = Rect(x0: page.bounds.x0, y0: top, x1: page.bounds.x1, y1: bottom)
        var headings: [(name: String, rect: Rect)] = []
        var matches: [String: LabelMatch] = [:]
        for heading in anatomy {
            guard let match = page.first(heading.label, in: region) else { continue }
            headings.append((heading.name, match.rect))
            matches[heading.name] = match
        }
        headings = Self.inColumnOrder(headings, order: anatomy.map(\.name), scores: matches.mapValues(\.score))
        recoverMissingHeadings(&headings, region: region)
        // Without most of its headings this is not the table (or too damaged to read safely).
        guard headings.count >= anatomy.count - 2 else { return nil }
        let headingTop = headings.map(\.rect.y0).min() ?? top
        var columns = ColumnSet.fromLeftAlignedHeadings(headings, tableLeft: page.bounds.x0,
                                                        tableRight: page.bounds.x1, padding: unit * 0.5)
        var headerBottom = headings.map { $0.rect.y1 }.max() ?? top
        let kept = Set(headings.map(\.name))
        let headingWords = Set(matches.filter { kept.contains($0.key) }.values.flatMap(\.wordIndices))
        let subheadings = locateSubheadings(columns: columns, headingTop: headingTop, bottom: bottom, headingWords: headingWords)
        for heading in anatomy where !heading.subheadings.isEmpty {
            guard let parent = columns.column(named: heading.name) else { continue }
            let found = heading.subheadings.compactMap { sub in subheadings[sub.name].map { (sub.name, $0.rect) } }
            headerBottom = max(headerBottom, found.map(\.1.y1).max() ?? headerBottom)
            let parts = Self.fillingGaps(heading.subheadings.map(\.name), found: subheadings.mapValues(\.rect), parent: parent,
                                         shares: heading.subcolumnShares)
            // Where the first sub-heading starts at the parent heading's left edge, the
            // sub-headings are left-aligned in their cells; otherwise centred.
            let parentLeft = headings.first { $0.name == heading.name }?.rect.x0 ?? parent.x0
            let firstFound = heading.subheadings.lazy.compactMap { subheadings[$0.name]?.rect }.first
            if parts.count > 1, let first = firstFound, heading.subheadings.first.map({ subheadings[$0.name] != nil }) == true,
               abs(first.x0 - parentLeft) <= unit * 0.3 {
                columns.split(heading.name, intoLeftAligned: parts, padding: unit * 0.5)
            } else {
                columns.split(heading.name, intoCentered: parts)
            }
        }
        // On a scan the header ends at the rule drawn under it: OCR boxes of the first row may
        // touch the header's last line, which following the lines would swallow.
        // A rule with a row of values above it is that row's: the header's own rule was too
        // faint to find.
        if let rule = page.ruleBelow(headerBottom - unit * 0.3, within: unit * 2.5),
           !holdsValues(Rect(x0: page.bounds.x0, y0: headerBottom, x1: page.bounds.x1, y1: rule)) {
            headerBottom = rule
        } else {
            headerBottom = extendHeader(from: headerBottom, top: headingTop, bottom: bottom)
        }
        // OCR may drop the sub-headings the header's end is found from ("Code", "V", "(A)", "Title"):
        // lines that go on spelling the form's printed column headings still belong to the header.
        if page.source != .native {
            headerBottom = extendThroughHeadingText(from: headerBottom, limit: min(bottom, headingTop + unit * headerDepth))
        }

        // A header running into the paper's right edge was printed wider than the page: the
        // columns from the first cut-off heading on lost what stood beyond the edge.
        let cutOffHeading = page.words(in: Rect(x0: page.bounds.x0, y0: headingTop, x1: page.bounds.x1, y1: headerBottom))
            .filter { $0.rect.x1 >= page.bounds.x1 - FieldBuilder.pageEdgeMargin }.map(\.rect.midX).min()
        let offPageFrom = cutOffHeading.flatMap { columns.index(for: Rect(x0: $0, y0: headingTop, x1: $0, y1: headingTop)) }
        return (Layout(kind: kind, columns: columns, pageWidth: page.bounds.width, offPageFrom: offPageFrom,
                       headerDepth: headerBottom - headingTop), headerBottom)
    }

    /// Rows at the top of a page that carry on a table from the page before, under no header
    /// of their own: read with that page's columns, down to the first prose or section.
    ///
    /// A page break may cut through a row: the lines of its wrapped cells that went over stand
    /// above the page's first values, and are returned (by column name) to finish that row.
    func readContinued(_ layout: Layout, top: Double, bottom: Double) -> (rows: [TableRow], endOfLastRow: [String: CellText]) {
        guard abs(layout.pageWidth - page.bounds.width) < 1 else { return ([], [:]) }
        let top = belowRepeatedHeadings(from: top, to: bottom)
        var wordsByColumn = columnWords(top: top, bottom: bottom, columns: layout.columns)
        let wrapping = wrappingIndices(layout.columns)
        var endOfLastRow: [String: CellText] = [:]
        let firstValue = wordsByColumn.indices.filter { !wrapping.contains($0) }.flatMap { wordsByColumn[$0] }.min { $0.rect.y0 < $1.rect.y0 }
        // Above the band of the first values (all of it when the page holds no values).
        let firstRowTop = firstValue.flatMap { value in
            rowGrouping.rowBands(wordsByColumn: wordsByColumn).first { value.rect.midY >= $0.y0 && value.rect.midY <= $0.y1 }?.y0
        } ?? .infinity
        if page.source == .native {
            for column in wrapping {
                let carried = wordsByColumn[column].filter { $0.rect.midY < firstRowTop }
                guard !carried.isEmpty else { continue }
                wordsByColumn[column].removeAll { $0.rect.midY < firstRowTop }
                endOfLastRow[layout.columns.columns[column].name] = CellText(words: carried)
            }
        }
        return (rows(wordsByColumn, columns: layout.columns, offPageFrom: layout.offPageFrom), endOfLastRow)
    }

    /// Below the column headings a continued page may print after all, under a title its OCR
    /// lost: the lines at the top that spell heading text, one after another, are no rows.
    private func belowRepeatedHeadings(from top: Double, to bottom: Double) -> Double {
        let vocabulary = kind == .derivative ? TableAnatomy.derivativeHeaderWords : TableAnatomy.nonDerivativeHeaderWords
        var headerBottom = top
        for line in page.text.lines.filter({ $0.rect.y0 >= top && $0.rect.y1 <= bottom }).sorted(by: { $0.rect.y0 < $1.rect.y0 }) {
            guard Self.spellsHeadingText(line.words.map(\.text), vocabulary: vocabulary) else { break }
            headerBottom = line.rect.y1
        }
        return headerBottom
    }

    private func readBody(top: Double, bottom: Double, columns: ColumnSet, offPageFrom: Int?) -> [TableRow] {
        rows(columnWords(top: top, bottom: bottom, columns: columns), columns: columns, offPageFrom: offPageFrom)
    }

    private func wrappingIndices(_ columns: ColumnSet) -> Set<Int> {
        Set(columns.columns.indices.filter { Self.wrappingColumns.contains(columns.columns[$0].name) })
    }

    /// The table body's words between `top` and `bottom` (or where prose begins), by column.
    private func columnWords(top: Double, bottom: Double, columns: ColumnSet) -> [[Word]] {
        let bodyBottom = proseStart(below: top, above: bottom) ?? bottom
        let body = page.words(in: Rect(x0: page.bounds.x0, y0: top, x1: page.bounds.x1, y1: bodyBottom))
        var wordsByColumn = [[Word]](repeating: [], count: columns.columns.count)
        for (position, word) in body.enumerated() {
            // A footnote marker belongs to the value it follows, even where it pokes into the next column.
            let anchor = isMarker(word) ? markedWord(of: position, in: body, columns: columns) ?? word : word
            if let index = columns.index(for: anchor.rect) { wordsByColumn[index].append(word) }
        }
        return wordsByColumn
    }

    private func rows(_ wordsByColumn: [[Word]], columns: ColumnSet, offPageFrom: Int?) -> [TableRow] {
        // On OCR text, rows are anchored on the column every row fills with one line: the
        // amount owned after the transaction (and where OCR lost it, on the other values).
        let anchor = page.source == .native ? nil : columns.columns.firstIndex { $0.name == ColumnName.owned }
        let wrapping = wrappingIndices(columns)
        let grouped = anchor.flatMap { rowAnchors(wordsByColumn, columns: columns, owned: $0) }
            .map { rowGrouping.rowsAround($0, wordsByColumn: wordsByColumn, centredColumns: wrapping) }
            ?? rowGrouping.rows(wordsByColumn: wordsByColumn, anchorColumn: anchor, wrappingColumns: wrapping)
        let (rowsOfWords, ruledBands) = page.source == .native ? (grouped, [])
            : linesMovedByRules(mergedWithinRules(grouped, columns: columns), columns: columns, wrapping: wrapping, anchor: anchor)
        return rowsOfWords.enumerated().map { index, cellsByColumn in
            // The row's height is its tallest cell's, inside its rules where the scan shows them;
            // each cell is its column's span of it.
            let extent = cellsByColumn.lazy.flatMap { $0 }.map(\.rect).unionAll()
            var top = (extent?.y0 ?? 0) - 1, low = (extent?.y1 ?? 0) + 1
            if index < ruledBands.count, let band = ruledBands[index], band.y0 < low, band.y1 > top {
                (top, low) = (max(top, band.y0 - 1), min(low, band.y1 + 1))
            }
            var cells: [String: CellText] = [:]
            cells.reserveCapacity(columns.columns.count)
            for (index, column) in columns.columns.enumerated() {
                var cell = CellText(words: cellsByColumn[index])
                cell.region = Rect(x0: column.x0 + 1.5, y0: top, x1: column.x1 - 1.5, y1: low)
                cell.offPage = offPageFrom.map { index >= $0 } ?? false
                cells[column.name] = cell
            }
            return makeRow(cells)
        }
    }

    /// On a scan, a wrapped cell's line dealt to one row that stands between the rules of the
    /// next or previous row goes to that row ("Class B Common Stock" over the first line of the
    /// next row's "American Depositary Shares, each / representing two Ordinary Shares"): the
    /// rules the image shows are firmer evidence than where a cell's middle stands. Each row's
    /// rules are found around its one-line values (the anchor column first); a line is moved only
    /// where its middle stands inside the other row's rules and `ruledLineMargin` units or more
    /// outside its own row's.
    private func linesMovedByRules(_ rows: [[[Word]]], columns: ColumnSet, wrapping: Set<Int>,
                                   anchor: Int?) -> (rows: [[[Word]]], bands: [(y0: Double, y1: Double)?]) {
        guard rows.count >= 2, !wrapping.isEmpty else { return (rows, []) }
        let bands: [(y0: Double, y1: Double)?] = rows.indices.map { index in
            let candidates = (anchor.map { [$0] } ?? []) + rows[index].indices.filter { !wrapping.contains($0) }
            guard let column = candidates.first(where: { !rows[index][$0].isEmpty }),
                  let text = rows[index][column].map(\.rect).unionAll() else { return nil }
            let region = Rect(x0: columns.columns[column].x0 + 1.5, y0: text.y0, x1: columns.columns[column].x1 - 1.5, y1: text.y1)
            return page.ruledRowBand(region, text: text)
        }
        let margin = page.unit * Self.ruledLineMargin
        func stands(_ y: Double, in band: (y0: Double, y1: Double)?, within: Double) -> Bool {
            band.map { y > $0.y0 - within && y < $0.y1 + within } ?? false
        }
        var moved = rows
        for column in wrapping.sorted() {
            for index in rows.indices {
                for line in rowGrouping.lineGrouping.lines(from: rows[index][column]) {
                    let middle = line.rect.midY
                    guard bands[index] != nil, !stands(middle, in: bands[index], within: margin),
                          let target = [index - 1, index + 1].first(where: { rows.indices.contains($0) && stands(middle, in: bands[$0], within: 0) }) else { continue }
                    let words = Set(line.words.map(\.rect))
                    moved[index][column].removeAll { words.contains($0.rect) }
                    moved[target][column] += line.words
                }
            }
        }
        return (moved, bands)
    }

    /// How far outside its row's rules (in units) a line's middle must stand to be moved.
    static let ruledLineMargin = 0.2

    /// On a scan, rows the text's lines made of one ruled table row (OCR left a row's values on
    /// two lines, and set a wrapped title's first line apart, with nothing in the amount column
    /// to anchor it): consecutive rows whose words stand between the same two horizontal rules,
    /// with no other row's words there, are one row.
    private func mergedWithinRules(_ rows: [[[Word]]], columns: ColumnSet) -> [[[Word]]] {
        guard rows.count >= 2 else { return rows }
        let extents = rows.map { $0.lazy.flatMap { $0 }.map(\.rect).unionAll() }
        let bands: [(y0: Double, y1: Double)?] = rows.indices.map { index in
            guard let extent = extents[index],
                  let column = rows[index].indices.first(where: { !rows[index][$0].isEmpty }) else { return nil }
            let region = Rect(x0: columns.columns[column].x0 + 1.5, y0: extent.y0, x1: columns.columns[column].x1 - 1.5, y1: extent.y1)
            return page.ruledRowBand(region, text: rows[index][column].map(\.rect).unionAll())
        }
        let tolerance = page.unit * 0.5
        var merged: [[[Word]]] = [rows[0]]
        for index in rows.indices.dropFirst() {
            if let band = bands[index], let before = bands[index - 1],
               abs(band.y0 - before.y0) < tolerance, abs(band.y1 - before.y1) < tolerance,
               !extents.indices.contains(where: { other in
                   other != index && other != index - 1 && (extents[other].map { $0.y1 > band.y0 && $0.y0 < band.y1 } ?? false)
               }) {
                merged[merged.count - 1] = zip(merged[merged.count - 1], rows[index]).map { $0 + $1 }
            } else {
                merged.append(rows[index])
            }
        }
        return merged
    }

    /// Columns of running text, whose cells wrap in narrow prints; the others hold one value
    /// (a date, a code, an amount) that stands on one line.
    static let wrappingColumns: Set<String> = [ColumnName.title, ColumnName.nature, ColumnName.underlyingTitle]

    /// Where running text begins below the table when the label that ends it ("Explanation of
    /// Responses") was not found: a line of words running on, with only word spaces between
    /// them, across most of the page. Table rows have wide gaps between their cells.
    private func proseStart(below top: Double, above bottom: Double) -> Double? {
        let width = page.bounds.width
        for line in page.text.lines where line.rect.y0 > top && line.rect.y1 <= bottom + 0.1 {
            guard line.rect.width > width * 0.5, line.words.count >= 8 else { continue }
            let gaps = zip(line.words, line.words.dropFirst()).map { $1.rect.x0 - $0.rect.x1 }
            if (gaps.max() ?? 0) < page.unit * 2 { return line.rect.y0 - 0.5 }
        }
        return nil
    }

    /// A heading damaged beyond recognition (OCR), or cut short at the page's edge (a print
    /// wider than its paper), can still be placed by its number ("2.", "2A.", "10."): it starts
    /// the heading's first line, which stands with the other headings' first lines (in one row,
    /// or centred on one, as HTML prints do), between its neighbours' columns.
    private func recoverMissingHeadings(_ headings: inout [(name: String, rect: Rect)], region: Rect) {
        guard !headings.isEmpty, headings.count < anatomy.count else { return }
        let tops = headings.map(\.rect.y0).sorted()
        let rowTop = tops[tops.count / 2]
        let band = Rect(x0: region.x0, y0: tops[0] - page.unit * 0.6, x1: region.x1, y1: tops[tops.count - 1] + page.unit * 1.2)
        let bandWords = page.words(in: band)
        let found = headings
        // How sure each heading is: found by its label, or only by its number (printed as "4."
        // it is likelier a heading's than "3," of an "(Instr. 3, 4 and 5)").
        var scores = Dictionary(found.map { ($0.name, 1.0) }, uniquingKeysWith: max)
        for (index, heading) in anatomy.enumerated() where !headings.contains(where: { $0.name == heading.name }) {
            guard let number = heading.label.text.split(separator: " ").first.map({ Self.numberCore(String($0)) }) else { continue }
            let leftLimit = anatomy[..<index].reversed().lazy.compactMap { left in found.first { $0.name == left.name }?.rect.x1 }.first ?? region.x0
            let rightLimit = anatomy[(index + 1)...].lazy.compactMap { right in found.first { $0.name == right.name }?.rect.x0 }.first ?? region.x1
            let candidates = bandWords.filter {
                Self.numberCore($0.text) == number && $0.rect.x0 >= leftLimit - page.unit && $0.rect.x1 <= rightLimit + page.unit
                    && !isInstructionReference($0, among: bandWords)
            }
            // Closest to the headings' row: a number further down is more likely part of a note.
            guard let word = candidates.min(by: { abs($0.rect.y0 - rowTop) < abs($1.rect.y0 - rowTop) }) else { continue }
            headings.append((heading.name, word.rect))
            scores[heading.name] = word.text.hasSuffix(".") ? 0.6 : 0.4
        }
        // Numbers found each between the labels found: two of them may still stand out of
        // order, and the likelier heading's stays (the other is placed as a lost one, below).
        headings = Self.inColumnOrder(headings, order: anatomy.map(\.name), scores: scores)
        placeAtRules(&headings, rowTop: rowTop)
        placeCutOffLastHeading(&headings, band: band)
        // The first column (the security's title) starts at the table's left edge.
        if let first = anatomy.first, !headings.contains(where: { $0.name == first.name }) {
            let left = page.words(in: Rect(x0: region.x0, y0: rowTop - page.unit, x1: region.x1, y1: region.y1))
                .map(\.rect.x0).min() ?? region.x0
            headings.append((first.name, Rect(x0: left, y0: rowTop, x1: left + 1, y1: rowTop + page.unit)))
        }
        // A heading still missing between two found neighbours stands where the form's layout
        // puts it between them (`ColumnHeading.typicalLeft`): columns keep their proportions
        // whatever the paper and scale, and are far from equal ("4. Securities Acquired" stands
        // under a third of the way from "3. Transaction Code" to "5. Amount of Securities").
        // Never right of the gap's middle: values stand at their column's left edge, and a
        // boundary placed right of it would give them to the column before.
        for (index, heading) in anatomy.enumerated() where !headings.contains(where: { $0.name == heading.name }) {
            guard index > 0, index + 1 < anatomy.count,
                  let left = headings.first(where: { $0.name == anatomy[index - 1].name }),
                  let right = headings.first(where: { $0.name == anatomy[index + 1].name }), left.rect.x0 < right.rect.x0 else { continue }
            let share = TableAnatomy.shareOfGap(heading, between: anatomy[index - 1], and: anatomy[index + 1])
            let x = left.rect.x0 + (right.rect.x0 - left.rect.x0) * min(share, 0.5)
            headings.append((heading.name, Rect(x0: x, y0: left.rect.y0, x1: x + 1, y1: left.rect.y1)))
        }
        headings.sort { $0.rect.x0 < $1.rect.x0 }
    }

    /// Whether `word`, a bare number, is one of a heading's instruction references ("(Instr.
    /// 3, 4 and 5)"): a number with a comma before it or "and" after it on its line. Taken for
    /// a lost heading's number ("4."), it would put that column where the reference stands.
    private func isInstructionReference(_ word: Word, among words: [Word]) -> Bool {
        guard !word.text.hasSuffix(".") else { return false }
        let sameLine = words.filter { abs($0.rect.midY - word.rect.midY) < page.unit * 0.5 }
        let before = sameLine.filter { $0.rect.x1 <= word.rect.x0 + 0.5 }.max { $0.rect.x1 < $1.rect.x1 }
        let after = sameLine.filter { $0.rect.x0 >= word.rect.x1 - 0.5 }.min { $0.rect.x0 < $1.rect.x0 }
        let numberBefore = before.map { $0.text.hasSuffix(",") && $0.text.dropLast().allSatisfy(\.isNumber) } ?? false
        let andAfter = after.map { ["and", "&"].contains($0.text.lowercased()) } ?? false
        return numberBefore || andAfter || word.text.hasSuffix(",")
    }

    /// A table printed wider than the paper loses its last heading over the page's edge (and
    /// on a scan OCR makes little of what is left of it). Where the last heading is missing and
    /// header words right of the last found heading run to the edge, the lost heading's column
    /// begins at the first of them: its cells are then known to be cut off, not merged into
    /// their neighbour's.
    /// On a scan, OCR may also lose the last heading's label on a page it fits: where the
    /// heading before it was found and header words stand beyond that on two lines or more
    /// (what OCR kept of the lost heading, "(Instr. 4)"), the lost column begins there too.
    private func placeCutOffLastHeading(_ headings: inout [(name: String, rect: Rect)], band: Rect) {
        guard let last = anatomy.last, !headings.contains(where: { $0.name == last.name }),
              let lastFound = headings.max(by: { $0.rect.x1 < $1.rect.x1 }) else { return }
        let edge = page.bounds.x1 - (page.source == .native ? FieldBuilder.pageEdgeMargin : page.unit * 1.5)
        let beyond = page.words(in: band).filter { $0.rect.x0 > lastFound.rect.x1 + page.unit * 0.5 }
        guard let left = beyond.map(\.rect.x0).min() else { return }
        let cutOff = beyond.contains { $0.rect.x1 >= edge }
        let lostOnScan = page.source != .native && lastFound.name == anatomy[anatomy.count - 2].name
            && LineGrouping().lines(from: beyond).count >= 2
        guard cutOff || lostOnScan else { return }
        headings.append((last.name, Rect(x0: left, y0: lastFound.rect.y0, x1: left + 1, y1: lastFound.rect.y1)))
    }

    /// The largest set of found headings that stand left to right in the table's order (the best
    /// matched where sets tie). A damaged heading found in another column's words ("Price of
    /// Derivative" in column 2's "Exercise Price of Derivative Security") stands out of order: it
    /// is dropped, and its column found like any other lost heading's.
    static func inColumnOrder(_ headings: [(name: String, rect: Rect)], order: [String],
                              scores: [String: Double]) -> [(name: String, rect: Rect)] {
        let ranked = headings.compactMap { heading in order.firstIndex(of: heading.name).map { (rank: $0, heading: heading) } }
            .sorted { $0.rank < $1.rank }
        guard ranked.count > 1 else { return headings }
        // best[i]: the largest (count, total score) of an ordered set ending in heading i.
        var best: [(count: Int, score: Double, previous: Int?)] = []
        for (i, item) in ranked.enumerated() {
            var chosen = (count: 1, score: scores[item.heading.name] ?? 1, previous: Int?.none)
            for j in 0..<i where ranked[j].rank < item.rank && ranked[j].heading.rect.x0 < item.heading.rect.x0 {
                let candidate = (count: best[j].count + 1, score: best[j].score + (scores[item.heading.name] ?? 1))
                if (candidate.count, candidate.score) > (chosen.count, chosen.score) {
                    chosen = (candidate.count, candidate.score, j)
                }
            }
            best.append(chosen)
        }
        var index = best.indices.max { (best[$0].count, best[$0].score) < (best[$1].count, best[$1].score) }
        var kept: [(name: String, rect: Rect)] = []
        while let current = index {
            kept.append(ranked[current].heading)
            index = best[current].previous
        }
        return kept.reversed()
    }

    /// On a ruled scan, headings lost to OCR between two found ones are placed by the rules
    /// between those: a heading's cell begins at a rule running down through the headings' first
    /// lines (sub-columns' rules begin lower). Only where the rules are exactly as many as the
    /// cells in the gap (the missing headings' and the right neighbour's left edges).
    private func placeAtRules(_ headings: inout [(name: String, rect: Rect)], rowTop: Double) {
        let unit = page.unit
        let found = Dictionary(headings.map { ($0.name, $0.rect) }, uniquingKeysWith: { first, _ in first })
        let foundIndices = anatomy.indices.filter { found[anatomy[$0].name] != nil }
        for (leftIndex, rightIndex) in zip(foundIndices, foundIndices.dropFirst()) where rightIndex - leftIndex > 1 {
            let left = found[anatomy[leftIndex].name]!, right = found[anatomy[rightIndex].name]!
            guard right.x0 - left.x0 > unit * 2 else { continue }
            let band = Rect(x0: left.x0 + unit * 0.5, y0: rowTop - unit * 0.3, x1: right.x0 - unit * 0.1, y1: rowTop + unit * 2)
            let rules = page.verticalRules(across: band)
            let missing = Array(anatomy[(leftIndex + 1)..<rightIndex])
            guard rules.count == missing.count + 1 else { continue }
            for (heading, rule) in zip(missing, rules) {
                let x = rule + unit * 0.3
                headings.append((heading.name, Rect(x0: x, y0: left.y0, x1: x + 1, y1: left.y1)))
            }
        }
    }

    /// The number of a numbered heading as OCR may have left it: "4," "2.7" "5.A" are 4, 2 and
    /// 5; "2A." is 2A. Empty for words that do not start with a digit.
    static func numberCore(_ word: String) -> String {
        guard word.first?.isNumber == true else { return "" }
        var core = ""
        var rest = Substring(word)
        while let character = rest.first, character.isNumber { core.append(character); rest = rest.dropFirst() }
        // One letter right after the digits belongs to the number ("2A", "3A").
        if let letter = rest.first, letter.isLetter, rest.dropFirst().first.map({ !$0.isLetter }) ?? true {
            core.append(Character(letter.uppercased()))
            rest = rest.dropFirst()
        }
        // A heading number ends with its point (or what OCR made of it); "3)" ends "(Instr. 3)".
        guard let next = rest.first else { return core }
        return [".", ",", ":", ";"].contains(next) ? core : ""
    }

    /// Sub-columns whose heading was not found (OCR damage) still exist: the missing ones between
    /// two found neighbours (or a neighbour and the parent's edge) share that gap out by their
    /// `shares` (evenly by default), each centred in its part; one alone stands halfway.
    /// With none found, the parent is shared out the same way.
    static func fillingGaps(_ names: [String], found: [String: Rect], parent: Column,
                            shares: [Double]? = nil) -> [(name: String, rect: Rect)] {
        guard names.contains(where: { found[$0] != nil }) else {
            let shares = shares?.count == names.count ? shares! : names.map { _ in 1.0 }
            let unit = (parent.x1 - parent.x0) / max(shares.reduce(0, +), 1)
            var left = parent.x0
            return zip(names, shares).map { name, share in
                defer { left += unit * share }
                return (name, Rect(x0: left, y0: 0, x1: left + unit * share, y1: 0))
            }
        }
        let weights = shares?.count == names.count ? shares! : names.map { _ in 1.0 }
        return names.enumerated().map { index, name in
            if let rect = found[name] { return (name, rect) }
            let beforeIndex = names[..<index].lastIndex { found[$0] != nil }
            let afterIndex = names[(index + 1)...].firstIndex { found[$0] != nil }
            let before = beforeIndex.map { found[names[$0]]! }, after = afterIndex.map { found[names[$0]]! }
            let left = before?.x1 ?? parent.x0, right = after?.x0 ?? parent.x1
            // This one's part of the gap it shares with the other missing ones beside it.
            let run = ((beforeIndex ?? -1) + 1)..<(afterIndex ?? names.count)
            let total = run.map { weights[$0] }.reduce(0, +)
            let preceding = run.prefix { $0 < index }.map { weights[$0] }.reduce(0, +)
            let centre = left + (right - left) * (preceding + weights[index] / 2) / max(total, 1e-9)
            let y = (before ?? after)!
            return (name, Rect(x0: centre - 0.5, y0: y.y0, x1: centre + 0.5, y1: y.y1))
        }
    }

    /// Sub-headings ("Code", "V", "Amount", "(A)") stand together in the header's last row.
    /// Their words may also occur higher up, in the parent heading ("Date Exercisable and
    /// Expiration Date"), and lower down, in body cells (a "V"): the row is found from the
    /// longer sub-headings' lowest places, then each sub-heading is taken from that row. Words of
    /// the headings themselves (`headingWords`) are never a sub-heading: where OCR lost the
    /// sub-headings' row, "Expiration Date" in the parent heading's second line would otherwise
    /// stand in for its sub-heading, left of "Date Exercisable", and swap the two columns.
    private func locateSubheadings(columns: ColumnSet, headingTop: Double, bottom: Double, headingWords: Set<Int>) -> [String: LabelMatch] {
        let unit = page.unit
        var candidates: [String: [LabelMatch]] = [:]
        var anchors: [Double] = []
        for heading in anatomy where !heading.subheadings.isEmpty {
            guard let parent = columns.column(named: heading.name) else { continue }
            let area = Rect(x0: parent.x0, y0: headingTop, x1: parent.x1, y1: min(bottom, headingTop + unit * headerDepth))
            for sub in heading.subheadings {
                let matches = page.all(sub.label, in: area).filter { match in
                    match.score > 0.8 && !match.wordIndices.contains(where: headingWords.contains)
                }
                candidates[sub.name] = matches
                if sub.label.text.count >= 4, let lowest = matches.map(\.rect.y1).max() { anchors.append(lowest) }
            }
        }
        anchors.sort()
        guard !anchors.isEmpty else { return [:] }
        let rowBottom = anchors[anchors.count / 2]
        var chosen: [String: LabelMatch] = [:]
        for (name, matches) in candidates {
            let nearest = matches.min { abs($0.rect.y1 - rowBottom) < abs($1.rect.y1 - rowBottom) }
            guard let nearest, abs(nearest.rect.y1 - rowBottom) <= unit * 4 else { continue }
            // A damaged sub-heading ("(A) Or" without its "(D)") may be matched on into the
            // first row's words: the header still ends with the sub-headings' row.
            var rect = nearest.rect
            if rect.y1 > rowBottom + unit { rect = Rect(x0: rect.x0, y0: rect.y0, x1: rect.x1, y1: max(rect.y0, rowBottom)) }
            chosen[name] = LabelMatch(label: nearest.label, start: nearest.start, wordIndices: nearest.wordIndices,
                                      rect: rect, score: nearest.score)
        }
        for heading in anatomy where !heading.subheadings.isEmpty {
            guard let parent = columns.column(named: heading.name) else { continue }
            // Also where the letter was taken from higher up ("Disposed of (D)" in the heading's
            // own lines): the sub-headings' row is where the sub-heading stands.
            for sub in heading.subheadings where chosen[sub.name].map({ abs($0.rect.y1 - rowBottom) > unit }) ?? true {
                let taken = Set(chosen.filter { $0.key != sub.name }.values.flatMap(\.wordIndices)).union(headingWords)
                if let found = misreadLetterHeading(sub.label, in: parent, rowBottom: rowBottom, excluding: taken) {
                    chosen[sub.name] = found
                }
            }
        }
        return chosen
    }

    /// Letters OCR reads a sub-heading's parenthesised letter as: "(D)" as "(0)" or "(O)".
    static let headingLetterLookAlikes: [Character: Set<Character>] = [
        "D": ["0", "O", "o", "B", "P", "d"], "A": ["4", "a", "R"],
    ]

    /// A parenthesised one-letter sub-heading ("(D)") that OCR read as a look-alike ("(0)"): a
    /// word of just that shape on the sub-headings' row, inside its parent column. Spelled with
    /// one character of three wrong it is no match for the label finder, yet where it stands
    /// and what it looks like tell it apart (a value is no letter in parentheses).
    private func misreadLetterHeading(_ label: Label, in parent: Column, rowBottom: Double,
                                      excluding taken: Set<Int>) -> LabelMatch? {
        let text = Array(label.text)
        guard text.count == 3, text[0] == "(", text[2] == ")", let alikes = Self.headingLetterLookAlikes[text[1]] else { return nil }
        let unit = page.unit
        let candidates = page.words.indices.filter { index in
            let word = page.words[index]
            let chars = Array(word.text)
            guard !taken.contains(index), chars.count == 3, chars[0] == "(", chars[2] == ")", alikes.contains(chars[1]) else { return false }
            return word.rect.midX > parent.x0 && word.rect.midX < parent.x1 && abs(word.rect.y1 - rowBottom) <= unit
        }
        guard let index = candidates.min(by: { abs(page.words[$0].rect.y1 - rowBottom) < abs(page.words[$1].rect.y1 - rowBottom) }) else { return nil }
        let rect = page.words[index].rect
        return LabelMatch(label: label, start: (rect.midX, rect.midY), wordIndices: [index], rect: rect, score: 0.67)
    }

    private func isMarker(_ word: Word) -> Bool {
        let (rest, markers) = CellText.splitTrailingMarkers(word.text)
        return rest.isEmpty && !markers.isEmpty
    }

    /// The value a footnote marker at `position` belongs to, when that is the word before it
    /// in another column: EDGAR sets the marker right after its value, and a value filling its
    /// cell pushes the marker over the column boundary. A marker set apart from the word before
    /// it and standing wholly in its own column is that cell's content (a footnote in place of
    /// a value, in a print whose cells stand close together).
    private func markedWord(of position: Int, in words: [Word], columns: ColumnSet) -> Word? {
        guard let previous = precedingWord(of: position, in: words) else { return nil }
        guard page.source == .native else { return previous }
        let marker = words[position].rect
        let glued = marker.x0 - previous.rect.x1 <= page.unit * 0.15
        let ownColumn = columns.index(for: marker).map { columns.columns[$0] }
        let straddles = ownColumn.map { marker.x0 < $0.x0 } ?? true
        return glued || straddles ? previous : nil
    }

    /// The word right before `position` on its line, if it touches it.
    private func precedingWord(of position: Int, in words: [Word]) -> Word? {
        let marker = words[position].rect
        return words.filter { $0.rect.x1 <= marker.x0 + 0.5 && marker.x0 - $0.rect.x1 < page.unit * 0.6
            && $0.rect.verticalOverlap(marker) > 0 && !isMarker($0) }
            .max { $0.rect.x1 < $1.rect.x1 }
    }

    /// The header ends where the lines stop following each other closely: below it, rows are
    /// separated from the header by cell padding and a rule.
    private func extendHeader(from start: Double, top: Double, bottom: Double) -> Double {
        var headerBottom = start
        let lines = page.text.lines.filter { $0.rect.y0 >= top && $0.rect.y1 <= bottom }
        for line in lines where line.rect.y0 < headerBottom + page.unit * 0.3 && line.rect.y1 > headerBottom {
            // A line still overlapping or touching the header (a long heading's last line).
            // OCR boxes are tight to the ink and rows follow the header closely: there a line must
            // reach well into the header (a box merely touching it is the first row).
            // Native text may leave a hair's gap between a heading's lines where the printer sets
            // generous leading; the first row stands a cell padding and a rule further down.
            let overlap = page.source == .native ? -page.unit * 0.2 : page.unit * 0.25
            // On a scan, a line holding a date or an amount is the first row, however high its
            // boxes reach.
            if page.source != .native, line.words.contains(where: { Self.isValue($0.text) }) { continue }
            if line.rect.y0 <= headerBottom - overlap { headerBottom = max(headerBottom, line.rect.y1) }
        }
        return headerBottom
    }

    /// Below `start`, the lines (each close under the last) that spell the printed column
    /// headings rather than values: the header's end is the last of them.
    /// Whether a band holds a line of the table's values (numbers, not heading text).
    private func holdsValues(_ band: Rect) -> Bool {
        let vocabulary = kind == .derivative ? TableAnatomy.derivativeHeaderWords : TableAnatomy.nonDerivativeHeaderWords
        return LineGrouping().lines(from: page.words(in: band)).contains { line in
            let words = line.words.map(\.text)
            return words.contains { $0.filter(\.isNumber).count >= 2 } && !Self.spellsHeadingText(words, vocabulary: vocabulary)
        }
    }

    private func extendThroughHeadingText(from start: Double, limit: Double) -> Double {
        var headerBottom = start
        let lines = page.text.lines.filter { $0.rect.y1 > start + page.unit * 0.25 && $0.rect.y0 < limit }
            .sorted { $0.rect.y0 < $1.rect.y0 }
        for line in lines {
            if line.rect.midY <= headerBottom { continue }
            guard line.rect.y0 < headerBottom + page.unit * 1.2,
                  Self.spellsHeadingText(line.words.map(\.text), vocabulary: kind == .derivative
                                         ? TableAnatomy.derivativeHeaderWords : TableAnatomy.nonDerivativeHeaderWords)
            else { break }
            headerBottom = max(headerBottom, line.rect.y1)
        }
        return headerBottom
    }

    /// Whether a word is a date or an amount as a table's rows hold them: three digits or more
    /// and no letter. Headings hold none: their numbers have one or two digits ("10."), and
    /// OCR runs "(Instr. 3, 4 and 5)" together with letters ("3,4and5)").
    static func isValue(_ text: String) -> Bool {
        text.filter(\.isNumber).count >= 3 && !text.contains(where: \.isLetter)
    }

    /// Whether the words of a line are words of the table's printed header: no value among them
    /// (a number of two digits or more, an amount; "$)" is a damaged "5)"), and at least two of every three of its
    /// words of three letters or more are heading words, as spelled or with one letter damaged
    /// (with "(A)" and "(D)" counted as heading words).
    static func spellsHeadingText(_ words: [String], vocabulary: Set<String>) -> Bool {
        var heading = 0, other = 0
        for word in words {
            if word.filter(\.isNumber).count >= 2 || (word.contains("$") && word.contains(where: \.isNumber)) { return false }
            // The sub-headings "(A)" "(D)" of the acquired/disposed column (values stand bare).
            if ["(A)", "(D)"].contains(word.uppercased()) { heading += 1; continue }
            let letters = String(word.lowercased().filter { $0.isLetter && $0.isASCII })
            guard letters.count >= 3 else { continue }
            if vocabulary.contains(letters) || (letters.count >= 5 && vocabulary.contains { candidate in
                abs(candidate.count - letters.count) <= 1
                    && LabelText.editDistance(Array(candidate.utf8), Array(letters.utf8), limit: 1) <= 1
            }) {
                heading += 1
            } else {
                other += 1
            }
        }
        return heading >= 1 && heading >= 2 * other
    }

    /// Column V holds a "V" or nothing. OCR drops a lone letter or misreads it ("v", "y", "\\/"),
    /// so on a scan any text left in the cell, or ink the scan shows there, is the mark.
    private func voluntaryField(_ cell: CellText, build: FieldBuilder) -> Field {
        if page.source == .native {
            return Field(value: .bool(cell.text.uppercased() == "V"), confidence: build.baseConfidence,
                         footnoteIds: cell.footnoteIds, page: page.number, bbox: cell.rect)
        }
        let text = cell.cleanedForOCR(prose: false).text
        var marked = !text.isEmpty && text.count <= 2
        var confidence = build.baseConfidence * (text.isEmpty || text.uppercased() == "V" ? 1 : 0.9)
        if text.isEmpty, let region = cell.region, let ink = page.cellInk(region, text: nil), ink.hasText, ink.ruled, !ink.unreadMarker {
            marked = true
            confidence = build.baseConfidence * 0.9
        }
        return Field(value: .bool(marked), confidence: confidence, footnoteIds: cell.footnoteIds,
                     page: page.number, bbox: cell.rect ?? cell.region, method: marked && text.uppercased() != "V" ? "ink" : nil)
    }

    private func makeRow(_ cells: [String: CellText]) -> TableRow {
        let build = FieldBuilder(page: page)
        // A column whose heading was not found on the page (cut off at the paper's edge, or lost
        // to OCR) holds nothing we can read: its cells are as uncertain as cut-off ones.
        func cell(_ name: String) -> CellText {
            if let found = cells[name] { return found }
            var unseen = CellText(words: [])
            unseen.offPage = true
            return unseen
        }
        let hasTransaction = !cell(ColumnName.date).isEmpty || !cell(ColumnName.code).isEmpty
        var row = TableRow(kind: hasTransaction ? .transaction : .holding, derivative: kind == .derivative)
        row.securityTitle = build.required(build.securityTitle(cell(ColumnName.title)))
        row.transactionDate = build.date(cell(ColumnName.date))
        row.deemedExecutionDate = build.date(cell(ColumnName.deemed))
        row.transactionCode = build.code(cell(ColumnName.code), Codes.transaction)
        let voluntary = cell(ColumnName.voluntary)
        row.equitySwapInvolved = hasTransaction ? voluntaryField(voluntary, build: build) : build.empty()
        row.sharesOwnedFollowingTransaction = build.number(cell(ColumnName.owned))
        row.directOrIndirectOwnership = build.code(cell(ColumnName.directIndirect), Codes.directIndirect)
        row.natureOfOwnership = build.nature(cell(ColumnName.nature))
        switch kind {
        case .nonDerivative:
            row.transactionShares = build.number(cell(ColumnName.amount))
            row.transactionAcquiredDisposedCode = build.code(cell(ColumnName.acquiredDisposed), Codes.acquiredDisposed)
            row.transactionPricePerShare = build.price(cell(ColumnName.price))
        case .derivative:
            // Column 5 has an (A) and a (D) half: where the amount stands says which it is.
            let acquired = cell(ColumnName.acquired), disposed = cell(ColumnName.disposed)
            let amount = acquired.text.isEmpty && !disposed.text.isEmpty ? disposed : acquired
            row.transactionShares = build.number(amount)
            if amount.text.isEmpty {
                row.transactionAcquiredDisposedCode = build.empty()
            } else {
                row.transactionAcquiredDisposedCode = Field(
                    value: .string(amount.words.first.map { _ in acquired.text.isEmpty ? "D" : "A" } ?? "A"),
                    confidence: build.baseConfidence, page: page.number, bbox: amount.rect, method: "column-position")
            }
            row.transactionPricePerShare = build.price(cell(ColumnName.price))
            row.conversionOrExercisePrice = build.price(cell(ColumnName.conversion))
            row.exerciseDate = build.date(cell(ColumnName.exercisable))
            row.expirationDate = build.date(cell(ColumnName.expiration))
            row.underlyingSecurityTitle = build.securityTitle(cell(ColumnName.underlyingTitle))
            row.underlyingSecurityShares = build.number(cell(ColumnName.underlyingShares))
        }
        if page.source != .native { checkCodeAgainstDirection(&row) }
        return row
    }

    /// On a scan, a transaction code that cannot go the way the row's (A)/(D) says is taken for
    /// its look-alike that can ("D" with (A) was a "P"), a little less certain.
    private func checkCodeAgainstDirection(_ row: inout TableRow) {
        guard case .string(let code) = row.transactionCode.value,
              case .string(let way) = row.transactionAcquiredDisposedCode.value,
              let meant = Codes.transactionCode(code, goingWith: way) else { return }
        var fixed = row.transactionCode.lessCertain(by: 0.85, method: "checked-against-direction")
        fixed.value = .string(meant)
        row.transactionCode = fixed
    }
}
