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
}
