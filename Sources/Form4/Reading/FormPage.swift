import Layout
import PDFText

/// One page as the form reader sees it: its words (native or OCR) and, when there is one,
/// the PDF page behind them for looking at what the text layer does not say (checkbox images).
final class FormPage {
    let text: PageText
    let pdfPage: PDFPage?
    /// OCR for re-reading doubtful fields of scanned pages (nil: no re-reading).
    let ocr: OCRService?
    private var cachedScan: GrayImage??
    let finder: LabelFinder

    /// The scan's skew (radians): words were straightened by it, and so is the page image
    /// `scanImage()` gives (turned once, when first needed), so both share one frame.
    let skew: Double

    init(text: PageText, pdfPage: PDFPage?, ocr: OCRService? = nil, scanImage: GrayImage? = nil, skew: Double = 0) {
        self.skew = skew
        self.text = text
        self.pdfPage = pdfPage
        self.ocr = ocr
        if let scanImage { cachedScan = .some(scanImage) }
        var finder = LabelFinder()
        // OCR text layers stretch words to the scanned ink: their gaps are wider than the
        // printed spaces were, and label words stand further apart.
        if text.source != .native { finder.maxWordGap = 1.6 }
        self.finder = finder
    }

    /// The same page with other words (labels put back, `LabelRescue`): the page image made so
    /// far is kept, not made again.
    func replacingText(_ text: PageText) -> FormPage {
        let copy = FormPage(text: text, pdfPage: pdfPage, ocr: ocr, skew: skew)
        copy.cachedScan = cachedScan
        copy.straightened = straightened
        return copy
    }

    var number: Int { text.number }
    var source: TextSource { text.source }
    var words: [Word] { text.words }
    /// A typical line height on this page: the unit of every tolerance below.
    lazy var unit: Double = max(text.typicalWordHeight, 4)

    /// A native text layer spells labels exactly; looking for damaged spellings there would only
    /// find look-alikes ("Table I" in "Table II"). OCR text is searched with an edit budget.
    var fuzzyLabels: Bool { text.source != .native }

    /// The best (then top-most) place of `label` in `region`.
    func first(_ label: Label, in region: Rect? = nil, exactOnly: Bool = false) -> LabelMatch? {
        all(label, in: region, exactOnly: exactOnly).max { ($0.score, -$0.rect.y0) < ($1.score, -$1.rect.y0) }
    }

    /// Every place of `label` in `region`, top to bottom: exact spellings, or where there are
    /// none (and the text is OCR), damaged ones. The readers ask for the same labels many times
    /// over; each is looked for once per page and the answers filtered by region.
    func all(_ label: Label, in region: Rect? = nil, exactOnly: Bool = false) -> [LabelMatch] {
        func inRegion(_ match: LabelMatch) -> Bool {
            region.map { $0.contains(x: match.start.x, y: match.start.y) } ?? true
        }
        var exact = cached(&exactMatches, label) { finder.exactMatches(label, in: text) }.filter(inRegion)
        if !fuzzyLabels || exactOnly { return exact }
        // A label printed in parentheses and small letters, read in capitals without them, is a
        // value's word ("500 BOYLSTON STREET") where OCR lost the label itself.
        exact.removeAll { isCapitalisedValue($0, of: label) }
        if !exact.isEmpty, label.parenthesized, !exact.contains(where: { $0.opensWithParenthesis(in: text) }) {
            // A label printed in parentheses, spelled exactly only without them, is other text
            // ("STREET" of an address) where OCR damaged the label itself ("(Steet)"): a damaged
            // spelling with the parentheses is the label.
            let literal = approximate(label).filter { $0.opensWithParenthesis(in: text) && inRegion($0) }
            if !literal.isEmpty { return literal }
        }
        if !exact.isEmpty {
            guard FormLabels.repeated.contains(label) else { return exact }
            // One owner's label spelled exactly must not hide another owner's damaged one.
            let damaged = approximate(label).filter { match in
                match.score >= Self.nearlyExactScore && !exact.contains { $0.rect.intersects(match.rect) }
            }
            return (exact + damaged.filter(inRegion)).sorted { $0.rect.y0 < $1.rect.y0 }
        }
        return approximate(label).filter { inRegion($0) && !isCapitalisedValue($0, of: label) }
    }

