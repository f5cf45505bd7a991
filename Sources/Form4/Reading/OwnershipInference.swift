/// Every row of both tables says whether the ownership is direct (D) or indirect (I), and only
/// an indirect one has its nature written in the last column ("By Spouse", "See footnote").
/// On a scan, a row whose D/I cell OCR read as nothing or as no code ("m", "@", "3I") takes
/// the code the nature column points to: I beside a nature, D beside none. The code is marked
/// `inferred` and stays in review.
enum OwnershipInference {
    /// Confidence of a code told by the nature column.
    static let inferredConfidence = 0.6

    static func infer(_ rows: inout [TableRow]) {
        for index in rows.indices {
            let read = rows[index].directOrIndirectOwnership
            if case .string(let code) = read.value, Codes.directIndirect.contains(where: { String($0) == code }) { continue }
            var inferred = read
            inferred.raw = read.raw ?? read.value.xmlText
            inferred.value = .string(rows[index].natureOfOwnership.value.isNull ? "D" : "I")
            inferred.confidence = inferredConfidence
            inferred.method = "inferred"
            rows[index].directOrIndirectOwnership = inferred
        }
    }
}
