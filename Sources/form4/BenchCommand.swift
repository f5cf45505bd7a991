import ArgumentParser
import Foundation
import Form4
import PDFText

/// Times the pipeline against its floor, poppler's own text extraction, in one process.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time poppler's text extraction alone and the full extraction, side by side.",
        discussion: """
        For every PDF given (folders are searched), runs in one process, alternating the two so that \
        machine drift hits both alike (which goes first changes file by file): (1) poppler text \
        extraction: open, glyphs with boxes, fonts and colours for every page, close; (2) the full `form4 \
        extract` pipeline. Prints the median of --runs rounds for each, per page, and the median \
        of the rounds' ratios. A benchmark, not a test.
        """
    )

    @Argument(help: "PDF files or folders.")
    var inputs: [String]

    @Option(help: "Rounds over all files; the median round is reported.")
    var runs: Int = 5

    @Flag(help: "Print the result as JSON.")
    var json = false

    enum Side: String, ExpressibleByArgument, CaseIterable { case poppler, pipeline }

    @Option(help: ArgumentHelp("Time one side only (for a profiler such as valgrind --tool=callgrind); no ratio.",
                               valueName: "poppler|pipeline"))
    var only: Side?

    func run() throws {
        let files = PDFInputs.expand(inputs).files
        guard !files.isEmpty else { throw ValidationError("no PDF files found in \(inputs.joined(separator: " "))") }
        let datas = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let extractor = Form4Extractor()
        var floor: [Double] = [], full: [Double] = [], ratios: [Double] = []
        var pages = 0
        for round in 0..<runs {
            var floorSeconds = 0.0, fullSeconds = 0.0
            pages = 0
            for (index, (file, data)) in zip(files, datas).enumerated() {
                // Alternate which goes first file by file, so that machine drift (other tenants,
                // clock changes) hits both alike within a round rather than one round each.
                let order = (round + index) % 2 == 0 ? [0, 1] : [1, 0]
                for which in order where only == nil || only == (which == 0 ? .poppler : .pipeline) {
                    let started = DispatchTime.now().uptimeNanoseconds
                    if which == 0 {
                        guard let pageCount = Self.readGlyphs(of: data, name: file) else { continue }
                        floorSeconds += Self.seconds(since: started)
                        if only == .poppler { pages += pageCount }
                    } else {
                        pages += extractor.extract(data: data, name: file).pageCount ?? 0
                        fullSeconds += Self.seconds(since: started)
                    }
                }
            }
            floor.append(floorSeconds)
            full.append(fullSeconds)
            ratios.append(fullSeconds / max(floorSeconds, 1e-9))
        }
        let floorMedian = median(floor), fullMedian = median(full)
        var result: [String: Double] = [
            "files": Double(files.count), "pages": Double(pages), "runs": Double(runs),
            "popplerMsPerPage": floorMedian / Double(max(pages, 1)) * 1000,
            "pipelineMsPerPage": fullMedian / Double(max(pages, 1)) * 1000,
            // The median of each round's own ratio: a round's two sums were taken side by side.
            "ratio": median(ratios),
            "popplerSpread": (floor.max()! - floor.min()!) / max(floorMedian, 1e-9),
            "pipelineSpread": (full.max()! - full.min()!) / max(fullMedian, 1e-9),
        ]
        if let only {
            // One side timed: the other's figures and the ratio would be zeros.
            let kept = only == .poppler ? "poppler" : "pipeline"
            result = result.filter { !$0.key.hasSuffix("Spread") && !$0.key.hasSuffix("MsPerPage") || $0.key.hasPrefix(kept) }
            result["ratio"] = nil
        }
        if json {
            FileHandle.standardOutput.write(try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted]))
            print()
            return
        }
        print("files \(files.count), pages \(pages), median of \(runs) rounds")
        if let ms = result["popplerMsPerPage"], let spread = result["popplerSpread"] {
            print(String(format: "poppler text extraction (glyphs, boxes, fonts, colours): %.2f ms/page (spread %.0f%%)", ms, spread * 100))
        }
        if let ms = result["pipelineMsPerPage"], let spread = result["pipelineSpread"] {
            print(String(format: "form4 extract pipeline (records):                       %.2f ms/page (spread %.0f%%)", ms, spread * 100))
        }
        if let ratio = result["ratio"] {
            print(String(format: "pipeline / poppler: %.3f (the pipeline adds %.1f%%)", ratio, (ratio - 1) * 100))
        }
    }

    /// Poppler's text extraction alone: the document opened, every page's glyphs read, and all
    /// of it released again before this returns (as the pipeline releases its pages before it
    /// returns), so that both timings hold the same freeing of poppler's text pages. The page
    /// count; nil where the document does not open.
    private static func readGlyphs(of data: Data, name: String) -> Int? {
        guard let document = try? PDFDocument(data: data, name: name) else { return nil }
        let pages = (try? document.pages()) ?? []
        for page in pages { _ = page.glyphs() }
        return pages.count
    }

    private static func seconds(since started: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
