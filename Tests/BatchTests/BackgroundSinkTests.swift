@testable import Batch
import Form4
import XCTest

/// The derived outputs are written on threads of their own: they must still see every result, in
/// the order given, and a failure must not pass unnoticed.
final class BackgroundSinkTests: XCTestCase {
    final class RecordingSink: DerivedSink, @unchecked Sendable {
        var files: [String] = []
        var closed = false
        let failOn: String?
        init(failOn: String? = nil) { self.failOn = failOn }
        func append(_ result: FileResult) throws {
            if result.file == failOn { throw BatchError("cannot write \(result.file)") }
            files.append(result.file)
        }
        func close() throws { closed = true }
    }

    func results(_ count: Int) -> [FileResult] {
        (0..<count).map { FileResult(file: "f\($0).pdf", status: .ok, reviewThreshold: 0.9) }
    }

    func testResultsArriveInOrderAndCloseWaitsForThem() throws {
        let recording = RecordingSink()
        let sink = BackgroundSink(recording, label: "test")
        for result in results(500) { try sink.append(result) }
        try sink.close()
        XCTAssertEqual(recording.files, results(500).map(\.file))
        XCTAssertTrue(recording.closed)
    }

    func testAFailedWriteIsReportedWhenClosing() throws {
        let recording = RecordingSink(failOn: "f3.pdf")
        let sink = BackgroundSink(recording, label: "test")
        for result in results(10) { XCTAssertNoThrow(try sink.append(result)) }
        XCTAssertThrowsError(try sink.close()) { error in
            XCTAssertTrue("\(error)".contains("f3.pdf"), "\(error)")
        }
        XCTAssertEqual(recording.files, ["f0.pdf", "f1.pdf", "f2.pdf"], "nothing is written after the failure")
        XCTAssertFalse(recording.closed)
    }
}
