import Layout
import PDFText

/// Where the footnotes ("Explanation of Responses:") begin on a page. The label ends the tables
/// and opens the trailer; on a scan, OCR may wreck it (small bold print: "pl ion of Resp"), and
/// then the footnotes themselves show where it stood: a line opening with "1." at the left margin,
/// followed by the next footnote ("2.") or by the signature.
struct ExplanationFinder {
    let page: FormPage

    /// The footnotes' heading: where it begins, and the bottom of its own line (the text below
    /// it is footnotes).
    struct Heading {
        var top: Double
        var labelBottom: Double
    }

    /// How far (× line height) the second footnote, or the signature, may stand below the first.
    var followingDistance: Double = 6
    /// How far (× line height) from the page's left margin a footnote's number may stand.
    var marginTolerance: Double = 3

    func find() -> Heading? {
        if let label = page.first(FormLabels.explanation) {
            return Heading(top: label.rect.y0, labelBottom: page.words[label.wordIndices[0]].rect.y1)
        }
        guard page.source != .native else { return nil }
        return headingFromFootnotes()
    }

    /// The line above the first footnote, when it is a short line at the margin (what is left of
    /// the label); otherwise the first footnote's top.
    private func headingFromFootnotes() -> Heading? {
        let unit = page.unit
        let lines = page.text.lines.sorted { $0.rect.y0 < $1.rect.y0 }
        guard let margin = lines.map(\.rect.x0).min() else { return nil }
        let atMargin = { (line: TextLine) in line.rect.x0 <= margin + unit * marginTolerance }
        // Below the tables' titles: the form's header also holds numbered lines.
        let titles = [page.first(FormLabels.tableI), page.first(FormLabels.tableII)].compactMap { $0?.rect.y1 }
        let below = titles.max() ?? page.bounds.y0
        let ends = [page.first(FormLabels.signature), page.first(FormLabels.reminder)].compactMap { $0?.rect.y0 }
        for (index, line) in lines.enumerated() where line.rect.y0 > below && atMargin(line) && line.words.count >= 3 {
            guard Self.number(opening: line) == 1 else { continue }
            let next = lines[(index + 1)...].first { $0.rect.y0 > line.rect.y1 - unit * 0.3 && atMargin($0) }
            let secondFollows = next.map { $0.rect.y0 - line.rect.y0 < unit * followingDistance && Self.number(opening: $0) == 2 } ?? false
            let signatureFollows = ends.contains { $0 > line.rect.y0 && $0 - line.rect.y0 < unit * followingDistance }
            guard secondFollows || signatureFollows else { continue }
            if index > 0 {
                let above = lines[index - 1]
                if atMargin(above), above.words.count <= 5, above.rect.width < page.bounds.width * 0.35,
                   line.rect.y0 - above.rect.y1 < unit * 1.5, above.rect.y0 > below {
                    return Heading(top: above.rect.y0, labelBottom: above.rect.y1)
                }
            }
            return Heading(top: line.rect.y0 - 0.1, labelBottom: line.rect.y0 - 0.1)
        }
        return nil
    }

    /// The footnote number a line opens with ("1." "1 ." "l." "1.The"), if any.
    static func number(opening line: TextLine) -> Int? {
        guard let first = line.words.first else { return nil }
        if let number = TrailerReader.footnoteNumber(first.text) ?? TrailerReader.damagedFootnoteNumber(first.text) { return number }
        if line.words.count >= 2, first.text.count <= 2, [".", ",", ":", ";"].contains(line.words[1].text) {
            return Int(first.text)
        }
        if let (number, _) = TrailerReader.gluedFootnoteNumber(first.text) {
            return TrailerReader.damagedFootnoteNumber(number)
        }
        return nil
    }
}
