import ArgumentParser
import Foundation
import Form4

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction against truth XML files.",
        discussion: """
        Runs extraction on every PDF under DIR (or each PDF named) that has its EDGAR ownership XML beside it \
        (NAME.pdf with NAME.xml; a PDF binding several forms with NAME.1.xml, NAME.2.xml, ...), \
        compares field by field and prints, per folder: documents, fields, field accuracy, \
        documents exactly right, footnote-reference accuracy and mean milliseconds per page; then \
        every wrong field. The last line is a one-line summary. Table rows are paired with the \
        truth's by position, footnotes by their id (footnotes(F2).text): a footnote lost from \
        the page costs its own text only.
        """
    )

    @Argument(help: "Folders to search for PDFs with truth files, or PDF files.", completion: .file())
    var folders: [String]

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: "Show at most this many wrong fields (0: none).")
    var maxWrong: Int = 200

    @Option(help: "Password for encrypted PDFs.")
    var password: String?

    func validate() throws {
        for folder in folders where !FileManager.default.fileExists(atPath: folder) {
            throw ValidationError("\(folder): no such file or folder")
        }
    }

    func run() throws {
        let evaluator = Evaluator(extractor: Form4Extractor(options: ExtractionOptions(password: password)))
        var report = Evaluator.Report()
        for folder in folders {
            if Evaluator.cases(under: folder).isEmpty {
                FileHandle.standardError.write(Data("form4: \(folder): no PDF with its truth beside it (NAME.pdf with NAME.xml, or NAME.1.xml, NAME.2.xml, ... for several forms); nothing to score there\n".utf8))
            }
            let part = evaluator.run(root: folder)
            report.folders += part.folders
            report.wrong += part.wrong
        }
        if json {
            let encoder = RecordJSON.encoder(pretty: true)
            FileHandle.standardOutput.write(try encoder.encode(report))
            print()
            return
        }
        print(Self.header)
        for folder in report.folders { print(Self.row(folder)) }
        if !report.wrong.isEmpty && maxWrong > 0 {
            print("\nwrong fields (file, path, truth, extracted, confidence):")
            for wrong in report.wrong.prefix(maxWrong) {
                print("  \(wrong.file)\t\(wrong.path)\ttruth=\(wrong.truth)\textracted=\(wrong.extracted)\tconf=\(String(format: "%.3f", wrong.confidence))")
            }
            if report.wrong.count > maxWrong { print("  ... and \(report.wrong.count - maxWrong) more") }
        }
        let total = report.total
        print(String(format: "summary: %d documents, %d fields, field accuracy %.2f%%, exact %d/%d, footnote refs %.2f%%, %.1f ms/page, %d files failed",
                     total.summary.documents, total.summary.fields, total.summary.accuracy * 100,
                     total.summary.exactDocuments, total.summary.documents,
                     Self.footnoteAccuracy(total.summary) * 100, total.msPerPage, total.failedFiles))
    }

    static let header = "folder\tdocuments\tfields\taccuracy\texact\tfootnote-refs\tms/page"

    static func row(_ folder: Evaluator.FolderReport) -> String {
        let summary = folder.summary
        return String(format: "%@\t%d\t%d\t%.2f%%\t%.2f%%\t%.2f%%\t%.1f", folder.folder, summary.documents, summary.fields,
                      summary.accuracy * 100,
                      summary.documents == 0 ? 0 : Double(summary.exactDocuments) / Double(summary.documents) * 100,
                      footnoteAccuracy(summary) * 100, folder.msPerPage)
    }

    static func footnoteAccuracy(_ summary: EvalSummary) -> Double {
        summary.footnoteRefs == 0 ? 1 : Double(summary.footnoteRefsCorrect) / Double(summary.footnoteRefs)
    }
}
