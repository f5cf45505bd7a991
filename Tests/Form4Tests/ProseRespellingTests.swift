import XCTest
@testable import Form4

/// Words OCR misread in a scan's footnotes and remarks are respelled from a word list, where
/// one word is clearly the nearest; words the list lacks but that are plainly words, names,
/// numbers and acronyms stay as read.
final class ProseRespellingTests: XCTestCase {
    /// A small lexicon standing in for the system's word lists.
    let respelling = ProseRespelling(lexicon: ProseLexicon(
        common: ["the", "shares", "are", "held", "bold", "by", "a", "trust", "each", "restricted", "stock", "unit",
                 "units", "vest", "in", "four", "equal", "annual", "of", "one", "into", "and", "investment", "account",
                 "acquired", "through", "dividend", "issuer's", "common", "bona", "fide", "gift", "tide", "beneficial",
                 "ownership", "own", "pursuant", "to", "rule", "trading", "plan", "includes", "part", "apart",
                 "vesting", "begin", "beginning", "on", "first", "filed", "reporting", "persons", "his", "pecuniary",
                 "interest", "therein", "converts", "under", "period", "brokerage", "an", "installments", "share", "satisfy", "tax", "withholding", "was", "restrict"],
        rare: ["yest", "satiety", "anneal", "ed", "ax"]))

    func respelled(_ text: String) -> String { respelling.respelled(text).text }

    func testMisreadLettersAreRespelledToTheNearestWord() {
        // "b" for "h" is a typical misreading; "bold" is as many letters away but by a rarer one.
        XCTAssertEqual(respelled("The shares are beld by a trust."), "The shares are held by a trust.")
        XCTAssertEqual(respelled("Each resiricted stock wnit"), "Each restricted stock unit")
        // "rn" read for "m" and an "m" read for "rn" are one confusion each.
        XCTAssertEqual(respelled("cornmon stock"), "common stock")
        XCTAssertEqual(respelling.respelled("beld by a trust").repairs, 1)
    }

    func testARareWordOneTypicalConfusionFromACommonOneIsTheCommonOne() {
        XCTAssertEqual(respelled("units yest in four"), "units vest in four")
        // Further than one confusion: a rare word stays a word.
        XCTAssertEqual(respelled("to satiety and"), "to satiety and")
    }

    func testAWordMadeOfARareWordIsAsDoubtfulAsTheRareWord() {
        // "yest" + "ing" is a word by its ending alone; "vesting" is one typical confusion away.
        XCTAssertEqual(respelled("upon yesting."), "upon vesting.")
    }

    func testTheIssuersCapitalisedNameIsRespelledInsideASentence() {
        XCTAssertEqual(respelled("acquired through the Issoer's plan"), "acquired through the Issuer's plan")
        XCTAssertEqual(respelled("held by Halvorsen trust"), "held by Halvorsen trust", "other capitalised words are names")
    }

    func testACommonWordReadWithACapitalInsideASentenceIsLowerCased() {
        XCTAssertEqual(respelled("one unit of Common stock"), "one unit of common stock")
        XCTAssertEqual(respelled("units in Trust, bona fide"), "units in trust, bona fide")
        // A capitalised defined term after an article, a name, a term before a capital: as written.
        XCTAssertEqual(respelled("held by the Trust in trust"), "held by the Trust in trust")
        XCTAssertEqual(respelled("held by Bold as trustee"), "held by Bold as trustee", "a name after a preposition")
        XCTAssertEqual(respelled("held by Halvorsen trust"), "held by Halvorsen trust")
        XCTAssertEqual(respelled("shares of Common Stock"), "shares of Common Stock")
        XCTAssertEqual(respelled("Common stock"), "Common stock", "a sentence's first word")
    }

    /// A token damaged past respelling is the word the footnotes' fixed phrase puts after the
    /// word before it; a word there stays (it may be the writer's own).
    func testATokenDamagedPastRespellingIsTheWordItsPhraseExpects() {
        XCTAssertEqual(respelled("filed by the reporting penkots. Each"), "filed by the reporting persons. Each")
        XCTAssertEqual(respelled("his pecuniary iorurest therein."), "his pecuniary interest therein.")
        XCTAssertEqual(respelled("Each unit converts inty one share"), "Each unit converts into one share")
        XCTAssertEqual(respelled("acquired under the Hasuer's plan"), "acquired under the Issuer's plan")
        XCTAssertEqual(respelled("the reporting period"), "the reporting period", "a word after the head stays")
        XCTAssertEqual(respelled("in four equal anneal installments"), "in four equal annual installments", "a rare word that near")
        XCTAssertEqual(respelled("in four equal satiety installments"), "in four equal satiety installments", "a rare word too far")
        XCTAssertEqual(respelled("held in a brokerage zqxj"), "held in a brokerage zqxj", "too far from any follower")
        XCTAssertEqual(respelled("an iorurest was"), "an iorurest was", "no phrase around it")
        XCTAssertEqual(respelled("an iorurest therein"), "an interest therein", "a phrase after it")
        XCTAssertEqual(respelled("to watiafy tax withholding"), "to satisfy tax withholding", "a phrase after it")
        XCTAssertEqual(respelled("to satiety tax"), "to satisfy tax", "a rare word a phrase makes doubtful")
    }

    func testADoubledLetterOCRReadAsOneIsRestored() {
        // "begin" + "ing" would pass as a word by its ending: English doubles the "n".
        XCTAssertEqual(respelled("begining on the first"), "beginning on the first")
        XCTAssertEqual(respelled("beginning on the first"), "beginning on the first")
    }

