/// Which footnotes a marker seen on a scan names, judged against the footnotes the form's
/// Explanation of Responses defines: a marker can only name one of those.
struct MarkerResolution {
    /// The numbers of the footnotes the form defines (F1 → 1); empty where none were read.
    let defined: Set<Int>

    /// Numbers a marker may name where the form's footnotes were not read.
    static let plausibleNumbers = 1...30

    /// The footnote ids of a marker of `shape`: those `read` when the form defines them; where
    /// nothing usable was read, the form's only footnote, or footnote 1 where the shape is a
    /// "(1)", marked as a guess. Nil when the marker cannot be told.
    ///
    /// A small blob alone in a cell may be a lone letter or digit as well as a marker: only a
    /// reading with a parenthesis makes it one. After a value, parentheses OCR lost or added do
    /// not matter ("3)", "(6" are 3 and 6): the ink's place already showed a marker stands there.
    func ids(reading: String?, shape: MarkerShape) -> (ids: [String], guessed: Bool)? {
        let bracketed = reading.map { $0.contains("(") || $0.contains(")") } ?? false
        if shape.alone && !bracketed { return nil }
        let read = reading.flatMap { OCRService.markerNumbers($0) ?? OCRService.damagedMarkerNumber($0).map { [$0] } }
        if let read, read.allSatisfy(isPossible) {
            return (read.map { "F\($0)" }, false)
        }
        // Digits read that no footnote has: a misreading, or no marker at all.
        if read != nil { return nil }
        if defined.count == 1, let only = defined.first { return (["F\(only)"], true) }
        if shape.looksLikeOne, isPossible(1) { return (["F1"], true) }
        return nil
    }

    /// Whether a marker may name footnote `number`.
    func isPossible(_ number: Int) -> Bool {
        defined.isEmpty ? Self.plausibleNumbers.contains(number) : defined.contains(number)
    }
}
