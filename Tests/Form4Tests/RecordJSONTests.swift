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

    /// Every kind of value a record holds reads back as written, whatever the key order, white
    /// space, nulls standing for absent keys, escaped keys and unknown members.
    func testRecordReaderReadsEveryValueKind() throws {
        var form = Form4Record()
        form.pages = [3]
        form.textSource = .ocr
        form.confidence = 0.25
        form.documentType = Field(value: .string("4/A"), confidence: 0.5, footnoteIds: ["F1", "F12"], page: 2,
                                  bbox: .init(x0: -1.25, y0: 0, x1: 612, y1: 791.99), raw: "4 /A", method: "inferred")
        form.aff10b5One = Field(value: .bool(false), confidence: 1)
        form.notSubjectToSection16 = Field(value: .null, confidence: 0.98)
        var row = TableRow(kind: .holding)
        for (index, text) in ["0", "-3.25", "0.0004", "1234567.891", "12345678901234567890.5", "1000000"].enumerated() {
            let field = Field(value: .number(Decimal(string: text)!), confidence: 0.9)
            switch index {
            case 0: row.transactionShares = field
            case 1: row.transactionPricePerShare = field
            case 2: row.sharesOwnedFollowingTransaction = field
            case 3: row.securityTitle = field
            case 4: row.natureOfOwnership = field
            default: row.transactionDate = field
            }
        }
        form.nonDerivativeTable = [row]
        form.footnotes = [Footnote(id: "F1", text: .known(.string("tab\there \u{2028} \"quoted\" \\ end")))]
        let results = [
            FileResult(file: "ok.pdf", sha256: "cd", pageCount: 3, status: .ok, reviewThreshold: 0.75, forms: [form]),
            FileResult(file: "plain.pdf", sha256: "ef", pageCount: 1, status: .notForm4, reviewThreshold: 0.9),
        ]
        for original in results {
            let read = try RecordJSON.fileResult(from: try RecordJSON.line(original))
            XCTAssertEqual(read.forms, original.forms)
            XCTAssertEqual(read.status, original.status)
            XCTAssertEqual(try RecordJSON.line(read), try RecordJSON.line(original))
        }

        let reordered = #"""
            { "forms" : [ { "needsReview" : true , "pages" : [ 1 ] , "unknown" : { "a" : [ null , true , 1e5 , "x" ] },
              "issuer" : { "issuer\u004eame" : { "confidence" : 1 , "value" : "Acme" , "raw" : null } } } ] ,
              "status" : "ok" , "sha256" : null , "error" : null , "file" : "x.pdf" , "status" : "ignored" }
            """#
        let read = try RecordJSON.fileResult(from: Data(reordered.utf8))
        XCTAssertEqual(read.file, "x.pdf")
        XCTAssertEqual(read.status, .ok, "the first status counts")
        XCTAssertNil(read.sha256)
        XCTAssertEqual(read.forms.first?.needsReview, true)
        XCTAssertEqual(read.forms.first?.issuer.issuerName, Field(value: .string("Acme"), confidence: 1), "escaped key, null raw")

        for broken in [#"{"file":"a","status":"ok","forms":[{"documentType":null}]}"#,
                       #"{"file":"a","status":"ok","forms":[{"documentType":{"value":[1]}}]}"#,
                       #"{"file":"a","status":"ok","forms":[{"documentType":{"page":1.5}}]}"#,
                       #"{"file":"a","status":"ok","forms":[{"documentType":{"bbox":[1,2,3]}}]}"#,
                       #"{"file":"a","status":"ok","forms":[{"nonDerivativeTable":[{"kind":"sale"}]}]}"#,
                       #"{"file":"a","status":"error","error":{"code":"x"}}"#,
                       #"{"file":"a","status":"ok","forms":[{"footnotes":[{"text":{"value":"t"}}]}]}"#,
                       #"{"file":"a","status":"ok","pageCount":"1"}"#, #"{"file":"a","status":"ok","reviewThreshold":1.}"#] {
            XCTAssertThrowsError(try RecordJSON.fileResult(from: Data(broken.utf8)), broken)
        }
    }

    /// Doubles read on the reader's own path are the ones the C library reads.
    func testReaderReadsDoublesAsStrtodDoes() throws {
        var texts = ["0", "-0", "1", "0.5", "0.1", "0.123", "272.4", "791.999", "-3.25", "007.50", "123456789012345",
                     "999999999999999.9", "1234567890123456", "1e5", "2.5E-3", "1.7976931348623157e308", "4.9e-324"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let digits = String(UInt64.random(in: 0...999_999_999_999_999, using: &generator))
            let point = Int.random(in: 0...digits.count, using: &generator)
            texts.append(point == digits.count ? digits : String(digits.prefix(point).isEmpty ? "0" : digits.prefix(point)) + "." + digits.dropFirst(point))
        }
        for text in texts {
            let read = try JSONReader.read(Data(text.utf8)) { try $0.double() }
            XCTAssertEqual(read?.bitPattern, Double(text)?.bitPattern, text)
        }
    }

    /// Decimals are written as Foundation writes them, on the short path and off it.
    func testPlainStringAgreesWithFoundation() {
        var texts = ["0", "0.00", "1", "-1", "1.50", "0.005", "-0.0004", "1234.5678", "1e3", "-7e2", "18446744073709551615",
                     "18446744073709551616", "12345678901234567890123456789012345678", "0.00000000000000000001"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let significand = UInt64.random(in: 1...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            texts.append("\(sign)\(significand)e\(Int.random(in: -25...5, using: &generator))")
        }
        for text in texts {
            var number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
            XCTAssertEqual(number.plainString, NSDecimalString(&number, Locale(identifier: "en_US_POSIX")), text)
        }
    }
}
