/// Checkboxes whose state could not be read (their box or label not found, or the ink unclear)
/// are given the state the rest of the form points to, at a confidence that sends them to
/// review. The ownership XML itself reads an absent box as unchecked, and most boxes are: the
/// Section 16 and Rule 10b5-1 boxes nearly always; of an owner's relationship boxes, the one
/// whose title or text box 5 carries is checked and the others mostly are not.
enum UnreadCheckboxes {
    /// Confidence of a state inferred this way: below any review threshold in use.
    static let inferredConfidence = 0.3
    /// A null below this confidence is a box not read; above, a box the form does not have.
    static let absentBoxConfidence = 0.5

    static func infer(_ record: inout Form4Record) {
        inferUnchecked(&record.notSubjectToSection16)
        // Older forms have no 10b5-1 box: a null read with some confidence says it is not there.
        if record.aff10b5One.confidence < absentBoxConfidence { inferUnchecked(&record.aff10b5One) }
        for index in record.reportingOwners.indices {
            inferRelationship(&record.reportingOwners[index])
            settleGuessedRelationship(&record.reportingOwners[index])
        }
    }

    /// An owner's relationship boxes taken as unchecked only by guess (ink beside the label
    /// but no box found in it, `CheckboxReader.guessedConfidence`) are checked where the form
    /// says so: the Officer or Other box whose title or text box 5 carries. And every reporting
    /// owner has at least one relationship to the issuer: where no box of the four reads
    /// checked, the one box 5's text names (only a title, or only an other text) is checked,
    /// however its box read, or else the one guessed box. The field goes to review.
    static func settleGuessedRelationship(_ owner: inout ReportingOwner) {
        func isGuess(_ field: Field) -> Bool {
            field.value == .bool(false) && field.method == "checkbox-ink" && field.confidence <= CheckboxReader.guessedConfidence
        }
        func check(_ field: inout Field) {
            field.value = .bool(true)
            field.method = "inferred"
            field.confidence = min(field.confidence, CheckboxReader.guessedConfidence)
        }
        let hasTitle = !owner.officerTitle.value.isNull, hasText = !owner.otherText.value.isNull
        if isGuess(owner.isOfficer), hasTitle { check(&owner.isOfficer) }
        if isGuess(owner.isOther), hasText { check(&owner.isOther) }
        let boxes = [owner.isDirector, owner.isOfficer, owner.isTenPercentOwner, owner.isOther]
        guard boxes.allSatisfy({ $0.value == .bool(false) }) else { return }
        if hasTitle != hasText {
            if hasTitle { check(&owner.isOfficer) } else { check(&owner.isOther) }
            return
        }
        guard boxes.filter(isGuess).count == 1 else { return }
        if isGuess(owner.isDirector) { check(&owner.isDirector) }
        if isGuess(owner.isOfficer) { check(&owner.isOfficer) }
        if isGuess(owner.isTenPercentOwner) { check(&owner.isTenPercentOwner) }
        if isGuess(owner.isOther) { check(&owner.isOther) }
    }

    /// An owner's unread relationship boxes, where at least one of the four (or a title or
    /// text of box 5) was read: Officer and Other are checked when their text is there;
    /// Director and 10% Owner are taken as unchecked. With nothing read, nothing is guessed.
    private static func inferRelationship(_ owner: inout ReportingOwner) {
        let boxes = [owner.isDirector, owner.isOfficer, owner.isTenPercentOwner, owner.isOther]
        guard boxes.contains(where: \.value.isNull) else { return }
        let hasTitle = !owner.officerTitle.value.isNull, hasText = !owner.otherText.value.isNull
        guard boxes.contains(where: { !$0.value.isNull }) || hasTitle || hasText else { return }
        inferUnchecked(&owner.isDirector)
        inferUnchecked(&owner.isTenPercentOwner)
        infer(&owner.isOfficer, checked: hasTitle, near: owner.officerTitle)
        infer(&owner.isOther, checked: hasText, near: owner.otherText)
    }

    private static func inferUnchecked(_ field: inout Field) {
        infer(&field, checked: false, near: nil)
    }

    private static func infer(_ field: inout Field, checked: Bool, near evidence: Field?) {
        guard field.value.isNull else { return }
        field.value = .bool(checked)
        field.confidence = inferredConfidence
        field.method = "inferred"
        if field.page == nil { field.page = evidence?.page }
    }
}
