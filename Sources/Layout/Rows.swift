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
            let lines = lineGrouping.lines(from: words)
            var current: Rect? = nil
            for line in lines {
                if let open = current {
                    let gap = line.rect.y0 - open.y1
                    let height = min(line.rect.height, open.height)
                    if gap > cellBreakGap * max(height, 1) {
                        cells.append((open.y0, open.y1))
                        current = line.rect
                    } else {
                        current = open.union(line.rect)
                    }
                } else {
                    current = line.rect
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
    /// With an anchor column (one that holds exactly one single-line value in every row, such as
    /// the shares owned after the transaction) each anchor line is a row, and every other line
    /// joins the row whose anchor is nearest its centre: cells are vertically centred in their
    /// row, so this holds even where OCR boxes, tight to the ink, leave gaps inside a wrapped cell.
    public func rows(wordsByColumn: [[Word]], anchorColumn: Int? = nil) -> [[[Word]]] {
        let centres: [Double]
        if let anchorColumn, anchorColumn < wordsByColumn.count, !wordsByColumn[anchorColumn].isEmpty {
            centres = lineGrouping.lines(from: wordsByColumn[anchorColumn]).map(\.rect.midY)
        } else {
            let bands = rowBands(wordsByColumn: wordsByColumn)
            var rows = [[[Word]]](repeating: [[Word]](repeating: [], count: wordsByColumn.count), count: bands.count)
            for (column, words) in wordsByColumn.enumerated() {
                for word in words {
                    if let row = bands.firstIndex(where: { word.rect.midY >= $0.y0 && word.rect.midY <= $0.y1 }) {
                        rows[row][column].append(word)
                    }
                }
            }
            return rows
        }
        var rows = [[[Word]]](repeating: [[Word]](repeating: [], count: wordsByColumn.count), count: centres.count)
        for (column, words) in wordsByColumn.enumerated() {
            for line in lineGrouping.lines(from: words) {
                let middle = line.rect.midY
                let nearest = centres.indices.min { abs(centres[$0] - middle) < abs(centres[$1] - middle) }!
                rows[nearest][column] += line.words
            }
        }
        return rows
    }
}
