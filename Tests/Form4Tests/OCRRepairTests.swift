import Foundation
import XCTest
import PDFText
@testable import Form4

/// OCR confusions are repaired only where the field's type says what can stand there, and a
/// repaired value is less certain than one read as it stood.
final class OCRRepairTests: XCTestCase {
    func testDigitsRepairedInNumbersAndDatesOnly() {
        XCTAssertEqual(ValueParsing.number("1,2O4").value, .number(1204))
        XCTAssertLessThan(ValueParsing.number("1,2O4").quality, 1)
        XCTAssertEqual(ValueParsing.number("$l5.5O").value, .number(Decimal(string: "15.5")!))
        XCTAssertEqual(ValueParsing.date("O5/2l/2O26").value, .string("2026-05-21"))
        XCTAssertEqual(ValueParsing.number("1,204").quality, 1, "clean text needs no repair")
        // Text fields keep their letters: "BOSTON" is not "8O5TON".
        XCTAssertEqual(ValueParsing.text("BOSTON").value, .string("BOSTON"))
    }

    func testCodesTakeOnlyLettersTheFieldAllows() {
        XCTAssertEqual(ValueParsing.code("5", allowed: Codes.transaction).value, .string("S"))
        XCTAssertLessThan(ValueParsing.code("5", allowed: Codes.transaction).quality, 1)
        XCTAssertEqual(ValueParsing.code("0", allowed: Codes.directIndirect).value, .string("D"))
        XCTAssertEqual(ValueParsing.code("1", allowed: Codes.directIndirect).value, .string("I"))
        XCTAssertEqual(ValueParsing.code("(A)", allowed: Codes.acquiredDisposed).value, .string("A"))
        XCTAssertEqual(ValueParsing.code("Q", allowed: Codes.transaction).quality, 0.2, "no letter of the code list")
    }

    func testNoiseAndDamagedMarkersAreRemovedFromCells() {
        func cleaned(_ text: String) -> CellText { CellText(text: text).cleanedForOCR() }
        XCTAssertEqual(cleaned("| 05/24/2033").text, "05/24/2033")
        XCTAssertEqual(cleaned("A|").text, "A")
        XCTAssertEqual(cleaned("462.63)").text, "462.63")
        XCTAssertEqual(cleaned("39,469 qd)").text, "39,469")
        let marker = cleaned("5,648 1)")
        XCTAssertEqual(marker.text, "5,648")
        XCTAssertEqual(marker.footnoteIds, ["F1"], "digits that survived name the footnote")
        XCTAssertGreaterThan(marker.repairs, 0)
        XCTAssertEqual(cleaned("Stock options (right to buy)").text, "Stock options (right to buy)")
    }

    /// A 200 dpi scan loses a comma's tail: where a point cannot end a sentence (a second
    /// point after "L.P.", a point before a lower-case word) it was a comma. Abbreviations keep theirs.
    func testCommasReadAsPointsArePutBackWhereNoSentenceEnds() {
        let signature = ValueParsing.scannedSignature("Quantic Ventures II, L.P.. By: /s/ Samuel Whitfield, Managing Member")
        XCTAssertEqual(signature.value, .string("Quantic Ventures II, L.P., By: /s/ Samuel Whitfield, Managing Member"))
        XCTAssertLessThan(signature.quality, 1)
        let title = ValueParsing.scannedSecurityTitle("American Depositary Shares. each representing two Ordinary Shares")
        XCTAssertEqual(title.value, .string("American Depositary Shares, each representing two Ordinary Shares"))
        XCTAssertEqual(ValueParsing.scannedText("Acme Co. and Partners").value, .string("Acme Co. and Partners"))
        XCTAssertEqual(ValueParsing.scannedText("Chief Executive Officer. Director").value, .string("Chief Executive Officer. Director"))
    }

    func testProseKeepsItsOwnColonsAndSemicolons() {
        func prose(_ text: String) -> String { CellText(text: text).cleanedForOCR(prose: true).text }
        XCTAssertEqual(prose("Not applicable; the securities"), "Not applicable; the securities")
        XCTAssertEqual(prose("Ventures II, L.P., By: /s/ Carlos"), "Ventures II, L.P., By: /s/ Carlos")
        XCTAssertEqual(prose("Common Stock |"), "Common Stock", "rules are still noise")
        XCTAssertEqual(prose("Stock ;"), "Stock", "a lone mark is a speck")
        // In a typed cell a trailing colon is noise as before.
        XCTAssertEqual(CellText(text: "05/24/2033:").cleanedForOCR().text, "05/24/2033")
    }

    func testAScannedFootnoteSentenceIsClosedWithAFullStop() {
        // OCR reads a footnote's small final point as a comma or loses it.
        XCTAssertEqual(ValueParsing.scannedFootnote("The securities are held in a brokerage account,").value,
                       .string("The securities are held in a brokerage account."))
        XCTAssertEqual(ValueParsing.scannedFootnote("Includes 1,250 shares acquired since the last report").value,
                       .string("Includes 1,250 shares acquired since the last report."))
        XCTAssertLessThan(ValueParsing.scannedFootnote("Restricted stock units do not expire").quality, 1, "an added point is a repair")
        XCTAssertEqual(ValueParsing.scannedFootnote("Not applicable;").value, .string("Not applicable."))
        XCTAssertEqual(ValueParsing.scannedFootnote("Not applicable").value, .string("Not applicable"), "a word or two need not be a sentence")
        XCTAssertEqual(ValueParsing.scannedFootnote("See the Issuer's Form 8-K (Item 5.02)").value, .string("See the Issuer's Form 8-K (Item 5.02)"))
        let closed = ValueParsing.scannedFootnote("The price reported is a weighted average price.")
        XCTAssertEqual(closed.value, .string("The price reported is a weighted average price."))
        XCTAssertEqual(closed.quality, 1)
    }

    func testANatureOfOwnershipsOpeningIsPutRight() {
        func nature(_ raw: String) -> FieldValue { ValueParsing.scannedNature(raw, respelling: nil).value }
        XCTAssertEqual(nature("Ay LLC"), .string("By LLC"))
        XCTAssertEqual(nature("B Spouse"), .string("By Spouse"))
        XCTAssertEqual(nature("Pee footnote"), .string("See footnote"))
        XCTAssertEqual(nature("By i Spouse"), .string("By Spouse"), "a speck between By and the name")
        XCTAssertEqual(nature("By 4at Children"), .string("By Children"))
        XCTAssertEqual(nature("By 40 1(k) Plan"), .string("By 401(k) Plan"))
        XCTAssertEqual(nature("By Lintited Partnership"), .string("By Limited Partnership"), "the words holders are named with")
        XCTAssertEqual(nature("By The Dae Family Tnust"), .string("By The Dae Family Trust"), "a short name stays")
        // What filers write stays.
        XCTAssertEqual(nature("By the Smith Family Trust"), .string("By the Smith Family Trust"))
        XCTAssertEqual(nature("By 2012 Trust"), .string("By 2012 Trust"))
        XCTAssertEqual(nature("Held by spouse"), .string("Held by spouse"))
        XCTAssertEqual(ValueParsing.scannedNature("By Spouse", respelling: nil).quality, 1)
        XCTAssertLessThan(ValueParsing.scannedNature("Ay LLC", respelling: nil).quality, 1)
    }

