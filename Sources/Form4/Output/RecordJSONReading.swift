import Foundation
import PDFText

/// Reads back what `RecordJSON` writes: one `FileResult` from a JSON object (a records.jsonl
/// line, a worker's answer). Keys may come in any order; unknown keys are ignored, so records
/// written by a newer form4 still read. A value of the wrong type is an error naming its key.
extension RecordJSON {
    public static func fileResult(from data: Data) throws -> FileResult {
        try JSONReader.read(data) { try FileResult(json: &$0) }
    }
}

/// A record whose JSON does not fit the record contract.
struct RecordReadError: Error, CustomStringConvertible {
    var key: String
    var expected: String
    var description: String { "\(key): expected \(expected)" }
}

/// Reads of the value a record expects at the reader's position; a value of another kind is a
/// `RecordReadError` naming `key` (made only then).
private extension JSONReader {
    mutating func string(_ key: @autoclosure () -> String) throws -> String {
        guard try kind() == .string else { throw RecordReadError(key: key(), expected: "a string") }
        return try string()
    }

    mutating func double(_ key: @autoclosure () -> String) throws -> Double {
        guard try kind() == .number, let number = try double() else { throw RecordReadError(key: key(), expected: "a number") }
        return number
    }

    mutating func int(_ key: @autoclosure () -> String) throws -> Int {
        guard try kind() == .number, let number = Int(try numberText()) else { throw RecordReadError(key: key(), expected: "an integer") }
        return number
    }

    mutating func bool(_ key: @autoclosure () -> String) throws -> Bool {
        guard try kind() == .bool else { throw RecordReadError(key: key(), expected: "true or false") }
        return try bool()
    }

    mutating func array<Element>(_ key: @autoclosure () -> String, _ element: (inout JSONReader) throws -> Element) throws -> [Element] {
        guard try kind() == .array else { throw RecordReadError(key: key(), expected: "an array") }
        var items: [Element] = []
        try elements { items.append(try element(&$0)) }
        return items
    }

    mutating func object(_ key: @autoclosure () -> String, _ member: (inout JSONReader, JSONKey) throws -> Void) throws {
        guard try kind() == .object else { throw RecordReadError(key: key(), expected: "an object") }
        try members(member)
    }

    mutating func isNull() throws -> Bool { try kind() == .null }
}

/// The POSIX locale, made once: a `Decimal` is read from the exact digits the writer wrote.
private let posix = Locale(identifier: "en_US_POSIX")

extension FieldValue {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        switch try reader.kind() {
        case .null: try reader.skipValue(); self = .null
        case .bool: self = .bool(try reader.bool())
        case .string: self = .string(try reader.string())
        case .number:
            guard let number = Decimal(string: try reader.numberText(), locale: posix) else { throw RecordReadError(key: key(), expected: "a number") }
            self = .number(number)
        case .array, .object: throw RecordReadError(key: key(), expected: "a string, number, boolean or null")
        }
    }
}

extension Field {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        var field = Field.missing
        try reader.object(key()) { reader, name in
            // Where a value is wrong, its key path is made for the error only.
            func path() -> String { key() + "." + name.string }
            if try reader.isNull(), !("value" ~= name) { return try reader.skipValue() }
            switch name {
            case "value": field.value = try FieldValue(json: &reader, key: path())
            case "confidence": field.confidence = try reader.double(path())
            case "footnoteIds": field.footnoteIds = try reader.array(path()) { try $0.string(path()) }
            case "page": field.page = try reader.int(path())
            case "bbox":
                let box = try reader.array(path()) { try $0.double(path()) }
                guard box.count == 4 else { throw RecordReadError(key: path(), expected: "four numbers") }
                field.bbox = Rect(x0: box[0], y0: box[1], x1: box[2], y1: box[3])
            case "raw": field.raw = try reader.string(path())
            case "method": field.method = try reader.string(path())
            default: try reader.skipValue()
            }
        }
        self = field
    }
}

