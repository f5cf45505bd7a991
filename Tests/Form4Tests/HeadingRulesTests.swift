import XCTest
import Layout
import PDFText
@testable import Form4

/// On a ruled scan, column headings that OCR lost are placed at the rules between the found ones.
final class HeadingRulesTests: XCTestCase {
    static let pageBounds = Rect(x0: 0, y0: 0, x1: 612, y1: 792)
    /// Pixels per point of the synthetic scan.
    static let scale = 2.0

    /// Words 2 pt per character, 5 pt high, 2 pt apart, from `x` at `y`.
    func words(_ text: String, x: Double, y: Double) -> [Word] {
        syntheticWords(text, x: x, y: y, characterWidth: 2, height: 5, gap: 2)
    }

    /// Table I's header and one row; headings 3 and 4 are missing from the text, as OCR left a
    /// wkhtmltopdf print at 80 %; the page image has the table's rules and ink where the words are.
    func page(withRules: Bool, headerRule: Bool = true, rowY: Double = 170) -> FormPage {
        let header = words("1. Title of Security", x: 38, y: 122) + words("2. Transaction Date", x: 132, y: 122)
            + words("2A. Deemed Execution Date", x: 192, y: 122) + words("5. Amount of Securities", x: 422, y: 122)
            + words("6. Ownership Form", x: 492, y: 122) + words("7. Nature of Indirect", x: 542, y: 122)
            + words("Code", x: 262, y: 150) + words("V", x: 287, y: 150) + words("Amount", x: 302, y: 150)
            + words("(A) or (D)", x: 352, y: 150) + words("Price", x: 382, y: 150)
        let row = words("Common Units", x: 38, y: rowY) + words("04/22/2026", x: 132, y: rowY) + words("S", x: 262, y: rowY)
            + words("242", x: 302, y: rowY) + words("D", x: 352, y: rowY) + words("$3,997", x: 382, y: rowY)
            + words("757", x: 422, y: rowY) + words("D", x: 492, y: rowY)
        let rowRule = rowY + 7
        var image = Canvas(bounds: Self.pageBounds, scale: Self.scale)
        if withRules {
            for y in headerRule ? [118.0, rowY - 8, rowRule] : [118, rowRule] { image.fill(Rect(x0: 36, y0: y, x1: 600, y1: y + 0.8)) }
            for x in [36.0, 130, 190, 260, 300, 420, 490, 540, 600] { image.fill(Rect(x0: x, y0: 118, x1: x + 0.8, y1: rowRule)) }
            // Sub-columns are ruled only below their parent heading.
            for x in [285.0, 350, 380] { image.fill(Rect(x0: x, y0: 145, x1: x + 0.8, y1: rowRule)) }
        }
        for word in header + row { image.letters(in: word.rect) }
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: header + row)
        return FormPage(text: text, pdfPage: nil, scanImage: image.grayImage)
    }

    func testHeadingsLostToOCRArePlacedAtTheRules() throws {
        let rows = TableReader(page: page(withRules: true), kind: .nonDerivative).readRows(top: 110, bottom: 200)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(row.transactionCode.value, .string("S"))
        XCTAssertEqual(row.transactionShares.value, .number(242))
        XCTAssertEqual(row.transactionAcquiredDisposedCode.value, .string("D"))
        XCTAssertEqual(row.sharesOwnedFollowingTransaction.value, .number(757))
    }

    func testARuleUnderTheFirstRowIsNotTakenForTheHeadersWhenThatIsTooFaintToFind() throws {
        // The rule under the header is lost; the next one down is the first row's, with the
        // row above it: the row is still read.
        let rows = TableReader(page: page(withRules: true, headerRule: false, rowY: 157), kind: .nonDerivative)
            .readRows(top: 110, bottom: 200)
        let row = try XCTUnwrap(rows.first, "the first row is not swallowed by the header")
        XCTAssertEqual(row.sharesOwnedFollowingTransaction.value, .number(757))
    }

    func testWithoutRulesTheCodeAndAmountAreNotGuessed() {
        let rows = TableReader(page: page(withRules: false), kind: .nonDerivative).readRows(top: 110, bottom: 200)
        XCTAssertTrue(rows.allSatisfy { $0.transactionShares.value != .number(242) },
                      "with no rules and no headings, the amount's column is unknown")
    }

    func testAHeadingFoundOutOfColumnOrderIsDropped() {
        // "8. Price of Derivative" damaged to "Price of Derivative" also spells the end of column
        // 2's heading, far left of column 4: that match is out of order and goes.
        func at(_ x: Double) -> Rect { Rect(x0: x, y0: 60, x1: x + 30, y1: 70) }
        let found = [("title", at(36)), ("conversion", at(76)), ("code", at(215)), ("price", at(85)), ("owned", at(502))]
        let kept = TableReader.inColumnOrder(found.map { (name: $0.0, rect: $0.1) },
                                             order: ["title", "conversion", "date", "code", "amount", "exercise", "underlying", "price", "owned"],
                                             scores: ["price": 0.94])
        XCTAssertEqual(kept.map(\.name), ["title", "conversion", "code", "owned"])
    }

    /// OCR set a row's first line apart (the title's "Common", specks ":" and "=" in the date
    /// and price cells, the amount's raised marker "1)", the D/I cell's "(1)", the nature's "By")
    /// and read its amount owned as no number ("u"): the text's lines anchor two rows, but both
    /// stand between the same two rules, so they are one.
    func testLinesBetweenTheSameTwoRulesAreOneRow() throws {
        let header = words("1. Title of Security", x: 38, y: 122) + words("2. Transaction Date", x: 132, y: 122)
            + words("2A. Deemed Execution Date", x: 192, y: 122) + words("3. Transaction Code", x: 262, y: 122)
            + words("4. Securities Acquired", x: 302, y: 122) + words("5. Amount of Securities", x: 422, y: 122)
            + words("6. Ownership Form", x: 492, y: 122) + words("7. Nature of Indirect", x: 542, y: 122)
            + words("Code", x: 262, y: 150) + words("V", x: 287, y: 150) + words("Amount", x: 302, y: 150)
            + words("(A) or (D)", x: 352, y: 150) + words("Price", x: 382, y: 150)
        let firstLine = words("Common", x: 38, y: 165) + words(":", x: 150, y: 165) + words("1)", x: 312, y: 165)
            + words("=", x: 400, y: 165) + words("(1)", x: 500, y: 165)
            + words("By", x: 542, y: 165)
        let secondLine = words("Units", x: 38, y: 172) + words("04/22/2026", x: 132, y: 172) + words("S", x: 262, y: 172)
            + words("242", x: 302, y: 172) + words("D", x: 352, y: 172) + words("$3,997", x: 382, y: 172)
            + words("u", x: 440, y: 172) + words("I", x: 492, y: 172) + words("Spouse", x: 542, y: 172)
            // The next row reads well: its amount owned anchors it.
            + words("Common", x: 38, y: 186) + words("04/23/2026", x: 132, y: 186) + words("S", x: 262, y: 186)
            + words("100", x: 302, y: 186) + words("D", x: 352, y: 186) + words("757", x: 440, y: 186) + words("D", x: 492, y: 186)
        var image = Canvas(bounds: Self.pageBounds, scale: Self.scale)
        for y in [118.0, 160, 180, 194] { image.fill(Rect(x0: 36, y0: y, x1: 600, y1: y + 0.8)) }
        for x in [36.0, 130, 190, 260, 300, 420, 490, 540, 600] { image.fill(Rect(x0: x, y0: 118, x1: x + 0.8, y1: 194)) }
        for x in [285.0, 350, 380] { image.fill(Rect(x0: x, y0: 145, x1: x + 0.8, y1: 194)) }
        // Letters as thin strokes, as print is: no pixel row of a word is mostly ink, as a rule's is.
        for word in header + firstLine + secondLine {
            for x in stride(from: word.rect.x0, to: word.rect.x1, by: 2.5) {
                image.fill(Rect(x0: x, y0: word.rect.y0 + 0.5, x1: x + 0.5, y1: word.rect.y1 - 0.5))
            }
        }
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: header + firstLine + secondLine)
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil, scanImage: image.grayImage), kind: .nonDerivative)
            .readRows(top: 110, bottom: 200)
        XCTAssertEqual(rows.count, 2)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(rows.last?.sharesOwnedFollowingTransaction.value, .number(757))
        XCTAssertEqual(row.securityTitle.value, .string("Common Units"))
        XCTAssertEqual(row.transactionDate.value, .string("2026-04-22"))
        XCTAssertEqual(row.transactionCode.value, .string("S"))
        XCTAssertEqual(row.natureOfOwnership.value, .string("By Spouse"))
    }

    /// The columns of Table I read from a page that prints its header whole.
    func wholeHeaderLayout() throws -> TableReader.Layout {
        let whole = page(withRules: false).text.words + words("3. Transaction Code", x: 262, y: 122)
            + words("4. Securities Acquired", x: 302, y: 122)
        let first = FormPage(text: PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: whole), pdfPage: nil)
        return try XCTUnwrap(TableReader(page: first, kind: .nonDerivative).header(top: 110, bottom: 200)?.layout)
    }

    /// Table I on a page whose OCR kept two of its headings (and `damage`), and one row.
    func wreckedHeaderTable(_ damage: [Word]) -> TableReader {
        let wrecked = words("1. Title of Security", x: 38, y: 122) + words("5. Amount of Securities", x: 422, y: 122) + damage
            + words("Code V Amount (A) or (D) Price", x: 262, y: 150)
            + words("Series A Preferred", x: 38, y: 170) + words("04/23/2026", x: 132, y: 170) + words("P", x: 262, y: 170)
            + words("15", x: 302, y: 170) + words("A", x: 352, y: 170) + words("$12.50", x: 382, y: 170)
            + words("1,015", x: 422, y: 170) + words("I", x: 492, y: 170)
        return TableReader(page: FormPage(text: PageText(number: 2, bounds: Self.pageBounds, source: .ocrLayer, words: wrecked),
                                          pdfPage: nil), kind: .nonDerivative)
    }

    func testATableWhoseHeadingsOCRWreckedIsReadWithTheColumnsOfAnotherPage() throws {
        // Page 1 prints the header whole; page 2 repeats it, but OCR kept two of its headings.
        let layout = try wholeHeaderLayout()
        let second = wreckedHeaderTable(words("Tr@nsacti0n Dxte", x: 132, y: 122) + words("Ownershlp Form", x: 492, y: 122))
        XCTAssertNil(second.read(top: 110, bottom: 200).layout, "too few headings to place the columns")
        let rows = second.readWithBorrowedColumns(layout, top: 110, bottom: 200)
        XCTAssertEqual(rows.count, 1, "the header's lines are no rows")
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.securityTitle.value, .string("Series A Preferred"))
        XCTAssertEqual(row.transactionCode.value, .string("P"))
        XCTAssertEqual(row.transactionShares.value, .number(15))
        XCTAssertEqual(row.transactionPricePerShare.value, .number(12.5))
        XCTAssertEqual(row.sharesOwnedFollowingTransaction.value, .number(1015))
        XCTAssertEqual(row.directOrIndirectOwnership.value, .string("I"))
    }

    /// The damaged header is as deep as the one the columns were borrowed from: a line of it
    /// OCR garbled past spelling heading text, and its last sub-headings after that, are neither
    /// rows nor the start of another table (which lost every row of a WeasyPrint scan's Table II).
    func testABorrowedHeaderIsAsDeepAsTheOneItWasBorrowedFrom() throws {
        let layout = try wholeHeaderLayout()
        let second = wreckedHeaderTable(words("Brercisable Bate irati Tle Rmber", x: 132, y: 138))
        let rows = second.readWithBorrowedColumns(layout, top: 110, bottom: 200)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.sharesOwnedFollowingTransaction.value, .number(1015))
        XCTAssertEqual(rows.first?.transactionDate.value, .string("2026-04-23"))
    }

    /// OCR boxes of the first row may reach up into the header's last line (a WeasyPrint scan
    /// at 200 dpi): a line holding a date or an amount is still the first row, not the header's.
    func testAFirstRowWhoseBoxesReachIntoTheHeaderIsNoPartOfIt() throws {
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer,
                            words: page(withRules: false, rowY: 153).text.words
                                + words("3. Transaction Code", x: 262, y: 122) + words("4. Securities Acquired", x: 302, y: 122))
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil), kind: .nonDerivative).readRows(top: 110, bottom: 200)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.transactionDate.value, .string("2026-04-22"))
        XCTAssertEqual(row.sharesOwnedFollowingTransaction.value, .number(757))
        XCTAssertTrue(TableReader.isValue("1,433,685") && TableReader.isValue("07/10/2020") && TableReader.isValue("$605.8"))
        XCTAssertFalse(TableReader.isValue("10.") || TableReader.isValue("3,4and5)"), "headings' numbers")
    }

    func testALastHeadingWhoseLabelOCRLostStillHasItsColumn() throws {
        // OCR kept only the last heading's "(Instr. 4)" and a garbled line: the nature of the
        // indirect ownership is its own column, not part of the D/I cell.
        let kept = page(withRules: false).text.words.filter { !($0.rect.x0 >= 542 && $0.rect.y0 < 130) && $0.rect.y0 < 160 }
            + words("Metres", x: 542, y: 118.5) + words("(Instr. 4)", x: 542, y: 124)
            + words("3. Transaction Code", x: 262, y: 122) + words("4. Securities Acquired", x: 302, y: 122)
            + words("Common Units", x: 38, y: 170) + words("04/22/2026", x: 132, y: 170) + words("S", x: 262, y: 170)
            + words("242", x: 302, y: 170) + words("D", x: 352, y: 170) + words("$3,997", x: 382, y: 170)
            + words("757", x: 422, y: 170) + words("I", x: 492, y: 170) + words("By Spouse", x: 542, y: 170)
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: kept)
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil), kind: .nonDerivative).readRows(top: 110, bottom: 200)
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row.directOrIndirectOwnership.value, .string("I"))
        XCTAssertEqual(row.natureOfOwnership.value, .string("By Spouse"))
    }

    /// OCR lost "4. Securities Acquired" (a wkhtmltopdf print at 200 dpi); the "4" of the
    /// heading's "(Instr. 3, 4 and 5)" is no heading number. The lost heading stands where the
    /// form's proportions put it between "3. Transaction Code" and "5. Amount of Securities",
    /// under a third of the way across: the code column keeps to its code.
    func testALostHeadingIsPlacedByTheFormsProportionsNotByAnInstructionsNumber() throws {
        let header = words("1. Title of Security", x: 38, y: 122) + words("2. Transaction Date", x: 132, y: 122)
            + words("2A. Deemed Execution Date", x: 192, y: 122) + words("3. Transaction Code", x: 262, y: 122)
            + words("5. Amount of Securities", x: 422, y: 122)
            + words("6. Ownership Form", x: 492, y: 122) + words("7. Nature of Indirect", x: 542, y: 122)
            + words("Disposed Of (D) (Instr.", x: 312, y: 129) + words("3,", x: 362, y: 129) + words("4", x: 370, y: 129)
            + words("and", x: 376, y: 129) + words("5)", x: 386, y: 129)
        let row = words("Common Units", x: 38, y: 170) + words("04/22/2026", x: 132, y: 170) + words("S", x: 262, y: 170)
            + words("3,902", x: 312, y: 170) + words("D", x: 358, y: 170) + words("$25", x: 382, y: 170)
            + words("757", x: 422, y: 170) + words("D", x: 492, y: 170)
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: header + row)
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil), kind: .nonDerivative).readRows(top: 110, bottom: 200)
        let first = try XCTUnwrap(rows.first)
        XCTAssertEqual(first.transactionCode.value, .string("S"))
        XCTAssertEqual(first.transactionShares.value, .number(3902))
        XCTAssertEqual(first.sharesOwnedFollowingTransaction.value, .number(757))
    }

    func testATableITitleBelowTableIIsIsADamagedHeaderLine() {
        let words = words("Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned", x: 160, y: 30)
            + words("Table I - Non-Derivative Securities", x: 230, y: 54)
        let sections = SectionBounds(page: FormPage(text: PageText(number: 2, bounds: Self.pageBounds, source: .ocrLayer, words: words), pdfPage: nil))
        XCTAssertNotNil(sections.tableII)
        XCTAssertNil(sections.tableI)
    }

    /// An empty Table I right above Table II's title, whose words ("Securities Acquired,
    /// Disposed of, or Beneficially Owned") spell Table I's headings: OCR put the title's line a
    /// little above where its first words begin the next section. The title is no row of Table I.
    func testAnEmptyTableTakesNoRowFromTheNextTablesTitle() {
        var header = page(withRules: false).text.words.filter { $0.rect.y0 < 160 }
        header += words("3. Transaction Code", x: 262, y: 122) + words("4. Securities Acquired", x: 302, y: 122)
        header += words("Table II - Derivative", x: 160, y: 159)
            + words("Securities Acquired, Disposed of, or Beneficially Owned", x: 250, y: 158.6)
        let text = PageText(number: 1, bounds: Self.pageBounds, source: .ocrLayer, words: header)
        let rows = TableReader(page: FormPage(text: text, pdfPage: nil), kind: .nonDerivative).readRows(top: 110, bottom: 159)
        XCTAssertEqual(rows.count, 0)
    }
}

