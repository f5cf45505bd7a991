import Foundation
import PDFText
import Layout
let doc = try PDFDocument(path: CommandLine.arguments[1])
let page = try doc.page(Int(CommandLine.arguments[2])!)
let words = WordGrouping().words(from: page.glyphs())
let text = PageText(number: 1, bounds: page.bounds, source: .native, words: words)
for s in CommandLine.arguments.dropFirst(3) {
  let m = LabelFinder().find(Label(s), in: text, fuzzy: false)
  print(s, m.map { "\($0.rect) \($0.wordIndices.map { text.words[$0].text })" })
}
