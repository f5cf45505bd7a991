import PDFText

/// How the words of a table body become rows.
public struct RowGrouping: Sendable {
    /// Within one column, a vertical gap larger than this (× line height) separates two cells;
    /// smaller gaps are lines of one wrapped cell. Table rows are separated by cell padding and
    /// rules, lines of one cell by leading alone.
    public var cellBreakGap: Double = 0.35
    public var lineGrouping = LineGrouping()

    public init() {}

    /// Groups words (already assigned to columns) into rows: each column's words are split into
    /// cells at vertical gaps, and cells whose vertical extents overlap across columns form one
    /// row (cells of one row are vertically centred in it, so they overlap; rows never do).
    /// Returns the rows' vertical bands, top to bottom.
    public func rowBands(wordsByColumn: [[Word]]) -> [(y0: Double, y1: Double)] {
        var cells: [(y0: Double, y1: Double)] = []
        for words in wordsByColumn where !words.isEmpty {
            var current: Rect? = nil
            for line in lineGrouping.lineRects(of: words) {
                if let open = current {
                    let gap = line.y0 - open.y1
                    let height = min(line.height, open.height)
                    if gap > cellBreakGap * max(height, 1) {
                        cells.append((open.y0, open.y1))
                        current = line
                    } else {
                        current = open.union(line)
                    }
                } else {
                    current = line
                }
            }
            if let open = current { cells.append((open.y0, open.y1)) }
        }
        cells.sort { $0.y0 < $1.y0 }
        var bands: [(y0: Double, y1: Double)] = []
        for cell in cells {
            if let last = bands.last, cell.y0 < last.y1 {
                bands[bands.count - 1].y1 = max(last.y1, cell.y1)
            } else {
                bands.append(cell)
            }
        }
        return bands
    }

    /// Splits words (already assigned to columns) into rows: `rows[row][column]` holds the words
    /// of one cell. Rows come from `rowBands` unless `anchorColumn` is given.
    ///
    /// `wrappingColumns` are the columns whose cells may run over several lines (titles, notes);
    /// every row has a value in some other column. Printers that set text with generous leading
    /// leave gaps wider than `cellBreakGap` between the lines of one wrapped cell, so a band may
    /// hold words of wrapping columns only: it is then no row, and its lines join a row by the
    /// rule of HTML tables, whose cells are vertically centred in their row (see `wrappedLineRows`).
    public func rows(wordsByColumn: [[Word]], anchorColumn: Int? = nil, wrappingColumns: Set<Int> = []) -> [[[Word]]] {
        if let anchorColumn, anchorColumn < wordsByColumn.count, !wordsByColumn[anchorColumn].isEmpty {
            return rowsAround(lineGrouping.lineRects(of: wordsByColumn[anchorColumn]).map(\.midY), wordsByColumn: wordsByColumn)
        }
        let bands = rowBands(wordsByColumn: wordsByColumn)
        func band(of rect: Rect) -> Int? { bands.firstIndex { rect.midY >= $0.y0 && rect.midY <= $0.y1 } }
        // The rows: bands with a word of a column that does not wrap, and the extent of those words.
        var valueExtent = [Rect?](repeating: nil, count: bands.count)
        for (column, words) in wordsByColumn.enumerated() where !wrappingColumns.contains(column) {
            for word in words {
                if let index = band(of: word.rect) { valueExtent[index] = valueExtent[index].map { $0.union(word.rect) } ?? word.rect }
            }
        }
        let everyBandIsARow = wrappingColumns.isEmpty || valueExtent.allSatisfy { $0 != nil } || valueExtent.allSatisfy { $0 == nil }
        var rowOfBand = [Int?](repeating: nil, count: bands.count)
        var rowCount = 0
        for index in bands.indices where everyBandIsARow || valueExtent[index] != nil {
            rowOfBand[index] = rowCount
            rowCount += 1
        }
        let rowCentres = valueExtent.compactMap { $0?.midY }
        var rows = [[[Word]]](repeating: [[Word]](repeating: [], count: wordsByColumn.count), count: rowCount)
        for (column, words) in wordsByColumn.enumerated() {
            guard !everyBandIsARow, wrappingColumns.contains(column) else {
                for word in words { if let row = band(of: word.rect).flatMap({ rowOfBand[$0] }) { rows[row][column].append(word) } }
                continue
            }
            let lines = lineGrouping.lines(from: words)
            let placed = lines.map { line in band(of: line.rect).flatMap { rowOfBand[$0] } }
            for (line, row) in zip(lines, wrappedLineRows(lines.map(\.rect), placed: placed, rowCentres: rowCentres)) {
                rows[row][column] += line.words
            }
        }
        return rows
    }

