import Foundation

extension OwnershipXML {
    /// Writes `record` as an EDGAR ownership XML `ownershipDocument` for a Form 4 (or 4/A), in the
    /// element order of the SEC's schema: schemaVersion, documentType, periodOfReport,
    /// dateOfOriginalSubmission, notSubjectToSection16, issuer, reportingOwner(s), aff10b5One,
    /// nonDerivativeTable (transactions, then holdings), derivativeTable (likewise), footnotes,
    /// remarks, ownerSignature(s).
    ///
    /// - CIKs are not printed on the form, so `issuerCik` and `rptOwnerCik`, which the schema
    ///   requires, are written as empty elements: the output is for comparison and inspection,
    ///   and must have CIKs filled in before it could be filed.
    /// - `transactionFormType` is the document type without `/A` (`4` when the type is unknown).
    /// - Booleans are written `true`/`false`; numbers without exponent or grouping.
    /// - A null value with footnotes is written as the element holding only its `<footnoteId>`s.
    ///   A null value without footnotes is left out, unless the schema requires the element, in
    ///   which case it is written empty (`<transactionPricePerShare/>`), as EDGAR does.
    /// - Holdings carry no transaction fields; any such values on a holding row are not written.
    ///   `aff10b5One`, `dateOfOriginalSubmission` and `remarks` are written only when not null.
    public static func write(_ record: Form4Record, schemaVersion: String = "X0508") -> String {
        var out = XMLOut()
        out.line("<?xml version=\"1.0\"?>")
        out.open("ownershipDocument")
        out.text("schemaVersion", .string(schemaVersion), required: true)
        out.text("documentType", record.documentType.value, required: true)
        out.text("periodOfReport", record.periodOfReport.value, required: true)
        out.text("dateOfOriginalSubmission", record.dateOfOriginalSubmission.value)
        out.text("notSubjectToSection16", record.notSubjectToSection16.value)

        out.open("issuer")
        out.empty("issuerCik")
        out.text("issuerName", record.issuer.issuerName.value, required: true)
        out.text("issuerTradingSymbol", record.issuer.issuerTradingSymbol.value, required: true)
        out.close("issuer")

        for owner in record.reportingOwners {
            out.open("reportingOwner")
            out.open("reportingOwnerId")
            out.empty("rptOwnerCik")
            out.text("rptOwnerName", owner.rptOwnerName.value, required: true)
            out.close("reportingOwnerId")
            let address = [owner.rptOwnerStreet1, owner.rptOwnerStreet2, owner.rptOwnerCity,
                           owner.rptOwnerState, owner.rptOwnerZipCode]
            if address.contains(where: { !$0.value.isNull }) {
                out.open("reportingOwnerAddress")
                out.text("rptOwnerStreet1", owner.rptOwnerStreet1.value)
                out.text("rptOwnerStreet2", owner.rptOwnerStreet2.value)
                out.text("rptOwnerCity", owner.rptOwnerCity.value)
                out.text("rptOwnerState", owner.rptOwnerState.value)
                out.text("rptOwnerZipCode", owner.rptOwnerZipCode.value)
                out.close("reportingOwnerAddress")
            }
            out.open("reportingOwnerRelationship")
            out.text("isDirector", owner.isDirector.value)
            out.text("isOfficer", owner.isOfficer.value)
            out.text("isTenPercentOwner", owner.isTenPercentOwner.value)
            out.text("isOther", owner.isOther.value)
            out.text("officerTitle", owner.officerTitle.value)
            out.text("otherText", owner.otherText.value)
            out.close("reportingOwnerRelationship")
            out.close("reportingOwner")
        }

        out.text("aff10b5One", record.aff10b5One.value)

        let formType: String = {
            guard case .string(let type) = record.documentType.value else { return "4" }
            let base = type.replacingOccurrences(of: "/A", with: "").trimmingCharacters(in: .whitespaces)
            return base.isEmpty ? "4" : base
        }()

        writeTable("nonDerivativeTable", rows: record.nonDerivativeTable, derivative: false,
                   formType: formType, to: &out)
        writeTable("derivativeTable", rows: record.derivativeTable, derivative: true,
                   formType: formType, to: &out)

        if !record.footnotes.isEmpty {
            out.open("footnotes")
            for note in record.footnotes {
                out.line("<footnote id=\"\(escape(note.id, attribute: true))\">\(escape(note.text.value.xmlText ?? ""))</footnote>")
            }
            out.close("footnotes")
        }
        out.text("remarks", record.remarks.value)

        for signature in record.ownerSignatures {
            out.open("ownerSignature")
            out.text("signatureName", signature.signatureName.value, required: true)
            out.text("signatureDate", signature.signatureDate.value, required: true)
            out.close("ownerSignature")
        }
        out.close("ownershipDocument")
        return out.result
    }

