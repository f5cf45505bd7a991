import Foundation
import Layout
import PDFText

/// What the reader sees on a page, for people finding out why a field was misread:
/// the text source, the lines with their boxes, and where each of the form's labels was found.
public struct PageInspection: Sendable {
    public struct LabelHit: Sendable {
        public var label: String
        public var score: Double
        public var rect: Rect
        public var words: [String]
    }

    public var page: Int
    public var source: TextSource
    public var lines: [TextLine]
    public var labels: [LabelHit]
    public var role: String
}

extension Form4Extractor {
    /// Inspects every page of the PDF at `path` (or only `pages`, one-based).
    public func inspect(path: String, pages wanted: [Int]? = nil) throws -> [PageInspection] {
        let document = try PDFDocument(path: path, password: options.password)
        var result: [PageInspection] = []
        for index in 0..<document.pageCount where wanted?.contains(index + 1) ?? true {
            let page = try formPage(try document.page(index))
            let hits = FormLabels.all.compactMap { label -> PageInspection.LabelHit? in
                guard let match = page.first(label) else { return nil }
                return .init(label: label.text, score: match.score, rect: match.rect,
                             words: match.wordIndices.map { page.words[$0].text })
            }
            result.append(PageInspection(page: index + 1, source: page.source, lines: page.text.lines, labels: hits,
                                         role: "\(FormSplitter.role(of: page))"))
        }
        return result
    }
}

extension FormLabels {
    /// Every label, for inspection.
    static let all: [Label] = [
        form4, statementOfChanges, section16Box, rule10b5Box, nameAndAddress, last, first, middle, street, city, state, zip,
        issuerName, foreignTradingSymbol, earliestTransaction, amendment, relationship, jointFiling, director,
        tenPercentOwner, officer, other, tableI, tableII, explanation, remarks, signature, reminder,
    ] + TableAnatomy.nonDerivative.map(\.label) + TableAnatomy.derivative.map(\.label)
}
