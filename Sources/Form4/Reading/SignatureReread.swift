import Foundation
import Layout
import PDFText

/// Signature lines on scans, read from the image where the text layer lost or wrecked them:
/// the signature line is underlined, and the underline runs through the print's descenders.
extension TrailerReader {
    /// Where signature values begin: a little left of their label ("** Signature of Reporting
    /// Person"), which stands indented under them. Lines that start right of it are no
    /// footnote or remark text.
    static func signatureColumnX(label: Rect, unit: Double) -> Double { label.x0 - unit * 2.5 }

    /// On a scan whose text layer kept nothing of the signature lines (their underlines run
    /// through the print), the lines read from the image: the band right of the signature
    /// column between the signature label and the last line of text above it that reaches into
    /// that column (a footnote's end), at most `lostSignatureBandUnits` high.
    func lostSignatureWords(above label: Rect, on page: FormPage) -> [Word] {
        guard let ocr = page.ocr, let image = page.scanImage() else { return [] }
        let x0 = Self.signatureColumnX(label: label, unit: page.unit)
        let textAbove = page.text.lines.filter { $0.rect.y1 <= label.y0 && $0.rect.x1 > x0 }.map(\.rect.y1).max()
        let y0 = max(textAbove ?? -.infinity, label.y0 - page.unit * Self.lostSignatureBandUnits)
        let band = Rect(x0: x0, y0: y0, x1: page.bounds.x1, y1: label.y0)
        guard band.height >= page.unit, let crop = image.cropped(to: page.imageArea(band)),
              // Its grey stretched: faint print on grey paper, mostly paper, reads as nothing as it is.
              let words = try? ocr.words(in: crop.stretched(), pageSegmentation: .singleBlock) else { return [] }
        return words.filter { !OCRTextRepair.clean($0.text).0.isEmpty }
    }

    /// How far above its label (line units) signature lines are looked for where the layer lost them: three signatures.
    static let lostSignatureBandUnits = 6.0

    /// On a scan, a signature whose text layer reading kept fewer than two words of a name, or
    /// stray lower-case words ("iC s" for "/s/ Carlos Sorensen": the signature line's underline
    /// runs through its descenders), read again from the image; taken where that reading holds
    /// fewer strays, or as few and more words of a name. The reread goes to review.
    func rereadSignatureName(_ read: Field, at area: Rect, page: FormPage) -> Field {
        let layerText: String = if case .string(let text) = read.value { text } else { "" }
        let layer = Self.nameEvidence(layerText)
        guard layer.names < Self.signatureNameWords || layer.strays > 0, let ocr = page.ocr, let image = page.scanImage() else { return read }
        let padded = page.imageArea(Rect(x0: area.x0 - page.unit * 0.5, y0: area.y0 - page.unit * 0.3, x1: area.x1, y1: area.y1 + page.unit * 0.3))
        // The image as it is, then with its grey stretched: faint print on grey paper,
        // underlined, may read as nothing as it is.
        let images = [{ image }, { image.cropped(to: padded, margin: 1.5)?.stretched() ?? image }]
        // A long name wraps in its cell ("/s/ Grace Whitfield, Attorney-" over "in-Fact"): read
        // as one line, the second line is lost.
        let wrapped = area.height >= page.unit * Self.wrappedSignatureUnits
        var found: (reading: (text: String, confidence: Double), parsed: ParsedValue)? = nil
        for next in images {
            guard let reading = wrapped ? Self.blockReading(padded, of: next(), ocr: ocr) : ocr.reread(padded, of: next(), as: .text)
            else { continue }
            let parsed = ValueParsing.scannedSignature(Self.withoutEdgeSpecks(reading.text))
            if case .string(let text) = parsed.value, case let again = Self.nameEvidence(text), again.names >= Self.signatureNameWords,
               again.strays < layer.strays || (again.strays == layer.strays && again.names > layer.names) {
                found = (reading, parsed)
                break
            }
        }
        guard let (reading, parsed) = found, case .string(let text) = parsed.value else { return read }
        var reread = read
        reread.value = parsed.value
        reread.raw = reading.text == text ? nil : reading.text
        reread.method = "reread"
        reread.bbox = padded
        reread.confidence = FieldBuilder(page: page).baseConfidence * 0.9 * (0.6 + 0.4 * reading.confidence) * parsed.quality
        return reread
    }

    /// Height (in units) from which a signature's name cell holds two lines.
    static let wrappedSignatureUnits = 1.8

    /// How much larger than the page image a wrapped name is read: its small print reads better so.
    static let blockEnlargement = 2.0

    /// The lines of print in `area`, read as a block and joined as a wrapped cell's are (a line
    /// ending in a hyphen, "Attorney-", runs on into the next, "in-Fact", without a space).
    static func blockReading(_ area: Rect, of image: GrayImage, ocr: OCRService) -> (text: String, confidence: Double)? {
        guard let crop = image.cropped(to: area, margin: 1.5),
              let words = try? ocr.words(in: crop.enlarged(by: Self.blockEnlargement), pageSegmentation: .singleBlock).filter({ !OCRTextRepair.clean($0.text).0.isEmpty }),
              !words.isEmpty else { return nil }
        let confidence = words.compactMap(\.ocrConfidence).reduce(0, +) / Double(words.count)
        return (CellText(words: words).text, confidence)
    }

    /// `text` without the tokens at its ends that hold no letter (",", "1", "—"): specks and
    /// the edges of the neighbouring date and underline, read along with the name.
    static func withoutEdgeSpecks(_ text: String) -> String {
        var tokens = text.split(separator: " ")
        while let first = tokens.first, !first.contains(where: \.isLetter) { tokens.removeFirst() }
        while let last = tokens.last, !last.contains(where: \.isLetter) { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    /// A signature names a person or a company: two words at least.
    static let signatureNameWords = 2

    /// How much of a name `text` holds: `names`, words that can be words of a name (a capital,
    /// then at least one more letter: "Sorensen", "Delacroix-Martin,", "O'Neil"), and `strays`,
    /// words of lower-case letters that are none of a name's small words ("srid", "tO": what OCR
    /// makes of letters the underline runs through). "/s/", specks and digits count as neither.
    static func nameEvidence(_ text: String) -> (names: Int, strays: Int) {
        var names = 0, strays = 0
        for token in text.split(separator: " ") {
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:"))
            guard word.count >= 2, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." }) else { continue }
            if word.first?.isUppercase == true { names += 1 } else if !nameParticles.contains(word.lowercased()) { strays += 1 }
        }
        return (names, strays)
    }

    /// The small words names and signature lines hold in lower case.
    static let nameParticles: Set<String> = ["de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "di",
                                             "bin", "ibn", "al", "and", "of", "the", "for", "by"]
}
