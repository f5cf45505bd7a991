/// A path to one field of a record, as eval reports and review queues name it:
/// `issuer.issuerName`, `reportingOwners[0].isOfficer`, `derivativeTable[2].expirationDate`.
public typealias FieldPath = String

extension ReportingOwner {
    public var namedFields: [(String, Field)] {
        [("rptOwnerName", rptOwnerName), ("rptOwnerStreet1", rptOwnerStreet1), ("rptOwnerStreet2", rptOwnerStreet2),
         ("rptOwnerCity", rptOwnerCity), ("rptOwnerState", rptOwnerState), ("rptOwnerZipCode", rptOwnerZipCode),
         ("isDirector", isDirector), ("isOfficer", isOfficer), ("isTenPercentOwner", isTenPercentOwner),
         ("isOther", isOther), ("officerTitle", officerTitle), ("otherText", otherText)]
    }
}

extension TableRow {
    public var namedFields: [(String, Field)] {
        var fields: [(String, Field)] = [
            ("securityTitle", securityTitle), ("transactionDate", transactionDate),
            ("deemedExecutionDate", deemedExecutionDate), ("transactionCode", transactionCode),
            ("equitySwapInvolved", equitySwapInvolved), ("transactionShares", transactionShares),
            ("transactionPricePerShare", transactionPricePerShare),
            ("transactionAcquiredDisposedCode", transactionAcquiredDisposedCode),
            ("sharesOwnedFollowingTransaction", sharesOwnedFollowingTransaction),
            ("directOrIndirectOwnership", directOrIndirectOwnership), ("natureOfOwnership", natureOfOwnership),
        ]
        if let conversionOrExercisePrice { fields.append(("conversionOrExercisePrice", conversionOrExercisePrice)) }
        if let exerciseDate { fields.append(("exerciseDate", exerciseDate)) }
        if let expirationDate { fields.append(("expirationDate", expirationDate)) }
        if let underlyingSecurityTitle { fields.append(("underlyingSecurityTitle", underlyingSecurityTitle)) }
        if let underlyingSecurityShares { fields.append(("underlyingSecurityShares", underlyingSecurityShares)) }
        return fields
    }
}

extension Form4Record {
    /// Every field of the record with its path, in document order.
    public var allFields: [(path: FieldPath, field: Field)] {
        var fields: [(path: FieldPath, field: Field)] = [
            ("documentType", documentType), ("periodOfReport", periodOfReport),
            ("dateOfOriginalSubmission", dateOfOriginalSubmission),
            ("notSubjectToSection16", notSubjectToSection16), ("aff10b5One", aff10b5One),
            ("issuer.issuerName", issuer.issuerName), ("issuer.issuerTradingSymbol", issuer.issuerTradingSymbol),
        ]
        for (index, owner) in reportingOwners.enumerated() {
            fields += owner.namedFields.map { ("reportingOwners[\(index)].\($0.0)", $0.1) }
        }
        for (index, row) in nonDerivativeTable.enumerated() {
            fields += row.namedFields.map { ("nonDerivativeTable[\(index)].\($0.0)", $0.1) }
        }
        for (index, row) in derivativeTable.enumerated() {
            fields += row.namedFields.map { ("derivativeTable[\(index)].\($0.0)", $0.1) }
        }
        for (index, note) in footnotes.enumerated() {
            fields.append(("footnotes[\(index)](\(note.id)).text", note.text))
        }
        fields.append(("remarks", remarks))
        for (index, signature) in ownerSignatures.enumerated() {
            fields.append(("ownerSignatures[\(index)].signatureName", signature.signatureName))
            fields.append(("ownerSignatures[\(index)].signatureDate", signature.signatureDate))
        }
        return fields
    }

    /// Sets `confidence` to the lowest field confidence and `needsReview` against `threshold`.
    public mutating func summariseConfidence(reviewThreshold threshold: Double) {
        let confidences = allFields.map(\.field.confidence)
        confidence = confidences.min() ?? 0
        needsReview = confidence < threshold
    }
}
