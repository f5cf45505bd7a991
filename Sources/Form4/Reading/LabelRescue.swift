import Layout
import PDFText
import OCR

/// On a scan, the form's printed labels are what every box and column is found from, and OCR's
/// page layout analysis garbles them most: small print packed between rules ("ER ns Soe gt Date
/// ee en"), or a label run together with its neighbours. Read again as a plain block of text, the
/// same ink reads cleanly. So where a zone of the page that holds labels (the boxes above the
/// tables, each table's column headings) lacks some of them, that zone of the page image is read
/// again, and every label missing from the page's words but spelled well in the new reading is
/// put in, in place of the damaged words it covers. Values are left as they were read.
struct LabelRescue {
    /// A label counts as found when it matches at least this well.
    var goodScore = 0.9

    /// Labels of the boxes above the tables.
    static let headerLabels: [Label] = [
        FormLabels.section16Box, FormLabels.rule10b5Box,
        FormLabels.nameAndAddress, FormLabels.last, FormLabels.first, FormLabels.middle,
        FormLabels.street, FormLabels.city, FormLabels.state, FormLabels.zip,
        FormLabels.issuerName, FormLabels.foreignTradingSymbol, FormLabels.earliestTransaction, FormLabels.amendment,
        FormLabels.relationship, FormLabels.jointFiling,
        FormLabels.director, FormLabels.tenPercentOwner, FormLabels.officer, FormLabels.other,
    ]

    /// Labels whose absence makes the header zone worth reading again: the boxes' own labels.
    static let headerKeyLabels: [Label] = [
        FormLabels.nameAndAddress, FormLabels.issuerName, FormLabels.earliestTransaction,
        FormLabels.relationship, FormLabels.last, FormLabels.street, FormLabels.city,
    ]

    /// A table's headings and the sub-headings long enough to be told from a value ("Code", not "V").
    static func tableLabels(_ anatomy: [ColumnHeading]) -> (headings: [Label], all: [Label]) {
        let headings = anatomy.map(\.label)
        let subheadings = anatomy.flatMap(\.subheadings).map(\.label).filter { $0.text.count >= 4 }
        return (headings, headings + subheadings)
    }

