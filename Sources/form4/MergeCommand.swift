import ArgumentParser
import Batch
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine batch output folders (shards) into one, and rebuild its derived outputs.",
        discussion: """
        Each DIR is a `form4 batch --out` folder. Their records.jsonl and manifest.tsv are merged \
        into --out (the latest record per file wins; later DIRs over earlier ones), then xml/, \
        tables/, form4.sqlite, failures.tsv, review.tsv and summary.json are rebuilt. With no DIR, \
        the derived outputs of --out are only rebuilt (e.g. after an interrupted batch).

        --from-records FOLDER takes the records from per-file JSON Lines files under FOLDER \
        (`form4 extract --format jsonl -o FOLDER/x.json`, as scripts/archive.mk writes them) \
        instead of the records already in --out.
        """
    )

    @Argument(help: "Batch output folders to merge.", completion: .directory)
    var directories: [String] = []

    @Option(name: .long, help: "Output folder (may be one of the merged folders' parent; created if missing).")
    var out: String

    @Option(name: .long, help: "A folder of per-file record files (*.json, *.jsonl), or one such file. Repeatable.")
    var fromRecords: [String] = []

    func run() throws {
        do {
            let summary = try BatchMerge.merge(directories: directories, recordFiles: fromRecords, into: out)
            FileHandle.standardError.write(Data("form4 merge: \(summary.inputs) files: \(summary.ok) ok, \(summary.notForm4) not-form4, \(summary.failed) failed; \(summary.forms) forms → \(out)\n".utf8))
        } catch let error as BatchError {
            FileHandle.standardError.write(Data("form4 merge: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
