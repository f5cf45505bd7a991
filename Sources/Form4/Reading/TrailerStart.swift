import Layout
import PDFText

/// Where a page's trailer begins: the footnotes under "Explanation of Responses:".
struct TrailerStart: Equatable {
    /// What stands above belongs to the tables or to the additional owners.
    let top: Double
    /// Bottom of the label's line: lines above it are the label's, not footnote text (nil: the
    /// trailer starts with a footnote, the label is lost).
    let labelBottom: Double?
}

extension FormPage {
    /// The explanation label, or on OCR text where the label is damaged past recognition
    /// ("Expl ion of R p") or lost, the first footnote (see `TrailerStart.find`).
    func trailerStart() -> TrailerStart? {
        if let label = first(FormLabels.explanation) {
            return TrailerStart(top: label.rect.y0, labelBottom: words[label.wordIndices[0]].rect.y1)
        }
        guard source != .native else { return nil }
        // The footnotes follow the tables' headings and the additional owners' labels...
        var top = bounds.y0
        for (title, headings) in [(FormLabels.tableI, TableAnatomy.nonDerivative), (FormLabels.tableII, TableAnatomy.derivative)] {
            guard let title = first(title) else { continue }
            top = max(top, title.rect.y1)
            let header = Rect(x0: bounds.x0, y0: title.rect.y1 - unit, x1: bounds.x1, y1: title.rect.y1 + unit * 12)
            for heading in headings { if let match = first(heading.label, in: header) { top = max(top, match.rect.y1) } }
        }
        for label in [FormLabels.nameAndAddress, FormLabels.additionalRelationship, FormLabels.city, FormLabels.zip] {
            if let last = all(label).last { top = max(top, last.rect.y1) }
        }
        // ... and come before the remarks, the signatures and the reminder.
        let below = Rect(x0: bounds.x0, y0: top, x1: bounds.x1, y1: bounds.y1)
        let bottom = [FormLabels.remarks, FormLabels.signature, FormLabels.reminder]
            .compactMap { first($0, in: below)?.rect.y0 }.min() ?? bounds.y1
        return TrailerStart.find(in: text.lines.filter { $0.rect.midY > top && $0.rect.midY < bottom },
                                 left: bounds.x0 + bounds.width * 0.3, unit: unit)
    }
}

extension TrailerStart {
    /// The trailer among `lines` (top to bottom, below the tables) when its label was not read:
    /// the first line that starts with footnote 1 ("1. The", "l. The", "1 . The", "1.The") left of
    /// `left`; a short line without digits right above it, at its left edge, is what OCR left of
    /// the label. With no footnotes, a short line whose first word begins "Expl" is the label.
    static func find(in lines: [TextLine], left: Double, unit: Double) -> TrailerStart? {
        for (index, line) in lines.enumerated() where line.rect.x0 <= left && opensFirstFootnote(line) {
            if index > 0 {
                let above = lines[index - 1]
                if above.words.count <= 6, abs(above.rect.x0 - line.rect.x0) <= unit * 3,
                   line.rect.y0 - above.rect.y1 < unit * 2,
                   !above.words.contains(where: { $0.text.contains(where: \.isNumber) }) {
                    return TrailerStart(top: above.rect.y0, labelBottom: above.rect.y1)
                }
            }
            return TrailerStart(top: line.rect.y0 - 0.1, labelBottom: nil)
        }
        for line in lines where line.rect.x0 <= left && line.words.count <= 6 {
            if line.words[0].text.lowercased().filter(\.isLetter).hasPrefix("expl") {
                return TrailerStart(top: line.rect.y0, labelBottom: line.rect.y1)
            }
        }
        return nil
    }

    /// The line begins with footnote number 1 and a capitalised word after it.
    static func opensFirstFootnote(_ line: TextLine) -> Bool {
        let tokens = line.words.map(\.text)
        guard tokens.count >= 2 else { return false }
        var number: Int? = nil, next = tokens[1]
        if let glued = TrailerReader.gluedFootnoteNumber(tokens[0]) {
            number = TrailerReader.damagedFootnoteNumber(glued.0)
            next = glued.1
        } else if let point = TrailerReader.footnoteNumber(tokens[0]) ?? TrailerReader.damagedFootnoteNumber(tokens[0]) {
            number = point
        } else if tokens.count >= 3, [".", ",", ":", ";"].contains(tokens[1]) {
            number = TrailerReader.damagedFootnoteNumber(tokens[0] + ".")
            next = tokens[2]
        }
        return number == 1 && next.first?.isUppercase == true
    }
}
