import XCTest
import Layout
import PDFText
@testable import Form4

/// Where OCR lost a group's sub-headings, its sub-columns still exist: the dates are read.
final class LostSubheadingsTests: XCTestCase {
    /// Words 2 pt per character, 5 pt high, 2 pt apart, from `x` at `y`.
    func words(_ text: String, x: Double, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 2, height: 5, gap: 2)
    }

    /// Table II's header with "Date Exercisable" and "Expiration Date" lost from the sub-headings'
    /// row (the parent heading "6. Date Exercisable and Expiration Date" is there), and one row.
    /// Table II's column headings as OCR left them: headings 3 and 3A, 10 and 11 as given.
    func headings(date: String = "3. Transaction Date", deemed: String = "3A. Deemed Execution Date",
                  ownership: [Word]? = nil, nature: [Word]? = nil) -> [Word] {
        words("1. Title of Derivative", x: 36, y: 50) + words("2. Conversion or Exercise", x: 80, y: 50)
            + words(date, x: 130, y: 50) + words(deemed, x: 165, y: 50)
            + words("4. Transaction Code", x: 205, y: 60) + words("5. Number of Derivative", x: 240, y: 60)
            + words("6. Date Exercisable and", x: 290, y: 50) + words("Expiration Date", x: 290, y: 57)
            + words("7. Title and Amount", x: 355, y: 50) + words("8. Price of Derivative", x: 425, y: 50)
            + words("9. Number of derivative", x: 470, y: 50)
            + (ownership ?? words("10. Ownership Form", x: 515, y: 50)) + (nature ?? words("11. Nature of Indirect", x: 555, y: 50))
    }

    func page() -> FormPage {
        let headings = headings()
        let subheadings = words("Code", x: 205, y: 80) + words("V", x: 225, y: 80) + words("(A)", x: 245, y: 80)
            + words("(D)", x: 265, y: 80) + words("Title", x: 355, y: 80) + words("Amount or Number", x: 385, y: 80)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer,
                            words: headings + subheadings + row())
        return FormPage(text: text, pdfPage: nil)
    }

    /// One row of Table II: an option exercised (code M), 100 underlying shares.
    func row() -> [Word] {
        words("Option", x: 36, y: 100) + words("$10.00", x: 80, y: 100) + words("01/02/2025", x: 130, y: 100)
            + words("M", x: 205, y: 100) + words("100", x: 245, y: 100)
            + words("01/02/2026", x: 292, y: 100) + words("01/02/2030", x: 325, y: 100)
            + words("Common", x: 355, y: 100) + words("100", x: 390, y: 100) + words("$0", x: 425, y: 100)
            + words("100", x: 470, y: 100) + words("D", x: 515, y: 100)
    }

    /// Table II with its "(D)" sub-heading read as "(0)" on the sub-headings' row, and a "(D)"
    /// of the parent heading's own text ("Disposed of (D)") standing higher up, further right.
    func pageWithDReadAsZero() -> FormPage {
        let subheadings = words("Code", x: 205, y: 80) + words("V", x: 225, y: 80) + words("(A)", x: 241, y: 80)
            + words("(0)", x: 254, y: 80) + words("Title", x: 355, y: 80) + words("Amount or Number", x: 385, y: 80)
            + words("(D)", x: 272, y: 67)
        var row = row().filter { !($0.text == "100" && $0.rect.x0 == 245) }
        row += words("100", x: 254, y: 100)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer,
                            words: headings() + subheadings + row)
        return FormPage(text: text, pdfPage: nil)
    }

    func testAnAmountUnderADisposedSubheadingOCRReadAsZeroIsDisposed() throws {
        let rows = TableReader(page: pageWithDReadAsZero(), kind: .derivative).readRows(top: 40, bottom: 130)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.transactionShares.value, .number(100))
        XCTAssertEqual(row.transactionAcquiredDisposedCode.value, .string("D"), "\"(0)\" on the sub-headings' row is the (D)")
    }

    func testDatesAreReadInOrderWhereTheirSubheadingsWereLost() throws {
        let rows = TableReader(page: page(), kind: .derivative).readRows(top: 40, bottom: 130)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.exerciseDate?.value, .string("2026-01-02"))
        XCTAssertEqual(row.expirationDate?.value, .string("2030-01-02"))
    }

    func testAGroupWithoutSubheadingsIsSharedOutInOrderByTheFormsShares() {
        let parts = TableReader.fillingGaps(["exercisable", "expiration"], found: [:],
                                            parent: Column(name: "datesGroup", x0: 300, x1: 340, center: 320))
        XCTAssertEqual(parts.map(\.name), ["exercisable", "expiration"])
        XCTAssertEqual(parts.map(\.rect.midX), [310, 330])
        // "Code" is twice as wide as its "V".
        let code = TableReader.fillingGaps(["code", "v"], found: [:], parent: Column(name: "codeGroup", x0: 300, x1: 330),
                                           shares: [2, 1])
        XCTAssertEqual(code.map(\.rect.x1), [320, 330])
    }

    /// OCR kept "Amount" of "Amount | (A) or (D) | Price" only: the two lost sub-columns share the
    /// rest of the parent, in order, rather than both standing at its middle (which left
    /// "(A) or (D)" a sliver and its "D" in the amount's column).
    func testTwoLostSubheadingsShareTheGapInOrder() {
        let parts = TableReader.fillingGaps(["amount", "adcode", "price"], found: ["amount": Rect(x0: 300, y0: 80, x1: 330, y1: 85)],
                                            parent: Column(name: "acquiredGroup", x0: 300, x1: 390))
        XCTAssertEqual(parts.map(\.rect.midX), [315, 345, 375])
        var columns = ColumnSet(columns: [Column(name: "acquiredGroup", x0: 300, x1: 390)])
        columns.split("acquiredGroup", intoCentered: parts)
        XCTAssertEqual(columns.column(named: "adcode").map { $0.x0 < 352 && 352 < $0.x1 }, true)
    }

    /// OCR lost "4. Transaction Code" and kept only the number of "5. Number of Derivative": the
    /// "4" of "(Instr. 3, 4 and 5)" under heading 5 is no heading (it would put column 4 right of
    /// column 5); "5." is, and column 4 takes the gap between 3A and 5.
    func testAHeadingNumberOutOfOrderIsNotTakenForALostHeading() throws {
        let kept = headings().filter { $0.rect.y0 != 60 }
        let damaged = words("Trnsctn Cde", x: 205, y: 60) + words("5. xq wv", x: 240, y: 50) + words("(Instr. 3, 4 and 5)", x: 262, y: 52)
        let subheadings = words("Code", x: 205, y: 80) + words("V", x: 225, y: 80) + words("(A)", x: 245, y: 80) + words("(D)", x: 265, y: 80)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer,
                            words: kept + damaged + subheadings + row())
        let read = try XCTUnwrap(TableReader(page: FormPage(text: text, pdfPage: nil), kind: .derivative).readRows(top: 40, bottom: 130).first)
        XCTAssertEqual(read.transactionCode.value, .string("M"))
        XCTAssertEqual(read.transactionShares.value, .number(100))
    }

    /// Table II printed wider than its paper and scanned: the last heading ("11. Nature of
    /// Indirect") is cut off at the page's edge, and OCR garbled headings 3 and 3A. Ten of the
    /// twelve headings are too few unless the cut-off one is placed where its remains run off the page.
    func testALastHeadingCutOffAtThePagesEdgeStillCountsAndItsColumnIsKnown() throws {
        let headings = headings(date: "een e", deemed: "eee", ownership: words("10. Ownership Form", x: 530, y: 50),
                                nature: words("Na", x: 598, y: 50) + words("of In", x: 598, y: 57))
        let subheadings = words("Code", x: 205, y: 80) + words("V", x: 225, y: 80) + words("(A)", x: 245, y: 80)
            + words("(D)", x: 265, y: 80) + words("Date", x: 292, y: 80) + words("Expiration", x: 325, y: 80)
            + words("Title", x: 355, y: 80) + words("Amount or Number", x: 385, y: 80)
        let row = words("Option", x: 36, y: 100) + words("$10.00", x: 80, y: 100)
            + words("M", x: 205, y: 100) + words("100", x: 245, y: 100)
            + words("01/02/2026", x: 292, y: 100) + words("01/02/2030", x: 325, y: 100)
            + words("Common", x: 355, y: 100) + words("100", x: 390, y: 100) + words("$0", x: 425, y: 100)
            + words("1,500", x: 470, y: 100) + words("I", x: 530, y: 100) + words("By Tr", x: 597, y: 100)
        let text = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer,
                            words: headings + subheadings + row)
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil), kind: .derivative).readRows(top: 40, bottom: 130)
        let read = try XCTUnwrap(rows.first)
        XCTAssertEqual(read.sharesOwnedFollowingTransaction.value, .number(1500))
        XCTAssertEqual(read.directOrIndirectOwnership.value, .string("I"))
        XCTAssertEqual(read.expirationDate?.value, .string("2030-01-02"))
    }
}