    /// Whether `match` of a parenthesized label is a word in capitals without the parentheses.
    private func isCapitalisedValue(_ match: LabelMatch, of label: Label) -> Bool {
        label.parenthesized && !match.opensWithParenthesis(in: text)
            && match.wordIndices.allSatisfy { text.words[$0].text.contains(where: \.isLetter) && !text.words[$0].text.contains(where: \.isLowercase) }
    }

    /// A damaged spelling of a repeated label counts beside exact ones only when this close
    /// (one wrong character in ten): the exact ones show how the label is printed on this page.
    static let nearlyExactScore = 0.9

    private func approximate(_ label: Label) -> [LabelMatch] {
        cached(&approximateMatches, label) {
            // A damaged spelling may be closer to a look-alike label: then it is that label's.
            let rivals = FormLabels.rivals(of: label)
            let matches = finder.approximateMatches(label, in: text).filter { match in
                !rivals.contains { finder.score(of: $0, against: match, in: text) > match.score }
            }
            return Self.distinctPlaces(matches).map(withoutRuleBars)
        }
    }

    /// A damaged label's match without the table rules OCR read as "|" that it took in (for a
    /// lost "1."): a rule is no part of the label, and its tall box would set the label's place
    /// (where it starts, how high it reaches) above where the label is printed.
    func withoutRuleBars(_ match: LabelMatch) -> LabelMatch {
        let printed = match.wordIndices.filter { !words[$0].text.allSatisfy { $0 == "|" } }
        guard printed.count < match.wordIndices.count, let first = printed.first,
              let rect = printed.map({ words[$0].rect }).unionAll() else { return match }
        let start = words[first].rect
        return LabelMatch(label: match.label, start: (start.midX, start.midY), wordIndices: printed, rect: rect, score: match.score)
    }

    /// The best of the matches that share words: a damaged label is also found from its second
    /// word on ("Name and Address…" without its "1."), which is the same place, not another one.
    static func distinctPlaces(_ matches: [LabelMatch]) -> [LabelMatch] {
        var kept: [LabelMatch] = []
        var taken = Set<Int>()
        for match in matches.sorted(by: { $0.score > $1.score }) where !match.wordIndices.contains(where: taken.contains) {
            kept.append(match)
            taken.formUnion(match.wordIndices)
        }
        return kept
    }

    private var exactMatches: [String: [LabelMatch]] = [:]
    private var approximateMatches: [String: [LabelMatch]] = [:]

    private func cached(_ cache: inout [String: [LabelMatch]], _ label: Label, _ compute: () -> [LabelMatch]) -> [LabelMatch] {
        if let known = cache[label.text] { return known }
        let found = compute().sorted { $0.rect.y0 < $1.rect.y0 }
        cache[label.text] = found
        return found
    }

    /// The top-most match, for labels that stand once in an area but may also occur in values.
    func topMost(_ label: Label, in region: Rect? = nil) -> LabelMatch? {
        all(label, in: region).first
    }

    /// Words whose centre lies in `region`, minus those in `excluded` (label words).
    func words(in region: Rect, excluding excluded: Set<Int> = []) -> [Word] {
        let indices = text.wordIndices(in: region)
        // Most callers exclude nothing: no hashing of every index then.
        return (excluded.isEmpty ? indices : indices.filter { !excluded.contains($0) }).map { text.words[$0] }
    }

    /// Resolution of the grey page image used to look at ink (checkboxes).
    static let inkDPI: Double = 150

    /// Announces areas whose ink will be looked at (checkboxes), so that the next render draws
    /// them all: every render reads the whole page again, which costs more than reading its
    /// text, so a page's checkboxes are best announced together before the first is looked at.
    func expectInk(in areas: [Rect]) {
        expectedInk += areas
    }

