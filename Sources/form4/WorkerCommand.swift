import ArgumentParser
import Batch

/// The worker process of `form4 batch` (not for direct use): JSON job lines in on standard
/// input (`{"path": ..., "password": ...}`), one record line out per job on standard output.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Worker process of form4 batch: job lines on stdin, record lines on stdout.",
        shouldDisplay: false
    )

    @Option(help: "Fields below this confidence mark their record needsReview.")
    var reviewThreshold: Double = 0.9

    func run() throws {
        let status = BatchWorker.run(reviewThreshold: reviewThreshold)
        if status != 0 { throw ExitCode(status) }
    }
}