    /// The page with its missing labels put back, or nil when nothing was missing or found.
    ///
    /// On OCR text layers every zone that lacks labels. A page we OCR ourselves was read by the
    /// same engine at 300 dpi moments before, and reading all its zones again cost as much again
    /// as the page itself (`make bench`: image-only pages at 2.0x the time of the tesseract CLI,
    /// against the 1.2x allowed); there only a table header too damaged to read the table from
    /// is read again (a few percent of the time; without it a WeasyPrint scan lost whole tables).
    func repaired(_ page: FormPage) -> FormPage? {
        guard page.source != .native else { return nil }
        var zones: [Zone] = []
        let bounds = page.bounds, unit = page.unit
        let tableI = good(page.first(FormLabels.tableI))
        let tableII = good(page.first(FormLabels.tableII))
        let top = Rect(x0: bounds.x0, y0: bounds.y0, x1: bounds.x1, y1: bounds.y0 + bounds.height * 0.3)
        // The first page of a form: its title stands at the top, the boxes between it and Table I.
        if page.source == .ocrLayer, let title = good(page.first(FormLabels.statementOfChanges, in: top)) {
            let bottom = tableI?.rect.y0 ?? tableII?.rect.y0 ?? bounds.y0 + bounds.height * 0.45
            let area = Rect(x0: bounds.x0, y0: title.rect.y1, x1: bounds.x1, y1: bottom)
            if area.height > unit * 4, Self.headerKeyLabels.contains(where: { good(page.first($0, in: area)) == nil }) {
                zones.append(Zone(area: area, labels: Self.headerLabels, headings: []))
            }
        }
        // Each table's column headings stand in the lines under its title.
        for (title, anatomy, depth) in [(tableI, TableAnatomy.nonDerivative, 7.5), (tableII, TableAnatomy.derivative, 9.5)] {
            guard let title else { continue }
            let next = [tableI, tableII].compactMap { $0?.rect.y0 }.filter { $0 > title.rect.y1 }.min() ?? bounds.y1
            let area = Rect(x0: bounds.x0, y0: title.rect.y1, x1: bounds.x1, y1: min(next, title.rect.y1 + unit * depth))
            let labels = Self.tableLabels(anatomy)
            let found = labels.headings.compactMap { good(page.first($0, in: area)) }
            // On a page we read ourselves, only a header the table cannot be read from: too few
            // headings to place the columns (`TableReader.header`), or two found in one place.
            let unreadable = found.count < labels.headings.count - 2 || Self.sharePlace(found)
            if found.count < labels.headings.count, page.source == .ocrLayer || unreadable {
                zones.append(Zone(area: area, labels: labels.all, headings: labels.headings))
            }
        }
        guard !zones.isEmpty, let image = page.scanImage(), let ocr = page.ocr else { return nil }

        var words = page.text.wordsAsGiven
        var changed = false
        for zone in zones {
            guard let crop = image.cropped(to: zone.area, margin: unit * 0.3) else { continue }
            func reading(_ image: GrayImage, _ segmentation: PageSegmentation = .singleBlock) -> PageText? {
                guard let read = try? ocr.tesseract().recognizeWords(in: image, pageSegmentation: segmentation) else { return nil }
                return PageText(number: page.number, bounds: bounds, source: page.source,
                                words: read.map { Word(text: $0.text, rect: $0.rect, ocrConfidence: $0.confidence) })
            }
            func found(_ label: Label, in text: PageText) -> LabelMatch? {
                page.finder.first(label, in: text, region: zone.area).flatMap(good)
            }
            guard var reread = reading(crop) else { continue }
            let keys = zone.headings.isEmpty ? Self.headerKeyLabels : zone.headings
            func missed(_ text: PageText) -> Int { keys.filter { found($0, in: text) == nil }.count }
            var segmentation = PageSegmentation.singleBlock
            // Column headings stand side by side in small blocks of their own, which a reading
            // as one block runs together line by line ("2A. Deemed Code (Instr. Disposed Of");
            // read as scattered text, each block comes out whole.
            if !zone.headings.isEmpty, missed(reread) > 0, let sparse = reading(crop, .sparseText), missed(sparse) < missed(reread) {
                reread = sparse
                segmentation = .sparseText
            }
            // Small print may need a second, enlarged reading; not on a page we read ourselves
            // at OCR resolution a moment before (its time is what an image-only page costs).
            if page.source == .ocrLayer, missed(reread) > 0, let larger = reading(crop.enlarged(by: 2, border: 0), segmentation), missed(larger) < missed(reread) {
                reread = larger
            }
            func found(_ label: Label) -> LabelMatch? { found(label, in: reread) }
            if !zone.headings.isEmpty {
                // A table's header holds only labels: where the new reading finds more of its
                // headings, it replaces the old one down to the lowest label it found.
                let before = zone.headings.filter { good(page.first($0, in: zone.area)) != nil }.count
                let after = zone.headings.filter { found($0) != nil }.count
                let matches = zone.labels.compactMap(found)
                guard after > before, after >= zone.headings.count - 2,
                      let bottom = matches.map(\.rect.y1).max() else { continue }
                let band = (zone.area.y0, bottom + unit * 0.2)
                func inBand(_ word: Word) -> Bool { word.rect.midY > band.0 && word.rect.midY < band.1 }
                words.removeAll(where: inBand)
                words.append(contentsOf: reread.words.filter(inBand))
                changed = true
                continue
            }
            for label in zone.labels {
                let before = page.first(label, in: zone.area)?.score ?? 0
                guard before < goodScore, let match = found(label), match.score > before else { continue }
                let added = match.wordIndices.map { reread.words[$0] }
                // The damaged words the label's words stand on give way to them.
                words.removeAll { word in
                    added.contains { Self.covers($0.rect, word.rect) }
                }
                words.append(contentsOf: added)
                changed = true
            }
        }
        guard changed else { return nil }
        return page.replacingText(PageText(number: page.number, bounds: bounds, source: page.source, words: words))
    }

    private struct Zone {
        var area: Rect
        var labels: [Label]
        /// A table's column headings; empty for the header's boxes.
        var headings: [Label]
    }

    /// Whether two of `matches` stand on the same words.
    static func sharePlace(_ matches: [LabelMatch]) -> Bool {
        matches.indices.contains { i in
            matches[(i + 1)...].contains { !Set($0.wordIndices).isDisjoint(with: matches[i].wordIndices) }
        }
    }

    private func good(_ match: LabelMatch?) -> LabelMatch? {
        guard let match, match.score >= goodScore else { return nil }
        return match
    }

    /// Whether a new word stands on an old one: they overlap across much of the narrower's
    /// width, on the same line. An OCR layer's boxes of a garbled line may also stand up to a
    /// line height above the ink they were read from; never below, where the box's value is.
    static func covers(_ new: Rect, _ old: Rect) -> Bool {
        guard new.horizontalOverlap(old) > 0.4 * min(new.width, old.width) else { return false }
        if new.verticalOverlap(old) > 0.4 * min(new.height, old.height) { return true }
        return old.midY < new.midY && new.midY - old.midY < max(new.height, old.height)
    }
}