    private static func writeTable(_ name: String, rows: [TableRow], derivative: Bool, formType: String,
                                   to out: inout XMLOut) {
        guard !rows.isEmpty else { return }
        let prefix = derivative ? "derivative" : "nonDerivative"
        out.open(name)
        for row in rows.filter({ $0.kind == .transaction }) {
            out.open(prefix + "Transaction")
            out.value("securityTitle", row.securityTitle, required: true)
            if derivative { out.value("conversionOrExercisePrice", row.conversionOrExercisePrice ?? .missing, required: true) }
            out.value("transactionDate", row.transactionDate, required: true)
            out.value("deemedExecutionDate", row.deemedExecutionDate)
            out.open("transactionCoding")
            out.text("transactionFormType", .string(formType), required: true)
            out.text("transactionCode", row.transactionCode.value, required: true)
            out.text("equitySwapInvolved", row.equitySwapInvolved.value, required: true)
            out.footnoteIds(row.transactionCode.footnoteIds)
            out.close("transactionCoding")
            out.open("transactionAmounts")
            out.value("transactionShares", row.transactionShares, required: true)
            out.value("transactionPricePerShare", row.transactionPricePerShare, required: true)
            out.value("transactionAcquiredDisposedCode", row.transactionAcquiredDisposedCode, required: true)
            out.close("transactionAmounts")
            if derivative { writeDerivativeTerms(row, to: &out) }
            writeOwnership(row, to: &out)
            out.close(prefix + "Transaction")
        }
        for row in rows.filter({ $0.kind == .holding }) {
            out.open(prefix + "Holding")
            out.value("securityTitle", row.securityTitle, required: true)
            if derivative {
                out.value("conversionOrExercisePrice", row.conversionOrExercisePrice ?? .missing, required: true)
                writeDerivativeTerms(row, to: &out)
            }
            writeOwnership(row, to: &out)
            out.close(prefix + "Holding")
        }
        out.close(name)
    }

    private static func writeDerivativeTerms(_ row: TableRow, to out: inout XMLOut) {
        out.value("exerciseDate", row.exerciseDate ?? .missing, required: true)
        out.value("expirationDate", row.expirationDate ?? .missing, required: true)
        out.open("underlyingSecurity")
        out.value("underlyingSecurityTitle", row.underlyingSecurityTitle ?? .missing, required: true)
        out.value("underlyingSecurityShares", row.underlyingSecurityShares ?? .missing, required: true)
        out.close("underlyingSecurity")
    }

    private static func writeOwnership(_ row: TableRow, to out: inout XMLOut) {
        out.open("postTransactionAmounts")
        out.value("sharesOwnedFollowingTransaction", row.sharesOwnedFollowingTransaction, required: true)
        out.close("postTransactionAmounts")
        out.open("ownershipNature")
        out.value("directOrIndirectOwnership", row.directOrIndirectOwnership, required: true)
        out.value("natureOfOwnership", row.natureOfOwnership)
        out.close("ownershipNature")
    }

    /// Escapes `&`, `<` and `>` (and `"` inside an attribute value); apostrophes stay as written.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        // Most texts have nothing to escape: their bytes tell, without walking their characters.
        let special = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || (attribute && byte == UInt8(ascii: "\""))
        }
        guard special else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where attribute: escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Indented XML text, one element per line. Written as UTF-8 bytes: appending to a String piece
/// by piece cost some 500 instructions an append, and a record has thousands of pieces.
private struct XMLOut {
    private var bytes: [UInt8] = []
    private var depth = 0

    init() { bytes.reserveCapacity(16_384) }

    var result: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func indent() {
        for _ in 0..<depth * 4 { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func put(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `text` with `&`, `<`, `>` (and in attributes `"`) written as entities.
    private mutating func putEscaped(_ text: String, attribute: Bool = false) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            case UInt8(ascii: "\""): if attribute { put("&quot;") } else { bytes.append(byte) }
            default: bytes.append(byte)
            }
        }
    }

    mutating func line(_ text: String) {
        indent()
        put(text)
        bytes.append(UInt8(ascii: "\n"))
    }

    mutating func open(_ name: String) { indent(); put("<"); put(name); put(">\n"); depth += 1 }
    mutating func close(_ name: String) { depth -= 1; indent(); put("</"); put(name); put(">\n") }
    mutating func empty(_ name: String) { indent(); put("<"); put(name); put("/>\n") }

    /// `<name>escaped text</name>` on one line.
    private mutating func element(_ name: String, _ text: String) {
        indent()
        put("<"); put(name); put(">")
        putEscaped(text)
        put("</"); put(name); put(">\n")
    }

    /// `<name>text</name>`; a null value is left out, or written empty when `required`.
    mutating func text(_ name: String, _ value: FieldValue, required: Bool = false) {
        if let text = value.xmlText { element(name, text) }
        else if required { empty(name) }
    }

    mutating func footnoteIds(_ ids: [String]) {
        for id in ids {
            indent()
            put("<footnoteId id=\"")
            putEscaped(id, attribute: true)
            put("\"/>\n")
        }
    }

    /// `<name><value>text</value><footnoteId id=".."/></name>`.
    mutating func value(_ name: String, _ field: Field, required: Bool = false) {
        if field.value.isNull && field.footnoteIds.isEmpty {
            if required { empty(name) }
            return
        }
        open(name)
        if let text = field.value.xmlText { element("value", text) }
        footnoteIds(field.footnoteIds)
        close(name)
    }
}
