import XCTest
@testable import Form4

/// A checkbox whose state could not be read gets the state the rest of the form points to,
/// marked as inferred and sent to review; nothing is guessed where nothing of box 5 was read.
final class UnreadCheckboxTests: XCTestCase {
    private func read(_ value: FieldValue) -> Field { Field(value: value, confidence: 0.85, page: 1) }

    func testUnreadBoxesTakeTheStateTheOwnersTitleAndTextPointTo() {
        var record = Form4Record()
        var owner = ReportingOwner()
        owner.isDirector = .missing
        owner.isOfficer = .missing
        owner.isTenPercentOwner = read(.bool(true))
        owner.isOther = .missing
        owner.officerTitle = read(.string("Chief Financial Officer"))
        record.reportingOwners = [owner]
        record.notSubjectToSection16 = .missing
        UnreadCheckboxes.infer(&record)
        let inferred = record.reportingOwners[0]
        XCTAssertEqual(inferred.isOfficer.value, .bool(true), "an officer's title is there")
        XCTAssertEqual(inferred.isDirector.value, .bool(false))
        XCTAssertEqual(inferred.isOther.value, .bool(false))
        XCTAssertEqual(inferred.isTenPercentOwner, read(.bool(true)), "a box read stays as read")
        XCTAssertEqual(inferred.isOfficer.method, "inferred")
        XCTAssertLessThan(inferred.isOfficer.confidence, 0.5, "an inferred state goes to review")
        XCTAssertEqual(record.notSubjectToSection16.value, .bool(false))
        XCTAssertLessThan(record.notSubjectToSection16.confidence, 0.5)
    }

    func testNothingIsGuessedWithoutEvidenceOrWhereTheFormHasNoSuchBox() {
        var record = Form4Record()
        record.reportingOwners = [ReportingOwner()]
        // An older form without the 10b5-1 box: its absence was read with some confidence.
        record.aff10b5One = .empty(confidence: 0.85, page: 1)
        UnreadCheckboxes.infer(&record)
        XCTAssertEqual(record.reportingOwners[0].isDirector.value, .null, "nothing of box 5 was read")
        XCTAssertEqual(record.reportingOwners[0].isOfficer.value, .null)
        XCTAssertEqual(record.aff10b5One.value, .null)
    }

    private func guessed() -> Field {
        Field(value: .bool(false), confidence: CheckboxReader.guessedConfidence, page: 1, method: "checkbox-ink")
    }

    func testABoxGuessedUncheckedIsCheckedWhereItsTitleStandsOrNoOtherBoxIs() {
        var record = Form4Record()
        var officer = ReportingOwner()
        officer.isDirector = guessed()
        officer.isOfficer = guessed()
        officer.isTenPercentOwner = read(.bool(false))
        officer.isOther = read(.bool(false))
        officer.officerTitle = read(.string("Chief Technology Officer"))
        var tenPercent = officer
        tenPercent.isDirector = read(.bool(false))
        tenPercent.isOfficer = read(.bool(false))
        tenPercent.isTenPercentOwner = guessed()
        tenPercent.officerTitle = .empty(confidence: 0.85, page: 1)
        var director = tenPercent
        director.isDirector = read(.bool(true))
        record.reportingOwners = [officer, tenPercent, director]
        UnreadCheckboxes.infer(&record)
        let (first, second, third) = (record.reportingOwners[0], record.reportingOwners[1], record.reportingOwners[2])
        XCTAssertEqual(first.isOfficer.value, .bool(true), "the officer's title is there")
        XCTAssertEqual(first.isDirector.value, .bool(false), "one box is checked: the other guess stands")
        XCTAssertEqual(second.isTenPercentOwner.value, .bool(true), "no other box is checked")
        XCTAssertEqual(second.isTenPercentOwner.method, "inferred")
        XCTAssertLessThan(second.isTenPercentOwner.confidence, 0.8, "the state goes to review")
        XCTAssertEqual(third.isTenPercentOwner.value, .bool(false), "the director's box is checked: the guess stands")
    }

    func testWhereNoBoxReadsCheckedTheBoxBox5sTextNamesIsChecked() {
        var record = Form4Record()
        var owner = ReportingOwner()
        owner.isDirector = guessed()
        owner.isOfficer = read(.bool(false))
        owner.isTenPercentOwner = read(.bool(false))
        owner.isOther = read(.bool(false))
        owner.officerTitle = .empty(confidence: 0.85, page: 1)
        owner.otherText = read(.string("Director by deputization"))
        record.reportingOwners = [owner]
        UnreadCheckboxes.infer(&record)
        XCTAssertEqual(record.reportingOwners[0].isOther.value, .bool(true), "the other text is there")
        XCTAssertLessThan(record.reportingOwners[0].isOther.confidence, 0.8)
        XCTAssertEqual(record.reportingOwners[0].isDirector.value, .bool(false), "the text names Other, not the guessed box")
    }
}
