import XCTest
@testable import Form4

/// OCR's misreadings that are words or numbers themselves, repaired from the words around them.
final class ProseContextTests: XCTestCase {
    func repaired(_ text: String) -> String {
        var repairs = 0
        return ProseContext.repaired(text.split(separator: " ").map(String.init), repairs: &repairs).joined(separator: " ")
    }

    func testANumberBeforeAnArticleIsTo() {
        XCTAssertEqual(repaired("Bona fide gift 10 a charitable organization"), "Bona fide gift to a charitable organization")
        XCTAssertEqual(repaired("except 10 the extent of his pecuniary interest"), "except to the extent of his pecuniary interest")
        XCTAssertEqual(repaired("a contingent right 10 receive one share"), "a contingent right to receive one share")
    }

    /// Between two amounts, and between a name and a verb, a "10" is the "to" OCR misread.
    func testANumberBetweenTwoAmountsOrBeforeAVerbAfterANameIsTo() {
        XCTAssertEqual(repaired("at prices ranging from $12.01 10 $12.45, inclusive."), "at prices ranging from $12.01 to $12.45, inclusive.")
        XCTAssertEqual(repaired("withheld by the Issuer 10 satisfy tax withholding"), "withheld by the Issuer to satisfy tax withholding")
        XCTAssertEqual(repaired("withheld by the Issuer 10 shares"), "withheld by the Issuer 10 shares")
        XCTAssertEqual(repaired("bought 10 $12.45 notes"), "bought 10 $12.45 notes")
    }

    func testAShortTokenBeforeTheExtentIsTo() {
        XCTAssertEqual(repaired("except woo the extent of his pecuniary interest"), "except to the extent of his pecuniary interest")
        XCTAssertEqual(repaired("therein. To the extent"), "therein. To the extent")
        XCTAssertEqual(repaired("except the extent"), "except the extent", "a longer word stays")
        XCTAssertEqual(repaired("a measure of the extent of"), "a measure of the extent of", "a small word of prose stays")
    }

    func testADigitWhereASingularNounFollowsIsTheArticle() {
        XCTAssertEqual(repaired("received as 4 gift."), "received as a gift.")
        XCTAssertEqual(repaired("held by 3 trust of which"), "held by a trust of which")
        XCTAssertEqual(repaired("on 2 one-for-one basis."), "on a one-for-one basis.")
        XCTAssertEqual(repaired("represents & contingent right"), "represents a contingent right")
    }

    func testNumbersThatCountSomethingStay() {
        for text in ["vest in 4 equal annual installments", "held in 2 trusts for his children", "Series 2 Preferred Stock",
                     "vests over 3 years", "converted at 10 per share"] {
            XCTAssertEqual(repaired(text), text)
        }
    }

    /// "stock" misread as another English word after the word that qualifies it.
    func testStockOCRReadAsAnotherWordAfterCommonOrRestrictedIsStock() {
        XCTAssertEqual(repaired("one share of the Issuer's common stack."), "one share of the Issuer's common stock.")
        XCTAssertEqual(repaired("The restricted stork units vest"), "The restricted stock units vest")
        XCTAssertEqual(repaired("shares of Common Stack, par value"), "shares of Common Stock, par value")
        for text in ["the common stocks held", "a stack of common stock", "common sense", "the common stake of the partners"] {
            XCTAssertEqual(repaired(text), text)
        }
    }

    func testOnlyToFollowsPursuantAndAnArticleStandsBeforeARule() {
        XCTAssertEqual(repaired("Transaction effected pursuant yo a Rule 10b5-1 trading plan."),
                       "Transaction effected pursuant to a Rule 10b5-1 trading plan.")
        XCTAssertEqual(repaired("effected pursuant to 8 Rule 10b5-1 trading plan"), "effected pursuant to a Rule 10b5-1 trading plan")
        XCTAssertEqual(repaired("the Plan, Rule 8 of which applies"), "the Plan, Rule 8 of which applies")
        XCTAssertEqual(repaired("section 8 Rule book"), "section 8 Rule book", "no rule number follows")
    }

    func testACapitalisedSmallWordInsideASentenceIsLowerCase() {
        XCTAssertEqual(repaired("converts Into one share"), "converts into one share")
        XCTAssertEqual(repaired("the securities Upon vesting"), "the securities upon vesting")
        // In a title, after a capitalised word, and opening a sentence, the capital stays.
        XCTAssertEqual(repaired("Stock Option (Right To Buy)"), "Stock Option (Right To Buy)")
        XCTAssertEqual(repaired("upon request. In addition"), "upon request. In addition")
    }

    /// The form's tables are Table I and II; a count before the plural it counts has a
    /// thousands comma, not a point.
    func testTableNumeralsAndThousandsCommasOCRMisread() {
        XCTAssertEqual(repaired("the number of shares reported in Table 1."), "the number of shares reported in Table I.")
        XCTAssertEqual(repaired("as reported in Table Il, column 5"), "as reported in Table II, column 5")
        XCTAssertEqual(repaired("the notes to Table 4."), "the notes to Table 4.")
        XCTAssertEqual(repaired("Includes 1.250 shares acquired through dividend reinvestment"),
                       "Includes 1,250 shares acquired through dividend reinvestment")
        for text in ["Includes 0.667 shares acquired", "a price of 1.250 per share", "rounded to 1.25 shares", "see Exhibit 99.100 below"] {
            XCTAssertEqual(repaired(text), text, "no count of a plural")
        }
    }

    /// An amount's last "1" read as a bracket that nothing opened.
    func testAnAmountEndingInABracketNoParenthesisOpenedEndsInOne() {
        XCTAssertEqual(repaired("at prices ranging from $12.0) to $12.45, inclusive."), "at prices ranging from $12.01 to $12.45, inclusive.")
        XCTAssertEqual(repaired("ranging from $12.0} to $12.45"), "ranging from $12.01 to $12.45")
        XCTAssertEqual(repaired("sold (at a weighted average of $12.05) on the market"), "sold (at a weighted average of $12.05) on the market")
    }

    func testACommaBeforeAWordThatOpensASentenceIsAFullStop() {
        XCTAssertEqual(repaired("by the reporting persons, Each reporting person"), "by the reporting persons. Each reporting person")
        XCTAssertEqual(repaired("held by Apex Holdings, The Smith Trust"), "held by Apex Holdings, The Smith Trust")
    }
}
