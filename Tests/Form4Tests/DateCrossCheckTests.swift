import XCTest
@testable import Form4

/// A scanned date OCR garbled past parsing is taken from the dates the same form reads clearly,
/// where exactly one of them it could be.
final class DateCrossCheckTests: XCTestCase {
    func date(_ text: String, confidence: Double = 0.91) -> Field {
        Field(value: .string(text), confidence: confidence)
    }

    func derivativeRow(transaction: String, expiration: String, sure: Bool = true) -> TableRow {
        var row = TableRow(kind: .transaction, derivative: true)
        row.transactionDate = date(transaction, confidence: sure ? 0.91 : 0.18)
        row.expirationDate = date(expiration, confidence: sure ? 0.91 : 0.18)
        return row
    }

    func testAGarbledTableIIDateIsTakenFromTableIAndMarked() {
        var record = Form4Record()
        record.periodOfReport = date("2026-09-30")
        var tableI = TableRow()
        tableI.transactionDate = date("2026-09-30")
        record.nonDerivativeTable = [tableI]
        // 200 dpi: the slashes are lost and the first 0 read as a 9.
        record.derivativeTable = [derivativeRow(transaction: "99302026", expiration: "2036-09-30")]
        DateCrossCheck.mend(&record)
        let mended = record.derivativeTable[0].transactionDate
        XCTAssertEqual(mended.value, .string("2026-09-30"))
        XCTAssertEqual(mended.raw, "99302026")
        XCTAssertEqual(mended.method, "cross-check")
        XCTAssertLessThan(mended.confidence, 0.9, "a date taken from another stays in review")
    }

    func testADeemedExecutionDateYearsAfterItsTransactionTakesTheTransactionsYear() {
        var record = Form4Record()
        var misread = TableRow(), plausible = TableRow()
        misread.transactionDate = date("2025-11-03")
        misread.deemedExecutionDate = date("2035-11-05")
        plausible.transactionDate = date("2025-12-30")
        plausible.deemedExecutionDate = date("2026-01-02")
        record.nonDerivativeTable = [misread, plausible]
        DateCrossCheck.mend(&record)
        XCTAssertEqual(record.nonDerivativeTable[0].deemedExecutionDate.value, .string("2025-11-05"))
        XCTAssertEqual(record.nonDerivativeTable[0].deemedExecutionDate.method, "cross-check")
        XCTAssertEqual(record.nonDerivativeTable[1].deemedExecutionDate.value, .string("2026-01-02"), "days after, across a new year")
        XCTAssertEqual(DateCrossCheck.day("2024-03-01")! - DateCrossCheck.day("2024-02-28")!, 2, "a leap year's February")
        XCTAssertNil(DateCrossCheck.day("2019-09-31"))
        XCTAssertNil(DateCrossCheck.day("2023-02-29"))
    }

    func signature(_ signed: String) -> OwnerSignature {
        var signature = OwnerSignature()
        signature.signatureDate = date(signed)
        return signature
    }

    func testASignatureDateBeforeBox3HasTheDigitOCRMisreadPutRight() {
        var record = Form4Record()
        record.periodOfReport = date("2019-08-23")
        record.ownerSignatures = [signature("2015-08-23"), signature("2018-01-02"), signature("2019-08-26")]
        DateCrossCheck.mend(&record)
        XCTAssertEqual(record.ownerSignatures[0].signatureDate.value, .string("2019-08-23"))
        XCTAssertEqual(record.ownerSignatures[0].signatureDate.method, "cross-check")
        XCTAssertEqual(record.ownerSignatures[1].signatureDate.value, .string("2018-01-02"), "no one digit puts it just after box 3")
        XCTAssertLessThan(record.ownerSignatures[1].signatureDate.confidence, 0.8, "but it goes to review")
        XCTAssertEqual(record.ownerSignatures[2].signatureDate, date("2019-08-26"), "signed after box 3: as read")
        // Box 3 lost: the transactions' dates say when the form was signed at the earliest.
        var lost = Form4Record()
        lost.periodOfReport = Field(value: .null, confidence: 0.18)
        var row = TableRow()
        row.transactionDate = date("2019-08-22")
        lost.nonDerivativeTable = [row]
        lost.ownerSignatures = [signature("2015-08-23")]
        DateCrossCheck.mend(&lost)
        XCTAssertEqual(lost.ownerSignatures[0].signatureDate.value, .string("2019-08-23"))
    }

    func testLookAlikeLettersCountAsTheirDigitsAndSlashesMayStay() {
        let candidates: Set<String> = ["2024-01-05", "2024-03-01"]
        XCTAssertEqual(DateCrossCheck.match("owos2024", among: candidates), "2024-01-05")
        XCTAssertEqual(DateCrossCheck.match("0l/05/2O24", among: candidates), "2024-01-05")
        XCTAssertNil(DateCrossCheck.match("07/19/2024", among: candidates), "too many digits differ")
        XCTAssertNil(DateCrossCheck.match("0105", among: candidates), "too short to tell")
    }

    func testAReadingThatLostOrGainedACharacterIsMatchedToo() {
        let candidates: Set<String> = ["2021-11-23", "2021-12-20"]
        XCTAssertEqual(DateCrossCheck.match("1232021", among: candidates), "2021-11-23", "one 1 of 11 and both slashes lost")
        XCTAssertEqual(DateCrossCheck.match("117232021", among: candidates), "2021-11-23", "a slash read as 7")
        XCTAssertNil(DateCrossCheck.match("123202", among: candidates), "two characters lost: too far to tell")
        XCTAssertNil(DateCrossCheck.match("1222021", among: ["2021-12-22", "2021-11-22"]), "12/22 and 11/22 lose a digit alike")
    }

    func testTwoDatesEquallyCloseDecideNothing() {
        // "0x/10/2021" could be March 10 or April 10.
        XCTAssertNil(DateCrossCheck.match("0x102021", among: ["2021-03-10", "2021-04-10"]))
        XCTAssertEqual(DateCrossCheck.match("0x102021", among: ["2021-03-10", "2021-05-11"]), "2021-03-10")
    }

    func testExpirationsAreMatchedOnlyWithExpirationsAndParsedDatesAreKept() {
        var record = Form4Record()
        record.periodOfReport = date("2025-11-05")
        // An expiration ten years after the grant differs from the grant's date by one digit:
        // "11O5/2O35" is matched against the other rows' expiration dates only.
        var garbled = derivativeRow(transaction: "2025-11-05", expiration: "2035-11-05")
        garbled.expirationDate = date("11O5/2O35", confidence: 0.18)
        var other = derivativeRow(transaction: "2025-11-06", expiration: "2035-11-05")
        other.transactionDate.confidence = 0.5
        record.derivativeTable = [garbled, other]
        var mended = record
        DateCrossCheck.mend(&mended)
        XCTAssertEqual(mended.derivativeTable[0].expirationDate?.value, .string("2035-11-05"))
        XCTAssertEqual(mended.derivativeTable[1].transactionDate.value, .string("2025-11-06"), "a reading that parsed is kept")
        // Without another expiration to vouch, the grant date (one digit away) is not taken.
        record.derivativeTable[1].expirationDate = nil
        DateCrossCheck.mend(&record)
        XCTAssertEqual(record.derivativeTable[0].expirationDate?.value, .string("11O5/2O35"))
    }
}