    /// Rows for the lines of one wrapping column, top to bottom. `placed` gives the row of each
    /// line that shares a band with a row's values. A line between two rows belongs to the upper
    /// one while it stands no further below that row's centre than the cell's first line stands
    /// above it (a centred cell is as tall below its centre as above), otherwise to the lower.
    func wrappedLineRows(_ lines: [Rect], placed: [Int?], rowCentres: [Double]) -> [Int] {
        guard !rowCentres.isEmpty else { return lines.map { _ in 0 } }
        var rows = [Int](repeating: 0, count: lines.count)
        var topOfRow = rowCentres // the middle of each row's top-most line so far
        for (index, line) in lines.enumerated() {
            let row: Int
            if let known = placed[index] {
                row = known
            } else if let below = rowCentres.firstIndex(where: { $0 > line.midY }) {
                if below == 0 { row = 0 } else {
                    let above = below - 1
                    let reach = rowCentres[above] + (rowCentres[above] - topOfRow[above]) + line.height * 0.5
                    row = line.midY <= reach ? above : below
                }
            } else {
                row = rowCentres.count - 1
            }
            rows[index] = row
            topOfRow[row] = min(topOfRow[row], line.midY)
        }
        return rows
    }

    /// Rows around anchor lines: every line joins the anchor nearest its centre.
    ///
    /// The lines of a `centredColumns` column are dealt out as blocks instead: a cell wrapped over
    /// several lines stands centred on its row (HTML table cells are vertically centred), so a
    /// tall cell may reach nearer the next row's anchor than its own. Each such column is cut into
    /// consecutive blocks, one per row (empty where the row has nothing there), so that the
    /// blocks' middles stand as near their rows' anchors as they can (`centredBlocks`), where the
    /// column's lines do stand centred on the anchors (`standsOnCentres`).
    public func rowsAround(_ centres: [Double], wordsByColumn: [[Word]], centredColumns: Set<Int> = []) -> [[[Word]]] {
        var rows = [[[Word]]](repeating: [[Word]](repeating: [], count: wordsByColumn.count), count: centres.count)
        for (column, words) in wordsByColumn.enumerated() {
            let lines = lineGrouping.lines(from: words).sorted { $0.rect.midY < $1.rect.midY }
            let rects = lines.map(\.rect)
            let nearest = rects.map { rect in centres.indices.min { abs(centres[$0] - rect.midY) < abs(centres[$1] - rect.midY) }! }
            let rowOfLine = !centredColumns.contains(column) ? nearest
                : Self.standsOnCentres(rects, centres: centres) ? Self.centredBlocks(rects, centres: centres)
                : Self.keepingCellsTogether(rects, rows: nearest, centres: centres)
            for (line, row) in zip(lines, rowOfLine) { rows[row][column] += line.words }
        }
        return rows
    }

    /// `rows` (the nearest centre's, for the lines of a wrapping column sorted top to bottom)
    /// with a line that stands at a row's edge moved to the neighbouring row whose line it
    /// stands close to: where its gap to the line on one side is at most `closeness` times its
    /// gap to the line on the other, it is a line of the same cell as the near one (a wrapped
    /// title's last line "Buy)" nearer the next row's centre than its own, but a leading's
    /// width under "(Right to" and a row's padding above "Performance"). A line on a row's
    /// centre (within `pinning` × its height) stays, and so do the column's first and last lines
    /// (with nothing beyond them, there is no gap to compare).
    static func keepingCellsTogether(_ lines: [Rect], rows: [Int], centres: [Double],
                                     closeness: Double = 0.5, pinning: Double = 0.3) -> [Int] {
        var rows = rows
        func gap(_ upper: Int, _ lower: Int) -> Double {
            lines.indices.contains(upper) && lines.indices.contains(lower) ? max(0, lines[lower].y0 - lines[upper].y1) : .infinity
        }
        func pinned(_ index: Int) -> Bool { abs(centres[rows[index]] - lines[index].midY) <= pinning * lines[index].height }
        for index in lines.indices where !pinned(index) {
            let above = gap(index - 1, index), below = gap(index, index + 1)
            if index > 0, index + 1 < lines.count, rows[index - 1] < rows[index], above < closeness * below {
                // The first line of its row, close under the previous row's last line.
                rows[index] = rows[index - 1]
            }
        }
        for index in lines.indices.reversed() where !pinned(index) {
            let above = gap(index - 1, index), below = gap(index, index + 1)
            if index > 0, index + 1 < lines.count, rows[index + 1] > rows[index], below < closeness * above {
                // The last line of its row, close over the next row's first line.
                rows[index] = rows[index + 1]
            }
        }
        return rows
    }