    private var expectedInk: [Rect] = []
    /// How many times the PDF page was rendered to look at ink: each render reads the whole
    /// page again (tests hold the readers to one a page).
    private(set) var inkRenders = 0
    /// The page in grey and the areas drawn on it (nil: all of it), once rendered; nil inside
    /// when the render failed.
    private var cachedRaster: (image: GrayImage, drawn: [Rect]?)??

    /// The page in grey, for looking at ink (drawn checkboxes), with `region` drawn. Rendering
    /// costs a pass over the page, so it is made only when asked, and only the announced areas
    /// are drawn (`expectInk`); a region that was not announced gets the whole page drawn.
    func raster(covering region: Rect) -> GrayImage? {
        if source != .native { return scanImage() }
        if let cached = cachedRaster {
            guard let (image, drawn) = cached else { return nil }
            if drawn?.contains(where: { $0.contains(region) }) ?? true { return image }
        }
        inkRenders += 1
        guard expectedInk.contains(where: { $0.contains(region) }) else {
            let image = try? pdfPage?.renderGray(dpi: Self.inkDPI, region: bounds)
            cachedRaster = .some(image.map { ($0, nil) })
            return image
        }
        // The image covers the announced areas only (a header's checkboxes need no image of the
        // tables, and memory never drawn on costs time to fault in), widened to whole pixels of
        // the page's grid so that its pixels stand where a whole page's would.
        let scale = Self.inkDPI / 72
        let wanted = expectedInk.unionAll() ?? bounds
        let area = Rect(x0: bounds.x0 + (max(0, wanted.x0 - bounds.x0) * scale).rounded(.down) / scale,
                        y0: bounds.y0 + (max(0, wanted.y0 - bounds.y0) * scale).rounded(.down) / scale,
                        x1: min(bounds.x1, wanted.x1), y1: min(bounds.y1, wanted.y1))
        let image = try? pdfPage?.renderGray(dpi: Self.inkDPI, region: area, only: expectedInk)
        cachedRaster = .some(image.map { ($0, expectedInk) })
        return image
    }

    var bounds: Rect { text.bounds }

    /// Where an area of the straightened page stands on the page image `scanImage()` (the
    /// same frame: that image is straightened too).
    func imageArea(_ area: Rect) -> Rect { area }

    /// A scanned page's image at OCR resolution, straightened by the page's skew (rules and
    /// lines of print run level, as the words do), made once when first needed.
    func scanImage() -> GrayImage? {
        if let cachedScan, let image = cachedScan, !straightened { straightened = true; return straighten(image) }
        if let cachedScan { return cachedScan }
        let image = (try? pdfPage?.renderGray(dpi: OCRService.dpi)).map(straighten)
        straightened = true
        cachedScan = .some(image)
        return image
    }

    private var straightened = false

    private func straighten(_ image: GrayImage) -> GrayImage {
        let turned = skew == 0 ? image : image.rotated(by: skew, around: (bounds.midX, bounds.midY))
        cachedScan = .some(turned)
        return turned
    }

