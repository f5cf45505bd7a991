import PDFText

/// What a browser or print driver adds in a page's top and bottom margins when it prints a
/// document: the date and time of printing, the document's title, its address, "2/3" page
/// numbers. None of it is the document's: a footer line left in would read as a table row.
///
/// A margin line counts as furniture only when it holds one of the tokens printers put there
/// (an address, a page count, a clock time), so a document's own text near the edge stays.
public struct PageFurniture: Sendable {
    /// How far from the page's top and bottom edges furniture stands (fraction of page height).
    public var marginBand: Double = 0.045

    public init() {}

    /// `words` without the furniture lines in the page's margins.
    public func removing(from words: [Word], pageBounds: Rect) -> [Word] {
        let band = pageBounds.height * marginBand
        let inMargin = words.indices.filter {
            words[$0].rect.y1 <= pageBounds.y0 + band || words[$0].rect.y0 >= pageBounds.y1 - band
        }
        guard !inMargin.isEmpty else { return words }
        let lines = LineGrouping().lines(from: inMargin.map { words[$0] })
        let furniture = lines.filter { line in line.words.contains { Self.isPrinterToken($0.text) } }
        guard !furniture.isEmpty else { return words }
        let dropped = Set(inMargin.filter { index in
            furniture.contains { line in line.rect.verticalOverlap(words[index].rect) > 0 }
        })
        return words.indices.filter { !dropped.contains($0) }.map { words[$0] }
    }

    /// An address (`https://…`, `file:///…`, `www.…`), a page count (`2/3`), or a clock time
    /// (`1:32`, `13:05`).
    static func isPrinterToken(_ text: String) -> Bool {
        if text.contains("://") || text.lowercased().hasPrefix("www.") { return true }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
           let page = Int(parts[0]), let pages = Int(parts[1]), page >= 1, page <= pages {
            return true
        }
        let clock = text.split(separator: ":", omittingEmptySubsequences: false)
        if clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2,
           clock.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let hour = Int(clock[0]), hour < 24 {
            return true
        }
        return false
    }
}
