import XCTest
import Layout
import PDFText
@testable import Form4

/// A scanned header whose labels OCR damaged: the two boxes above box 1 are found by their
/// paragraphs (where OCR wrecked the first line of the Section 16 box's, the rest of it still
/// places the box), and box 3's date by its shape where box 4's label ran into it.
final class ScannedHeaderTests: XCTestCase {
    func words(_ text: String, x: Double, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 3, height: 5, gap: 2)
    }

    /// The header read from `words` on a Letter page with an OCR text layer.
    func readHeader(_ words: [Word]) -> Form4Record {
        var record = Form4Record()
        HeaderReader(page: FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792),
                                                   source: .ocrLayer, words: words), pdfPage: nil)).read(into: &record)
        return record
    }

    /// A scanned header whose Section 16 paragraph starts with `firstLine`, its box marked "X".
    func header(firstLine: String) -> FormPage {
        let all = words("FORM 4", x: 60, y: 40)
            + words(firstLine, x: 44, y: 66) + words("X", x: 30, y: 73)
            + words("Section 16. Form 4 or Form 5", x: 44, y: 73)
            + words("obligations may continue. See", x: 44, y: 80)
            + words("1. Name and Address of Reporting Person", x: 33, y: 118)
            + words("2. Issuer Name and Ticker or Trading Symbol", x: 230, y: 118)
            + words("Table I - Non-Derivative Securities Acquired", x: 150, y: 300)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: all)
        return FormPage(text: text, pdfPage: nil)
    }

    func testTheBoxIsReadBesideAParagraphWhoseFirstLineIsWrecked() {
        var record = Form4Record()
        HeaderReader(page: header(firstLine: "cect hebontvoloneratece")).read(into: &record)
        XCTAssertEqual(record.notSubjectToSection16.value, .bool(true))
    }

    func testTheWholeLabelIsPreferred() {
        var record = Form4Record()
        HeaderReader(page: header(firstLine: "Check this box if no longer subject to")).read(into: &record)
        XCTAssertEqual(record.notSubjectToSection16.value, .bool(true))
        XCTAssertEqual(record.notSubjectToSection16.method, "checkbox-text")
    }

    /// The record read from a scanned header whose boxes 3 and 4 OCR read as `boxes3And4`.
    func header(boxes3And4: [Word]) -> Form4Record {
        let all = formTitleAndBoxes1And2()
            + words("Acme Corp [ ACME ]", x: 230, y: 126)
            + boxes3And4
            + words("Table I - Non-Derivative Securities Acquired", x: 150, y: 300)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: all)
        var record = Form4Record()
        HeaderReader(page: FormPage(text: text, pdfPage: nil)).read(into: &record)
        return record
    }

    func testBox3TakesItsDateWhereBox4sGarbledLabelRanIntoIt() {
        let record = header(boxes3And4: words("3. Date of Earliest Transaction (Month/Day/Year)", x: 230, y: 140)
            + words("03/20/2026", x: 230, y: 148) + words("4.1 Dae of Orignal Fied (Month/Day/Year)", x: 230, y: 156))
        XCTAssertEqual(record.periodOfReport.value, .string("2026-03-20"))
    }

    func testBox3TakesADateOCRSetOnItsLabelsLine() {
        let record = header(boxes3And4: words("3.", x: 230, y: 140) + words("01/29/2021", x: 236, y: 141)
            + words("Date of Earliest Transaction", x: 268, y: 140)
            + words("4. If Amendment, Date of Original Filed (Month/Day/Year)", x: 230, y: 170))
        XCTAssertEqual(record.periodOfReport.value, .string("2021-01-29"))
    }

    func testBox3IsFoundByItsLabelsEndWhereOCRWreckedItsStart() {
        let record = header(boxes3And4: words("ndioas reine Transaction (Month/Day/Year)", x: 230, y: 140)
            + words("12/05/2025", x: 230, y: 148)
            + words("4. If Amendment, Date of Original Filed (Month/Day/Year)", x: 230, y: 170))
        XCTAssertEqual(record.periodOfReport.value, .string("2025-12-05"))
    }

    func testBoxes3And4AreFoundByTheirOwnWordsWhereOCRWreckedTheRest() {
        // Box 4's label as a noisy text layer set it: its number apart, words drawn twice, one
        // inside another ("nd" over "Amendment,").
        let box4: [Word] = [
            Word(text: "4", rect: Rect(x0: 226.796, y0: 151.400, x1: 228.605, y1: 160.409)),
            Word(text: ".", rect: Rect(x0: 231.482, y0: 153.979, x1: 231.842, y1: 160.986)),
            Word(text: "If", rect: Rect(x0: 235.442, y0: 153.946, x1: 239.042, y1: 160.953)),
            Word(text: "Amendment,", rect: Rect(x0: 243.001, y0: 153.883, x1: 274.421, y1: 160.890)),
            Word(text: "nd", rect: Rect(x0: 252.357, y0: 151.227, x1: 258.117, y1: 160.236)),
            Word(text: "Date", rect: Rect(x0: 279.721, y0: 153.579, x1: 290.953, y1: 160.586)),
            Word(text: "of", rect: Rect(x0: 295.557, y0: 150.935, x1: 299.397, y1: 159.944)),
            Word(text: "Original", rect: Rect(x0: 303.117, y0: 150.884, x1: 314.322, y1: 159.893)),
            Word(text: "inal", rect: Rect(x0: 316.079, y0: 153.278, x1: 324.148, y1: 160.285)),
            Word(text: "Filed", rect: Rect(x0: 328.321, y0: 153.177, x1: 332.821, y1: 160.184)),
            Word(text: "Filed", rect: Rect(x0: 333.718, y0: 150.677, x1: 344.518, y1: 159.686)),
            Word(text: "(", rect: Rect(x0: 343.438, y0: 150.611, x1: 345.598, y1: 159.620)),
            Word(text: "(Month/Day/Year)", rect: Rect(x0: 347.040, y0: 153.022, x1: 391.766, y1: 160.029)),
            Word(text: "08/07/2026", rect: Rect(x0: 227.521, y0: 158.359, x1: 263.199, y1: 166.367)),
        ]
        let record = header(boxes3And4: words("3. Dat liest Transaction (MonthiDay/¥é", x: 230, y: 130) + box4)
        XCTAssertEqual(record.dateOfOriginalSubmission.value, .string("2026-08-07"))
        XCTAssertEqual(record.documentType.value, .string("4/A"))
        XCTAssertNotEqual(record.periodOfReport.value, .string("2026-08-07"), "box 4's date is not box 3's")
    }

    /// The form's title and the labels of boxes 1 and 2, read well.
    func formTitleAndBoxes1And2() -> [Word] {
        words("FORM 4", x: 60, y: 40)
            + words("1. Name and Address of Reporting Person", x: 33, y: 118)
            + words("2. Issuer Name and Ticker or Trading Symbol", x: 230, y: 118)
    }

    /// Real issuer names end in a state ("Corp /DE/"), and OCR may glue the ticker's bracket to
    /// it: the ticker is what follows the bracket, the state stays the name's.
    func testATickerBracketGluedToTheNameOpensTheTickerOnly() {
        let all = formTitleAndBoxes1And2()
            + words("Halvorsen Semiconductor Corp /DE/[ CF ]", x: 230, y: 126)
            + words("Table I - Non-Derivative Securities Acquired", x: 150, y: 300)
        let record = readHeader(all)
        XCTAssertEqual(record.issuer.issuerName.value, .string("Halvorsen Semiconductor Corp /DE/"))
        XCTAssertEqual(record.issuer.issuerTradingSymbol.value, .string("CF"))
    }

    /// Box 2's label, whose end OCR wrecked (the ticker below read into it), is still found by
    /// its head, and the boxes read against it are read.
    func testBox2IsFoundByTheHeadOfAWreckedLabel() {
        let all = words("FORM 4", x: 60, y: 40)
            + words("1. Name and Address of Reporting Person", x: 33, y: 118)
            + words("2. Issuer Name and Ticker or", x: 230, y: 118)
            // OCR read the ticker below into the label, in a box two lines tall over "Ti" of
            // "Trading", and wrecked the rest.
            + [Word(text: "CTH]", rect: Rect(x0: 317, y0: 118, x1: 337, y1: 135)),
               Word(text: "Ti", rect: Rect(x0: 318, y0: 118, x1: 322, y1: 123)),
               Word(text: "Symbol!", rect: Rect(x0: 338, y0: 118, x1: 358, y1: 123))]
            + words("Acme Corp", x: 230, y: 127)
            + words("3. Date of Earliest Transaction (Month/Day/Year)", x: 230, y: 140)
            + words("03/20/2026", x: 230, y: 148)
            + words("Table I - Non-Derivative Securities Acquired", x: 150, y: 300)
        let record = readHeader(all)
        XCTAssertEqual(record.issuer.issuerName.value, .string("Acme Corp"))
        XCTAssertEqual(record.periodOfReport.value, .string("2026-03-20"))
    }

    /// Where OCR wrecked box 6's whole label, its first choice ("Form filed by One Reporting
    /// Person") still closes box 5: neither the wrecked label nor the choices are the officer's title.
    func testBox5EndsAboveBox6sFirstChoiceWhereItsLabelIsWrecked() {
        let all = formTitleAndBoxes1And2()
            + words("Acme Corp [ ACME ]", x: 230, y: 127)
            + words("5. Relationship of Reporting Person(s) to Issuer", x: 420, y: 118)
            + words("Director 10% Owner", x: 430, y: 135)
            + words("X Officer (give title Other (specify", x: 416, y: 145)
            + words("below) below)", x: 430, y: 152)
            + words("Chief Financial Officer", x: 430, y: 162)
            + words("Reka ee eee Filing (Check Applicable", x: 416, y: 200)
            + words("X Form filed by One Reporting Person", x: 416, y: 210)
            + words("Form filed by More than One Reporting Person", x: 430, y: 220)
            + words("Table I - Non-Derivative Securities Acquired", x: 150, y: 300)
        let record = readHeader(all)
        let owner = record.reportingOwners.first
        XCTAssertEqual(owner?.officerTitle.value, .string("Chief Financial Officer"))
        XCTAssertEqual(owner?.otherText.value, .null)
    }
}