/// Reads an object of `Field`s into `group`: `store` puts the field of a key it knows (reading it
/// with the closure it is handed) and returns false for other keys, whose values are skipped.
private func readFields<Group>(into group: Group, from reader: inout JSONReader, key: () -> String,
                               _ store: (inout Group, JSONKey, () throws -> Field) throws -> Bool) throws -> Group {
    var group = group
    let groupKey = key() // made once per group (a few per form), for the paths in errors
    try reader.object(groupKey) { reader, name in
        let known = try store(&group, name) { try Field(json: &reader, key: groupKey + "." + name.string) }
        if !known { try reader.skipValue() }
    }
    return group
}

extension Issuer {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        self = try readFields(into: Issuer(), from: &reader, key: key) { issuer, name, field in
            switch name {
            case "issuerName": issuer.issuerName = try field()
            case "issuerTradingSymbol": issuer.issuerTradingSymbol = try field()
            default: return false
            }
            return true
        }
    }
}

extension ReportingOwner {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        self = try readFields(into: ReportingOwner(), from: &reader, key: key) { owner, name, field in
            switch name {
            case "rptOwnerName": owner.rptOwnerName = try field()
            case "rptOwnerStreet1": owner.rptOwnerStreet1 = try field()
            case "rptOwnerStreet2": owner.rptOwnerStreet2 = try field()
            case "rptOwnerCity": owner.rptOwnerCity = try field()
            case "rptOwnerState": owner.rptOwnerState = try field()
            case "rptOwnerZipCode": owner.rptOwnerZipCode = try field()
            case "isDirector": owner.isDirector = try field()
            case "isOfficer": owner.isOfficer = try field()
            case "isTenPercentOwner": owner.isTenPercentOwner = try field()
            case "isOther": owner.isOther = try field()
            case "officerTitle": owner.officerTitle = try field()
            case "otherText": owner.otherText = try field()
            default: return false
            }
            return true
        }
    }
}

extension OwnerSignature {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        self = try readFields(into: OwnerSignature(), from: &reader, key: key) { signature, name, field in
            switch name {
            case "signatureName": signature.signatureName = try field()
            case "signatureDate": signature.signatureDate = try field()
            default: return false
            }
            return true
        }
    }
}

extension TableRow {
    /// Table II's own columns (`conversionOrExercisePrice`, ...) are present only in derivative rows.
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        var row = TableRow()
        try reader.object(key()) { reader, name in
            func path() -> String { key() + "." + name.string }
            func field() throws -> Field { try Field(json: &reader, key: path()) }
            switch name {
            case "kind":
                guard let kind = RowKind(rawValue: try reader.string(path())) else { throw RecordReadError(key: path(), expected: "transaction or holding") }
                row.kind = kind
            case "securityTitle": row.securityTitle = try field()
            case "transactionDate": row.transactionDate = try field()
            case "deemedExecutionDate": row.deemedExecutionDate = try field()
            case "transactionCode": row.transactionCode = try field()
            case "equitySwapInvolved": row.equitySwapInvolved = try field()
            case "transactionShares": row.transactionShares = try field()
            case "transactionPricePerShare": row.transactionPricePerShare = try field()
            case "transactionAcquiredDisposedCode": row.transactionAcquiredDisposedCode = try field()
            case "sharesOwnedFollowingTransaction": row.sharesOwnedFollowingTransaction = try field()
            case "directOrIndirectOwnership": row.directOrIndirectOwnership = try field()
            case "natureOfOwnership": row.natureOfOwnership = try field()
            case "conversionOrExercisePrice": row.conversionOrExercisePrice = try field()
            case "exerciseDate": row.exerciseDate = try field()
            case "expirationDate": row.expirationDate = try field()
            case "underlyingSecurityTitle": row.underlyingSecurityTitle = try field()
            case "underlyingSecurityShares": row.underlyingSecurityShares = try field()
            default: try reader.skipValue()
            }
        }
        self = row
    }
}

