/// Which footnotes a marker seen on a scan names, judged against the footnotes the form's
/// Explanation of Responses defines: a marker can only name one of those.
struct MarkerResolution {
    /// The numbers of the footnotes the form defines (F1 → 1); empty where none were read.
    let defined: Set<Int>

    /// A footnote named by fewer readings than this is not taken: one reading of seven is noise.
    static let minimumVotes = 2

    /// Numbers a marker may name where the form's footnotes were not read.
    static let plausibleNumbers = 1...30

    /// The footnote ids a marker of `shape` was read as (`reading`), when the form defines
    /// them; nil otherwise (nothing read, or a number no footnote has: a misreading).
    ///
    /// A small blob alone in a cell may be a lone letter or digit as well as a marker: only a
    /// reading with a parenthesis makes it one. After a value, parentheses OCR lost or added do
    /// not matter ("3)", "(6" are 3 and 6): the ink's place already showed a marker stands there.
    func ids(reading: String?, shape: MarkerShape) -> (ids: [String], guessed: Bool)? {
        let bracketed = reading.map { $0.contains("(") || $0.contains(")") } ?? false
        if shape.alone && !bracketed { return nil }
        let read = reading.flatMap { reading in
            OCRService.markerNumbers(reading) ?? (shape.needsWholeReading ? nil : OCRService.damagedMarkerNumber(reading).map { [$0] })
        }
        if let read, read.allSatisfy(isPossible) {
            return (read.map { "F\($0)" }, false)
        }
        return nil
    }

    /// A marker after a value that no reading told: the form's only footnote, or a "(1)" by
    /// its shape; nil otherwise (and for a blob alone, which may be no marker at all).
    func guess(_ shape: MarkerShape) -> (ids: [String], guessed: Bool)? {
        guard !shape.alone else { return nil }
        if defined.count == 1, let only = defined.first { return (["F\(only)"], true) }
        if shape.looksLikeOne, isPossible(1) { return (["F1"], true) }
        return nil
    }

    /// The footnote most of `readings` (one marker read several ways) name, when one footnote
    /// is named more often than any other and at least `minimumVotes` times (marked as a
    /// guess); nil otherwise, and when a marker
    /// alone was never read with a parenthesis (it may be a lone letter or digit).
    func ids(votes readings: [String], shape: MarkerShape) -> (ids: [String], guessed: Bool)? {
        if shape.needsWholeReading || (shape.alone && !readings.contains(where: { $0.contains("(") || $0.contains(")") })) { return nil }
        var votes: [Int: Int] = [:]
        for reading in readings {
            guard let number = OCRService.damagedMarkerNumber(reading), isPossible(number) else { continue }
            votes[number, default: 0] += 1
        }
        let ranked = votes.sorted { $0.value > $1.value }
        if let best = ranked.first, best.value >= Self.minimumVotes, ranked.count == 1 || ranked[1].value < best.value {
            return (["F\(best.key)"], true)
        }
        return nil
    }

    /// Whether a marker may name footnote `number`.
    func isPossible(_ number: Int) -> Bool {
        defined.isEmpty ? Self.plausibleNumbers.contains(number) : defined.contains(number)
    }
}