    /// What the scan shows of the table cell at `region` (straightened frame): the inside of its
    /// rules and a superscript footnote marker after its value, read on its own.
    func cellInk(_ region: Rect, text: Rect?) -> ScanCellInk? {
        guard let (found, image) = ruleFinder() else { return nil }
        var cells = found
        let area = imageArea(region), textArea = text.map { imageArea($0) }
        var (inside, ruled) = cells.ruledCell(area, text: textArea)
        // Rules and letters are told from paper at a fixed level, except where the print is too
        // faint for it (blurred, light scans): there at the cell's own, and the cell's sides are
        // placed again at that level (at it a letter's blurred edge reaches further, and a side
        // left clear of it at the fixed level would cut it).
        if cells.components(in: inside).count < 2, case let level = cells.printLevel(in: inside), level > cells.inkLevel {
            cells.inkLevel = level
            (inside, ruled) = cells.ruledCell(area, text: textArea)
        }
        // A marker printed clearly is found as raised pieces of ink and read as "(n)"; a faint,
        // blurred or broken one (200 dpi) column by column, and read leniently.
        var raised = cells.trailingSuperscript(in: inside)
        var (marker, read) = trailingMarker(after: raised, in: inside, cells: cells, image: image)
        // Faint print falls apart at the fixed level: the tops of a "5" or "7" stand alone and
        // look raised. Where raised ink held no marker, the cell is looked at again at its own
        // print level.
        if marker == nil, raised != nil, case let level = cells.printLevel(in: inside), level > cells.inkLevel {
            var faint = cells
            faint.inkLevel = level
            let raisedAgain = faint.trailingSuperscript(in: inside)
            let (markerAgain, readAgain) = trailingMarker(after: raisedAgain, in: inside, cells: faint, image: image)
            if markerAgain != nil { (cells, raised, marker, read) = (faint, raisedAgain, markerAgain, readAgain) }
        }
        let resolution = MarkerResolution(defined: definedFootnotes)
        let resolved = marker.flatMap { shape in
            resolution.ids(reading: read, shape: shape).map { checkedByPicture($0, shape: shape, image: image) }
                ?? rereadMarker(shape, image: image, resolution: resolution, firstReading: read)
                ?? markerByPicture(shape, image: image) ?? resolution.guess(shape)
        }
        // A blob alone that reads as no marker is the cell's value (a lone "5", a "D").
        let seen = marker.flatMap { $0.alone && resolved == nil ? nil : $0 }
        let markerArea = seen?.rect
        let printed = !cells.components(in: inside, outside: markerArea).isEmpty
        // A tall blob alone is a marker only by its reading: what the text layer read there wins.
        return ScanCellInk(inside: inside, markerArea: markerArea, markers: resolved?.ids,
                           markerGuessed: (resolved?.guessed ?? false) || (seen?.needsWholeReading ?? false),
                           markerAlone: seen?.alone ?? false, hasText: printed, ruled: ruled,
                           // Raised ink after the value that no reading named goes to review,
                           // even where its shape was not a marker's: it may be one OCR wrecked.
                           unreadMarker: (seen != nil || raised != nil) && resolved == nil)
    }

    /// The scan image's cells, rules told from print at the page's own ink level where that is
    /// darker than the fixed one (faint scans).
    func scanCells(of image: GrayImage) -> CellImage {
        var cells = CellImage(image: image, unit: unit)
        cells.ruleLevel = max(cells.ruleLevel, pageInkLevel)
        return cells
    }

    /// The band between the horizontal rules above and below `region` (a table cell of a scan,
    /// straightened frame), nil where the page is no scan or rules were not found all round.
    func ruledRowBand(_ region: Rect, text: Rect?) -> (y0: Double, y1: Double)? {
        guard let (cells, _) = ruleFinder() else { return nil }
        let (inside, ruled) = cells.ruledCell(imageArea(region), text: text.map { imageArea($0) })
        return ruled ? (inside.y0, inside.y1) : nil
    }

    /// A marker whose first reading named no footnote of the form, read several ways over and
    /// decided by vote (a guess: the field goes to review). A blob alone in a cell is read again
    /// only when the first reading saw a parenthesis: most are lone letters.
    private func rereadMarker(_ shape: MarkerShape, image: GrayImage, resolution: MarkerResolution,
                              firstReading: String?) -> (ids: [String], guessed: Bool)? {
        guard let ocr, !shape.alone || (firstReading.map { $0.contains("(") || $0.contains(")") } ?? false) else { return nil }
        return resolution.ids(votes: ocr.readMarkerVariants(shape.rect, of: image, fewer: source == .ocr) + [firstReading].compactMap { $0 }, shape: shape)
    }

    /// A marker no reading named, told by comparing its ink with the form's footnote numbers
    /// as printed (`MarkerTemplates`): a guess, the field goes to review. Not for a blob alone
    /// as tall as a value, nor where the form's footnotes were not read.
    private func markerByPicture(_ shape: MarkerShape, image: GrayImage) -> (ids: [String], guessed: Bool)? {
        guard !definedFootnotes.isEmpty, !shape.needsWholeReading else { return nil }
        let templates = MarkerTemplates(candidates: definedFootnotes.sorted())
        return templates.number(at: shape.rect, in: image, alone: shape.alone).map { (["F\($0)"], true) }
    }

