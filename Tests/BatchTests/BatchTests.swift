import Batch
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests of `form4 batch`, `form4 worker` and `form4 merge`: they run the built
/// `form4` executable (run `swift build` first; the tests are skipped when it is missing).
final class BatchTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var scratch: URL!

    /// `.build/debug/form4` beside the test bundle, or under the repository.
    static var executable: String? {
        var candidates: [String] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(me.deletingLastPathComponent().appendingPathComponent("form4").path)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("form4").path)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("form4").path)
        }
        candidates.append(repository.appendingPathComponent(".build/debug/form4").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasSuffix(".xctest") }
    }

    override func setUpWithError() throws {
        guard Self.executable != nil else {
            throw XCTSkip("the form4 executable is not built: run `swift build` before the BatchTests")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("form4-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    // MARK: helpers

    struct Run { var status: Int32; var stderr: String }

    @discardableResult
    func form4(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    func sample(_ relative: String) -> URL { Self.repository.appendingPathComponent(relative) }

    func copy(_ relative: String, to name: String, in folder: URL) throws {
        try FileManager.default.copyItem(at: sample(relative), to: folder.appendingPathComponent(name))
    }

    func json(_ url: URL) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func tsv(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func records(_ folder: URL) throws -> [[String: Any]] {
        try String(contentsOf: folder.appendingPathComponent("records.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func which(_ tool: String) -> String? {
        ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)", "/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func shell(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The PDF with the cross-reference table's offsets all moved by 7 bytes.
    func brokenXref(_ source: URL) throws -> Data {
        let data = try Data(contentsOf: source)
        let marker = Data("\nxref\n".utf8)
        let start = try XCTUnwrap(data.range(of: marker, options: .backwards)).upperBound
        var tail = String(decoding: data[start...], as: UTF8.self)
        let regex = try NSRegularExpression(pattern: "(\\d{10}) (\\d{5}) n")
        for match in regex.matches(in: tail, range: NSRange(tail.startIndex..., in: tail)).reversed() {
            let range = Range(match.range(at: 1), in: tail)!
            tail.replaceSubrange(range, with: String(format: "%010d", Int(tail[range])! + 7))
        }
        return data[..<start] + Data(tail.utf8)
    }

    // MARK: tests

    /// `form4 extract` takes folders as well as files: their PDFs are read in name order, and a
    /// folder without any is reported (exit status 1) without stopping the others.
    func testExtractSearchesFoldersAndReportsEmptyOnes() throws {
        let fm = FileManager.default
        let filings = scratch.appendingPathComponent("filings")
        try fm.createDirectory(at: filings.appendingPathComponent("2024"), withIntermediateDirectories: true)
        try fm.createDirectory(at: scratch.appendingPathComponent("nothing-here"), withIntermediateDirectories: true)
        try copy("Samples/edgar-real/form4-chromium-letter.pdf", to: "2024/b.pdf", in: filings)
        try copy("Samples/edgar-real/form4-wkhtmltopdf-a4.pdf", to: "a.PDF", in: filings)
        try Data("notes".utf8).write(to: filings.appendingPathComponent("notes.txt"))
        let run = try form4(["extract", "filings", "nothing-here", "--format", "jsonl", "-o", "out.jsonl"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("nothing-here: no PDF files in this folder"), run.stderr)
        let lines = try String(contentsOf: scratch.appendingPathComponent("out.jsonl"), encoding: .utf8).split(separator: "\n")
        let results = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(results.map { $0["file"] as? String }, ["filings/2024/b.pdf", "filings/a.PDF"])
        XCTAssertEqual(results.map { $0["status"] as? String }, ["ok", "ok"])
    }

    /// An archive of good, damaged, odd and hostile files: every input is accounted for, each
    /// failure has its row and code, one crash and one hang cost only their own file.
    func testArchiveWithDamagedAndOddFiles() throws {
        let archive = scratch.appendingPathComponent("archive")
        let fm = FileManager.default
        try fm.createDirectory(at: archive.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        let rendered = try fm.contentsOfDirectory(atPath: sample("Samples/rendered").path).filter { $0.hasSuffix(".pdf") }.sorted()
        XCTAssertGreaterThanOrEqual(rendered.count, 6)
        try copy("Samples/rendered/\(rendered[0])", to: "rendered.pdf", in: archive)
        try copy("Samples/edgar-real/form4-chromium-letter.pdf", to: "sub/edgar.pdf", in: archive)
        try Data().write(to: archive.appendingPathComponent("empty.pdf"))
        let good = try Data(contentsOf: sample("Samples/rendered/\(rendered[1])"))
        try good.prefix(good.count / 3).write(to: archive.appendingPathComponent("truncated.pdf"))
        try brokenXref(sample("Samples/rendered/\(rendered[2])")).write(to: archive.appendingPathComponent("broken-xref.pdf"))
        try copy("Tests/Form4Tests/Fixtures/form4-encrypted.pdf", to: "encrypted.pdf", in: archive)
        try Data("just some text, not a PDF\n".utf8).write(to: archive.appendingPathComponent("not-a-pdf.pdf"))
        try fm.createSymbolicLink(atPath: archive.appendingPathComponent("sub/dangling.pdf").path, withDestinationPath: "/nonexistent/file.pdf")
        try fm.createSymbolicLink(atPath: archive.appendingPathComponent("sub/deeper/up").path, withDestinationPath: "../..") // folder loop
        try fm.createSymbolicLink(atPath: archive.appendingPathComponent("self.pdf").path, withDestinationPath: "self.pdf")   // link loop
        try fm.createDirectory(at: archive.appendingPathComponent("folder-named.pdf"), withIntermediateDirectories: true)
        try copy("Samples/rendered/\(rendered[3])", to: "crash-me.pdf", in: archive)
        try copy("Samples/rendered/\(rendered[4])", to: "hang-me.pdf", in: archive)
        // A name that is not UTF-8.
        var rawName = Array(archive.path.utf8) + Array("/latin1-".utf8) + [0xE9] + Array(".pdf".utf8)
        let goodBytes = try Data(contentsOf: sample("Samples/rendered/\(rendered[5])"))
        rawName.append(0)
        let fd = rawName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = goodBytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        var expectedInputs = 12 // 2 samples, empty, truncated, broken xref, encrypted, not-a-pdf, dangling, self loop, crash, hang, latin1
        if let qpdf = which("qpdf") {
            let pages = Array(repeating: "1", count: 500).joined(separator: ",")
            XCTAssertEqual(try shell(qpdf, ["--empty", "--pages", sample("Tests/Form4Tests/Fixtures/letter.pdf").path, pages, "--",
                                             archive.appendingPathComponent("letter-500-pages.pdf").path]), 0)
            expectedInputs += 1
        } else {
            print("qpdf not installed: the 500-page PDF is left out")
        }

        let out = scratch.appendingPathComponent("out")
        let run = try form4(["batch", "archive", "--out", "out", "--jobs", "2", "--timeout", "5"],
                            environment: ["FORM4_FAULT_INJECTION": "crash:crash-me,hang:hang-me"])
        XCTAssertEqual(run.status, 0, run.stderr)

        let summary = try json(out.appendingPathComponent("summary.json"))
        let inputs = summary["inputs"] as? Int, ok = summary["ok"] as? Int, notForm4 = summary["notForm4"] as? Int, failed = summary["failed"] as? Int
        XCTAssertEqual(inputs, expectedInputs, run.stderr)
        XCTAssertEqual(inputs, (ok ?? 0) + (notForm4 ?? 0) + (failed ?? 0))
        XCTAssertEqual(notForm4, expectedInputs == 13 ? 1 : 0)
        XCTAssertEqual(try records(out).count, expectedInputs)

        let failures = try tsv(out.appendingPathComponent("failures.tsv"))
        XCTAssertEqual(failures.first, ["file", "code", "message"])
        XCTAssertEqual(failures.count - 1, failed)
        let codes = Dictionary(failures.dropFirst().map { (($0[0] as NSString).lastPathComponent, $0[1]) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(codes["empty.pdf"], "empty-file")
        XCTAssertEqual(codes["truncated.pdf"], "damaged-pdf")
        XCTAssertEqual(codes["encrypted.pdf"], "encrypted")
        XCTAssertEqual(codes["not-a-pdf.pdf"], "not-pdf")
        XCTAssertEqual(codes["dangling.pdf"], "file-not-found")
        XCTAssertEqual(codes["self.pdf"], "unreadable")
        XCTAssertEqual(codes["crash-me.pdf"], "worker-crashed")
        XCTAssertEqual(codes["hang-me.pdf"], "timeout")
        XCTAssertTrue(failures.contains { $0[1] == "worker-crashed" && $0[2].contains("signal 6") })
        // The broken cross-reference table is either repaired (poppler reconstructs it) or a clean failure.
        XCTAssertTrue(codes["broken-xref.pdf"] == nil || codes["broken-xref.pdf"] == "damaged-pdf")
        // The name that is not UTF-8 was read, and is reported with its odd byte escaped.
        let latin = try records(out).first { ($0["file"] as? String)?.contains("latin1-\\xE9.pdf") == true }
        XCTAssertEqual(latin?["status"] as? String, "ok")
        XCTAssertTrue((summary["warnings"] as? [String])?.contains { $0.contains("up") && $0.contains("loop") } == true)

        // Outputs.
        let forms = try XCTUnwrap(summary["forms"] as? Int)
        let xml = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("xml").path)
        XCTAssertEqual(xml.count, forms)
        XCTAssertTrue(xml.allSatisfy { $0.range(of: #"\.[0-9a-f]{8}\.form\d+\.xml$"#, options: .regularExpression) != nil }, "\(xml)")
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("review.tsv").path))
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("form4.sqlite").path))
        let tables = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("tables").path)
        XCTAssertFalse(tables.isEmpty)
        let script = """
        import csv, glob, sys
        files = glob.glob(sys.argv[1] + '/tables/*') + [sys.argv[1] + '/review.tsv', sys.argv[1] + '/failures.tsv']
        for f in files:
            rows = list(csv.reader(open(f, newline='', encoding='utf-8'), delimiter='\\t'))
            assert rows and all(len(r) == len(rows[0]) for r in rows), f
        """
        let python = try shell("/usr/bin/env", ["python3", "-c", script, out.path])
        if python == 127 { print("python3 not found: the csv check is left out") } else {
            XCTAssertEqual(python, 0, "tables do not load with Python's csv module")
        }
        if let sqlite = which("sqlite3") {
            XCTAssertEqual(try shell(sqlite, [out.appendingPathComponent("form4.sqlite").path, ".tables"]), 0)
        }

        // Second run: nothing redone, except the encrypted file now that a password is given.
        let again = try form4(["batch", "archive", "--out", "out", "--password", "form4pass", "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let second = try json(out.appendingPathComponent("summary.json"))
        XCTAssertEqual(second["processed"] as? Int, 1)
        XCTAssertEqual(second["skipped"] as? Int, expectedInputs - 1)
        XCTAssertEqual(second["ok"] as? Int, (ok ?? 0) + 1)
        XCTAssertFalse(try tsv(out.appendingPathComponent("failures.tsv")).contains { $0[1] == "encrypted" })

        // --retry-failed: the crash and the hang are retried, without fault injection they work.
        let retry = try form4(["batch", "archive", "--out", "out", "--retry-failed", "--quiet"])
        XCTAssertEqual(retry.status, 0, retry.stderr)
        let third = try json(out.appendingPathComponent("summary.json"))
        XCTAssertFalse(try tsv(out.appendingPathComponent("failures.tsv")).contains { $0[1] == "timeout" || $0[1] == "worker-crashed" })
        XCTAssertEqual(third["inputs"] as? Int, expectedInputs)
    }

    /// SIGTERM in the middle of a run; the next run carries on and redoes nothing.
    func testResumeAfterSIGTERM() throws {
        let archive = scratch.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let rendered = sample("Samples/rendered")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: rendered.path).filter { $0.hasSuffix(".pdf") }.sorted().prefix(20)
        for name in pdfs { try copy("Samples/rendered/\(name)", to: name, in: archive) }
        let out = scratch.appendingPathComponent("out")

        // One worker; the 11th file hangs, so the run is surely in the middle when it is stopped.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["batch", "archive", "--out", "out", "--jobs", "1", "--timeout", "100", "--quiet"]
        process.currentDirectoryURL = scratch
        process.environment = ProcessInfo.processInfo.environment.merging(["FORM4_FAULT_INJECTION": "hang:\(pdfs[10])"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let recordsURL = out.appendingPathComponent("records.jsonl")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let text = try? String(contentsOf: recordsURL, encoding: .utf8), text.split(separator: "\n").count >= 10 { break }
            usleep(100_000)
        }
        usleep(300_000)
        process.terminate() // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 143)
        let firstLines = try records(out)
        XCTAssertEqual(firstLines.count, 10)
        let firstManifest = try tsv(out.appendingPathComponent("manifest.tsv"))
        XCTAssertEqual(firstManifest.count - 1, 10)
        let summary = try json(out.appendingPathComponent("summary.json"))
        XCTAssertEqual(summary["interrupted"] as? Bool, true)

        let run = try form4(["batch", "archive", "--out", "out", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let second = try json(out.appendingPathComponent("summary.json"))
        XCTAssertEqual(second["skipped"] as? Int, 10)
        XCTAssertEqual(second["processed"] as? Int, pdfs.count - 10)
        XCTAssertEqual(second["ok"] as? Int, pdfs.count)
        XCTAssertEqual(try records(out).count, pdfs.count)
        let manifest = try tsv(out.appendingPathComponent("manifest.tsv")).dropFirst()
        XCTAssertEqual(Set(manifest.map { $0[0] }).count, pdfs.count, "a file was done twice")
        XCTAssertEqual(Array(manifest.prefix(10)).map { $0[5] }, Array(firstManifest.dropFirst()).map { $0[5] })
    }

    /// A file changed in place is redone and its old record superseded.
    func testChangedFileIsRedone() throws {
        let archive = scratch.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try copy("Samples/rendered/f0000-x0508-a4-s100.pdf", to: "a.pdf", in: archive)
        try copy("Samples/rendered/f0001-x0508-a4-s90-poa.pdf", to: "b.pdf", in: archive)
        XCTAssertEqual(try form4(["batch", "archive", "--out", "out", "--quiet"]).status, 0)
        let target = archive.appendingPathComponent("b.pdf")
        try FileManager.default.removeItem(at: target)
        try Data("not a pdf any more".utf8).write(to: target)
        XCTAssertEqual(try form4(["batch", "archive", "--out", "out", "--quiet"]).status, 0)
        let summary = try json(scratch.appendingPathComponent("out/summary.json"))
        XCTAssertEqual(summary["processed"] as? Int, 1)
        XCTAssertEqual(summary["failed"] as? Int, 1)
        XCTAssertEqual(summary["ok"] as? Int, 1)
        let failures = try tsv(scratch.appendingPathComponent("out/failures.tsv"))
        XCTAssertEqual(failures.count, 2)
        XCTAssertEqual(failures.last?[1], "not-pdf")
    }

    /// The derived outputs are written while the files are extracted, from the earlier run's
    /// records and the new results: after a second run that adds one file and redoes a changed
    /// one, they are exactly what a rebuild from records.jsonl gives.
    func testDerivedOutputsOfASecondRunMatchARebuild() throws {
        let archive = scratch.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try copy("Samples/rendered/f0000-x0508-a4-s100.pdf", to: "a.pdf", in: archive)
        try copy("Samples/rendered/f0001-x0508-a4-s90-poa.pdf", to: "b.pdf", in: archive)
        XCTAssertEqual(try form4(["batch", "archive", "--out", "out", "--quiet"]).status, 0)
        try copy("Samples/bound/" + (try FileManager.default.contentsOfDirectory(atPath: sample("Samples/bound").path)
            .filter { $0.hasSuffix(".pdf") }.sorted()[0]), to: "c.pdf", in: archive)
        try FileManager.default.removeItem(at: archive.appendingPathComponent("b.pdf"))
        try Data("not a pdf any more".utf8).write(to: archive.appendingPathComponent("b.pdf"))
        XCTAssertEqual(try form4(["batch", "archive", "--out", "out", "--quiet"]).status, 0)
        let streamed = try derivedOutputs(scratch.appendingPathComponent("out"))
        XCTAssertEqual(try form4(["merge", "--out", "out"]).status, 0)
        let rebuilt = try derivedOutputs(scratch.appendingPathComponent("out"))
        for output in Set(streamed.keys).union(rebuilt.keys).sorted() {
            XCTAssertEqual(streamed[output], rebuilt[output], output)
        }
        XCTAssertEqual(streamed["xml"]?.count, 1 + 2, "a.pdf's form from the first run and c.pdf's two forms: \(streamed["xml"] ?? [])")
        XCTAssertEqual(streamed["failures.tsv"]?.count, 2, "the header and b.pdf")
    }

    /// The lines of every derived TSV (sorted) and the names of the XML files, by output.
    func derivedOutputs(_ folder: URL) throws -> [String: [String]] {
        let fm = FileManager.default
        var outputs = ["xml": try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("xml").path).sorted()]
        let tables = try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("tables").path).map { "tables/" + $0 }
        for name in tables + ["review.tsv", "failures.tsv"] {
            outputs[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").map(String.init).sorted()
        }
        return outputs
    }

    /// Two shards cover the inputs exactly once; merge gives the same counts as one run.
    func testShardsAndMerge() throws {
        let list = scratch.appendingPathComponent("list.txt")
        let rendered = sample("Samples/rendered")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: rendered.path).filter { $0.hasSuffix(".pdf") }.sorted().prefix(12)
        try (pdfs.map { rendered.appendingPathComponent($0).path }.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
        for k in 1...2 {
            let run = try form4(["batch", "@list.txt", "--out", "shard\(k)", "--shard", "\(k)/2", "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let one = try records(scratch.appendingPathComponent("shard1")).compactMap { $0["file"] as? String }
        let two = try records(scratch.appendingPathComponent("shard2")).compactMap { $0["file"] as? String }
        XCTAssertTrue(Set(one).isDisjoint(with: two))
        XCTAssertEqual(one.count + two.count, pdfs.count)
        let merge = try form4(["merge", "shard1", "shard2", "--out", "merged"])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        let summary = try json(scratch.appendingPathComponent("merged/summary.json"))
        XCTAssertEqual(summary["inputs"] as? Int, pdfs.count)
        XCTAssertEqual(summary["ok"] as? Int, pdfs.count)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("merged/xml").path).count, pdfs.count)
        XCTAssertEqual(try tsv(scratch.appendingPathComponent("merged/manifest.tsv")).count - 1, pdfs.count)
        // Merging again changes nothing.
        XCTAssertEqual(try form4(["merge", "shard1", "shard2", "--out", "merged"]).status, 0)
        XCTAssertEqual(try records(scratch.appendingPathComponent("merged")).count, pdfs.count)
    }

    /// The worker protocol: a job line in, a record line out, in order.
    func testWorkerProtocol() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable!)
        process.arguments = ["worker"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let jobs = [WorkerJob(path: sample("Samples/edgar-real/form4-chromium-letter.pdf").path), WorkerJob(path: "/nonexistent.pdf")]
        for job in jobs { input.fileHandleForWriting.write(try JSONEncoder().encode(job) + [0x0A]) }
        try input.fileHandleForWriting.close()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("\"status\":\"ok\""))
        XCTAssertTrue(lines[1].contains("file-not-found"))
    }

    func testManifestEntryRoundTrip() {
        let entry = ManifestEntry(sha256: String(repeating: "a", count: 64), status: "error", code: "timeout", size: 12,
                                  mtime: "1.000000001", seconds: 5.5, path: "odd\tname\\x.pdf")
        XCTAssertEqual(ManifestEntry(line: String(entry.line.dropLast())), entry)
        XCTAssertEqual(RawPath(bytes: Array("a".utf8) + [0xFF] + Array("é.pdf".utf8)).display, "a\\xFFé.pdf")
    }
}
