import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
struct Form4Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form4",
        abstract: "Turn SEC Form 4 PDFs into normalised, confidence-scored records.",
        discussion: """
        Reads Form 4s printed from EDGAR (and their scans), finds every form in each PDF and writes \
        its data in the vocabulary of the EDGAR ownership XML. Every field carries a confidence and \
        the page and box it was read from; records with a field below --review-threshold are \
        marked needsReview.

        Examples:
          form4 extract filing.pdf                       JSON on standard output
          form4 extract --format jsonl archive/*.pdf -o records.jsonl
          form4 extract --format xml bound.pdf -o xml/    one ownership XML per form
          form4 eval Samples/rendered                    accuracy against truth XML beside each PDF
        """,
        subcommands: [ExtractCommand.self, EvalCommand.self, InspectCommand.self, BenchCommand.self,
                      BatchRunCommand.self, MergeCommand.self, WorkerCommand.self]
    )

    /// Usage errors exit with status 2 (as the record contract says; ArgumentParser's own is 64),
    /// after the usual message that says what to do.
    static func main() {
        keepLargeBuffersOutOfTheHeap()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Page images (8 MiB at 300 dpi) are taken from and given back to the system directly. By default
/// glibc raises its threshold for that to the size of the largest block freed, after which such
/// images come from the heap, which does not shrink: a worker OCRing a 3-page scan peaked at
/// 178 MiB instead of 156 MiB, and long batches kept the high-water mark of their largest document.
private func keepLargeBuffersOutOfTheHeap() {
    #if canImport(Glibc)
    // mallopt is not in Swift's Glibc module (malloc.h); it is looked up instead. M_MMAP_THRESHOLD
    // is -3 in glibc's malloc.h.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 1 << 20)
    #endif
}