    /// Whether a column's cells stand centred on the rows' centres, judged by its one-line cells
    /// (lines standing more than `lineGap` × their height from the lines above and below): the
    /// median of them stands within `centring` × its height of the centre nearest it. Cells set
    /// at the top of their rows, or a column the scan shifted, are not dealt out as centred
    /// blocks. Without one-line cells there is nothing to tell by: centred, as HTML sets them.
    static func standsOnCentres(_ lines: [Rect], centres: [Double], lineGap: Double = 1, centring: Double = 0.5) -> Bool {
        guard !centres.isEmpty else { return false }
        let alone = lines.indices.filter { index in
            let line = lines[index]
            let above = index > 0 ? line.y0 - lines[index - 1].y1 : .infinity
            let below = index + 1 < lines.count ? lines[index + 1].y0 - line.y1 : .infinity
            return min(above, below) > lineGap * line.height
        }
        guard !alone.isEmpty else { return true }
        let offsets = alone.map { index in (offset: centres.map { lines[index].midY - $0 }.min { abs($0) < abs($1) }!, height: lines[index].height) }
            .sorted { $0.offset < $1.offset }
        let median = offsets[offsets.count / 2]
        return abs(median.offset) <= centring * median.height
    }

    /// The row of each line (sorted top to bottom) when the lines are cut into consecutive blocks,
    /// one per row in order of `centres` (sorted; a block may be empty), so that the blocks' middles
    /// (halfway between top and bottom) stand as near their rows' centres as they can: the least
    /// sum of those distances (plus `lineDistanceWeight` × each line's distance to its row's
    /// centre, which settles ties, and `gapWeight` × the white space between the block's lines:
    /// the lines of one cell stand close, a gap is more likely between two rows' cells than
    /// inside one, which keeps a block from borrowing a line from each neighbour to look centred).
    /// A row lies between its neighbours' centres, so a block's
    /// lines must too, and a line standing on a row's centre (within `pinning` × its height) is
    /// that row's: this keeps one tall block from swallowing its neighbours' lines.
    /// Dynamic programming over (lines placed, rows used).
    static func centredBlocks(_ lines: [Rect], centres: [Double], lineDistanceWeight: Double = 0.05,
                              gapWeight: Double = 0.5, pinning: Double = 0.3) -> [Int] {
        let lineCount = lines.count, rowCount = centres.count
        guard lineCount > 0, rowCount > 1 else { return lines.map { _ in 0 } }
        // best[row][placed]: least cost of putting the first `placed` lines into rows 0...row;
        // cut[row][placed]: where row `row`'s block begins in that best arrangement.
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: lineCount + 1), count: rowCount)
        var cut = [[Int]](repeating: [Int](repeating: 0, count: lineCount + 1), count: rowCount)
        let pinnedRow = lines.map { line in centres.indices.first { abs(centres[$0] - line.midY) <= pinning * line.height } }
        for row in 0..<rowCount {
            let above = row > 0 ? centres[row - 1] : -Double.infinity
            let below = row + 1 < rowCount ? centres[row + 1] : Double.infinity
            for placed in 0...lineCount {
                // The block lines[start..<placed], grown upwards one line at a time.
                var top = Double.infinity, bottom = -Double.infinity, lineDistances = 0.0, gaps = 0.0
                for start in stride(from: placed, through: 0, by: -1) {
                    if start < placed {
                        let line = lines[start]
                        if line.midY <= above || line.midY >= below || pinnedRow[start].map({ $0 != row }) == true { break }
                        if start + 1 < placed { gaps += max(0, top - line.y1) }
                        top = min(top, line.y0); bottom = max(bottom, line.y1)
                        lineDistances += abs(line.midY - centres[row])
                    }
                    let blockCost = start < placed ? abs((top + bottom) / 2 - centres[row]) + lineDistanceWeight * lineDistances + gapWeight * gaps : 0
                    let before = row == 0 ? (start == 0 ? 0 : Double.infinity) : best[row - 1][start]
                    if before + blockCost < best[row][placed] { best[row][placed] = before + blockCost; cut[row][placed] = start }
                }
            }
        }
        var rowOfLine = [Int](repeating: 0, count: lineCount)
        var end = lineCount
        for row in stride(from: rowCount - 1, through: 1, by: -1) {
            let start = cut[row][end]
            for index in start..<end { rowOfLine[index] = row }
            end = start
        }
        return rowOfLine
    }
}
