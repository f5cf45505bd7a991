import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why an EDGAR ownership XML file could not be read.
public enum OwnershipXMLError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The bytes are not well-formed XML.
    case malformed(line: Int, column: Int, reason: String)
    /// The XML is well formed but its root element is not `ownershipDocument` (nil: no root at all).
    case missingRoot(found: String?)
    /// An element holds text its type does not allow (a boolean that is not true/false/1/0,
    /// a number that is not a plain decimal).
    case invalidValue(element: String, text: String, expected: String)
    /// The file could not be read from disk.
    case unreadable(path: String, reason: String)

    /// A sentence for people, naming the cause.
    public var message: String {
        switch self {
        case .malformed(let line, let column, let reason):
            return "malformed ownership XML at line \(line), column \(column): \(reason)"
        case .missingRoot(let found?):
            return "not an ownership document: the root element is <\(found)>, expected <ownershipDocument>"
        case .missingRoot(nil):
            return "not an ownership document: no <ownershipDocument> root element"
        case .invalidValue(let element, let text, let expected):
            return "invalid value \"\(text)\" in <\(element)>: expected \(expected)"
        case .unreadable(let path, let reason):
            return "cannot read ownership XML \(path): \(reason)"
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Reading and writing the EDGAR ownership XML (`ownershipDocument`, schema X0306...X0508).
///
/// The reader produces the *truth* records extraction is scored against, so every value is
/// normalised the way a person reading the printed form would see it:
/// - strings: runs of white space folded to one space, trimmed; empty -> `.null`;
/// - dates: `YYYY-MM-DD` (any time-zone suffix such as `-05:00` or `Z` dropped);
/// - numbers: `Decimal`, exact digits as written;
/// - booleans: `true`/`false`/`1`/`0`; relationship boxes and `notSubjectToSection16` absent -> false,
///   `aff10b5One` absent -> `.null` (older forms have no such box), `equitySwapInvolved` absent -> `.null`;
/// - a value element with only `<footnoteId>`s -> `.null` carrying those footnote ids;
/// - table rows: transactions first, then holdings, per table (the order EDGAR renders them);
///   fields a holding does not have -> `.null`.
/// Every field is `Field.known` (confidence 1).
public enum OwnershipXML {
    /// Reads the one `ownershipDocument` in `data`; returns an array of one record.
    public static func read(data: Data) throws -> [Form4Record] {
        let root = try XMLTreeBuilder.parse(data)
        guard root.name == "ownershipDocument" else { throw OwnershipXMLError.missingRoot(found: root.name) }
        return [try record(from: root)]
    }

    /// Reads the ownership XML file at `url`.
    public static func read(contentsOf url: URL) throws -> [Form4Record] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw OwnershipXMLError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try read(data: data)
    }

    /// Runs of white space (including line breaks and no-break spaces) to one space, trimmed.
    static func foldWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: - Mapping

    private static func record(from root: OwnershipXMLNode) throws -> Form4Record {
        var record = Form4Record()
        record.confidence = 1
        record.needsReview = false
        record.documentType = .known(string(root.child("documentType")?.text))
        record.periodOfReport = .known(date(root.child("periodOfReport")?.text))
        record.dateOfOriginalSubmission = .known(date(root.child("dateOfOriginalSubmission")?.text))
        record.notSubjectToSection16 = .known(try bool(root.child("notSubjectToSection16"), absent: .bool(false)))
        record.aff10b5One = .known(try bool(root.child("aff10b5One"), absent: .null))

        let issuer = root.child("issuer")
        record.issuer.issuerName = .known(string(issuer?.child("issuerName")?.text))
        record.issuer.issuerTradingSymbol = .known(string(issuer?.child("issuerTradingSymbol")?.text))

        record.reportingOwners = try root.children("reportingOwner").map(reportingOwner)

        if let table = root.child("nonDerivativeTable") {
            record.nonDerivativeTable =
                try table.children("nonDerivativeTransaction").map { try row($0, kind: .transaction, derivative: false) }
                + table.children("nonDerivativeHolding").map { try row($0, kind: .holding, derivative: false) }
        }
        if let table = root.child("derivativeTable") {
            record.derivativeTable =
                try table.children("derivativeTransaction").map { try row($0, kind: .transaction, derivative: true) }
                + table.children("derivativeHolding").map { try row($0, kind: .holding, derivative: true) }
        }

        record.footnotes = (root.child("footnotes")?.children("footnote") ?? []).map { note in
            Footnote(id: (note.attributes["id"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                     text: .known(string(note.text)))
        }
        record.remarks = .known(string(root.child("remarks")?.text))
        record.ownerSignatures = root.children("ownerSignature").map { node in
            var signature = OwnerSignature()
            signature.signatureName = .known(string(node.child("signatureName")?.text))
            signature.signatureDate = .known(date(node.child("signatureDate")?.text))
            return signature
        }
        return record
    }

    private static func reportingOwner(_ node: OwnershipXMLNode) throws -> ReportingOwner {
        var owner = ReportingOwner()
        owner.rptOwnerName = .known(string(node.child("reportingOwnerId")?.child("rptOwnerName")?.text))
        let address = node.child("reportingOwnerAddress")
        owner.rptOwnerStreet1 = .known(string(address?.child("rptOwnerStreet1")?.text))
        owner.rptOwnerStreet2 = .known(string(address?.child("rptOwnerStreet2")?.text))
        owner.rptOwnerCity = .known(string(address?.child("rptOwnerCity")?.text))
        owner.rptOwnerState = .known(string(address?.child("rptOwnerState")?.text))
        owner.rptOwnerZipCode = .known(string(address?.child("rptOwnerZipCode")?.text))
        let relationship = node.child("reportingOwnerRelationship")
        owner.isDirector = .known(try bool(relationship?.child("isDirector"), absent: .bool(false)))
        owner.isOfficer = .known(try bool(relationship?.child("isOfficer"), absent: .bool(false)))
        owner.isTenPercentOwner = .known(try bool(relationship?.child("isTenPercentOwner"), absent: .bool(false)))
        owner.isOther = .known(try bool(relationship?.child("isOther"), absent: .bool(false)))
        owner.officerTitle = .known(string(relationship?.child("officerTitle")?.text))
        owner.otherText = .known(string(relationship?.child("otherText")?.text))
        return owner
    }

    private enum Kind { case string, date, number }

    /// `<x><value>..</value><footnoteId id="F1"/></x>`; an absent element is a known `.null`.
    private static func valueField(_ node: OwnershipXMLNode?, _ kind: Kind) throws -> Field {
        guard let node else { return .known(.null) }
        let footnotes = footnoteIds(in: node)
        let text: String?
        if let value = node.child("value") { text = value.text }
        else if node.elements.isEmpty { text = node.text }   // lenient: text directly in the element
        else { text = nil }
        let value: FieldValue
        switch kind {
        case .string: value = string(text)
        case .date: value = date(text)
        case .number: value = try number(text, element: node.name)
        }
        return .known(value, footnoteIds: footnotes)
    }

    private static func footnoteIds(in node: OwnershipXMLNode) -> [String] {
        node.children("footnoteId").compactMap { $0.attributes["id"]?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    private static func row(_ node: OwnershipXMLNode, kind: RowKind, derivative: Bool) throws -> TableRow {
        var row = TableRow(kind: kind, derivative: derivative)
        row.securityTitle = try valueField(node.child("securityTitle"), .string)
        row.transactionDate = try valueField(node.child("transactionDate"), .date)
        row.deemedExecutionDate = try valueField(node.child("deemedExecutionDate"), .date)

        // Holdings of a Form 4 have no coding; on a Form 5 a holding's coding holds only the form type.
        if kind == .transaction, let coding = node.child("transactionCoding") {
            row.transactionCode = .known(string(coding.child("transactionCode")?.text),
                                         footnoteIds: footnoteIds(in: coding))
            row.equitySwapInvolved = .known(try bool(coding.child("equitySwapInvolved"), absent: .null))
        } else {
            row.transactionCode = .known(.null)
            row.equitySwapInvolved = .known(.null)
        }

        let amounts = node.child("transactionAmounts")
        // The amount column shows the value when the filer reported a value instead of shares.
        row.transactionShares = try valueField(amounts?.child("transactionShares")
                                               ?? amounts?.child("transactionTotalValue"), .number)
        row.transactionPricePerShare = try valueField(amounts?.child("transactionPricePerShare"), .number)
        row.transactionAcquiredDisposedCode = try valueField(amounts?.child("transactionAcquiredDisposedCode"), .string)

        let post = node.child("postTransactionAmounts")
        row.sharesOwnedFollowingTransaction = try valueField(post?.child("sharesOwnedFollowingTransaction")
                                                             ?? post?.child("valueOwnedFollowingTransaction"), .number)
        let nature = node.child("ownershipNature")
        row.directOrIndirectOwnership = try valueField(nature?.child("directOrIndirectOwnership"), .string)
        row.natureOfOwnership = try valueField(nature?.child("natureOfOwnership"), .string)

        if derivative {
            row.conversionOrExercisePrice = try valueField(node.child("conversionOrExercisePrice"), .number)
            row.exerciseDate = try valueField(node.child("exerciseDate"), .date)
            row.expirationDate = try valueField(node.child("expirationDate"), .date)
            let underlying = node.child("underlyingSecurity")
            row.underlyingSecurityTitle = try valueField(underlying?.child("underlyingSecurityTitle"), .string)
            row.underlyingSecurityShares = try valueField(underlying?.child("underlyingSecurityShares")
                                                          ?? underlying?.child("underlyingSecurityValue"), .number)
        }
        return row
    }

    // MARK: - Value normalisation

    private static func string(_ text: String?) -> FieldValue {
        guard let text else { return .null }
        let folded = foldWhitespace(text)
        return folded.isEmpty ? .null : .string(folded)
    }

    /// `2025-04-30`, `2025-04-30-05:00`, `2025-04-30Z` -> `2025-04-30`; anything else is kept folded.
    private static func date(_ text: String?) -> FieldValue {
        guard case .string(let folded) = string(text) else { return .null }
        let characters = Array(folded)
        if characters.count >= 10 {
            let prefix = characters[0..<10]
            let shapeOK = prefix.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
            if shapeOK { return .string(String(prefix)) }
        }
        return .string(folded)
    }

    private static func number(_ text: String?, element: String) throws -> FieldValue {
        guard case .string(let folded) = string(text) else { return .null }
        var body = Substring(folded)
        if body.hasPrefix("+") { body = body.dropFirst() }
        let unsigned = body.hasPrefix("-") ? body.dropFirst() : body
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, digitsOnly, parts.contains(where: { !$0.isEmpty }),
              let number = Decimal(string: String(body), locale: Locale(identifier: "en_US_POSIX")) else {
            throw OwnershipXMLError.invalidValue(element: element, text: folded, expected: "a decimal number")
        }
        return .number(number)
    }

    /// An absent or empty element gives `absent`.
    private static func bool(_ node: OwnershipXMLNode?, absent: FieldValue) throws -> FieldValue {
        guard let node else { return absent }
        // Some filers wrap booleans in <value> like the other fields.
        let raw = node.child("value")?.text ?? node.text
        let text = foldWhitespace(raw).lowercased()
        switch text {
        case "": return absent
        case "true", "1": return .bool(true)
        case "false", "0": return .bool(false)
        default:
            throw OwnershipXMLError.invalidValue(element: node.name, text: foldWhitespace(raw),
                                                 expected: "true, false, 1 or 0")
        }
    }
}

// MARK: - A tiny element tree

/// One element: its local name, attributes, child elements and its own (direct) text.
fileprivate final class OwnershipXMLNode {
    let name: String
    let attributes: [String: String]
    var elements: [OwnershipXMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name; self.attributes = attributes
    }

    func child(_ name: String) -> OwnershipXMLNode? { elements.first { $0.name == name } }
    func children(_ name: String) -> [OwnershipXMLNode] { elements.filter { $0.name == name } }
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [OwnershipXMLNode] = []
    private var root: OwnershipXMLNode?

    static func parse(_ data: Data) throws -> OwnershipXMLNode {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        if !ok || builder.stack.count > 0 {
            let reason = parser.parserError.map { describe($0) } ?? "the document ends inside an element"
            throw OwnershipXMLError.malformed(line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        guard let root = builder.root else { throw OwnershipXMLError.missingRoot(found: nil) }
        return root
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !detail.isEmpty { return detail }
        return "XML parser error \(nsError.code)"
    }

    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = OwnershipXMLNode(name: Self.localName(elementName), attributes: attributeDict)
        if let parent = stack.last { parent.elements.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
