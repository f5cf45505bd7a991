import ArgumentParser
import Batch
import Foundation

struct BatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Extract a whole archive of PDFs with worker processes, resumably.",
        discussion: """
        INPUT is a PDF, a folder (searched recursively for *.pdf) or @LIST (a file with one path \
        per line). Files are spread over --jobs worker processes; a worker that crashes or takes \
        longer than --timeout costs only its file (recorded as failed, code worker-crashed or \
        timeout). Results go to --out: records.jsonl and manifest.tsv (the source of truth, \
        appended file by file), and, built anew as the results arrive and moved into place at \
        the end, xml/, tables/, form4.sqlite, failures.tsv, review.tsv and summary.json.

        Running again with the same --out skips every file whose SHA-256 is already done (a file \
        changed in place is redone); --retry-failed redoes failed files too. Ctrl-C or SIGTERM \
        stops the run with the folder consistent; the next run carries on.

        Exit status: 0 when the run completed (failed files are listed in failures.tsv), 1 on a \
        fatal error, 130/143 when interrupted.
        """
    )

    @Argument(help: "PDF files, folders, or @list files.", completion: .file())
    var inputs: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .shortAndLong, help: "Worker processes (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a file may take before its worker is killed.")
    var timeout: Double = 120

    @Flag(help: "Redo files that failed in an earlier run.")
    var retryFailed = false

    @Option(help: "K/N: process only the K-th (1-based) of N slices of the inputs, chosen by hash.")
    var shard: String?

    @Option(help: "Password for encrypted PDFs (files that failed for want of one are redone).")
    var password: String?

    @Option(help: "Fields below this confidence (0...1) mark their record needsReview.")
    var reviewThreshold: Double = 0.9

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard (0...1).contains(reviewThreshold) else { throw ValidationError("--review-threshold must be between 0 and 1") }
        if let shard { _ = try parseShard(shard) }
    }

    private func parseShard(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, (1...n).contains(k) else {
            throw ValidationError("--shard must be K/N with 1 <= K <= N, got \(text)")
        }
        return (k, n)
    }

    func run() throws {
        var options = BatchOptions()
        options.inputs = inputs
        options.outputDirectory = out
        options.jobs = jobs
        options.timeout = timeout
        options.retryFailed = retryFailed
        options.shard = try shard.map(parseShard)
        options.password = password
        options.reviewThreshold = reviewThreshold
        options.quiet = quiet
        let runner = BatchRunner(options: options)
        do {
            let summary = try runner.run()
            if summary.interrupted { throw ExitCode(128 + (runner.interruptingSignal == 0 ? 2 : runner.interruptingSignal)) }
        } catch let error as BatchError {
            FileHandle.standardError.write(Data("form4 batch: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