    func testASecurityTitlesMisreadWordsAreRespelledFromTitleWords() {
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Cammon Stock").value, .string("Common Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Perfonnance Stock Units").value, .string("Performance Stock Units"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Warrants {right to bay}").value, .string("Warrants (right to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Class A Common} Stock").value, .string("Class A Common Stock"), "a brace with none open is a speck")
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("(Common Stock").value, .string("Common Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Non-(Qualified Stock Option").value, .string("Non-Qualified Stock Option"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Call Option (obligation to sell").value, .string("Call Option (obligation to sell)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Call Option (obligation to sell) ?").value, .string("Call Option (obligation to sell)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("two Ordinary $").value, .string("two Ordinary S"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Non-Qualifed Stock Option").value, .string("Non-Qualified Stock Option"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Ordinary $hares").value, .string("Ordinary Shares"))
        XCTAssertLessThan(ValueParsing.scannedSecurityTitle("Cammon Stock").quality, 1)
        // Specks read as tokens of their own before a title's word.
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Common 9 Stock").value, .string("Common Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Ordinary 1.7 Shares").value, .string("Ordinary Shares"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Class A ) Common Stock").value, .string("Class A Common Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("e Common Stock").value, .string("Common Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Restricted a Stock Units").value, .string("Restricted Stock Units"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series 1 Preferred Stock").value, .string("Series 1 Preferred Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Common Stock, $0.01 Par Value").value, .string("Common Stock, $0.01 Par Value"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Common Stock, par value $0.00 per share").value,
                       .string("Common Stock, par value $0.001 per share"), "no par value is nothing: a thin 1 was lost")
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Units at $0.00 each").value, .string("Units at $0.00 each"), "no par value")
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("2019 Plan Restricted Stock Units").value, .string("2019 Plan Restricted Stock Units"))
        // The set phrases of option titles.
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Stock Option (Right co Buy)").value, .string("Stock Option (Right to Buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Warrants (right so buy)").value, .string("Warrants (right to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Stock Options (Right 1 Buy)").value, .string("Stock Options (Right to Buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Put Option (obligation t0 buy").value, .string("Put Option (obligation to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Stock Option (aght to buy)").value, .string("Stock Option (right to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Call Option (Obligatian to sell)").value, .string("Call Option (Obligation to sell)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Warrants (exercisable to buy)").value, .string("Warrants (exercisable to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Noo-Qualified Stock Option").value, .string("Non-Qualified Stock Option"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Now: Qualified Stock Option").value, .string("Non-Qualified Stock Option"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series Bel Convertible Preferred Stock").value, .string("Series B-1 Convertible Preferred Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series Bi Convertible Preferred Stock").value, .string("Series B-1 Convertible Preferred Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series B- Convertible Preferred Stock").value, .string("Series B-1 Convertible Preferred Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series B Preferred Stock").value, .string("Series B Preferred Stock"))
        // A point before the title's bracket after one of its words is a speck; after an abbreviation it stays.
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Warrants. (right to buy)").value, .string("Warrants (right to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Units of Acme Inc. (right to buy)").value, .string("Units of Acme Inc. (right to buy)"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Units of Acme Partners LLP").value, .string("Units of Acme Partners LLP"), "a title word's plural")
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Series A-2 Preferred Stock").value, .string("Series A-2 Preferred Stock"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Non Qualified Stock Option").value, .string("Non Qualified Stock Option"), "as the filer may write it")
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Stock Option (right to buy)").quality, 1, "nothing to put right")
        // Words of the issuer's own and acronyms stay; so does a word two titles' words are as near.
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Acme Holdings LTIP Units").value, .string("Acme Holdings LTIP Units"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("ADS").value, .string("ADS"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Class A Common Stock").quality, 1)
    }

    func testAnAmountCellHoldingOnlyAMarkersRemainsHasNoAmount() {
        XCTAssertTrue(ValueParsing.isMarkerDebris("@", markers: [2]))
        XCTAssertTrue(ValueParsing.isMarkerDebris("()", markers: []))
        XCTAssertTrue(ValueParsing.isMarkerDebris("ay", markers: [11]))
        XCTAssertTrue(ValueParsing.isMarkerDebris("(7) 7", markers: [7]), "the marker and its number read again")
        XCTAssertTrue(ValueParsing.isMarkerDebris("6) 5", markers: [5]))
        XCTAssertTrue(ValueParsing.isMarkerDebris("(13) 13", markers: []))
        XCTAssertFalse(ValueParsing.isMarkerDebris("a 7", markers: []), "a digit beside no marker may be the amount's")
        XCTAssertFalse(ValueParsing.isMarkerDebris("(2) 750", markers: [2]), "an amount with its marker")
        XCTAssertFalse(ValueParsing.isMarkerDebris("1O,5a3", markers: []), "a damaged amount keeps its digits")
    }

    func testAParValuesPointReadAsACommaIsAPoint() {
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Common Stock, par value $0,001 per share").value,
                       .string("Common Stock, par value $0.001 per share"))
        XCTAssertEqual(ValueParsing.scannedSecurityTitle("Preferred Stock, $1,000 stated value").value,
                       .string("Preferred Stock, $1,000 stated value"), "a thousands group after a digit other than 0 stays")
    }

    func testALoneThinMarkInACodeCellIsTheLetterI() {
        let cell = CellText(words: [Word(text: ":", rect: Rect(x0: 496, y0: 494, x1: 497, y1: 501))])
        XCTAssertEqual(cell.withThinMarkReadAsI(Codes.directIndirect).text, "I")
        XCTAssertEqual(cell.withThinMarkReadAsI(Codes.directIndirect).repairs, 1)
        XCTAssertEqual(cell.withThinMarkReadAsI(Codes.acquiredDisposed).text, ":", "only where I may stand")
    }

    func testAPriceOfNothingWhoseDollarSignOCRReadAsADigitIsZero() {
        XCTAssertEqual(ValueParsing.scannedPrice("30").value, .number(0))
        XCTAssertEqual(ValueParsing.scannedPrice("7 $1,697.47").value, .number(1697.47), "a speck before the $ read as 7")
        XCTAssertEqual(ValueParsing.scannedPrice("36.63").value, .number(6.63), "the $ of $6.63 read as a 3")
        XCTAssertEqual(ValueParsing.scannedPrice("S42.06").value, .number(42.06))
        XCTAssertEqual(ValueParsing.scannedPrice("36").value, .number(6), "the $ of $6 read as a 3")
        XCTAssertLessThan(ValueParsing.scannedPrice("36.63").quality, 0.9, "a guess at a lost $: in review")
        XCTAssertEqual(ValueParsing.scannedPrice("$36.63").value, .number(36.63), "with its $ a price starting with 3 is read as it stands")
        XCTAssertEqual(ValueParsing.scannedPrice("46.63").value, .number(46.63), "4 is no look-alike of $")
        XCTAssertEqual(ValueParsing.scannedPrice("3").value, .number(3), "one digit alone is the price")
        XCTAssertLessThan(ValueParsing.scannedPrice("7 $1,697.47").quality, 1)
        XCTAssertEqual(ValueParsing.scannedPrice("so").value, .number(0))
        XCTAssertLessThan(ValueParsing.scannedPrice("50").quality, 1)
        XCTAssertEqual(ValueParsing.scannedPrice("$30").value, .number(30), "its dollar sign read, 30 is 30")
        XCTAssertEqual(ValueParsing.scannedPrice("$0").value, .number(0))
        XCTAssertEqual(ValueParsing.scannedPrice("20").value, .number(20))
        XCTAssertEqual(ValueParsing.scannedPrice("300").value, .number(300))
    }


    func testAnAmountsPointReadAsACommaOrLostIsRestoredWhereTheFormatTells() {
        XCTAssertEqual(ValueParsing.scannedPrice("$4,79").value, .number(Decimal(string: "4.79")!))
        XCTAssertEqual(ValueParsing.scannedNumber("311,296,3198").value, .number(3112963198),
                       "a long last group may have lost its point or had it read as a comma: which, the format does not tell")
        XCTAssertLessThan(ValueParsing.scannedNumber("311,296,3198").quality, 0.9)
        XCTAssertEqual(ValueParsing.scannedPrice("$0412").value, .number(Decimal(string: "0.412")!))
        XCTAssertLessThan(ValueParsing.scannedNumber("4,79").quality, 0.9, "a repaired amount goes to review")
        XCTAssertEqual(ValueParsing.scannedNumber("311,296").value, .number(311296), "whole thousands stay")
        XCTAssertEqual(ValueParsing.scannedNumber("1,234.5").value, .number(Decimal(string: "1234.5")!))
        XCTAssertEqual(ValueParsing.scannedNumber("1,234.5").quality, 1)
        XCTAssertEqual(ValueParsing.scannedPrice("$0").value, .number(0))
        XCTAssertEqual(ValueParsing.number("4,79").value, .number(479), "native text is taken as printed")
    }

    func testAPointBeforeThreeDigitsMayBeACommaOCRMisread() {
        XCTAssertTrue(ValueParsing.pointMayBeComma("231.890"))
        XCTAssertTrue(ValueParsing.pointMayBeComma("3.318"))
        XCTAssertFalse(ValueParsing.pointMayBeComma("231,890"))
        XCTAssertFalse(ValueParsing.pointMayBeComma("218.7936"), "four places are a fraction")
        XCTAssertFalse(ValueParsing.pointMayBeComma("1,234.567"), "a point after a comma is the decimal point")
        XCTAssertFalse(ValueParsing.pointMayBeComma("0.125"), "no thousands before it")
        XCTAssertEqual(ValueParsing.scannedNumber("231.890").value, .number(Decimal(string: "231.89")!), "read as it stands until the print says otherwise")
    }

    func testCommasReadAsPointsBeforeTheLastPointGroupThousands() {
        XCTAssertEqual(ValueParsing.scannedPrice("$1.200.4").value, .number(Decimal(string: "1200.4")!))
        XCTAssertEqual(ValueParsing.scannedNumber("730.031.7225").value, .number(Decimal(string: "730031.7225")!))
        XCTAssertEqual(ValueParsing.scannedNumber("1.200.4").quality, ValueParsing.regroupedQuality, "a repaired amount goes to review")
        XCTAssertEqual(ValueParsing.scannedNumber("12.34.5").value.isNull, false, "kept as read")
        XCTAssertNotEqual(ValueParsing.scannedNumber("12.34.5").value, .number(Decimal(string: "1234.5")!), "points not between groups of three are no commas")
        XCTAssertEqual(ValueParsing.scannedNumber("218.7936").value, .number(Decimal(string: "218.7936")!), "one point is the decimal point")
    }
    func testAMonthWhoseTensDigitOCRMisreadIsTheOnlyMonthItCanBe() {
        XCTAssertEqual(ValueParsing.date("93/14/2022").value, .string("2022-03-14"))
        XCTAssertEqual(ValueParsing.date("40/11/2022").value, .string("2022-10-11"))
        XCTAssertLessThan(ValueParsing.date("95/18/2023").quality, 1)
        XCTAssertEqual(ValueParsing.date("41/11/2022").value, .string("41/11/2022"), "01 or 11: no date")
        XCTAssertLessThan(ValueParsing.date("41/11/2022").quality, 0.5)
    }

    func testWhatOCRLeftOfAConformedSignatureMarkIsTheMark() {
        XCTAssertEqual(ValueParsing.signature("is Jane Abernathy").value, .string("/s/ Jane Abernathy"))
        XCTAssertEqual(ValueParsing.signature("4S Kenji Abernathy").value, .string("/s/ Kenji Abernathy"))
        XCTAssertEqual(ValueParsing.signature("(s/Susan O'Brien").value, .string("/s/ Susan O'Brien"))
        XCTAssertEqual(ValueParsing.signature("Js! Carlos Sorensen").value, .string("/s/ Carlos Sorensen"))
        XCTAssertEqual(ValueParsing.signature("/s/Samuel Brennan-Hughes").value, .string("/s/ Samuel Brennan-Hughes"))
        XCTAssertLessThan(ValueParsing.signature("ist Jane Okafor").quality, 1)
        XCTAssertEqual(ValueParsing.signature("Li Yamamoto").value, .string("Li Yamamoto"), "a name's own short first word stays")
        XCTAssertEqual(ValueParsing.signature("/s/ Jane Doe").quality, 1)
    }

    func testANamesFinalCommaAndBoxOneLabelsAreOCRs() {
        XCTAssertEqual(ValueParsing.name("Lumen Therapeutics, Inc,").value, .string("Lumen Therapeutics, Inc."))
        XCTAssertEqual(ValueParsing.name("Pinecrest Opportunity Master Fund Ltd,").value, .string("Pinecrest Opportunity Master Fund Ltd."))
        XCTAssertEqual(ValueParsing.name("Halvorsen Holdings LLC,").value, .string("Halvorsen Holdings LLC"))
        XCTAssertLessThan(ValueParsing.name("Lumen Therapeutics, Inc,").quality, 1)
        XCTAssertEqual(ValueParsing.name("Van der Berg Thomas (First) (Middle)").value, .string("Van der Berg Thomas"))
        XCTAssertEqual(ValueParsing.name("Lumen Therapeutics, Inc.").quality, 1)
    }

    func testDateWithALostSlashIsStillEightDigits() {
        XCTAssertEqual(ValueParsing.date("0522/2026").value, .string("2026-05-22"))
        XCTAssertLessThan(ValueParsing.date("0522/2026").quality, 1)
        XCTAssertEqual(ValueParsing.date("O5222026").value, .string("2026-05-22"))
        XCTAssertEqual(ValueParsing.date("05/22/2026"), ParsedValue(.string("2026-05-22")))
        XCTAssertEqual(ValueParsing.date("13222026").quality, 0.2, "no month 13")
        XCTAssertEqual(ValueParsing.date("522/2026").quality, 0.2, "seven digits are no date")
        XCTAssertEqual(ValueParsing.date("522/2026").value, .string("522/2026"), "a damaged date is kept for the reviewer")
    }

    func testATransactionCodeThatCannotGoTheRowsWayIsItsLookAlike() {
        XCTAssertEqual(Codes.transactionCode("D", goingWith: "A"), "P", "a disposition to the issuer acquires nothing")
        XCTAssertEqual(Codes.transactionCode("F", goingWith: "A"), "P")
        XCTAssertNil(Codes.transactionCode("D", goingWith: "D"), "a D that disposes stands")
        XCTAssertNil(Codes.transactionCode("P", goingWith: "D"), "D and F both dispose: not clear which")
        XCTAssertNil(Codes.transactionCode("M", goingWith: "D"), "an exercise goes either way")
    }

    func testATickerWhoseBracketsOCRLostIsToldFromTheNamesEnding() {
        XCTAssertTrue(HeaderReader.canOnlyBeTicker("ZDK"))
        XCTAssertTrue(HeaderReader.canOnlyBeTicker("ACPD]"))
        XCTAssertFalse(HeaderReader.canOnlyBeTicker("INC"), "APPLE INC: the name's own end")
        XCTAssertFalse(HeaderReader.canOnlyBeTicker("Trust"))
        XCTAssertFalse(HeaderReader.canOnlyBeTicker("/DE/"))
    }

    func testOCRDebrisAmongANamesWordsIsTakenOut() {
        XCTAssertEqual(ValueParsing.name("we Whitfield Carlos B.").value, .string("Whitfield Carlos B."))
        XCTAssertEqual(ValueParsing.name("Cobalt Semiconductor i Corp /DE/").value, .string("Cobalt Semiconductor Corp /DE/"))
        XCTAssertEqual(ValueParsing.name("Brennan-Hughes Elena K. 5").value, .string("Brennan-Hughes Elena K."))
        XCTAssertLessThan(ValueParsing.name("Okafor Li J f").quality, 0.9)
        XCTAssertEqual(ValueParsing.name("Van der Berg Jane K.").value, .string("Van der Berg Jane K."), "particles stay")
        XCTAssertEqual(ValueParsing.name("Blue Harbor Growth Fund III, L.P.").value, .string("Blue Harbor Growth Fund III, L.P."))
        XCTAssertEqual(ValueParsing.name("Partners 2 LP").value, .string("Partners 2 LP"), "inside a company's name a number may belong")
        XCTAssertEqual(ValueParsing.name("Doe Li J").quality, 1, "a capital initial is a name's")
        XCTAssertEqual(ValueParsing.name("Whitfield hitfi Daniel Ann").value, .string("Whitfield Daniel Ann"))
        XCTAssertEqual(ValueParsing.name("Pinecrest Holdings LLC iain").value, .string("Pinecrest Holdings LLC"))
        XCTAssertEqual(ValueParsing.name("Fund for the Arts LP").value, .string("Fund for the Arts LP"), "function words stay")
        XCTAssertEqual(ValueParsing.title("Director by deputization").value, .string("Director by deputization"),
                       "box 5's free text keeps its lower-case words")
    }

    /// A company's state mark and a fund's roman numeral as OCR leaves them in names and signatures.
    func testAStateMarkAndARomanNumeralInANameAreWhole() {
        XCTAssertEqual(ValueParsing.name("Aurora Semiconductor Corp / DE/").value, .string("Aurora Semiconductor Corp /DE/"))
        XCTAssertEqual(ValueParsing.name("Cobalt Semiconductor Corp /DE /").value, .string("Cobalt Semiconductor Corp /DE/"))
        XCTAssertEqual(ValueParsing.name("Aurora Growth Fund IIL, L.P.").value, .string("Aurora Growth Fund III, L.P."))
        XCTAssertEqual(ValueParsing.name("Quantic Ventures Il, L.P.").value, .string("Quantic Ventures II, L.P."))
        XCTAssertLessThan(ValueParsing.name("Quantic Ventures Il, L.P.").quality, 1)
        XCTAssertEqual(ValueParsing.scannedSignature("Blue Harbor Fund II], L.P., By: /s/ Elena Doe, Managing Member").value,
                       .string("Blue Harbor Fund III, L.P., By: /s/ Elena Doe, Managing Member"))
        for name in ["Doe John I.", "Smith Li", "Blue Harbor Fund III, L.P.", "Halvorsen Holdings LLC"] {
            XCTAssertEqual(ValueParsing.name(name).value, .string(name))
        }
    }

    func testBoxOneLabelsAndMarksRunOntoANamesEndAreTakenOut() {
        XCTAssertEqual(ValueParsing.name("Fitzgerald Maria Ann First Middl").value, .string("Fitzgerald Maria Ann"))
        XCTAssertEqual(ValueParsing.name("Delacroix-Martin Samuel M. Middl").value, .string("Delacroix-Martin Samuel M."), "a label cut short")
        XCTAssertEqual(ValueParsing.name("Yamamoto Ahmed >").value, .string("Yamamoto Ahmed"))
        XCTAssertEqual(ValueParsing.title(") Corporate Secretary").value, .string("Corporate Secretary"))
        XCTAssertEqual(ValueParsing.name("Doe Jane First").value, .string("Doe Jane First"), "one whole label word may be the name's")
        XCTAssertEqual(ValueParsing.name("Bank of First State").value, .string("Bank of First State"), "not in the labels' order")
    }

    func testAttorneyInFactSetApartByDebrisIsWholeAgain() {
        XCTAssertEqual(ValueParsing.signature("/s/ Thomas Doe, Attorney-in-HERE Fact").value, .string("/s/ Thomas Doe, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.signature("/s/ Michael Patel, Attorney-in-").value, .string("/s/ Michael Patel, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.signature("/s/ Jane Doe, Attorney-in-Fact").quality, 1)
    }

    func testLabelRemainsAndSpecksAtAnAddressLinesEndsAreTakenOff() {
        XCTAssertEqual(ValueParsing.scannedAddressLine("UNITSB").value, .string("UNIT 5B"), "a unit's number run into its word")
        XCTAssertEqual(ValueParsing.scannedAddressLine("UNIT SB AUSTIN").value, .string("UNIT 5B AUSTIN"))
        XCTAssertEqual(ValueParsing.scannedAddressLine("SUITE 2OO").value, .string("SUITE 200"))
        for line in ["UNIT B", "SUITE 200", "STEWART AVENUE", "UNITED PLAZA", "APTOS CA", "EXECUTIVE SUITES", "SUITE A1"] {
            XCTAssertEqual(ValueParsing.scannedAddressLine(line).value, .string(line))
        }
        XCTAssertEqual(ValueParsing.scannedAddressLine("DENVER Ci").value, .string("DENVER"))
        XCTAssertEqual(ValueParsing.scannedAddressLine("ee) SAN DIEGO").value, .string("SAN DIEGO"))
        XCTAssertEqual(ValueParsing.scannedAddressLine("C/O LEGAL DEPARTMENT oT").value, .string("C/O LEGAL DEPARTMENT"))
        XCTAssertEqual(ValueParsing.scannedAddressLine("c/o ACME CORP").value, .string("c/o ACME CORP"))
        XCTAssertEqual(ValueParsing.scannedAddressLine("1 Market Street").value, .string("1 Market Street"), "a line in mixed case stays")
        XCTAssertLessThan(ValueParsing.scannedAddressLine("DENVER Ci").quality, 1)
        XCTAssertEqual(ValueParsing.scannedZipCode("80202 Zi").value, .string("80202"))
        XCTAssertEqual(ValueParsing.scannedZipCode("01886 7").value, .string("01886"))
        XCTAssertEqual(ValueParsing.scannedZipCode("92121-1234").value, .string("92121-1234"))
        XCTAssertEqual(ValueParsing.scannedZipCode("SW1A 1AA").value, .string("SW1A 1AA"), "other postcodes stay as read")
    }

    func testAnOfficersTitleIsPutRightFromTheWordsOfTitles() {
        XCTAssertEqual(ValueParsing.title("Chief ee Financial Officer").value, .string("Chief Financial Officer"), "a speck between its words")
        XCTAssertEqual(ValueParsing.title("Chief Executive ffi Officer").value, .string("Chief Executive Officer"))
        XCTAssertEqual(ValueParsing.title("rate Secretary").value, .string("Corporate Secretary"), "a word's start lost")
        XCTAssertEqual(ValueParsing.title("airman and CEO").value, .string("Chairman and CEO"))
        XCTAssertEqual(ValueParsing.title("c % ) wale f Accounting Officer").value, .string("Chief Accounting Officer"), "debris where Chief stood")
        XCTAssertEqual(ValueParsing.title("cnet Financial").value, .string("Chief Financial Officer"))
        XCTAssertEqual(ValueParsing.title("bid Executive Officer").value, .string("Chief Executive Officer"))
        XCTAssertLessThan(ValueParsing.title("rate Secretary").quality, 1)
        // Titles as filed stay.
        XCTAssertEqual(ValueParsing.title("Chairman and CEO").value, .string("Chairman and CEO"))
        XCTAssertEqual(ValueParsing.title("Vice President of Sales").value, .string("Vice President of Sales"))
        XCTAssertEqual(ValueParsing.title("Principal Financial Officer").value, .string("Principal Financial Officer"))
        XCTAssertEqual(ValueParsing.title("Financial Officer").value, .string("Financial Officer"), "no debris: nothing says Chief was there")
        XCTAssertEqual(ValueParsing.title("Director by deputization").value, .string("Director by deputization"))
        XCTAssertEqual(ValueParsing.title("EVP, 10% Owner").value, .string("EVP, 10% Owner"))
    }

    func testAWordPartOCRReadTwiceIsTakenOut() {
        XCTAssertEqual(ValueParsing.name("Quantic uantic Energy Partners LP").value, .string("Quantic Energy Partners LP"))
        XCTAssertEqual(ValueParsing.title("Member of 13(d) gro group").value, .string("Member of 13(d) group"))
        XCTAssertEqual(ValueParsing.title("EVP. General Counsel").value, .string("EVP, General Counsel"), "a comma read as a point")
        XCTAssertEqual(ValueParsing.title("Chief Financial C1 Officer").value, .string("Chief Financial Officer"))
        XCTAssertEqual(ValueParsing.title("Di Director by deputization").value, .string("Director by deputization"))
        XCTAssertEqual(ValueParsing.title("VP Vice Chair").value, .string("VP Vice Chair"))
        XCTAssertEqual(ValueParsing.name("Delacroix-Martin MariaS R").value, .string("Delacroix-Martin Maria R"), "a capital glued last")
        XCTAssertEqual(ValueParsing.name("Delacroix-Martin Olivia iV) R").value, .string("Delacroix-Martin Olivia R"))
        XCTAssertEqual(ValueParsing.name("McDonald Ana").value, .string("McDonald Ana"))
        XCTAssertEqual(ValueParsing.title("Sr. Vice President").value, .string("Sr. Vice President"))
        XCTAssertEqual(ValueParsing.scannedText("Quantic uantic Energy").value, .string("Quantic Energy"))
        XCTAssertEqual(ValueParsing.scannedText("one share per performance unit").value, .string("one share per performance unit"),
                       "in prose a short word may begin the next")
        XCTAssertEqual(ValueParsing.name("Li Lindqvist").value, .string("Li Lindqvist"), "a capitalised name is no stutter")
        XCTAssertEqual(ValueParsing.name("Lindqvist Olivia Olivi").value, .string("Lindqvist Olivia"), "its start again after it")
        XCTAssertEqual(ValueParsing.name("Doe Johnson John").value, .string("Doe Johnson John"), "a shorter name is no stutter")
    }

    func testDateWhoseSlashOCRReadAsAColonOrComma() {
        XCTAssertEqual(ValueParsing.date("09:05/2030").value, .string("2030-09-05"))
        XCTAssertEqual(ValueParsing.date("09/05,2030").value, .string("2030-09-05"))
        XCTAssertLessThan(ValueParsing.date("09:05/2030").quality, 1, "a repaired date is weaker evidence")
    }

    func testDateWhoseSlashesOCRReadAsDigits() {
        XCTAssertEqual(ValueParsing.date("1271372021").value, .string("2021-12-13"), "both slashes read as 7 and 1")
        XCTAssertEqual(ValueParsing.date("110572025").value, .string("2025-11-05"), "one slash lost, one read as 7")
        XCTAssertEqual(ValueParsing.date("111032030").value, .string("2030-11-03"), "one slash read as 1, one lost")
        XCTAssertLessThan(ValueParsing.date("1271372021").quality, 0.9, "a guessed date goes to review")
        XCTAssertEqual(ValueParsing.date("069092023").value, .string("2023-06-09"), "a 9 in a slash's place: the only date there")
        XCTAssertLessThan(ValueParsing.date("069092023").quality, ValueParsing.date("110572025").quality, "weaker than a look-alike")
        XCTAssertEqual(ValueParsing.date("1294472021").value, .string("1294472021"), "12/44 nor 12/94: no date, left for the reviewer")
        XCTAssertEqual(ValueParsing.date("1234567890").value, .string("1234567890"), "no month 12 with day 45 or 34")
    }

    func testNoCalendarDateIsMadeOfAMisreadDay() {
        XCTAssertEqual(ValueParsing.date("02/30/2033").value, .string("02/30/2033"), "no 30 February: left for the reviewer")
        XCTAssertLessThan(ValueParsing.date("02/30/2033").quality, 0.5)
        XCTAssertEqual(ValueParsing.date("04/31/2026").value, .string("04/31/2026"), "April has 30 days")
        XCTAssertEqual(ValueParsing.date("02/29/2024").value, .string("2024-02-29"), "a leap year's 29 February")
        XCTAssertEqual(ValueParsing.date("02/29/2100").value, .string("02/29/2100"), "2100 is no leap year")
        XCTAssertEqual(ValueParsing.date("02302033").value, .string("02302033"), "02/30/2033 with its slashes lost: no date either")
    }

    func testAScannedDateOfOneDigitMonthOrDayLostADigit() {
        // The form prints months and days with two digits: "1/28/2023" on a scan is "11/28/2023"
        // (or "01/28", "12/28"...) with a digit lost, and may not outvote a reading that kept it.
        let lost = ValueParsing.scannedDate("1/28/2023")
        XCTAssertEqual(lost.value, .string("2023-01-28"))
        XCTAssertLessThan(lost.quality, 1)
        XCTAssertLessThan(ValueParsing.scannedDate("04/6/2023").quality, 1)
        XCTAssertEqual(ValueParsing.scannedDate("11/28/2023"), ParsedValue(.string("2023-11-28")))
        XCTAssertEqual(ValueParsing.date("1/28/2023").quality, 1, "printed text is taken as it stands")
    }

    func testALetterOCRSetApartFromAScannedDateIsASpeck() {
        let specked = ValueParsing.scannedDate("1201/2032 s")
        XCTAssertEqual(specked.value, .string("2032-12-01"), "the s is no 5 of the year")
        XCTAssertLessThan(specked.quality, 1)
        XCTAssertEqual(ValueParsing.scannedDate("i 03/13/2021").value, .string("2021-03-13"))
        XCTAssertEqual(ValueParsing.scannedDate("03/13/202 4").value, .string("2024-03-13"), "a digit set apart is the date's")
    }

    func testFurtherLooksAtAGarbledDateSettleOnACleanReadingOrTwoAlike() {
        var made = 0
        func readings(_ texts: [String]) -> some Sequence<(text: String, confidence: Double)> {
            texts.lazy.map { made += 1; return (text: $0, confidence: 0.5) }
        }
        let clean = FieldBuilder.settledReading(of: readings(["0122021", "03/13/2021", "03/12/2021"]), parse: ValueParsing.scannedDate)
        XCTAssertEqual(clean?.parsed.value, .string("2021-03-13"))
        XCTAssertEqual(made, 2, "no look is made after the one settled on")
        let alike = FieldBuilder.settledReading(of: readings(["4/26/2023", "26/2023", "4/26/2023"]), parse: ValueParsing.scannedDate)
        XCTAssertEqual(alike?.parsed.value, .string("2023-04-26"), "two looks lost the same digit: they agree")
        XCTAssertNil(FieldBuilder.settledReading(of: readings(["03132021", "03122021"]), parse: ValueParsing.scannedDate),
                     "two repaired readings that disagree settle nothing")
        XCTAssertNil(FieldBuilder.settledReading(of: readings(["0/15/2028", "15/2028"]), parse: ValueParsing.scannedDate))
    }

    func testSpecksAndMarkersInAnEmptyDateCellAreNoDate() {
        for speck in ["(6)", "(6) 2", "e", "cg", ">"] {
            XCTAssertEqual(ValueParsing.date(speck), ParsedValue(.null, quality: 0.2), speck)
        }
    }

    func testTheOwnershipFormIsToldFromItsFirstCharacter() {
        XCTAssertEqual(ValueParsing.code("Db", allowed: Codes.directIndirect).value, .string("D"))
        XCTAssertEqual(ValueParsing.code("if", allowed: Codes.directIndirect).value, .string("I"))
        XCTAssertEqual(ValueParsing.code("t", allowed: Codes.directIndirect).value, .string("I"))
        XCTAssertLessThan(ValueParsing.code("Db", allowed: Codes.directIndirect).quality, 0.9)
        XCTAssertLessThan(ValueParsing.code("m", allowed: Codes.directIndirect).quality, 0.5, "no look-alike: unreadable")
        XCTAssertEqual(ValueParsing.code("Sp", allowed: Codes.transaction).quality, 0.2, "transaction codes stay strict")
    }

    func testTheConformedSignatureMarkAndAttorneyInFactAreRestored() {
        XCTAssertEqual(ValueParsing.signature("{si Jane Brennan-Hughes").value, .string("/s/ Jane Brennan-Hughes"))
        XCTAssertEqual(ValueParsing.signature("Js Carlos Haddad").value, .string("/s/ Carlos Haddad"))
        XCTAssertEqual(ValueParsing.signature("isi Victor Melkote, Atiomey-in-Fact").value,
                       .string("/s/ Victor Melkote, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.signature("/s/ Grace Whitfield, Auomey-in-Fact").value,
                       .string("/s/ Grace Whitfield, Attorney-in-Fact"), "only Attorney comes before \"-in-Fact\"")
        XCTAssertEqual(ValueParsing.signature("/s/ Jane Fitzgerald, Atiomney-in-Ea").value,
                       .string("/s/ Jane Fitzgerald, Attorney-in-Fact"), "only Attorney comes before \"-in-\"")
        XCTAssertEqual(ValueParsing.signature("Pinecrest LLC, By: (s/ David Brennan").value, .string("Pinecrest LLC, By: /s/ David Brennan"))
        XCTAssertLessThan(ValueParsing.signature("Js Carlos Haddad").quality, 1)
        // Names and the phrase as written stay as they are.
        XCTAssertEqual(ValueParsing.signature("Jo Ann Smith"), ParsedValue(.string("Jo Ann Smith")))
        XCTAssertEqual(ValueParsing.signature("/s/ Ann Lee, attorney-in-fact"), ParsedValue(.string("/s/ Ann Lee, attorney-in-fact")))
        XCTAssertEqual(ValueParsing.signature("Js"), ParsedValue(.string("Js")), "no name follows")
    }

    func testTickerSignatureAndRepeatedCodeRepairs() {
        XCTAssertEqual(ValueParsing.ticker("TVIy").value, .string("TVIY"))
        XCTAssertEqual(ValueParsing.ticker("MF 8 > z 5").value, .string("MF"))
        XCTAssertLessThan(ValueParsing.ticker("MF 8 > z 5").quality, 1)
        XCTAssertEqual(ValueParsing.ticker("ZSB"), ParsedValue(.string("ZSB")))
        XCTAssertEqual(ValueParsing.ticker("0B").value, .string("OB"), "a ticker's letter read as a digit")
        XCTAssertEqual(ValueParsing.ticker("8RK.8").value, .string("BRK.B"))
        XCTAssertEqual(ValueParsing.signature("és/ Grace Chen").value, .string("/s/ Grace Chen"))
        XCTAssertEqual(ValueParsing.signature("/s Priya Van der Berg").value, .string("/s/ Priya Van der Berg"))
        XCTAssertEqual(ValueParsing.signature("Fund LP, By: /s/ Ann Lee"), ParsedValue(.string("Fund LP, By: /s/ Ann Lee")))
        XCTAssertEqual(ValueParsing.signature("Ann Lee/s/").value, .string("Ann Lee/s/"), "the mark alone at the end is not repaired")
        XCTAssertEqual(ValueParsing.code("Ss", allowed: Codes.transaction).value, .string("S"))
        XCTAssertEqual(ValueParsing.code("WwW", allowed: Codes.transaction).value, .string("W"))
        XCTAssertEqual(ValueParsing.code("Sp", allowed: Codes.transaction).quality, 0.2, "two different letters stay unreadable")
    }

    func testFootnoteNumbersAsOCRLeavesThem() {
        XCTAssertEqual(TrailerReader.damagedFootnoteNumber("1,"), 1)
        XCTAssertEqual(TrailerReader.damagedFootnoteNumber("l."), 1, "a look-alike letter for its digit")
        XCTAssertEqual(TrailerReader.damagedFootnoteNumber("1l:"), 11)
        XCTAssertEqual(TrailerReader.damagedFootnoteNumber("3;"), 3)
        XCTAssertNil(TrailerReader.damagedFootnoteNumber("3"), "without its point it is not taken on its own")
        XCTAssertNil(TrailerReader.damagedFootnoteNumber("2026."))
        XCTAssertTrue(TrailerReader.looksLikeFootnoteNumber("2"))
        XCTAssertTrue(TrailerReader.looksLikeFootnoteNumber("12,"))
        XCTAssertFalse(TrailerReader.looksLikeFootnoteNumber("25%"))
        XCTAssertFalse(TrailerReader.looksLikeFootnoteNumber("2026"))
        XCTAssertFalse(TrailerReader.looksLikeFootnoteNumber("The"))
    }

    func testFootnoteNumbersRunIntoTheirFirstWordOrLeftAsMarks() {
        XCTAssertEqual(TrailerReader.gluedFootnoteNumber("L.The").map { [$0.0, $0.1] }, ["L.", "The"])
        XCTAssertEqual(TrailerReader.gluedFootnoteNumber("12,Each").map { [$0.0, $0.1] }, ["12,", "Each"])
        XCTAssertNil(TrailerReader.gluedFootnoteNumber("U.S.C."), "letters that are no digit look-alikes")
        XCTAssertNil(TrailerReader.gluedFootnoteNumber("1.250"), "a number, not a footnote's start")
        XCTAssertEqual(TrailerReader.damagedFootnoteNumber("L."), 1)
        XCTAssertTrue(TrailerReader.isDamagedNumber("»"))
        XCTAssertTrue(TrailerReader.isDamagedNumber("3"))
        XCTAssertFalse(TrailerReader.isDamagedNumber("The"))
        XCTAssertFalse(TrailerReader.isDamagedNumber("2025"))
    }

    /// Street 1 and 2 on a scan: a second line is the first one's continuation only where its
    /// first word would not have fit after the first line's end.
    func testStreetLinesAreRowsUnlessTheFirstIsFull() {
        func words(_ text: String, x: Double, y: Double) -> [Word] {
            var left = x
            return text.split(separator: " ").map { part in
                defer { left += Double(part.count) * 5 + 3 }
                return Word(text: String(part), rect: Rect(x0: left, y0: y, x1: left + Double(part.count) * 5, y1: y + 7))
            }
        }
        let two = OwnerReader.wrappedRows([words("100 SOUTHCENTER COURT", x: 35, y: 155), words("SUITE 200", x: 35, y: 164)],
                                          right: 220, space: 3)
        XCTAssertEqual(two.count, 2)
        let wrapped = OwnerReader.wrappedRows([words("C/O BLUE HARBOR REALTY TRUST AND", x: 35, y: 155),
                                               words("PARTNERS", x: 35, y: 164)], right: 220, space: 3)
        XCTAssertEqual(wrapped.count, 1, "the first line ends at 208: \"PARTNERS\" would not have fit")
        // A full first line, and a second that begins an address line of its own.
        for second in ["C/O LEGAL DEPARTMENT", "2200 PENNSYLVANIA AVE NW", "SUITE 4100", "ONE INTERNATIONAL PLACE"] {
            let rows = OwnerReader.wrappedRows([words("C/O BLUE HARBOR REALTY TRUST INC", x: 35, y: 155),
                                                words(second, x: 35, y: 164)], right: 200, space: 3)
            XCTAssertEqual(rows.count, 2, second)
        }
        let afterComma = OwnerReader.wrappedRows([words("100 SOUTHCENTER COURT,", x: 35, y: 155),
                                                  words("SUITE 200", x: 35, y: 164)], right: 160, space: 3)
        XCTAssertEqual(afterComma.count, 1, "a line ending in a comma goes on")
        // A cell narrower than the box wraps a street the box had room for: three lines are two rows.
        let narrowCell = OwnerReader.wrappedRows([words("1600 AMPHITHEATRE", x: 35, y: 155), words("PKWY", x: 35, y: 164),
                                                  words("C/O LEGAL DEPARTMENT", x: 35, y: 173)], right: 220, space: 3)
        XCTAssertEqual(narrowCell.map { $0.map(\.text).joined(separator: " ") }, ["1600 AMPHITHEATRE PKWY", "C/O LEGAL DEPARTMENT"])
        let secondWrapped = OwnerReader.wrappedRows([words("ONE INTERNATIONAL PLACE", x: 35, y: 155), words("C/O BLUE HARBOR", x: 35, y: 164),
                                                     words("PARTNERS", x: 35, y: 173)], right: 220, space: 3)
        XCTAssertEqual(secondWrapped.map { $0.map(\.text).joined(separator: " ") }, ["ONE INTERNATIONAL PLACE", "C/O BLUE HARBOR PARTNERS"])
    }

    func testHeadingNumbersAsOCRLeavesThem() {
        XCTAssertEqual(TableReader.numberCore("4,"), "4")
        XCTAssertEqual(TableReader.numberCore("2.7"), "2")
        XCTAssertEqual(TableReader.numberCore("2A."), "2A")
        XCTAssertEqual(TableReader.numberCore("10."), "10")
        XCTAssertEqual(TableReader.numberCore("3)"), "", "the end of \"(Instr. 3)\" is no heading")
    }

    /// Header lines whose sub-headings OCR dropped still spell the printed headings; rows do not.
    func testHeaderLinesAreToldFromRowsByTheirWords() {
        let words = TableAnatomy.derivativeHeaderWords
        func heading(_ line: String) -> Bool { TableReader.spellsHeadingText(line.split(separator: " ").map(String.init), vocabulary: words) }
        XCTAssertTrue(heading("Security (Instr, 3, 4 and 5) Following (0 (instr. 4)"))
        XCTAssertTrue(heading("Date Expiration Number of Transaction(s)"))
        XCTAssertTrue(heading("Derivative 3, 4 and $) Owned or indirect | (Instr, 4)"), "\"$)\" is a damaged \"5)\"")
        XCTAssertTrue(heading("Exercisable"))
        XCTAssertTrue(heading("Amount or Reportd"), "one damaged letter")
        XCTAssertTrue(heading("(D)"), "the acquired/disposed column's sub-heading, left alone on a line")
        XCTAssertFalse(heading("D"), "a bare code is a value")
        XCTAssertFalse(heading("{right to $79.3 9/08/2023 J 373 9082023 | 09:05/2030 Cet 373 eT) 134,749 D"))
        XCTAssertFalse(heading("Warrants 5"))
        XCTAssertFalse(heading("Stock Option (Right to Buy)"))
        XCTAssertFalse(heading("Derivative Security 12"), "a value among heading words")
    }

    /// Box 2 read again on its own: "NAME [ TICKER ]", or with the brackets lost.
    func testIssuerBoxReadAgainSplitsIntoNameAndTicker() {
        XCTAssertEqual(HeaderReader.nameAndTicker("Blue Harbor Industries, Inc. [ RQNK ]")?.name, "Blue Harbor Industries, Inc.")
        XCTAssertEqual(HeaderReader.nameAndTicker("Blue Harbor Industries, Inc. [ RQNK ]")?.ticker, "RQNK")
        XCTAssertEqual(HeaderReader.nameAndTicker("Northwind Networks Inc -RAA")?.ticker, "RAA")
        XCTAssertEqual(HeaderReader.nameAndTicker("Lumen Bancorp, Inc. xDW")?.ticker, "xDW", "in the case it was read")
        XCTAssertEqual(HeaderReader.nameAndTicker("Solace Biosciences, Inc. BGWW (c")?.ticker, "BGWW", "box 5's \"(Check\" beside the box")
        XCTAssertNil(HeaderReader.nameAndTicker("Lumen Bancorp, Inc."), "a company-name ending is no ticker")
        XCTAssertNil(HeaderReader.nameAndTicker("EYBA"), "a ticker without a name")
        XCTAssertNil(HeaderReader.nameAndTicker("Hr rin al In RQNK"), "too little of a name")
        let runOn = HeaderReader.nameAndTicker("Tidewater Energy Partners LP QOU 2a. Foreign Trading Symbol QOU.L")
        XCTAssertEqual(runOn?.name, "Tidewater Energy Partners LP", "box 2a's label ends box 2")
        XCTAssertEqual(runOn?.ticker, "QOU")
        XCTAssertEqual(HeaderReader.nameAndTicker("Aurora Semiconductor Corp /DE/[ GA J")?.ticker, "GA", "a closing bracket read as J")
        XCTAssertEqual(HeaderReader.nameAndTicker("Meridian Holdings Corp HE J")?.name, "Meridian Holdings Corp")
        XCTAssertEqual(HeaderReader.nameAndTicker("Meridian Holdings Corp HE J")?.ticker, "HE")
    }
    func testTheAttorneyInFactPhraseAfterTheNameIsRestoredOnScans() {
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Olivia Haddad, COMED Fact").value, .string("/s/ Olivia Haddad, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Olivia Okafor, aormeyN Fact").value, .string("/s/ Olivia Okafor, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Daniel Lindqvist, 4 Attorney-in-Fact").value, .string("/s/ Daniel Lindqvist, Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Thomas Kowalski Attorney-in-Fact").value, .string("/s/ Thomas Kowalski, Attorney-in-Fact"))
        XCTAssertLessThan(ValueParsing.scannedSignature("/s/ Olivia Haddad, COMED Fact").quality, 1)
        // "as Attorney-in-Fact" is how some sign: no comma goes before it; nor is a whole line touched.
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Jane Doe, as Attorney-in-Fact").value, .string("/s/ Jane Doe, as Attorney-in-Fact"))
        XCTAssertEqual(ValueParsing.scannedSignature("/s/ Jane Doe, Attorney-in-Fact").quality, 1)
        // Printed text says what it says.
        XCTAssertEqual(ValueParsing.signature("/s/ Thomas Kowalski Attorney-in-Fact").value, .string("/s/ Thomas Kowalski Attorney-in-Fact"))
    }
}
