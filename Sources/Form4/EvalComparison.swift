import Foundation

/// How one field of an extracted record compares with the truth.
public struct FieldOutcome: Equatable, Sendable {
    /// The field's path (`issuer.issuerName`, `derivativeTable[0].exerciseDate`, `footnotes[0](F1).text`).
    public var path: String
    /// The true value; `.null` when the path exists only in the extraction.
    public var truth: FieldValue
    /// The extracted value; `.null` when the extraction has no such path.
    public var extracted: FieldValue
    /// The extracted field's confidence (0 when the extraction has no such path).
    public var confidence: Double
    public var valueCorrect: Bool
    public var truthFootnotes: [String]
    public var extractedFootnotes: [String]
    public var footnotesCorrect: Bool

    public init(path: String, truth: FieldValue, extracted: FieldValue, confidence: Double, valueCorrect: Bool,
                truthFootnotes: [String], extractedFootnotes: [String], footnotesCorrect: Bool) {
        self.path = path; self.truth = truth; self.extracted = extracted; self.confidence = confidence
        self.valueCorrect = valueCorrect; self.truthFootnotes = truthFootnotes
        self.extractedFootnotes = extractedFootnotes; self.footnotesCorrect = footnotesCorrect
    }

    /// True when either side refers to footnotes, i.e. when the field counts toward footnote scoring.
    public var hasFootnoteRefs: Bool { !truthFootnotes.isEmpty || !extractedFootnotes.isEmpty }
}

/// Scores an extracted record against the truth read from EDGAR's ownership XML.
///
/// Fields are aligned by the paths of `Form4Record.allFields`: rows by index, footnotes by id
/// (`footnotes(F2).text`), so a footnote lost from the page costs its own text and not every
/// footnote after it.
/// A path on only one side is wrong: a field the extraction lacks is reported as extracted `.null`
/// with confidence 0, an extra extracted field (an extra row, say) against truth `.null`.
/// Values: strings compare with white space folded and trimmed, case-sensitively; numbers
/// numerically; booleans exactly; `.null` equals a string that is empty once folded. Values of
/// different kinds (the number 757756 and the string "757,756") are unequal: normalising is the
/// extractor's job. Footnote references compare as sets of ids. `pages`, `textSource`,
/// `confidence` and `needsReview` of the record are not compared.
public enum EvalComparison {
    public static func compare(extracted: Form4Record, truth: Form4Record) -> [FieldOutcome] {
        let truthFields = alignedByFootnoteId(truth.allFields)
        let extractedFields = alignedByFootnoteId(extracted.allFields)
        var extractedByPath: [String: Field] = [:]
        for (path, field) in extractedFields where extractedByPath[path] == nil { extractedByPath[path] = field }
        let truthPaths = Set(truthFields.map(\.path))

        var outcomes: [FieldOutcome] = []
        var seen = Set<String>()
        for (path, truthField) in truthFields where seen.insert(path).inserted {
            if let extractedField = extractedByPath[path] {
                outcomes.append(FieldOutcome(
                    path: path, truth: truthField.value, extracted: extractedField.value,
                    confidence: extractedField.confidence,
                    valueCorrect: valuesEqual(truthField.value, extractedField.value),
                    truthFootnotes: truthField.footnoteIds, extractedFootnotes: extractedField.footnoteIds,
                    footnotesCorrect: footnotesEqual(truthField.footnoteIds, extractedField.footnoteIds)))
            } else {
                outcomes.append(FieldOutcome(
                    path: path, truth: truthField.value, extracted: .null, confidence: 0, valueCorrect: false,
                    truthFootnotes: truthField.footnoteIds, extractedFootnotes: [],
                    footnotesCorrect: truthField.footnoteIds.isEmpty))
            }
        }
        for (path, extractedField) in extractedFields where !truthPaths.contains(path) && seen.insert(path).inserted {
            outcomes.append(FieldOutcome(
                path: path, truth: .null, extracted: extractedField.value, confidence: extractedField.confidence,
                valueCorrect: false, truthFootnotes: [], extractedFootnotes: extractedField.footnoteIds,
                footnotesCorrect: extractedField.footnoteIds.isEmpty))
        }
        return outcomes
    }

    /// `fields` with each footnote's path named by its id alone: "footnotes[3](F4).text" →
    /// "footnotes(F4).text"; a second footnote of the same id is "footnotes(F4)#2.text".
    static func alignedByFootnoteId(_ fields: [(path: String, field: Field)]) -> [(path: String, field: Field)] {
        var seenIds: [Substring: Int] = [:]
        return fields.map { entry in
            guard entry.path.hasPrefix("footnotes["), let open = entry.path.firstIndex(of: "("),
                  let close = entry.path[open...].firstIndex(of: ")") else { return entry }
            let id = entry.path[entry.path.index(after: open)..<close]
            let count = (seenIds[id] ?? 0) + 1
            seenIds[id] = count
            let suffix = entry.path[entry.path.index(after: close)...]
            return ("footnotes(\(id))" + (count > 1 ? "#\(count)" : "") + suffix, entry.field)
        }
    }

    /// Value equality as scoring sees it (see the type's documentation).
    public static func valuesEqual(_ truth: FieldValue, _ extracted: FieldValue) -> Bool {
        switch (normalised(truth), normalised(extracted)) {
        case (.null, .null): return true
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        default: return false
        }
    }

    /// Footnote references as sets of trimmed ids: order and repeats do not matter.
    public static func footnotesEqual(_ truth: [String], _ extracted: [String]) -> Bool {
        let clean = { (ids: [String]) in
            Set(ids.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
        }
        return clean(truth) == clean(extracted)
    }

    private static func normalised(_ value: FieldValue) -> FieldValue {
        guard case .string(let text) = value else { return value }
        let folded = OwnershipXML.foldWhitespace(text)
        return folded.isEmpty ? .null : .string(folded)
    }
}

/// Totals of the outcomes of one document, or of several added together.
public struct EvalSummary: Equatable, Sendable, Codable {
    public var documents: Int = 0
    /// Documents whose every field value and footnote reference is correct.
    public var exactDocuments: Int = 0
    public var fields: Int = 0
    public var correct: Int = 0
    /// Fields where the truth or the extraction (or both) refer to footnotes.
    public var footnoteRefs: Int = 0
    /// Of those, the fields whose footnote references match.
    public var footnoteRefsCorrect: Int = 0

    public init() {}

    /// The summary of one document's outcomes.
    public init(outcomes: [FieldOutcome]) {
        documents = 1
        fields = outcomes.count
        correct = outcomes.filter(\.valueCorrect).count
        let withRefs = outcomes.filter(\.hasFootnoteRefs)
        footnoteRefs = withRefs.count
        footnoteRefsCorrect = withRefs.filter(\.footnotesCorrect).count
        exactDocuments = outcomes.allSatisfy({ $0.valueCorrect && $0.footnotesCorrect }) ? 1 : 0
    }

    /// True when every document summarised is exact (and there is at least one).
    public var exact: Bool { documents > 0 && exactDocuments == documents }

    /// Share of fields with a correct value, 0...1 (1 when there are no fields).
    public var accuracy: Double { fields == 0 ? 1 : Double(correct) / Double(fields) }

    public mutating func add(_ other: EvalSummary) {
        documents += other.documents; exactDocuments += other.exactDocuments
        fields += other.fields; correct += other.correct
        footnoteRefs += other.footnoteRefs; footnoteRefsCorrect += other.footnoteRefsCorrect
    }

    public static func + (lhs: EvalSummary, rhs: EvalSummary) -> EvalSummary {
        var sum = lhs
        sum.add(rhs)
        return sum
    }
}
