import Foundation
import PDFText

/// Reads back what `RecordJSON` writes: one `FileResult` from a JSON object (a records.jsonl
/// line, a worker's answer). Keys may come in any order; unknown keys are ignored, so records
/// written by a newer form4 still read. A value of the wrong type is an error naming its key.
extension RecordJSON {
    public static func fileResult(from data: Data) throws -> FileResult {
        try FileResult(json: JSONReader.parse(data))
    }
}

/// A record whose JSON does not fit the record contract.
struct RecordReadError: Error, CustomStringConvertible {
    var key: String
    var expected: String
    var description: String { "\(key): expected \(expected)" }
}

private extension JSONValue {
    func string(_ key: @autoclosure () -> String) throws -> String {
        guard case .string(let text) = self else { throw RecordReadError(key: key(), expected: "a string") }
        return text
    }

    func double(_ key: @autoclosure () -> String) throws -> Double {
        guard case .number(let text) = self, let number = Double(text) else { throw RecordReadError(key: key(), expected: "a number") }
        return number
    }

    func int(_ key: @autoclosure () -> String) throws -> Int {
        guard case .number(let text) = self, let number = Int(text) else { throw RecordReadError(key: key(), expected: "an integer") }
        return number
    }

    func bool(_ key: @autoclosure () -> String) throws -> Bool {
        guard case .bool(let flag) = self else { throw RecordReadError(key: key(), expected: "true or false") }
        return flag
    }

    func items(_ key: @autoclosure () -> String) throws -> [JSONValue] {
        guard case .array(let items) = self else { throw RecordReadError(key: key(), expected: "an array") }
        return items
    }

    func members(_ key: @autoclosure () -> String) throws -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = self else { throw RecordReadError(key: key(), expected: "an object") }
        return members
    }

    var isNull: Bool { if case .null = self { return true } else { return false } }
}

/// The POSIX locale, made once: a `Decimal` is read from the exact digits the writer wrote.
private let posix = Locale(identifier: "en_US_POSIX")

extension FieldValue {
    init(json: JSONValue, key: @autoclosure () -> String) throws {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .string(let text): self = .string(text)
        case .number(let text):
            guard let number = Decimal(string: String(text), locale: posix) else { throw RecordReadError(key: key(), expected: "a number") }
            self = .number(number)
        case .array, .object: throw RecordReadError(key: key(), expected: "a string, number, boolean or null")
        }
    }
}

extension Field {
    init(json: JSONValue, key: @autoclosure () -> String) throws {
        self = .missing
        for (name, value) in try json.members(key()) where !value.isNull || name == "value" {
            // Where a value is wrong, its key path is made for the error only.
            func path() -> String { key() + "." + name }
            switch name {
            case "value": self.value = try FieldValue(json: value, key: path())
            case "confidence": confidence = try value.double(path())
            case "footnoteIds": footnoteIds = try value.items(path()).map { try $0.string(path()) }
            case "page": page = try value.int(path())
            case "bbox":
                let box = try value.items(path()).map { try $0.double(path()) }
                guard box.count == 4 else { throw RecordReadError(key: path(), expected: "four numbers") }
                bbox = Rect(x0: box[0], y0: box[1], x1: box[2], y1: box[3])
            case "raw": raw = try value.string(path())
            case "method": method = try value.string(path())
            default: continue
            }
        }
    }
}

/// The record's field-holding parts read their `Field`s by the names `namedFields` writes.
/// (The key-path tables below are `nonisolated(unsafe)` only because key paths are not marked
/// Sendable; they are immutable constants.)
private protocol FieldGroup {
    init()
    static var fieldKeys: [String: WritableKeyPath<Self, Field>] { get }
}

extension FieldGroup {
    init(json: JSONValue, key: @autoclosure () -> String) throws {
        self.init()
        for (name, value) in try json.members(key()) {
            guard let path = Self.fieldKeys[name] else { continue }
            self[keyPath: path] = try Field(json: value, key: key() + "." + name)
        }
    }
}

extension Issuer: FieldGroup {
    fileprivate static var fieldKeys: [String: WritableKeyPath<Issuer, Field>] { issuerKeys }
}

nonisolated(unsafe) private let issuerKeys: [String: WritableKeyPath<Issuer, Field>] = [
    "issuerName": \.issuerName, "issuerTradingSymbol": \.issuerTradingSymbol,
]

extension ReportingOwner: FieldGroup {
    fileprivate static var fieldKeys: [String: WritableKeyPath<ReportingOwner, Field>] { ownerKeys }
}

nonisolated(unsafe) private let ownerKeys: [String: WritableKeyPath<ReportingOwner, Field>] = [
    "rptOwnerName": \.rptOwnerName, "rptOwnerStreet1": \.rptOwnerStreet1, "rptOwnerStreet2": \.rptOwnerStreet2,
    "rptOwnerCity": \.rptOwnerCity, "rptOwnerState": \.rptOwnerState, "rptOwnerZipCode": \.rptOwnerZipCode,
    "isDirector": \.isDirector, "isOfficer": \.isOfficer, "isTenPercentOwner": \.isTenPercentOwner,
    "isOther": \.isOther, "officerTitle": \.officerTitle, "otherText": \.otherText,
]

