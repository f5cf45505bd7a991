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
        var fields: [(path: FieldPath, field: Field)] = []
        forEachField { path, field in fields.append((path(), field)) }
        return fields
    }

    /// Calls `visit` with every field of the record, in document order. The field's path is made
    /// only when `visit` asks for it: most callers (confidence, counts) never do, and building
    /// the paths ("reportingOwners[0].isOfficer") cost more than everything else they did.
    public func forEachField(_ visit: (_ path: () -> FieldPath, _ field: Field) -> Void) {
        visit({ "documentType" }, documentType)
        visit({ "periodOfReport" }, periodOfReport)
        visit({ "dateOfOriginalSubmission" }, dateOfOriginalSubmission)
        visit({ "notSubjectToSection16" }, notSubjectToSection16)
        visit({ "aff10b5One" }, aff10b5One)
        visit({ "issuer.issuerName" }, issuer.issuerName)
        visit({ "issuer.issuerTradingSymbol" }, issuer.issuerTradingSymbol)
        for (index, owner) in reportingOwners.enumerated() {
            for (name, field) in owner.namedFields { visit({ "reportingOwners[\(index)].\(name)" }, field) }
        }
        for (index, row) in nonDerivativeTable.enumerated() {
            for (name, field) in row.namedFields { visit({ "nonDerivativeTable[\(index)].\(name)" }, field) }
        }
        for (index, row) in derivativeTable.enumerated() {
            for (name, field) in row.namedFields { visit({ "derivativeTable[\(index)].\(name)" }, field) }
        }
        for (index, note) in footnotes.enumerated() {
            visit({ "footnotes[\(index)](\(note.id)).text" }, note.text)
        }
        visit({ "remarks" }, remarks)
        for (index, signature) in ownerSignatures.enumerated() {
            visit({ "ownerSignatures[\(index)].signatureName" }, signature.signatureName)
            visit({ "ownerSignatures[\(index)].signatureDate" }, signature.signatureDate)
        }
    }

    /// Sets `confidence` to the lowest field confidence and `needsReview` against `threshold`.
    public mutating func summariseConfidence(reviewThreshold threshold: Double) {
        var lowest: Double?
        forEachField { _, field in lowest = min(lowest ?? field.confidence, field.confidence) }
        confidence = lowest ?? 0
        needsReview = confidence < threshold
    }
}
