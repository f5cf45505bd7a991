import Foundation
import XCTest
@testable import Form4

/// The JSON a user reads: valid, in contract order, and carrying what the record holds.
final class RecordJSONTests: XCTestCase {
    func sampleResult() -> FileResult {
        var record = Form4Record()
        record.pages = [1, 2]
        record.issuer.issuerName = Field(value: .string("Acme \"Widgets\"\nInc."), confidence: 0.99, page: 1,
                                         bbox: .init(x0: 1, y0: 2, x1: 3.456, y1: 4))
        var row = TableRow(kind: .transaction, derivative: true)
        row.transactionShares = Field(value: .number(Decimal(string: "1234.5678")!), confidence: 0.9, footnoteIds: ["F1", "F2"])
        record.derivativeTable = [row]
        record.footnotes = [Footnote(id: "F1", text: .known(.string("Held by trust.")))]
        return FileResult(file: "a.pdf", sha256: "ab", pageCount: 2, status: .ok, reviewThreshold: 0.9, forms: [record])
    }

    func testNumbersAreWrittenAsPrintfWouldPrintThem() {
        func written(_ body: (inout JSONWriter) -> Void) -> String {
            var json = JSONWriter(pretty: false)
            body(&json)
            return String(decoding: json.bytes, as: UTF8.self)
        }
        for value in [0, 1, 0.5, 0.88, 0.9999, 0.0004, 0.123456, 12.5, 612, 272.4, 791.999, -3.25, -0.001] {
            XCTAssertEqual(written { $0.fixed(value, decimals: 3) }, String(format: "%.3f", value), "\(value)")
            let coordinate = value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
            XCTAssertEqual(written { $0.coordinate(value) }, coordinate, "\(value)")
        }
        for value in [0, 7, -42, 1_000_000, Int.max, Int.min + 1] {
            XCTAssertEqual(written { $0.integer(value) }, String(value))
        }
        XCTAssertEqual(written { $0.fixed(.nan, decimals: 3) }, "null", "JSON has no NaN")
    }

    func testJSONRoundTripsThroughADecoder() throws {
        let data = try RecordJSON.document([sampleResult()])
        let decoded = try JSONDecoder().decode(FileResult.self, from: data)
        let form = try XCTUnwrap(decoded.forms.first)
        XCTAssertEqual(form.pages, [1, 2])
        XCTAssertEqual(form.issuer.issuerName.value, .string("Acme \"Widgets\"\nInc."))
        XCTAssertEqual(form.issuer.issuerName.bbox?.x1 ?? 0, 3.46, accuracy: 0.001)
        XCTAssertEqual(form.derivativeTable.first?.transactionShares.value, .number(Decimal(string: "1234.5678")!))
        XCTAssertEqual(form.derivativeTable.first?.transactionShares.footnoteIds, ["F1", "F2"])
        XCTAssertNotNil(form.derivativeTable.first?.expirationDate, "Table II rows carry the derivative columns")
        XCTAssertNil(decoded.error)
    }

    func testKeysFollowTheContractOrderAndLinesAreSingleLines() throws {
        let text = String(decoding: try RecordJSON.document([sampleResult()]), as: UTF8.self)
        let order = ["\"file\"", "\"sha256\"", "\"pageCount\"", "\"status\"", "\"reviewThreshold\"", "\"forms\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions.count, order.count)
        XCTAssertEqual(positions, positions.sorted())
        let line = String(decoding: try RecordJSON.line(sampleResult()), as: UTF8.self)
        XCTAssertEqual(line.filter { $0 == "\n" }.count, 1, "JSON Lines: one line per file")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
    }

    /// `form4 batch` reads records back with its own reader: it must give what Foundation's
    /// decoder gives, for every part of the contract, and refuse what is not a record.
    func testRecordReaderAgreesWithFoundationsDecoder() throws {
        var result = sampleResult()
        var owner = ReportingOwner()
        owner.rptOwnerName = Field(value: .string("Doe Jane \u{00E9}\u{1F600} \\ /"), confidence: 0.5, page: 1, raw: "D0e", method: "repaired")
        owner.isOfficer = Field(value: .bool(true), confidence: 0.97)
        result.forms[0].reportingOwners = [owner]
        result.forms[0].nonDerivativeTable = [TableRow(kind: .holding)]
        result.forms[0].ownerSignatures = [OwnerSignature()]
        result.forms[0].needsReview = true
        let failed = FileResult(file: "b.pdf", status: .error, error: .init(code: "not-pdf", message: "b.pdf: \"x\"\t"), reviewThreshold: 0.8)
        for original in [result, failed] {
            for data in [try RecordJSON.line(original), try RecordJSON.document([original])] {
                let ours = try RecordJSON.fileResult(from: data)
                let foundation = try JSONDecoder().decode(FileResult.self, from: data)
                XCTAssertEqual(ours.forms, foundation.forms)
                XCTAssertEqual(ours.file, foundation.file)
                XCTAssertEqual(ours.sha256, foundation.sha256)
                XCTAssertEqual(ours.pageCount, foundation.pageCount)
                XCTAssertEqual(ours.status, foundation.status)
                XCTAssertEqual(ours.error, foundation.error)
                XCTAssertEqual(ours.reviewThreshold, foundation.reviewThreshold)
                XCTAssertEqual(try RecordJSON.line(ours), try RecordJSON.line(original), "reading and writing again gives the same line")
            }
        }
        let escaped = try RecordJSON.fileResult(from: Data(#"{"file":"a\u00e9\ud83d\ude00\n","status":"ok","extra":[1,{"x":null}]}"#.utf8))
        XCTAssertEqual(escaped.file, "a\u{00E9}\u{1F600}\n")
        for broken in ["", "{", #"{"file":"a","status":"ok""#, #"{"file":"a","status":"maybe"}"#, #"{"status":"ok"}"#,
                       #"{"file":1,"status":"ok"}"#, #"{"file":"a","status":"ok","forms":[{"pages":["x"]}]}"#,
                       #"{"file":"a","status":"ok"} x"#, #"{"file":"a\q","status":"ok"}"#, "[" + String(repeating: "[", count: 100)] {
            XCTAssertThrowsError(try RecordJSON.fileResult(from: Data(broken.utf8)), broken)
        }
    }
}