    /// A marker OCR read as one footnote, named anew where its picture clearly shows another
    /// of the form's footnotes (`MarkerTemplates.overruling`): a blurred "(5)" reads as "(3)".
    /// The picture's reading is a guess; the field goes to review.
    private func checkedByPicture(_ read: (ids: [String], guessed: Bool), shape: MarkerShape,
                                  image: GrayImage) -> (ids: [String], guessed: Bool) {
        guard read.ids.count == 1, !shape.needsWholeReading, let number = Int(read.ids[0].dropFirst()), !definedFootnotes.isEmpty,
              let shown = MarkerTemplates(candidates: definedFootnotes.sorted()).overruling(number, at: shape.rect, in: image)
        else { return read }
        return (["F\(shown)"], true)
    }

    /// The raised pieces of ink at `area` (found at the page's ink level) read as a complete
    /// "(n)": a marker printed clearly, with that reading; nil otherwise.
    /// The footnote marker after a cell's value and its first reading: raised ink that reads
    /// as one, or else a marker's shape found column by column.
    private func trailingMarker(after raised: Rect?, in inside: Rect, cells: CellImage, image: GrayImage) -> (MarkerShape?, String?) {
        if let raised, let clear = clearMarker(at: raised, image: image) { return clear }
        let faint = cells.trailingMarker(in: inside)
        return (faint, faint.flatMap { ocr?.readMarker($0.rect, of: image) })
    }

    private func clearMarker(at area: Rect, image: GrayImage) -> (MarkerShape?, String?)? {
        guard let reading = ocr?.readMarker(area, of: image), OCRService.markerNumbers(reading) != nil else { return nil }
        return (MarkerShape(rect: area, strokeWidths: [], alone: false), reading)
    }

    /// The numbers of the footnotes the form's Explanation of Responses defines, set by the
    /// form's reader before it reads the tables: a marker on a scan can only name one of them.
    var definedFootnotes: Set<Int> = []

    /// On a scan, the first rule running across the middle of the page below `y` (within
    /// `distance`), as the y of its lower edge; nil on native pages or where there is none.
    func ruleBelow(_ y: Double, within distance: Double) -> Double? {
        guard let (cells, image) = ruleFinder() else { return nil }
        let x0 = bounds.x0 + bounds.width * 0.25, x1 = bounds.x1 - bounds.width * 0.25
        guard let rule = cells.horizontalRules(from: image.pixelY(y), to: image.pixelY(y + distance),
                                               x0: image.pixelX(x0), x1: image.pixelX(x1)).first else { return nil }
        return image.region.y0 + Double(rule.end + 1) / image.scale
    }

    /// On a scan, where vertical rules run down the whole of `band` (page points, left to right,
    /// each a rule's middle); empty on native pages or where nothing is ruled.
    func verticalRules(across band: Rect) -> [Double] {
        guard let (cells, image) = ruleFinder() else { return [] }
        return cells.verticalRules(from: image.pixelX(band.x0), to: image.pixelX(band.x1),
                                   top: image.pixelY(band.y0), bottom: image.pixelY(band.y1))
            .map { image.region.x0 + Double($0.start + $0.end + 1) / 2 / image.scale }
    }

    /// The scan's image, and its ink seen at the page's rule level; nil on native pages.
    private func ruleFinder() -> (CellImage, GrayImage)? {
        guard source != .native, let image = scanImage() else { return nil }
        return (scanCells(of: image), image)
    }

