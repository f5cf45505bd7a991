import Layout
import PDFText

/// One page as the form reader sees it: its words (native or OCR) and, when there is one,
/// the PDF page behind them for looking at what the text layer does not say (checkbox images).
final class FormPage {
    let text: PageText
    let pdfPage: PDFPage?
    let finder = LabelFinder()
    private var cachedRaster: GrayImage??
    private var cachedImageRects: [Rect]?

    init(text: PageText, pdfPage: PDFPage?) {
        self.text = text
        self.pdfPage = pdfPage
    }

    var number: Int { text.number }
    var source: TextSource { text.source }
    var words: [Word] { text.words }
    /// A typical line height on this page: the unit of every tolerance below.
    lazy var unit: Double = max(text.typicalWordHeight, 4)

    /// A native text layer spells labels exactly; looking for damaged spellings there would only
    /// find look-alikes ("Table I" in "Table II"). OCR text is searched with an edit budget.
    var fuzzyLabels: Bool { text.source != .native }

    func first(_ label: Label, in region: Rect? = nil) -> LabelMatch? {
        finder.first(label, in: text, region: region, fuzzy: fuzzyLabels)
    }

    func all(_ label: Label, in region: Rect? = nil) -> [LabelMatch] {
        finder.find(label, in: text, region: region, fuzzy: fuzzyLabels).sorted { $0.rect.y0 < $1.rect.y0 }
    }

    /// The top-most match, for labels that stand once in an area but may also occur in values.
    func topMost(_ label: Label, in region: Rect? = nil) -> LabelMatch? {
        all(label, in: region).first
    }

    /// Words whose centre lies in `region`, minus those in `excluded` (label words).
    func words(in region: Rect, excluding excluded: Set<Int> = []) -> [Word] {
        text.wordIndices(in: region).filter { !excluded.contains($0) }.map { text.words[$0] }
    }

    /// Raster images placed on the page (checkbox images, scanned page images).
    var imageRects: [Rect] {
        if let cachedImageRects { return cachedImageRects }
        let rects = pdfPage?.imageRects() ?? []
        cachedImageRects = rects
        return rects
    }

    /// The page rendered in grey, made once and only when something needs to look at ink.
    func raster() -> GrayImage? {
        if let cachedRaster { return cachedRaster }
        let image = try? pdfPage?.renderGray(dpi: 150)
        cachedRaster = .some(image)
        return image
    }

    var bounds: Rect { text.bounds }

    /// Whether this page prints checkbox marks as text. Box 6 always has one line marked, so a
    /// header without any "X" draws its marks (images or vector paths) and only ink tells them.
    lazy var marksCheckboxesInText: Bool = {
        let headerBottom = first(Label("Table I - Non-Derivative Securities"))?.rect.y0 ?? bounds.y1
        return words.contains { CheckboxReader.markGlyphs.contains($0.text) && $0.rect.y1 < headerBottom }
    }()
}