extension Footnote {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        var id: String?
        var text: Field?
        try reader.object(key()) { reader, name in
            switch name {
            case "id" where id == nil: id = try reader.string(key() + ".id")
            case "text" where text == nil: text = try Field(json: &reader, key: key() + ".text")
            default: try reader.skipValue()
            }
        }
        guard let id else { throw RecordReadError(key: key() + ".id", expected: "a string") }
        self.init(id: id, text: text ?? .missing)
    }
}

extension Form4Record {
    init(json reader: inout JSONReader, key: @autoclosure () -> String) throws {
        var form = Form4Record()
        try reader.object(key()) { reader, name in
            func path() -> String { key() + "." + name.string }
            func field() throws -> Field { try Field(json: &reader, key: path()) }
            switch name {
            case "pages": form.pages = try reader.array(path()) { try $0.int(path()) }
            case "textSource":
                guard let source = TextSource(rawValue: try reader.string(path())) else { throw RecordReadError(key: path(), expected: "native, ocr-layer or ocr") }
                form.textSource = source
            case "confidence": form.confidence = try reader.double(path())
            case "needsReview": form.needsReview = try reader.bool(path())
            case "documentType": form.documentType = try field()
            case "periodOfReport": form.periodOfReport = try field()
            case "dateOfOriginalSubmission": form.dateOfOriginalSubmission = try field()
            case "notSubjectToSection16": form.notSubjectToSection16 = try field()
            case "aff10b5One": form.aff10b5One = try field()
            case "issuer": form.issuer = try Issuer(json: &reader, key: path())
            case "reportingOwners": form.reportingOwners = try reader.array(path()) { try ReportingOwner(json: &$0, key: path()) }
            case "nonDerivativeTable": form.nonDerivativeTable = try reader.array(path()) { try TableRow(json: &$0, key: path()) }
            case "derivativeTable": form.derivativeTable = try reader.array(path()) { try TableRow(json: &$0, key: path()) }
            case "footnotes": form.footnotes = try reader.array(path()) { try Footnote(json: &$0, key: path()) }
            case "remarks": form.remarks = try field()
            case "ownerSignatures": form.ownerSignatures = try reader.array(path()) { try OwnerSignature(json: &$0, key: path()) }
            default: try reader.skipValue()
            }
        }
        self = form
    }
}

extension FileResult.Failure {
    init(json reader: inout JSONReader) throws {
        var code: String?
        var message: String?
        try reader.object("error") { reader, name in
            switch name {
            case "code" where code == nil: code = try reader.string("error.code")
            case "message" where message == nil: message = try reader.string("error.message")
            default: try reader.skipValue()
            }
        }
        guard let code else { throw RecordReadError(key: "error.code", expected: "a string") }
        guard let message else { throw RecordReadError(key: "error.message", expected: "a string") }
        self.init(code: code, message: message)
    }
}

extension FileResult {
    /// `file` and `status` are required (the first of each counts); other keys holding null
    /// are left out, as the writer leaves them out.
    init(json reader: inout JSONReader) throws {
        var file: String?
        var statusText: String?
        var result = FileResult(file: "", status: .ok, reviewThreshold: 0)
        try reader.object("file result") { reader, name in
            let isNull = try reader.isNull()
            switch name {
            case "file" where file == nil: file = try reader.string("file")
            case "status" where statusText == nil: statusText = try reader.string("status")
            case _ where isNull: try reader.skipValue()
            case "sha256": result.sha256 = try reader.string("sha256")
            case "pageCount": result.pageCount = try reader.int("pageCount")
            case "error": result.error = try Failure(json: &reader)
            case "reviewThreshold": result.reviewThreshold = try reader.double("reviewThreshold")
            case "forms": result.forms = try reader.array("forms") { try Form4Record(json: &$0, key: "forms") }
            default: try reader.skipValue()
            }
        }
        guard let file else { throw RecordReadError(key: "file", expected: "the file's name") }
        guard let statusText else { throw RecordReadError(key: "status", expected: "a string") }
        guard let status = Status(rawValue: statusText) else {
            throw RecordReadError(key: "status", expected: "ok, not-form4 or error")
        }
        result.file = file
        result.status = status
        self = result
    }
}
