import PDFText

/// A table column: a horizontal span of the page and the point values centre on.
public struct Column: Sendable, CustomStringConvertible {
    public var name: String
    public var x0: Double
    public var x1: Double
    /// Where the column's heading is centred; centred values sit under it.
    public var center: Double

    public init(name: String, x0: Double, x1: Double, center: Double? = nil) {
        self.name = name; self.x0 = x0; self.x1 = x1
        self.center = center ?? (x0 + x1) / 2
    }

    public var description: String { "\(name)[\(Int(x0))–\(Int(x1))]" }
}

/// Columns of one table on one page, derived from where its headings actually stand,
/// never from fixed coordinates, so any paper size and print scale works.
public struct ColumnSet: Sendable {
    public private(set) var columns: [Column]

    public init(columns: [Column]) { self.columns = columns.sorted { $0.x0 < $1.x0 } }

    /// Columns whose headings are left-aligned in their cells: each column runs from its
    /// heading's left edge (less `padding`) to the next heading's, the last to `tableRight`.
    public static func fromLeftAlignedHeadings(_ headings: [(name: String, rect: Rect)], tableLeft: Double,
                                               tableRight: Double, padding: Double) -> ColumnSet {
        let sorted = headings.sorted { $0.rect.x0 < $1.rect.x0 }
        var columns: [Column] = []
        for (index, heading) in sorted.enumerated() {
            let start = index == 0 ? min(tableLeft, heading.rect.x0 - padding) : heading.rect.x0 - padding
            let end = index + 1 < sorted.count ? sorted[index + 1].rect.x0 - padding : tableRight
            columns.append(Column(name: heading.name, x0: start, x1: end))
        }
        return ColumnSet(columns: columns)
    }

    /// Splits the column `name` into sub-columns whose headings are centred in their cells
    /// (e.g. "Code" and "V" under "3. Transaction Code"): the boundaries fall halfway between
    /// neighbouring heading centres.
    public mutating func split(_ name: String, intoCentered subheadings: [(name: String, rect: Rect)]) {
        guard let position = columns.firstIndex(where: { $0.name == name }), !subheadings.isEmpty else { return }
        let parent = columns[position]
        let sorted = subheadings.sorted { $0.rect.midX < $1.rect.midX }
        var parts: [Column] = []
        for (index, heading) in sorted.enumerated() {
            let start = index == 0 ? parent.x0 : (sorted[index - 1].rect.x1 + heading.rect.x0) / 2
            let end = index + 1 < sorted.count ? (heading.rect.x1 + sorted[index + 1].rect.x0) / 2 : parent.x1
            parts.append(Column(name: heading.name, x0: start, x1: end, center: heading.rect.midX))
        }
        columns.replaceSubrange(position...position, with: parts)
    }

    /// Splits the column `name` into sub-columns whose headings start at their cells' left
    /// edges (the first stands at the parent's own left edge): each boundary lies `padding`
    /// before the next heading. Values centred in such cells may reach past the gap between
    /// the headings' texts, which a split between centres would cut through.
    public mutating func split(_ name: String, intoLeftAligned subheadings: [(name: String, rect: Rect)], padding: Double) {
        guard let position = columns.firstIndex(where: { $0.name == name }), !subheadings.isEmpty else { return }
        let parent = columns[position]
        let sorted = subheadings.sorted { $0.rect.x0 < $1.rect.x0 }
        var parts: [Column] = []
        for (index, heading) in sorted.enumerated() {
            let start = index == 0 ? parent.x0 : heading.rect.x0 - padding
            let end = index + 1 < sorted.count ? sorted[index + 1].rect.x0 - padding : parent.x1
            parts.append(Column(name: heading.name, x0: start, x1: end, center: heading.rect.midX))
        }
        columns.replaceSubrange(position...position, with: parts)
    }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// The column a word belongs to: the one holding its centre, or failing that the one
    /// it overlaps most.
    public func index(for rect: Rect) -> Int? {
        if let hit = columns.firstIndex(where: { rect.midX >= $0.x0 && rect.midX < $0.x1 }) { return hit }
        let overlaps = columns.indices.map { (index: $0, overlap: min(rect.x1, columns[$0].x1) - max(rect.x0, columns[$0].x0)) }
        guard let best = overlaps.max(by: { $0.overlap < $1.overlap }), best.overlap > 0 else { return nil }
        return best.index
    }
}
