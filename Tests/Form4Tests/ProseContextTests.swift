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

    func testACapitalisedSmallWordInsideASentenceIsLowerCase() {
        XCTAssertEqual(repaired("converts Into one share"), "converts into one share")
        XCTAssertEqual(repaired("the securities Upon vesting"), "the securities upon vesting")
        // In a title, after a capitalised word, and opening a sentence, the capital stays.
        XCTAssertEqual(repaired("Stock Option (Right To Buy)"), "Stock Option (Right To Buy)")
        XCTAssertEqual(repaired("upon request. In addition"), "upon request. In addition")
    }

    func testACommaBeforeAWordThatOpensASentenceIsAFullStop() {
        XCTAssertEqual(repaired("by the reporting persons, Each reporting person"), "by the reporting persons. Each reporting person")
        XCTAssertEqual(repaired("held by Apex Holdings, The Smith Trust"), "held by Apex Holdings, The Smith Trust")
    }
}
