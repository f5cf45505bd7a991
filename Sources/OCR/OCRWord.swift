import PDFText

/// A word read by OCR: its text, its box in page points (top-left origin) and the engine's
/// confidence in 0...1.
public struct OCRWord: Sendable, Equatable {
    public var text: String
    public var rect: Rect
    public var confidence: Double

    public init(text: String, rect: Rect, confidence: Double) {
        self.text = text; self.rect = rect; self.confidence = confidence
    }
}
