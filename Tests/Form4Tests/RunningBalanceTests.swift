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

    func testADigitAddedToTheSharesIsTakenOut() {
        // 78,924 + 17,499.9 = 96,423.9: a speck read as a "5" in the shares.
        var rows = [row(shares: "61", direction: "A", owned: "78924", sure: true),
                    row(shares: "17499.59", direction: "A", owned: "96423.9")]
        rows[1].sharesOwnedFollowingTransaction.confidence = 0.99
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows[1].transactionShares.value, .number(Decimal(string: "17499.9")!))
        XCTAssertEqual(rows[1].transactionShares.raw, "17499.59")
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

    /// One amount owned read with a digit too many in front ("6452,887.3463"): it is the one
    /// mended, not the amount above it that adds up with its own row, nor (one by one) every
    /// amount below, which would carry the stray digit down the table.
    func testAnAmountWithAStrayFirstDigitIsMendedAndTheRowsAroundItStay() {
        var rows = [row(shares: "68.4781", direction: "D", owned: "452402.9263"),
                    row(shares: "4740", direction: "A", owned: "457142.9263"),
                    row(shares: "4255.58", direction: "D", owned: "6452887.3463"),
                    row(shares: "92", direction: "D", owned: "452795.3463"),
                    row(shares: "10", direction: "A", owned: "452805.3463")]
        RunningBalance.mend(&rows)
        XCTAssertEqual(rows.map(\.sharesOwnedFollowingTransaction.value),
                       ["452402.9263", "457142.9263", "452887.3463", "452795.3463", "452805.3463"].map { .number(Decimal(string: $0)!) })
        XCTAssertEqual(rows[2].sharesOwnedFollowingTransaction.method, "balance")
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

/// Table II's two amounts of a row (derivative securities, column 5; underlying shares, column
/// 7) are the same number for an option or unit: one read surely mends the other's OCR slip.
final class UnderlyingAmountsTests: XCTestCase {
    func derivativeRow(shares: String, sharesConfidence: Double, underlying: String, underlyingConfidence: Double) -> TableRow {
        var row = TableRow(derivative: true)
        row.kind = .transaction
        row.transactionShares = Field(value: .number(Decimal(string: shares)!), confidence: sharesConfidence)
        row.underlyingSecurityShares = Field(value: .number(Decimal(string: underlying)!), confidence: underlyingConfidence)
        return row
    }

    func testADoubtfulAmountOneOCRSlipFromTheSureOneIsMended() {
        var rows = [derivativeRow(shares: "51093794", sharesConfidence: 0.8, underlying: "5109.3794", underlyingConfidence: 0.95),
                    derivativeRow(shares: "236918.02", sharesConfidence: 0.95, underlying: "296918.02", underlyingConfidence: 0.7)]
        UnderlyingAmounts.mend(&rows)
        XCTAssertEqual(rows[0].transactionShares.value, .number(Decimal(string: "5109.3794")!))
        XCTAssertEqual(rows[0].transactionShares.method, "cross-check")
        XCTAssertEqual(rows[0].transactionShares.raw, "51093794")
        XCTAssertLessThan(rows[0].transactionShares.confidence, 0.9, "still reviewed")
        XCTAssertEqual(rows[1].underlyingSecurityShares?.value, .number(Decimal(string: "236918.02")!))
    }

    func testAPointAndAThousandsCommaAreToldByTheDigitsAfterThem() {
        var rows = [derivativeRow(shares: "24.983", sharesConfidence: 0.95, underlying: "24983", underlyingConfidence: 0.95),
                    derivativeRow(shares: "51093794", sharesConfidence: 0.95, underlying: "5109.3794", underlyingConfidence: 0.95)]
        UnderlyingAmounts.mend(&rows)
        XCTAssertEqual(rows[0].transactionShares.value, .number(24983), "a comma read as a point")
        XCTAssertEqual(rows[1].transactionShares.value, .number(Decimal(string: "5109.3794")!), "a point lost")
        XCTAssertEqual(rows[1].underlyingSecurityShares?.value, .number(Decimal(string: "5109.3794")!))
    }

    func testAnAmountLostFromColumn5IsColumn7s() {
        var rows = [derivativeRow(shares: "1", sharesConfidence: 0.8, underlying: "388", underlyingConfidence: 0.9)]
        rows[0].transactionShares = Field(value: .null, confidence: 0.84)
        UnderlyingAmounts.mend(&rows)
        XCTAssertEqual(rows[0].transactionShares.value, .number(388))
        XCTAssertLessThan(rows[0].transactionShares.confidence, 0.9)
    }

    func testAmountsThatMayDifferAreLeftAlone() {
        var rows = [derivativeRow(shares: "1000", sharesConfidence: 0.7, underlying: "10000", underlyingConfidence: 0.95),
                    derivativeRow(shares: "1250", sharesConfidence: 0.7, underlying: "1750", underlyingConfidence: 0.7),
                    derivativeRow(shares: "400", sharesConfidence: 0.7, underlying: "100000", underlyingConfidence: 0.95)]
        UnderlyingAmounts.mend(&rows)
        XCTAssertEqual(rows[0].transactionShares.value, .number(1000), "a conversion at 1:10")
        XCTAssertEqual(rows[1].transactionShares.value, .number(1250), "neither read surely")
        XCTAssertEqual(rows[2].transactionShares.value, .number(400), "more than one slip apart")
    }
}

/// A D/I cell OCR read as nothing or as no code takes the code the nature column points to.
final class OwnershipInferenceTests: XCTestCase {
    func testAnUnreadOwnershipCodeIsToldByTheNatureColumn() {
        var indirect = TableRow(), direct = TableRow(), read = TableRow()
        indirect.directOrIndirectOwnership = Field(value: .string("m"), confidence: 0.18)
        indirect.natureOfOwnership = Field(value: .string("By Spouse"), confidence: 0.8)
        direct.directOrIndirectOwnership = Field(value: .null, confidence: 0.84)
        read.directOrIndirectOwnership = Field(value: .string("D"), confidence: 0.7)
        read.natureOfOwnership = Field(value: .string("By Trust"), confidence: 0.8)
        var rows = [indirect, direct, read]
        OwnershipInference.infer(&rows)
        XCTAssertEqual(rows[0].directOrIndirectOwnership.value, .string("I"))
        XCTAssertEqual(rows[0].directOrIndirectOwnership.raw, "m")
        XCTAssertEqual(rows[0].directOrIndirectOwnership.method, "inferred")
        XCTAssertLessThan(rows[0].directOrIndirectOwnership.confidence, 0.9)
        XCTAssertEqual(rows[1].directOrIndirectOwnership.value, .string("D"))
        XCTAssertEqual(rows[2].directOrIndirectOwnership.value, .string("D"), "a code read stays as read")
    }

    func testACodeThatStoodInTheNatureColumnGoesToItsOwn() {
        var alone = TableRow(), before = TableRow(), word = TableRow()
        alone.natureOfOwnership = Field(value: .string("D"), confidence: 0.84, footnoteIds: ["F3"])
        before.natureOfOwnership = Field(value: .string("I By Trust"), confidence: 0.8)
        word.natureOfOwnership = Field(value: .string("Indirect By IRA"), confidence: 0.8)
        var rows = [alone, before, word]
        OwnershipInference.infer(&rows)
        XCTAssertEqual(rows[0].directOrIndirectOwnership.value, .string("D"))
        XCTAssertEqual(rows[0].directOrIndirectOwnership.method, "shifted")
        XCTAssertEqual(rows[0].directOrIndirectOwnership.footnoteIds, ["F3"])
        XCTAssertEqual(rows[0].natureOfOwnership.value, .null)
        XCTAssertEqual(rows[1].directOrIndirectOwnership.value, .string("I"))
        XCTAssertEqual(rows[1].natureOfOwnership.value, .string("By Trust"))
        XCTAssertEqual(rows[2].natureOfOwnership.value, .string("Indirect By IRA"), "a word that begins with I is no code")
        XCTAssertEqual(rows[2].directOrIndirectOwnership.method, "inferred")
    }
}