    /// The lines of print in `area` of a scan's image (straightened frame), top to bottom: runs
    /// of pixel rows that hold print, at least a fifth of a unit high (a speck's row is none).
    /// Nil on native pages.
    func inkLines(in area: Rect) -> [(y0: Double, y1: Double)]? {
        guard source != .native, let image = scanImage() else { return nil }
        let x0 = max(0, image.pixelX(area.x0)), x1 = min(image.width, image.pixelX(area.x1))
        let y0 = max(0, image.pixelY(area.y0)), y1 = min(image.height, image.pixelY(area.y1))
        guard x1 > x0, y1 > y0 else { return [] }
        let level = pageInkLevel
        var lines: [(y0: Double, y1: Double)] = []
        var start: Int?
        for y in y0...y1 {
            let inked = y < y1 && (x0..<x1).contains { image[$0, y] < level }
            if inked, start == nil { start = y }
            if !inked, let first = start {
                if Double(y - first) >= unit * 0.2 * image.scale {
                    lines.append((image.region.y0 + Double(first) / image.scale, image.region.y0 + Double(y) / image.scale))
                }
                start = nil
            }
        }
        return lines
    }

    /// Darker than this is print on the scan: a third of the way from the paper to the darkest
    /// print (blurred, noisy scans leave rules and letters grey).
    lazy var pageInkLevel: UInt8 = {
        guard let image = scanImage() else { return 150 }
        var histogram = GrayHistogram()
        for index in stride(from: 0, to: image.pixels.count, by: 7) { histogram.add(image.pixels[index]) }
        let paper = histogram.percentile(0.5), darkest = histogram.percentile(0.005)
        guard paper - darkest >= 60 else { return 150 }
        return UInt8(paper - (paper - darkest) * 35 / 100)
    }()

    /// Whether this page prints checkbox marks as text. Box 6 always has one line marked, so a
    /// header without any "X" draws its marks (images or vector paths) and only ink tells them.
    lazy var marksCheckboxesInText: Bool = {
        // On a scan, ink is the evidence; OCR may miss an "X" or read one into a speck.
        guard source == .native else { return false }
        let headerBottom = first(FormLabels.tableI)?.rect.y0 ?? bounds.y1
        // Marks are one character: longer words, and words below the header, are passed over
        // without hashing their text.
        return words.contains { $0.rect.y1 < headerBottom && $0.text.utf8.count <= 3 && CheckboxReader.markGlyphs.contains($0.text) }
    }()
}

extension ScanCellInk {
    /// The ink without its marker where that is wider than a marker ("(12)" is about a unit
    /// wide) and lies inside a word the text layer read as letters only ("Spouse"): small
    /// letters after a descender ("ouse" beside the "p" of "By Spouse") stand above the lowest
    /// ink as a marker does. A marker the layer saw leaves a trace in its word ("Trust®",
    /// "I(1)", "Stock1").
    func droppingMarker(insideWordsOf words: [Word], unit: Double) -> ScanCellInk {
        guard let area = markerArea, area.width >= unit * 1.5, words.contains(where: { word in
            word.text.count >= 3 && word.text.allSatisfy(\.isLetter) && word.rect.verticalOverlap(area) > 0
                && word.rect.x0 <= area.x0 && word.rect.x1 >= area.midX
        }) else { return self }
        var ink = self
        ink.markerArea = nil
        ink.markers = nil
        ink.markerGuessed = false
        ink.markerAlone = false
        ink.unreadMarker = false
        return ink
    }
}

/// A scanned table cell as its ink shows it (page-image frame).
struct ScanCellInk {
    /// The inside of the cell's rules.
    var inside: Rect
    /// Where a footnote marker stands after the value, when one was seen.
    var markerArea: Rect?
    /// The footnotes it names ("F1"), nil when none was seen or it could not be told.
    var markers: [String]?
    /// The marker could not be read and `markers` is a guess (the form's only footnote, a "(1)" by its shape).
    var markerGuessed = false
    /// The marker is all the cell holds: the text read there is the marker's, not a value.
    var markerAlone = false
    /// Whether anything is printed in the cell.
    var hasText: Bool
    /// Whether the cell's rules were found on all sides (else its bounds are a guess).
    var ruled: Bool
    /// Whether a footnote marker follows the value but which one could not be told.
    var unreadMarker: Bool
}

private extension GrayImage {
    /// The pixel column and row of a page point.
    func pixelX(_ x: Double) -> Int { Int(((x - region.x0) * scale).rounded()) }
    func pixelY(_ y: Double) -> Int { Int(((y - region.y0) * scale).rounded()) }
}
