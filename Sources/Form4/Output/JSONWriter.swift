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
        bytes += Array(literal.utf8)
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
            json.key("confidence"); json.raw(String(format: "%.3f", field.confidence))
            if !field.footnoteIds.isEmpty { json.key("footnoteIds"); json.array(field.footnoteIds) { $0.string($1) } }
            if let page = field.page { json.key("page"); json.raw(String(page)) }
            if let box = field.bbox { json.key("bbox"); json.array(box.rounded) { $0.raw(Self.format($1)) } }
            if let raw = field.raw { json.key("raw"); json.string(raw) }
            if let method = field.method { json.key("method"); json.string(method) }
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    mutating func fields(_ named: [(String, Field)]) {
        for (name, value) in named { key(name); field(value) }
    }

    mutating func record(_ record: Form4Record) {
        object { json in
            json.key("pages"); json.array(record.pages) { $0.raw(String($1)) }
            json.key("textSource"); json.string(record.textSource.rawValue)
            json.key("confidence"); json.raw(String(format: "%.3f", record.confidence))
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