/// A white page image to draw rules and letter-like ink on.
struct Canvas {
    let bounds: Rect
    let scale: Double
    var pixels: [UInt8]
    var width: Int { Int(bounds.width * scale) }
    var height: Int { Int(bounds.height * scale) }

    init(bounds: Rect, scale: Double) {
        self.bounds = bounds
        self.scale = scale
        pixels = [UInt8](repeating: 255, count: Int(bounds.width * scale) * Int(bounds.height * scale))
    }

    mutating func fill(_ rect: Rect) {
        let x0 = max(0, Int((rect.x0 - bounds.x0) * scale)), x1 = min(width, Int(((rect.x1 - bounds.x0) * scale).rounded(.up)))
        let y0 = max(0, Int((rect.y0 - bounds.y0) * scale)), y1 = min(height, Int(((rect.y1 - bounds.y0) * scale).rounded(.up)))
        guard x1 > x0, y1 > y0 else { return }
        for y in y0..<y1 { for x in x0..<x1 { pixels[y * width + x] = 0 } }
    }

    /// Strokes 1.5 pt wide, 0.5 pt apart, across `rect`: ink that looks like letters.
    mutating func letters(in rect: Rect) {
        var x = rect.x0
        while x < rect.x1 {
            fill(Rect(x0: x, y0: rect.y0 + 0.5, x1: min(x + 1.5, rect.x1), y1: rect.y1 - 0.5))
            x += 2
        }
    }

    var grayImage: GrayImage { GrayImage(width: width, height: height, pixels: pixels, scale: scale, region: bounds) }
}
