import Foundation
import Form4
import XCTest

/// `form4 extract` as a user runs it: formats, output paths and exit statuses.
final class CommandLineTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        guard BatchTests.executable != nil else {
            throw XCTSkip("the form4 executable is not built: run `swift build` before these tests")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("form4-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BatchTests.executable!)
        process.arguments = arguments
        process.currentDirectoryURL = BatchTests.repository
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    func testADashAsOutputMeansStandardOutput() throws {
        let stray = BatchTests.repository.appendingPathComponent("-")
        defer { try? FileManager.default.removeItem(at: stray) }
        let result = try run(["extract", "--format", "jsonl", "-o", "-", "Samples/edgar-real/form4-chromium-letter.pdf"])
        XCTAssertEqual(result.status, 0)
        let record = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        XCTAssertEqual(record?["status"] as? String, "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stray.path), "no file named \"-\"")
    }

    func testEvalScoresAPDFNamedOnItsOwn() throws {
        let result = try run(["eval", "--json", "Samples/edgar-real/form4-chromium-letter.pdf"])
        XCTAssertEqual(result.status, 0)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let folders = try XCTUnwrap(report["folders"] as? [[String: Any]])
        let summary = try XCTUnwrap(folders.first?["summary"] as? [String: Any])
        XCTAssertEqual(summary["documents"] as? Int, 1)
        XCTAssertEqual(summary["correct"] as? Int, summary["fields"] as? Int)
        XCTAssertEqual(try run(["eval", "Samples/no-such-folder"]).status, 2, "a path that is not there is a usage error")
    }

    func testXMLOutputWritesOneOwnershipDocumentPerForm() throws {
        let bound = BatchTests.repository.appendingPathComponent("Samples/bound")
        let pdf = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: bound.path).filter { $0.hasSuffix(".pdf") }.sorted().first)
        let folder = scratch.appendingPathComponent("xml")
        let result = try run(["extract", "--format", "xml", "-o", folder.path + "/", "Samples/bound/\(pdf)"])
        XCTAssertEqual(result.status, 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        let base = String(pdf.dropLast(4))
        let truths = (1...9).map { bound.appendingPathComponent("\(base).\($0).xml") }.filter { FileManager.default.fileExists(atPath: $0.path) }
        XCTAssertEqual(files.count, truths.count, "one document per form in the bound PDF")
        for (file, truth) in zip(files, truths) {
            let written = try XCTUnwrap(OwnershipXML.read(contentsOf: folder.appendingPathComponent(file)).first)
            let expected = try XCTUnwrap(OwnershipXML.read(contentsOf: truth).first)
            XCTAssertEqual(written.issuer.issuerName.value, expected.issuer.issuerName.value)
            XCTAssertEqual(written.nonDerivativeTable.count, expected.nonDerivativeTable.count)
            XCTAssertEqual(written.footnotes.map(\.id), expected.footnotes.map(\.id))
        }
    }

    func testOutputGoesWhereThePathLeadsWithoutReplacingIt() throws {
        // `-o` into a symbolic link (or a device such as /dev/null) writes through it; the path
        // itself stays what it was (a rename over it would replace the link with a file).
        let target = scratch.appendingPathComponent("records.jsonl")
        let link = scratch.appendingPathComponent("latest.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertEqual(try run(["extract", "--format", "jsonl", "-o", link.path, "Samples/edgar-real/form4-chromium-letter.pdf"]).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path)
        XCTAssertEqual(String(decoding: try Data(contentsOf: target), as: UTF8.self).split(separator: "\n").count, 1)
    }

    func testExitStatusSaysWhetherEveryFileWasRead() throws {
        XCTAssertEqual(try run(["extract", "Samples/edgar-real/form4-chromium-letter.pdf", "Tests/Form4Tests/Fixtures/letter.pdf"]).status, 0,
                       "a PDF without a Form 4 was still read")
        let mixed = try run(["extract", "--format", "jsonl", "Samples/edgar-real/form4-chromium-letter.pdf", "no/such/file.pdf"])
        XCTAssertEqual(mixed.status, 1)
        let lines = String(decoding: mixed.stdout, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "the good file's record is written all the same")
        XCTAssertEqual(try run(["extract", "--format", "yaml", "x.pdf"]).status, 2, "usage errors")
    }
}
