/// Every row of both tables says whether the ownership is direct (D) or indirect (I), and only
/// an indirect one has its nature written in the last column ("By Spouse", "See footnote").
/// On a scan, a row whose D/I cell OCR read as nothing or as no code ("m", "@", "3I") takes
/// the code the nature column points to: I beside a nature, D beside none. The code is marked
/// `inferred` and stays in review. A code that stood at the start of the nature column goes to
/// the D/I cell first (`takeCodeFromNature`).
enum OwnershipInference {
    /// Confidence of a code told by the nature column.
    static let inferredConfidence = 0.6

    /// Confidence share of a code found at the start of the nature column.
    static let shiftedCodeShare = 0.9

    static func infer(_ rows: inout [TableRow]) {
        for index in rows.indices {
            let read = rows[index].directOrIndirectOwnership
            if case .string(let code) = read.value, Codes.directIndirect.contains(where: { String($0) == code }) { continue }
            if takeCodeFromNature(&rows[index]) { continue }
            var inferred = read
            inferred.raw = read.raw ?? read.value.xmlText
            inferred.value = .string(rows[index].natureOfOwnership.value.isNull ? "D" : "I")
            inferred.confidence = inferredConfidence
            inferred.method = "inferred"
            rows[index].directOrIndirectOwnership = inferred
        }
    }

    /// A nature of ownership is never a lone "D" or "I": where the nature column's text begins
    /// with one and the D/I cell holds no code, the code stood in the wrong column (a print whose
    /// table ran off the paper, so that its last columns stand off their headings). It goes to
    /// the D/I cell (`shifted`, in review); the rest, if any, stays the nature.
    static func takeCodeFromNature(_ row: inout TableRow) -> Bool {
        let nature = row.natureOfOwnership
        guard case .string(let text) = nature.value else { return false }
        let words = text.split(separator: " ", maxSplits: 1)
        guard let first = words.first, first == "D" || first == "I" else { return false }
        let rest = words.count > 1 ? String(words[1]) : ""
        var code = nature
        code.value = .string(String(first))
        code.raw = row.directOrIndirectOwnership.raw ?? row.directOrIndirectOwnership.value.xmlText
        code.confidence = nature.confidence * shiftedCodeShare
        code.method = "shifted"
        code.footnoteIds = rest.isEmpty ? nature.footnoteIds : []
        row.directOrIndirectOwnership = code
        row.natureOfOwnership.value = rest.isEmpty ? .null : .string(rest)
        if rest.isEmpty { row.natureOfOwnership.footnoteIds = [] }
        return true
    }
}