extension OwnerSignature: FieldGroup {
    fileprivate static var fieldKeys: [String: WritableKeyPath<OwnerSignature, Field>] { signatureKeys }
}

nonisolated(unsafe) private let signatureKeys: [String: WritableKeyPath<OwnerSignature, Field>] = [
    "signatureName": \.signatureName, "signatureDate": \.signatureDate,
]

nonisolated(unsafe) private let rowKeys: [String: WritableKeyPath<TableRow, Field>] = [
    "securityTitle": \.securityTitle, "transactionDate": \.transactionDate, "deemedExecutionDate": \.deemedExecutionDate,
    "transactionCode": \.transactionCode, "equitySwapInvolved": \.equitySwapInvolved,
    "transactionShares": \.transactionShares, "transactionPricePerShare": \.transactionPricePerShare,
    "transactionAcquiredDisposedCode": \.transactionAcquiredDisposedCode,
    "sharesOwnedFollowingTransaction": \.sharesOwnedFollowingTransaction,
    "directOrIndirectOwnership": \.directOrIndirectOwnership, "natureOfOwnership": \.natureOfOwnership,
]

/// Table II's own columns: present only in derivative rows.
nonisolated(unsafe) private let derivativeRowKeys: [String: WritableKeyPath<TableRow, Field?>] = [
    "conversionOrExercisePrice": \.conversionOrExercisePrice, "exerciseDate": \.exerciseDate,
    "expirationDate": \.expirationDate, "underlyingSecurityTitle": \.underlyingSecurityTitle,
    "underlyingSecurityShares": \.underlyingSecurityShares,
]

extension TableRow {
    init(json: JSONValue, key: @autoclosure () -> String) throws {
        self.init()
        for (name, value) in try json.members(key()) {
            func path() -> String { key() + "." + name }
            if name == "kind" {
                guard let kind = RowKind(rawValue: try value.string(path())) else { throw RecordReadError(key: path(), expected: "transaction or holding") }
                self.kind = kind
            } else if let field = rowKeys[name] {
                self[keyPath: field] = try Field(json: value, key: path())
            } else if let field = derivativeRowKeys[name] {
                self[keyPath: field] = try Field(json: value, key: path())
            }
        }
    }
}

extension Form4Record {
    init(json: JSONValue, key: @autoclosure () -> String) throws {
        self.init()
        for (name, value) in try json.members(key()) {
            func path() -> String { key() + "." + name }
            switch name {
            case "pages": pages = try value.items(path()).map { try $0.int(path()) }
            case "textSource":
                guard let source = TextSource(rawValue: try value.string(path())) else { throw RecordReadError(key: path(), expected: "native, ocr-layer or ocr") }
                textSource = source
            case "confidence": confidence = try value.double(path())
            case "needsReview": needsReview = try value.bool(path())
            case "documentType": documentType = try Field(json: value, key: path())
            case "periodOfReport": periodOfReport = try Field(json: value, key: path())
            case "dateOfOriginalSubmission": dateOfOriginalSubmission = try Field(json: value, key: path())
            case "notSubjectToSection16": notSubjectToSection16 = try Field(json: value, key: path())
            case "aff10b5One": aff10b5One = try Field(json: value, key: path())
            case "issuer": issuer = try Issuer(json: value, key: path())
            case "reportingOwners": reportingOwners = try value.items(path()).map { try ReportingOwner(json: $0, key: path()) }
            case "nonDerivativeTable": nonDerivativeTable = try value.items(path()).map { try TableRow(json: $0, key: path()) }
            case "derivativeTable": derivativeTable = try value.items(path()).map { try TableRow(json: $0, key: path()) }
            case "footnotes":
                footnotes = try value.items(path()).map { note in
                    Footnote(id: try (note["id"] ?? .null).string(path() + ".id"),
                             text: try note["text"].map { try Field(json: $0, key: path() + ".text") } ?? .missing)
                }
            case "remarks": remarks = try Field(json: value, key: path())
            case "ownerSignatures": ownerSignatures = try value.items(path()).map { try OwnerSignature(json: $0, key: path()) }
            default: continue
            }
        }
    }
}

extension FileResult {
    init(json: JSONValue) throws {
        guard let file = json["file"] else { throw RecordReadError(key: "file", expected: "the file's name") }
        guard let status = Status(rawValue: try (json["status"] ?? .null).string("status")) else {
            throw RecordReadError(key: "status", expected: "ok, not-form4 or error")
        }
        self.init(file: try file.string("file"), status: status, reviewThreshold: 0)
        for (name, value) in try json.members("file result") where !value.isNull {
            switch name {
            case "sha256": sha256 = try value.string(name)
            case "pageCount": pageCount = try value.int(name)
            case "error":
                error = Failure(code: try (value["code"] ?? .null).string("error.code"),
                                message: try (value["message"] ?? .null).string("error.message"))
            case "reviewThreshold": reviewThreshold = try value.double(name)
            case "forms": forms = try value.items(name).map { try Form4Record(json: $0, key: "forms") }
            default: continue
            }
        }
    }
}
