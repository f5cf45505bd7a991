import XCTest
@testable import Form4

/// Table I's running balance (owned before ± shares = owned after) mends an amount OCR misread,
/// where exactly one edit of one doubtful amount makes it add up.
final class RunningBalanceTests: XCTestCase {
    func amount(_ text: String, confidence: Double = 0.8) -> Field {
        Field(value: .number(Decimal(string: text)!), confidence: confidence)
    }

    func row(shares: String, direction: String, owned: String, sure: Bool = false) -> TableRow {
        var row = TableRow()
        row.kind = .transaction
        row.transactionShares = amount(shares, confidence: sure ? 0.99 : 0.8)
        row.transactionAcquiredDisposedCode = Field(value: .string(direction), confidence: 0.9)
        row.sharesOwnedFollowingTransaction = amount(owned, confidence: sure ? 0.99 : 0.8)
        return row
    }

    func testALostDecimalPointIsPutBackWhereTheBalanceAddsUp() {
        var rows = [row(shares: "1000", direction: "A", owned: "310296.3198"),
                    row(shares: "1000", direction: "A", owned: "3112963198")]
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows[1].sharesOwnedFollowingTransaction.value, .number(Decimal(string: "311296.3198")!))
        XCTAssertEqual(rows[1].sharesOwnedFollowingTransaction.raw, "3112963198")
        XCTAssertEqual(rows[1].sharesOwnedFollowingTransaction.method, "balance")
        XCTAssertLessThan(rows[1].sharesOwnedFollowingTransaction.confidence, 0.9, "still reviewed")
    }

    func testAMisreadDigitOfTheSharesIsMended() {
        // 5,000 - 1,250 = 3,750: "1,750" had a digit misread.
        var rows = [row(shares: "200", direction: "A", owned: "5000", sure: true),
                    row(shares: "1750", direction: "D", owned: "3750", sure: true)]
        rows[1].transactionShares.confidence = 0.7
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows[1].transactionShares.value, .number(1250))
    }

    /// The amount after lost its last digit (12,087.889 for 12,087.8897): that one is mended,
    /// not the right amount before it cut short to fit (12,827.8897 made 12,827.889).
    func testALostLastDigitIsPutBackRatherThanAnotherAmountCutShort() {
        var rows = [row(shares: "6441.8019", direction: "A", owned: "12827.8897"),
                    row(shares: "740", direction: "D", owned: "12087.889")]
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows[0].sharesOwnedFollowingTransaction.value, .number(Decimal(string: "12827.8897")!))
        XCTAssertEqual(rows[1].sharesOwnedFollowingTransaction.value, .number(Decimal(string: "12087.8897")!))
    }

    func testNothingChangesWhenTheBalanceAddsUpIsAmbiguousOrTheAmountsAreSure() {
        let balanced = [row(shares: "100", direction: "A", owned: "1000"), row(shares: "250", direction: "D", owned: "750")]
        var rows = balanced
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows, balanced)
        // Read surely: a sum that does not add up is another security's balance, not a misreading.
        let sure = [row(shares: "100", direction: "A", owned: "1000", sure: true), row(shares: "250", direction: "D", owned: "850", sure: true)]
        rows = sure
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows, sure)
        // Either amount could be the misread one (1000 - 250 = 750 or 1100 - 250 = 850): left alone.
        let ambiguous = [row(shares: "100", direction: "A", owned: "1000"), row(shares: "250", direction: "D", owned: "850")]
        rows = ambiguous
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows, ambiguous)
    }
}
