import PDFText

/// The words of `text` set on one line from (`x`, `y`): each `characterWidth` points per
/// character, `height` high, `gap` apart. For pages built by hand in tests.
func syntheticWords(_ text: String, x: Double, y: Double, characterWidth: Double, height: Double, gap: Double) -> [Word] {
    var left = x
    return text.split(separator: " ").map { token in
        let word = Word(text: String(token), rect: Rect(x0: left, y0: y, x1: left + Double(token.count) * characterWidth, y1: y + height))
        left = word.rect.x1 + gap
        return word
    }
}