    func testPunctuationAndCaseAreKept() {
        XCTAssertEqual(respelled("(beld),"), "(held),")
        XCTAssertEqual(respelled("Bach unit"), "Each unit", "a capital opening the text is respelled in capitals")
        XCTAssertEqual(respelled("restricted stock. Bach unit"), "restricted stock. Each unit")
    }

    func testNamesNumbersAcronymsAndDerivedWordsStay() {
        // A capital inside a sentence is a name.
        XCTAssertEqual(respelled("held by Bold Trust"), "held by Bold Trust")
        XCTAssertEqual(respelled("a RSU of 10b5-1 and 25%"), "a RSU of 10b5-1 and 25%")
        // Not in the list, but a listed word with a prefix or ending: no misreading.
        XCTAssertEqual(respelled("dividend reinvestment"), "dividend reinvestment")
        XCTAssertEqual(respelled("unit trusts"), "unit trusts")
        // Two words equally near: left as read rather than guessed.
        XCTAssertEqual(respelled("a vide gift"), "a vide gift")
    }

    func testAWordOCRSplitInTwoIsJoined() {
        XCTAssertEqual(respelled("beneficial ow nership."), "beneficial ownership.")
        // Both halves words: two words, as printed ("a part").
        XCTAssertEqual(respelled("held a part"), "held a part")
        XCTAssertEqual(respelled("to satisfy t ax withholding"), "to satisfy tax withholding", "a lone letter that is no word")
        XCTAssertEqual(respelled("The restrict ed stock units"), "The restricted stock units", "an ending alone is a rare word")
        XCTAssertEqual(respelled("held a trust"), "held a trust")
    }

    func testAnArticleRunIntoTheSmallWordBeforeItIsSetApart() {
        XCTAssertEqual(respelled("shares are held ina trust"), "shares are held in a trust")
        XCTAssertEqual(respelled("pursuant toa trading plan"), "pursuant to a trading plan")
        XCTAssertEqual(respelling.respelled("held ina trust").repairs, 1)
        // A word of the list ending in "a" stays ("bona"), and so does a name in capitals.
        XCTAssertEqual(respelled("bona fide gift by Ina Smith"), "bona fide gift by Ina Smith")
    }

    func testTheTradingPlanRuleIsReadThroughOCRDamage() {
        func repaired(_ text: String) -> String {
            guard case .string(let repaired) = ValueParsing.scannedProse(text, respelling: respelling).value else { return "" }
            return repaired
        }
        XCTAssertEqual(repaired("pursuant to a Rule 1065-1 trading plan"), "pursuant to a Rule 10b5-1 trading plan")
        XCTAssertEqual(repaired("a Rule 10b5-t plan."), "a Rule 10b5-1 plan.")
        // Only after "Rule": other numbers are no rule's.
        XCTAssertEqual(repaired("Includes 1005-1 shares"), "Includes 1005-1 shares")
    }

    func testWordsTheListHoldsAreNeverChanged() {
        XCTAssertEqual(respelled("Bona fide gift"), "Bona fide gift")
        XCTAssertEqual(respelling.respelled("the shares are held by a trust").repairs, 0)
    }

    func testScannedRemarksGetTheirFullStopBackButStayOpenWithoutOne() {
        XCTAssertEqual(ValueParsing.scannedRemarks("for purposes of Section 13(d); see Exhibit 99.1,", respelling: respelling).value,
                       .string("for purposes of Section 13(d); see Exhibit 99.1."))
        XCTAssertEqual(ValueParsing.scannedRemarks("Exhibit 24 - Power of Attorney", respelling: respelling).value,
                       .string("Exhibit 24 - Power of Attorney"))
    }

    func testScannedFootnotesAreRespelledAndLessCertain() {
        let parsed = ValueParsing.scannedFootnote("The shares are beld by a trust", respelling: respelling)
        XCTAssertEqual(parsed.value, .string("The shares are held by a trust."))
        XCTAssertLessThan(parsed.quality, ValueParsing.scannedFootnote("The shares are held by a trust", respelling: respelling).quality)
        XCTAssertEqual(ValueParsing.scannedFootnote("The shares are held by a {trust }", respelling: respelling).value,
                       .string("The shares are held by a trust."), "curly brackets are specks")
        // Without a lexicon (word lists not installed) the text is kept as read.
        XCTAssertEqual(ValueParsing.scannedProse("beld by a trust", respelling: nil).value, .string("beld by a trust"))
    }

    func testConfusionDistanceWeighsTypicalMisreadings() {
        func distance(_ read: String, _ printed: String) -> Double? {
            OCRConfusionDistance.distance(read: Array(read.utf8), printed: Array(printed.utf8), limit: 3)
        }
        XCTAssertEqual(distance("held", "held"), 0)
        XCTAssertLessThan(distance("beld", "held")!, distance("beld", "bold")!)
        XCTAssertLessThan(distance("cornmon", "common")!, 0.5, "rn read for m")
        XCTAssertLessThan(distance("comrnon", "common")!, 0.5)
        XCTAssertEqual(distance("unit", "xyz1"), nil, "beyond the limit")
        XCTAssertNil(OCRConfusionDistance.distance(read: Array("beld".utf8), printed: Array("bold".utf8), limit: 0.4))
    }

    func testAnArticleReadAsAMarkAndTheIssuersCapitalAreRestored() {
        XCTAssertEqual(respelled("held by @ trust"), "held by a trust")
        XCTAssertEqual(respelled("held by # trust"), "held by a trust")
        XCTAssertEqual(respelled("account # 12"), "account # 12", "a mark before a number stays")
        XCTAssertEqual(respelled("of the lssuer's common stock"), "of the Issuer's common stock")
        XCTAssertEqual(respelled("of the issuer's common stock"), "of the Issuer's common stock", "the form's defined term")
        XCTAssertEqual(respelled("pursuant to # Rule"), "pursuant to a Rule")
    }
}
