import Foundation
import PDFText

/// A small, fast JSON writer. Foundation's JSONEncoder spent more time on a record than the
/// whole layout stage; this one writes keys in the order the record contract lists them.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Items written so far in each open object or array.
    private var counts: [Int] = []
    let pretty: Bool

    init(pretty: Bool, capacity: Int = 16_384) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONWriter, S.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            nextItem()
            element(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// Writes `"key": ` inside an object; the value follows.
    mutating func key(_ name: String) {
        nextItem()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", byte).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func raw(_ literal: String) {
        bytes.append(contentsOf: literal.utf8)
    }

    /// An integer, written digit by digit (no String in between).
    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(digits[index]) }
        }
    }

    /// `value` with exactly `decimals` digits after the point, like `%.Nf` (ties may round the
    /// other way, in the last digit); JSON has no NaN or infinity, so those are written `null`.
    /// printf through `String(format:)` was the writer's largest cost.
    mutating func fixed(_ value: Double, decimals: Int) {
        guard value.isFinite, abs(value) < 1e15 else { raw("null"); return }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        if value < 0 { bytes.append(UInt8(ascii: "-")) } // as printf: "-0.00" for -0.001
        integer(scaled / scale)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var fraction = scaled % scale
        var divisor = scale / 10
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    /// A coordinate: whole numbers without decimals, others with two.
    mutating func coordinate(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 { integer(Int(value)) } else { fixed(value, decimals: 2) }
    }

    mutating func value(_ value: FieldValue) {
        switch value {
        case .string(let text): string(text)
        case .number(let number): raw(number.plainString)
        case .bool(let flag): raw(flag ? "true" : "false")
        case .null: raw("null")
        }
    }

    private mutating func nextItem() {
        if counts[counts.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        newline()
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        counts.append(0)
    }

    private mutating func close(_ bracket: UInt8) {
        let items = counts.removeLast()
        if items > 0 { newline() }
        bytes.append(bracket)
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: counts.count * 2)
    }
}

// MARK: - The record contract

extension JSONWriter {
    mutating func field(_ field: Field) {
        object { json in
            json.key("value"); json.value(field.value)
            json.key("confidence"); json.fixed(field.confidence, decimals: 3)
            if !field.footnoteIds.isEmpty { json.key("footnoteIds"); json.array(field.footnoteIds) { $0.string($1) } }
            if let page = field.page { json.key("page"); json.integer(page) }
            if let box = field.bbox { json.key("bbox"); json.array(box.rounded) { $0.coordinate($1) } }
            if let raw = field.raw { json.key("raw"); json.string(raw) }
            if let method = field.method { json.key("method"); json.string(method) }
        }
    }

    mutating func fields(_ named: [(String, Field)]) {
        for (name, value) in named { key(name); field(value) }
    }

    mutating func record(_ record: Form4Record) {
        object { json in
            json.key("pages"); json.array(record.pages) { $0.integer($1) }
            json.key("textSource"); json.string(record.textSource.rawValue)
            json.key("confidence"); json.fixed(record.confidence, decimals: 3)
            json.key("needsReview"); json.raw(record.needsReview ? "true" : "false")
            json.fields([("documentType", record.documentType), ("periodOfReport", record.periodOfReport),
                         ("dateOfOriginalSubmission", record.dateOfOriginalSubmission),
                         ("notSubjectToSection16", record.notSubjectToSection16), ("aff10b5One", record.aff10b5One)])
            json.key("issuer")
            json.object { $0.fields([("issuerName", record.issuer.issuerName), ("issuerTradingSymbol", record.issuer.issuerTradingSymbol)]) }
            json.key("reportingOwners"); json.array(record.reportingOwners) { json, owner in json.object { $0.fields(owner.namedFields) } }
            for (name, rows) in [("nonDerivativeTable", record.nonDerivativeTable), ("derivativeTable", record.derivativeTable)] {
                json.key(name)
                json.array(rows) { json, row in
                    json.object { json in
                        json.key("kind"); json.string(row.kind.rawValue)
                        json.fields(row.namedFields)
                    }
                }
            }
            json.key("footnotes")
            json.array(record.footnotes) { json, note in
                json.object { json in
                    json.key("id"); json.string(note.id)
                    json.key("text"); json.field(note.text)
                }
            }
            json.key("remarks"); json.field(record.remarks)
            json.key("ownerSignatures")
            json.array(record.ownerSignatures) { json, signature in
                json.object { $0.fields([("signatureName", signature.signatureName), ("signatureDate", signature.signatureDate)]) }
            }
        }
    }

    mutating func fileResult(_ result: FileResult) {
        object { json in
            json.key("file"); json.string(result.file)
            if let sha = result.sha256 { json.key("sha256"); json.string(sha) }
            if let pages = result.pageCount { json.key("pageCount"); json.raw(String(pages)) }
            json.key("status"); json.string(result.status.rawValue)
            if let error = result.error {
                json.key("error")
                json.object { json in
                    json.key("code"); json.string(error.code)
                    json.key("message"); json.string(error.message)
                }
            }
            json.key("reviewThreshold"); json.raw(String(result.reviewThreshold))
            json.key("forms"); json.array(result.forms) { $0.record($1) }
        }
    }
}
