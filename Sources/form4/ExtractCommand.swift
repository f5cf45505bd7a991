import ArgumentParser
import Foundation
import Form4

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, xml
}

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract Form 4 records from PDF files.",
        discussion: """
        Folders are searched (recursively) for *.pdf files. For whole archives, `form4 batch` \
        adds worker processes, resumable runs and tables; `extract` suits a file or a few.

        Exit status: 0 when every file was read (including files that hold no Form 4, reported as \
        "not-form4"), 1 when any file could not be read (status "error" with a code and message), \
        2 for usage errors. One bad file never stops the others.
        """
    )

    @Argument(help: "PDF files to read, or folders to search for them.", completion: .file(extensions: ["pdf"]))
    var files: [String]

    @Option(name: .shortAndLong, help: "Output format: json (one document), jsonl (one line per file), xml (EDGAR ownership XML, one document per form).")
    var format: OutputFormat = .json

    @Option(name: .shortAndLong, help: "Write to this file (json, jsonl) or folder (xml with several forms) instead of standard output (\"-\": standard output).")
    var output: String?

    /// Where to write: nil for standard output, which "-" names as usual.
    private var outputPath: String? { output == "-" ? nil : output }

    @Option(help: "Password for encrypted PDFs.")
    var password: String?

    @Option(help: "Fields below this confidence (0...1) mark their record needsReview.")
    var reviewThreshold: Double = 0.9

    func validate() throws {
        guard (0...1).contains(reviewThreshold) else {
            throw ValidationError("--review-threshold must be between 0 and 1, got \(reviewThreshold)")
        }
    }

    func run() throws {
        let extractor = Form4Extractor(options: ExtractionOptions(password: password, reviewThreshold: reviewThreshold))
        var results: [FileResult] = []
        var anyFailed = false
        let sink = try OutputSink(path: outputPath, format: format)
        let (inputs, emptyFolders) = PDFInputs.expand(files)
        for folder in emptyFolders {
            anyFailed = true
            FileHandle.standardError.write(Data("form4: \(folder): no PDF files in this folder\n".utf8))
        }
        for file in inputs {
            let result = extractor.extract(path: file)
            if let error = result.error {
                anyFailed = true
                FileHandle.standardError.write(Data("form4: \(error.message) [\(error.code)]\n".utf8))
            }
            if format == .jsonl { try sink.write(RecordJSON.line(result)) } else { results.append(result) }
        }
        switch format {
        case .json: try sink.write(RecordJSON.document(results))
        case .jsonl: break
        case .xml: try writeXML(results, sink: sink)
        }
        if anyFailed { throw ExitCode(1) }
    }

    private func writeXML(_ results: [FileResult], sink: OutputSink) throws {
        let forms = results.flatMap { result in result.forms.enumerated().map { (result.file, $0.offset, $0.element) } }
        if let folder = outputPath, forms.count > 1 || folder.hasSuffix("/") || isDirectory(folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (file, index, record) in forms {
                let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                let path = (folder as NSString).appendingPathComponent("\(base).form\(index + 1).xml")
                try Data(OwnershipXML.write(record).utf8).write(to: URL(fileURLWithPath: path))
            }
        } else {
            for (_, _, record) in forms { try sink.write(Data(OwnershipXML.write(record).utf8)) }
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

/// Standard output or a file, opened once.
final class OutputSink {
    private let handle: FileHandle

    init(path: String?, format: OutputFormat) throws {
        guard let path, format != .xml || !path.hasSuffix("/") else { handle = .standardOutput; return }
        if format == .xml { handle = .standardOutput; return }
        guard let file = OutputFile.create(path) else {
            throw ValidationError("cannot write \(path): check that its folder exists and is writable")
        }
        handle = file
    }

    func write(_ data: Data) throws { handle.write(data) }
}
