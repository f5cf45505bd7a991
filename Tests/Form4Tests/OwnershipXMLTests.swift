import Foundation
import XCTest
@testable import Form4

final class OwnershipXMLTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/edgar-374water.xml")

    private func readFixture() throws -> Form4Record {
        let records = try OwnershipXML.read(contentsOf: Self.fixture)
        XCTAssertEqual(records.count, 1)
        return try XCTUnwrap(records.first)
    }

    private func read(_ xml: String) throws -> Form4Record {
        let records = try OwnershipXML.read(data: Data(xml.utf8))
        XCTAssertEqual(records.count, 1)
        return try XCTUnwrap(records.first)
    }

    // MARK: - The real EDGAR file

    func testReadsDocumentAndIssuerOfRealFiling() throws {
        let record = try readFixture()
        XCTAssertEqual(record.documentType, .known(.string("4")))
        XCTAssertEqual(record.periodOfReport, .known(.string("2025-04-30")))
        XCTAssertEqual(record.dateOfOriginalSubmission, .known(.null))
        XCTAssertEqual(record.notSubjectToSection16, .known(.bool(false)), "absent means the box is unchecked")
        XCTAssertEqual(record.aff10b5One, .known(.bool(false)))
        XCTAssertEqual(record.issuer.issuerName, .known(.string("374Water Inc.")))
        XCTAssertEqual(record.issuer.issuerTradingSymbol, .known(.string("SCWO")))
        XCTAssertEqual(record.remarks, .known(.null))
        XCTAssertEqual(record.confidence, 1)
    }

    func testReadsReportingOwnerOfRealFiling() throws {
        let record = try readFixture()
        XCTAssertEqual(record.reportingOwners.count, 1)
        let owner = try XCTUnwrap(record.reportingOwners.first)
        XCTAssertEqual(owner.rptOwnerName.value, .string("Melkote Rajesh Ramaswamy"))
        XCTAssertEqual(owner.rptOwnerStreet1.value, .string("C/O 374 WATER INC."))
        XCTAssertEqual(owner.rptOwnerStreet2.value, .string("100 SOUTHCENTER COURT, SUITE 200"))
        XCTAssertEqual(owner.rptOwnerCity.value, .string("MORRISVILLE"))
        XCTAssertEqual(owner.rptOwnerState.value, .string("NC"))
        XCTAssertEqual(owner.rptOwnerZipCode.value, .string("27560"))
        XCTAssertEqual(owner.isDirector, .known(.bool(false)))
        XCTAssertEqual(owner.isOfficer, .known(.bool(true)))
        XCTAssertEqual(owner.isTenPercentOwner, .known(.bool(false)))
        XCTAssertEqual(owner.isOther, .known(.bool(false)))
        XCTAssertEqual(owner.officerTitle.value, .string("Chief Technology Officer"))
        XCTAssertEqual(owner.otherText, .known(.null))
    }

    func testReadsTablesFootnotesAndSignatureOfRealFiling() throws {
        let record = try readFixture()
        XCTAssertEqual(record.nonDerivativeTable.count, 1)
        let stock = try XCTUnwrap(record.nonDerivativeTable.first)
        XCTAssertEqual(stock.kind, .transaction)
        XCTAssertFalse(stock.isDerivative)
        XCTAssertEqual(stock.securityTitle.value, .string("Common Stock (restricted stock units)"))
        XCTAssertEqual(stock.transactionDate.value, .string("2025-04-30"))
        XCTAssertEqual(stock.deemedExecutionDate, .known(.null))
        XCTAssertEqual(stock.transactionCode, .known(.string("A")))
        XCTAssertEqual(stock.equitySwapInvolved, .known(.bool(false)))
        XCTAssertEqual(stock.transactionShares, .known(.number(757756), footnoteIds: ["F1"]))
        XCTAssertEqual(stock.transactionPricePerShare, .known(.number(0)))
        XCTAssertEqual(stock.transactionAcquiredDisposedCode.value, .string("A"))
        XCTAssertEqual(stock.sharesOwnedFollowingTransaction.value, .number(757756))
        XCTAssertEqual(stock.directOrIndirectOwnership.value, .string("D"))
        XCTAssertEqual(stock.natureOfOwnership, .known(.null))

        XCTAssertEqual(record.derivativeTable.count, 1)
        let option = try XCTUnwrap(record.derivativeTable.first)
        XCTAssertTrue(option.isDerivative)
        XCTAssertEqual(option.securityTitle.value, .string("Stock options (right to buy)"))
        XCTAssertEqual(option.conversionOrExercisePrice, .known(.number(Decimal(string: "0.33")!)))
        XCTAssertEqual(option.transactionShares, .known(.number(757576), footnoteIds: ["F1"]))
        XCTAssertEqual(option.exerciseDate, .known(.null, footnoteIds: ["F1"]), "date given only by a footnote")
        XCTAssertEqual(option.expirationDate, .known(.string("2035-04-29")))
        XCTAssertEqual(option.underlyingSecurityTitle, .known(.string("Common Stock")))
        XCTAssertEqual(option.underlyingSecurityShares, .known(.number(757576)))
        XCTAssertEqual(option.sharesOwnedFollowingTransaction.value, .number(757756))

        XCTAssertEqual(record.footnotes.map(\.id), ["F1"])
        guard case .string(let note) = record.footnotes[0].text.value else { return XCTFail("footnote text") }
        XCTAssertTrue(note.hasPrefix("Vesting commencement date is March 31, 2025. 25% of the shares vest"))
        XCTAssertTrue(note.hasSuffix("through each vesting date."))

        XCTAssertEqual(record.ownerSignatures.count, 1)
        XCTAssertEqual(record.ownerSignatures[0].signatureName.value, .string("/s/ Rajesh Melkote"))
        XCTAssertEqual(record.ownerSignatures[0].signatureDate.value, .string("2025-05-02"))
    }

    func testEveryFieldOfTruthIsKnown() throws {
        let record = try readFixture()
        let unknown = record.allFields.filter { $0.field.confidence != 1 }.map(\.path)
        XCTAssertEqual(unknown, [], "truth fields must all be Field.known")
    }

    // MARK: - Normalisation

    static let amendment = """
    <?xml version="1.0"?>
    <ownershipDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <schemaVersion>X0306</schemaVersion>
      <documentType>4/A</documentType>
      <periodOfReport>2019-03-01-05:00</periodOfReport>
      <dateOfOriginalSubmission>2019-03-05Z</dateOfOriginalSubmission>
      <notSubjectToSection16>1</notSubjectToSection16>
      <issuer><issuerCik>0000000001</issuerCik><issuerName>  Smith   &amp;
         Sons,  Inc. </issuerName><issuerTradingSymbol>SMS</issuerTradingSymbol></issuer>
      <reportingOwner>
        <reportingOwnerId><rptOwnerCik>1</rptOwnerCik><rptOwnerName>DOE JANE</rptOwnerName></reportingOwnerId>
        <reportingOwnerAddress><rptOwnerStreet1>1 MAIN ST</rptOwnerStreet1><rptOwnerStreet2></rptOwnerStreet2>
          <rptOwnerCity>AUSTIN</rptOwnerCity><rptOwnerState>TX</rptOwnerState><rptOwnerZipCode>78701</rptOwnerZipCode></reportingOwnerAddress>
        <reportingOwnerRelationship><isDirector>1</isDirector><isTenPercentOwner>0</isTenPercentOwner>
          <isOther>true</isOther><otherText>Member of 13(d) group</otherText></reportingOwnerRelationship>
      </reportingOwner>
      <reportingOwner>
        <reportingOwnerId><rptOwnerCik>2</rptOwnerCik><rptOwnerName>DOE TRUST</rptOwnerName></reportingOwnerId>
        <reportingOwnerRelationship><isTenPercentOwner>1</isTenPercentOwner></reportingOwnerRelationship>
      </reportingOwner>
      <nonDerivativeTable>
        <nonDerivativeHolding>
          <securityTitle><value>Common Stock</value></securityTitle>
          <postTransactionAmounts><sharesOwnedFollowingTransaction><value>1200.50</value></sharesOwnedFollowingTransaction></postTransactionAmounts>
          <ownershipNature><directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
            <natureOfOwnership><value>By  Trust</value><footnoteId id="F2"/></natureOfOwnership></ownershipNature>
        </nonDerivativeHolding>
        <nonDerivativeTransaction>
          <securityTitle><value>Common Stock</value></securityTitle>
          <transactionDate><value>2019-03-01</value></transactionDate>
          <deemedExecutionDate><value>2019-02-28-05:00</value></deemedExecutionDate>
          <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>S</transactionCode>
            <footnoteId id="F1"/></transactionCoding>
          <transactionAmounts><transactionShares><value>1,000</value></transactionShares>
            <transactionPricePerShare><footnoteId id="F3"/></transactionPricePerShare>
            <transactionAcquiredDisposedCode><value>D</value></transactionAcquiredDisposedCode></transactionAmounts>
          <postTransactionAmounts><sharesOwnedFollowingTransaction><value>0</value></sharesOwnedFollowingTransaction></postTransactionAmounts>
          <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
        </nonDerivativeTransaction>
      </nonDerivativeTable>
      <footnotes><footnote id="F1">Sold under a
        10b5-1 plan.</footnote><footnote id="F2">Held by the Doe Trust.</footnote>
        <footnote id="F3"><![CDATA[Weighted average; prices < $10 & > $9.]]></footnote></footnotes>
      <remarks>  Amended to   add a row. </remarks>
      <ownerSignature><signatureName>/s/ Jane Doe</signatureName><signatureDate>2019-03-06</signatureDate></ownerSignature>
      <ownerSignature><signatureName>/s/ Jane Doe, trustee</signatureName><signatureDate>2019-03-06</signatureDate></ownerSignature>
    </ownershipDocument>
    """

    /// The fixture above with the one invalid number corrected.
    static var amendmentFixed: String { amendment.replacingOccurrences(of: "<value>1,000</value>", with: "<value>1000</value>") }

    func testGroupedNumberInXMLIsRejectedWithMessage() {
        XCTAssertThrowsError(try read(Self.amendment)) { error in
            XCTAssertEqual(error as? OwnershipXMLError,
                           .invalidValue(element: "transactionShares", text: "1,000", expected: "a decimal number"))
            XCTAssertTrue("\(error)".contains("1,000"), "\(error)")
        }
    }

    func testNormalisesDatesBooleansAndWhitespace() throws {
        let record = try read(Self.amendmentFixed)
        XCTAssertEqual(record.documentType.value, .string("4/A"))
        XCTAssertEqual(record.periodOfReport.value, .string("2019-03-01"))
        XCTAssertEqual(record.dateOfOriginalSubmission.value, .string("2019-03-05"))
        XCTAssertEqual(record.notSubjectToSection16.value, .bool(true))
        XCTAssertEqual(record.aff10b5One, .known(.null), "X0306 forms have no 10b5-1 box")
        XCTAssertEqual(record.issuer.issuerName.value, .string("Smith & Sons, Inc."))
        XCTAssertEqual(record.remarks.value, .string("Amended to add a row."))
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2", "F3"])
        XCTAssertEqual(record.footnotes[0].text.value, .string("Sold under a 10b5-1 plan."))
        XCTAssertEqual(record.footnotes[2].text.value, .string("Weighted average; prices < $10 & > $9."))
        XCTAssertEqual(record.ownerSignatures.map(\.signatureName.value),
                       [.string("/s/ Jane Doe"), .string("/s/ Jane Doe, trustee")])

        XCTAssertEqual(record.reportingOwners.count, 2)
        let jane = record.reportingOwners[0]
        XCTAssertEqual(jane.rptOwnerStreet2, .known(.null))
        XCTAssertEqual(jane.isDirector.value, .bool(true))
        XCTAssertEqual(jane.isOfficer.value, .bool(false))
        XCTAssertEqual(jane.isTenPercentOwner.value, .bool(false))
        XCTAssertEqual(jane.isOther.value, .bool(true))
        XCTAssertEqual(jane.officerTitle, .known(.null))
        XCTAssertEqual(jane.otherText.value, .string("Member of 13(d) group"))
        let trust = record.reportingOwners[1]
        XCTAssertEqual(trust.rptOwnerCity, .known(.null), "no address block")
        XCTAssertEqual(trust.isTenPercentOwner.value, .bool(true))
    }

    func testTransactionsComeBeforeHoldingsAndHoldingsLackTransactionFields() throws {
        let record = try read(Self.amendmentFixed)
        XCTAssertEqual(record.nonDerivativeTable.map(\.kind), [.transaction, .holding])
        let sale = record.nonDerivativeTable[0]
        XCTAssertEqual(sale.deemedExecutionDate.value, .string("2019-02-28"))
        XCTAssertEqual(sale.transactionCode, .known(.string("S"), footnoteIds: ["F1"]),
                       "footnotes inside transactionCoding belong to the code")
        XCTAssertEqual(sale.equitySwapInvolved, .known(.null))
        XCTAssertEqual(sale.transactionShares.value, .number(1000))
        XCTAssertEqual(sale.transactionPricePerShare, .known(.null, footnoteIds: ["F3"]))
        let holding = record.nonDerivativeTable[1]
        XCTAssertEqual(holding.transactionDate, .known(.null))
        XCTAssertEqual(holding.transactionCode, .known(.null))
        XCTAssertEqual(holding.equitySwapInvolved, .known(.null))
        XCTAssertEqual(holding.transactionShares, .known(.null))
        XCTAssertEqual(holding.sharesOwnedFollowingTransaction.value, .number(Decimal(string: "1200.5")!))
        XCTAssertEqual(holding.natureOfOwnership, .known(.string("By Trust"), footnoteIds: ["F2"]))
        XCTAssertTrue(record.derivativeTable.isEmpty)
    }

    // MARK: - Errors

    func testMalformedXMLThrowsWithMessage() {
        let broken = "<?xml version=\"1.0\"?>\n<ownershipDocument><issuer><issuerName>X</issuer></ownershipDocument>"
        XCTAssertThrowsError(try OwnershipXML.read(data: Data(broken.utf8))) { error in
            guard let error = error as? OwnershipXMLError, case .malformed = error else {
                return XCTFail("expected .malformed, got \(error)")
            }
            XCTAssertTrue(error.message.hasPrefix("malformed ownership XML at line"), error.message)
        }
    }

    func testTruncatedXMLThrows() {
        let data = try! Data(contentsOf: Self.fixture)
        XCTAssertThrowsError(try OwnershipXML.read(data: data.prefix(data.count / 2))) { error in
            guard case .malformed? = error as? OwnershipXMLError else { return XCTFail("got \(error)") }
        }
    }

    func testWrongRootThrowsWithMessage() {
        let other = "<?xml version=\"1.0\"?><edgarSubmission><documentType>4</documentType></edgarSubmission>"
        XCTAssertThrowsError(try OwnershipXML.read(data: Data(other.utf8))) { error in
            XCTAssertEqual(error as? OwnershipXMLError, .missingRoot(found: "edgarSubmission"))
            XCTAssertTrue((error as? OwnershipXMLError)?.message.contains("ownershipDocument") ?? false)
        }
    }

    func testEmptyDataThrows() {
        XCTAssertThrowsError(try OwnershipXML.read(data: Data())) { error in
            XCTAssertNotNil(error as? OwnershipXMLError, "got \(error)")
        }
    }

    func testInvalidBooleanThrows() {
        let xml = Self.amendmentFixed.replacingOccurrences(of: "<isDirector>1</isDirector>",
                                                           with: "<isDirector>yes</isDirector>")
        XCTAssertThrowsError(try read(xml)) { error in
            XCTAssertEqual(error as? OwnershipXMLError,
                           .invalidValue(element: "isDirector", text: "yes", expected: "true, false, 1 or 0"))
        }
    }

    func testMissingFileThrowsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/form4.xml")
        XCTAssertThrowsError(try OwnershipXML.read(contentsOf: url)) { error in
            guard case .unreadable(let path, _)? = error as? OwnershipXMLError else { return XCTFail("got \(error)") }
            XCTAssertEqual(path, "/nonexistent/form4.xml")
        }
    }

    // MARK: - Writing

    func testRoundTripOfRealFiling() throws {
        let record = try readFixture()
        let xml = OwnershipXML.write(record)
        let again = try read(xml)
        XCTAssertEqual(again, record)
    }

    func testRoundTripOfAmendmentWithHoldingsAndFootnoteOnlyValues() throws {
        let record = try read(Self.amendmentFixed)
        let xml = OwnershipXML.write(record)
        XCTAssertEqual(try read(xml), record)
    }

    func testWrittenXMLFollowsSchemaOrderAndStyle() throws {
        let record = try readFixture()
        let xml = OwnershipXML.write(record)
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\"?>\n<ownershipDocument>\n"))
        let order = ["<schemaVersion>X0508</schemaVersion>", "<documentType>4</documentType>",
                     "<periodOfReport>2025-04-30</periodOfReport>", "<notSubjectToSection16>false</notSubjectToSection16>",
                     "<issuer>", "<issuerCik/>", "<issuerName>374Water Inc.</issuerName>",
                     "<reportingOwner>", "<rptOwnerCik/>", "<reportingOwnerAddress>",
                     "<reportingOwnerRelationship>", "<isDirector>false</isDirector>", "<isOfficer>true</isOfficer>",
                     "<aff10b5One>false</aff10b5One>", "<nonDerivativeTable>", "<derivativeTable>",
                     "<conversionOrExercisePrice>", "<transactionDate>", "<transactionCoding>",
                     "<transactionFormType>4</transactionFormType>", "<transactionAmounts>", "<exerciseDate>",
                     "<expirationDate>", "<underlyingSecurity>", "<postTransactionAmounts>", "<ownershipNature>",
                     "<footnotes>", "<ownerSignature>", "</ownershipDocument>"]
        var cursor = xml.startIndex
        for piece in order {
            guard let found = xml.range(of: piece, range: cursor..<xml.endIndex) else {
                return XCTFail("\(piece) missing or out of order in\n\(xml)")
            }
            cursor = found.upperBound
        }
        XCTAssertFalse(xml.contains("<remarks"), "null remarks are left out")
        XCTAssertFalse(xml.contains("<dateOfOriginalSubmission"))
        XCTAssertTrue(xml.contains("<exerciseDate>\n                <footnoteId id=\"F1\"/>\n            </exerciseDate>"), xml)
    }

    func testWriterEscapesAndMarksAmendmentFormType() throws {
        let record = try read(Self.amendmentFixed)
        let xml = OwnershipXML.write(record)
        XCTAssertTrue(xml.contains("<issuerName>Smith &amp; Sons, Inc.</issuerName>"), xml)
        XCTAssertTrue(xml.contains("prices &lt; $10 &amp; &gt; $9."), xml)
        XCTAssertTrue(xml.contains("<documentType>4/A</documentType>"))
        XCTAssertTrue(xml.contains("<transactionFormType>4</transactionFormType>"))
        XCTAssertFalse(xml.contains("<transactionFormType>4/A"))
        XCTAssertFalse(xml.contains("<aff10b5One"), "null aff10b5One is left out")
        // The holding comes after the transaction, though the source listed it first.
        let transaction = try XCTUnwrap(xml.range(of: "<nonDerivativeTransaction>"))
        let holding = try XCTUnwrap(xml.range(of: "<nonDerivativeHolding>"))
        XCTAssertLessThan(transaction.lowerBound, holding.lowerBound)
        // A required price that only has a footnote keeps the element with the footnote.
        XCTAssertTrue(xml.contains("<transactionPricePerShare>\n                    <footnoteId id=\"F3\"/>"), xml)
    }

    func testWriterWritesRequiredNullsEmptyAndOmitsOptionalNulls() throws {
        var record = Form4Record()
        record.documentType = .known(.string("4"))
        var row = TableRow(kind: .transaction)
        row.securityTitle = .known(.string("Common Stock"))
        row.transactionPricePerShare = .known(.null)
        row.deemedExecutionDate = .known(.null)
        record.nonDerivativeTable = [row]
        let xml = OwnershipXML.write(record, schemaVersion: "X0407")
        XCTAssertTrue(xml.contains("<schemaVersion>X0407</schemaVersion>"))
        XCTAssertTrue(xml.contains("<transactionPricePerShare/>"), xml)
        XCTAssertFalse(xml.contains("deemedExecutionDate"), xml)
        // Still well formed and readable.
        let again = try read(xml)
        XCTAssertEqual(again.nonDerivativeTable.first?.securityTitle.value, .string("Common Stock"))
        XCTAssertEqual(again.nonDerivativeTable.first?.transactionPricePerShare.value, .null)
    }
}
