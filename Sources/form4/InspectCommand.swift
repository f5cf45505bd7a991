import ArgumentParser
import Foundation
import Form4

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the reader sees on a page: text source, lines with boxes, labels found.",
        discussion: """
        For finding out why a field was misread: prints each page's text source (native, \
        ocr-layer, ocr), the role the page was given (start of a Form 4, continuation, ...), every \
        line of words with its box in points (origin top-left), and where each of the form's \
        labels was found and how well it matched (1 = exactly).
        """
    )

    @Argument(help: "The PDF file.", completion: .file(extensions: ["pdf"]))
    var file: String

    @Option(help: "Only these pages (one-based), e.g. --page 1 --page 3.")
    var page: [Int] = []

    @Flag(help: "Leave out the lines; show the labels only.")
    var labelsOnly = false

    @Option(help: "Password for encrypted PDFs.")
    var password: String?

    func run() throws {
        let pages = try Form4Extractor(options: ExtractionOptions(password: password))
            .inspect(path: file, pages: page.isEmpty ? nil : page)
        for inspection in pages {
            print("== page \(inspection.page): \(inspection.source.rawValue), \(inspection.role)")
            if !labelsOnly {
                for line in inspection.lines { print("  \(line.rect)  \(line.text)") }
            }
            print("  labels:")
            for hit in inspection.labels {
                print(String(format: "    %.2f  %@  %@  <- %@", hit.score, "\(hit.rect)", hit.label, hit.words.joined(separator: " ")))
            }
        }
    }
}
