import Layout
import PDFText

/// Where the rows of a table on OCR text stand. Every row fills the amount-owned column with one
/// line, and its lines anchor the rows; but OCR may lose that value (faint print, a value read as
/// noise), and the row's other values then joined the row above or below, shifting every row
/// after it. The other one-line columns (dates, codes, amounts, prices) anchor such a row: values
/// of several of them standing together, away from every owned value, are a row of their own.
enum RowAnchors {
    /// One line of a one-line column other than the amount owned.
    struct ValueLine: Equatable {
        let column: Int
        let midY: Double
        /// Holds a digit (an amount, a date, a price), not only letters or marks.
        let hasDigit: Bool
        /// Spells words of the printed headings or boxes ("Expiration Date"), not a value.
        var isHeading = false
    }

    /// The printed words of an owner's boxes (lower-cased letters).
    static let ownerBoxWords: Set<String> = ["last", "first", "middle", "street", "city", "state", "zip", "name", "address",
                                             "reporting", "person", "relationship", "director", "officer", "owner", "other",
                                             "give", "title", "below", "specify", "issuer", "applicable"]

    /// Whether a line of the owned column anchors a row: it holds a digit, or is no heading text
    /// ("Reported", "Transaction(s)" left below the header's found end are not). Footnote markers
    /// and marks alone ("(3)", "”)"), or a lone letter, are none: a raised marker OCR set on a
    /// line of its own above its value made a second row of that value's row.
    static func anchorsARow(ownedLine words: [String], vocabulary: Set<String>) -> Bool {
        let values = words.filter { word in
            let (rest, markers) = CellText.splitTrailingMarkers(word)
            return !(rest.isEmpty && !markers.isEmpty) && word.contains(where: { $0.isLetter || $0.isNumber })
        }
        if values.contains(where: { $0.contains(where: \.isNumber) }) { return true }
        // Without a digit, a damaged amount ("ou") is at least two characters; a lone letter is a speck.
        guard values.contains(where: { $0.count >= 2 }) else { return false }
        return !TableReader.spellsHeadingText(values, vocabulary: vocabulary)
    }

    /// Whether an owned line that `anchorsARow` is borne out by the row around it: one with a
    /// digit always is; letters alone (an amount OCR damaged, "ou", or a speck it read as a word,
    /// "te") only where another one-line column has a value beside it. A speck below a row's
    /// values made a row of the last line of its wrapped title.
    static func isCorroborated(ownedLine words: [String], midY: Double, values: [ValueLine], tolerance: Double) -> Bool {
        if words.contains(where: { $0.contains(where: \.isNumber) }) { return true }
        return values.contains { !$0.isHeading && abs($0.midY - midY) <= tolerance }
    }

    /// The owned column's line centres with those closer than `tolerance` to the one before
    /// taken as one line: OCR may set the end of a value a little lower, as a line of its own
    /// ("110,4" over "8°" for a printed "110,489" that ran close to the price beside it). Two
    /// rows' values stand at least a line and the cells' padding apart.
    static func oneLinePerRow(_ centres: [Double], tolerance: Double) -> [Double] {
        var clusters: [[Double]] = []
        for centre in centres.sorted() {
            if let last = clusters.last?.last, centre - last < tolerance {
                clusters[clusters.count - 1].append(centre)
            } else {
                clusters.append([centre])
            }
        }
        return clusters.map { $0.reduce(0, +) / Double($0.count) }
    }

    /// Row centres, top to bottom: `owned` (centres of the owned column's lines) and the centres
    /// of groups of `values` that stand further than `tolerance` from every owned line and from
    /// each other's group (of two groups closer than that, the first), where a group holds
    /// numbers (lines with a digit) in two columns, or values in three columns one of them a number. A stray mark is not a row, nor what the
    /// header leaves below its found end: a group with heading words needs numbers in two columns.
    static func centres(owned: [Double], values: [ValueLine], tolerance: Double) -> [Double] {
        let loose = values.filter { value in !owned.contains { abs($0 - value.midY) <= tolerance } }
            .sorted { $0.midY < $1.midY }
        var groups: [[ValueLine]] = []
        for value in loose {
            if let first = groups.last?.first, value.midY - first.midY <= tolerance {
                groups[groups.count - 1].append(value)
            } else {
                groups.append([value])
            }
        }
        var added: [Double] = []
        for group in groups {
            let values = group.filter { !$0.isHeading }
            let columns = Set(values.map(\.column)).count, numbers = Set(values.filter(\.hasDigit).map(\.column)).count
            let heading = values.count < group.count
            guard numbers >= 2 || (!heading && columns >= 3 && numbers >= 1) else { continue }
            let centre = values.map(\.midY).reduce(0, +) / Double(values.count)
            // A group standing close to an owned line is that row's, however it spread.
            if owned.contains(where: { abs($0 - centre) <= tolerance * 1.5 }) { continue }
            // Groups are measured from their first value, so one row's values spread over more
            // than `tolerance` (a line OCR set a little lower) make two groups a point or two
            // apart: they are one row (two rows' values stand a line apart).
            if added.contains(where: { abs($0 - centre) <= tolerance }) { continue }
            added.append(centre)
        }
        return (owned + added).sorted()
    }
}

extension TableReader {
    /// The row centres of an OCR table body (see `RowAnchors`), or nil without owned values.
    func rowAnchors(_ wordsByColumn: [[Word]], columns: ColumnSet, owned: Int) -> [Double]? {
        guard !wordsByColumn[owned].isEmpty else { return nil }
        let lines = rowGrouping.lineGrouping
        let vocabulary = (kind == .derivative ? TableAnatomy.derivativeHeaderWords : TableAnatomy.nonDerivativeHeaderWords)
            .union(RowAnchors.ownerBoxWords)
        var values: [RowAnchors.ValueLine] = []
        for (index, words) in wordsByColumn.enumerated() where index != owned {
            let name = columns.columns[index].name
            guard !Self.wrappingColumns.contains(name), name != ColumnName.voluntary else { continue }
            // Footnote markers alone ("(1)") are no value: they may wrap under a date.
            let kept = words.filter { word in
                let (rest, markers) = CellText.splitTrailingMarkers(word.text)
                return !(rest.isEmpty && !markers.isEmpty)
            }
            for line in lines.lines(from: kept) {
                // What the header leaves below its found end ("Expiration Date", "Title or
                // Number"), or an additional owner's box the table ran into, is no row.
                let heading = TableReader.spellsHeadingText(line.words.map(\.text), vocabulary: vocabulary)
                let digit = line.words.contains { $0.text.contains(where: \.isNumber) }
                values.append(.init(column: index, midY: line.rect.midY, hasDigit: digit, isHeading: heading))
            }
        }
        let tolerance = page.unit * 0.8
        // The header's words left below its found end ("Reported", "Transaction(s)") anchor no row.
        let ownedCentres = lines.lines(from: wordsByColumn[owned])
            .filter { line in
                let words = line.words.map(\.text)
                guard RowAnchors.anchorsARow(ownedLine: words, vocabulary: vocabulary) else { return false }
                return RowAnchors.isCorroborated(ownedLine: words, midY: line.rect.midY, values: values, tolerance: tolerance)
            }.map(\.rect.midY)
        guard !ownedCentres.isEmpty else { return nil }
        return RowAnchors.centres(owned: RowAnchors.oneLinePerRow(ownedCentres, tolerance: tolerance), values: values, tolerance: tolerance)
    }
}
