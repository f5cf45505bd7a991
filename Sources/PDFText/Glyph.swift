/// An sRGB colour with components in 0...1.
public struct RGBColor: Hashable, Sendable, Codable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red; self.green = green; self.blue = blue
    }

    public static let black = RGBColor(red: 0, green: 0, blue: 0)

    /// Blue dominates: EDGAR's rendering prints filed values in blue and labels in black.
    public var isBluish: Bool { blue > 0.5 && blue > red + 0.3 && blue > green + 0.3 }
    /// Green dominates: EDGAR prints footnote references and texts in green.
    public var isGreenish: Bool { green > 0.3 && green > red + 0.2 && green > blue + 0.2 }
}

/// Text style shared by the glyphs of one attribute run.
///
/// A plain value (the font is an interned `FontName`, not a string): every glyph and word
/// carries one, and copying them is then free of reference counting.
public struct TextStyle: Hashable, Sendable {
    public var font: FontName
    public var fontSize: Double
    public var color: RGBColor

    public init(font: FontName, fontSize: Double, color: RGBColor) {
        self.font = font; self.fontSize = fontSize; self.color = color
    }

    public init(fontName: String, fontSize: Double, color: RGBColor) {
        self.init(font: FontName(fontName), fontSize: fontSize, color: color)
    }

    /// The font's name as the PDF gives it, without a subset tag (see `FontName`).
    public var fontName: String { font.name }

    public static let unknown = TextStyle(font: .none, fontSize: 0, color: .black)
}

/// One character of the page's text layer with its box and style. poppler boxes every Unicode
/// scalar on its own (an accent combining with the letter before it has a box of its own), so
/// a glyph holds one scalar: a plain value, copied without reference counting.
public struct Glyph: Sendable {
    public var scalar: Unicode.Scalar
    public var rect: Rect
    public var style: TextStyle
    /// True when poppler's own text output put white space (or a line break) right before
    /// this glyph: poppler's word segmentation, used as evidence for word boundaries.
    public var followsSpace: Bool

    public init(scalar: Unicode.Scalar, rect: Rect, style: TextStyle, followsSpace: Bool) {
        self.scalar = scalar; self.rect = rect; self.style = style; self.followsSpace = followsSpace
    }
}
