import XCTest
import PDFText
@testable import Layout

/// Label finding and column/row derivation on synthetic pages.
final class LayoutTests: XCTestCase {
    func word(_ text: String, _ x: Double, _ y: Double, width: Double? = nil, height: Double = 8) -> Word {
        Word(text: text, rect: Rect(x0: x, y0: y, x1: x + (width ?? Double(text.count) * 4), y1: y + height))
    }

    func page(_ words: [Word], source: TextSource = .native, lineGrouping: LineGrouping = LineGrouping()) -> PageText {
        PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 600, y1: 800), source: source, words: words, lineGrouping: lineGrouping)
    }

    /// Line grouping that leaves interleaved bands apart: how OCR words still end up on a
    /// neighbouring line where their boxes overlap sideways, which the label finder must follow.
    var bandsApart: LineGrouping {
        var grouping = LineGrouping()
        grouping.joinsInterleavedLines = false
        return grouping
    }

    /// Line grouping breaks ties between words at one height by the order they come in, so a
    /// page made again (labels put back on a scan) starts from the words as given: in line order
    /// the same words group into other lines.
    func testAPageMadeAgainFromItsWordsAsGivenHasTheSameLines() {
        let tall = Word(text: "Tall", rect: Rect(x0: 50, y0: 5, x1: 70, y1: 25))
        let small = Word(text: "small", rect: Rect(x0: 10, y0: 13, x1: 30, y1: 17))
        let under = Word(text: "under", rect: Rect(x0: 15, y0: 17, x1: 35, y1: 27))
        let text = page([tall, small, under])
        XCTAssertEqual(text.lines.count, 1)
        XCTAssertEqual(page(text.wordsAsGiven).lines.map(\.text), text.lines.map(\.text))
        XCTAssertEqual(page(text.words).lines.count, 2, "in line order the tie goes the other way")
    }

    func testWrappedLabelIsFoundAndNeighbourColumnIsNotJoined() {
        // "3." / "Transaction" / "Code" wrapped in a narrow cell, "Disposed" close by on the right.
        let text = page([word("3.", 100, 10), word("Transaction", 100, 19), word("Disposed", 150, 19),
                         word("Code", 100, 28), word("(Instr.", 118, 28)])
        let match = LabelFinder().first(Label("3. Transaction Code"), in: text, fuzzy: false)
        XCTAssertEqual(match?.wordIndices.map { text.words[$0].text }, ["3.", "Transaction", "Code"])
    }

    func testAWordOCRBoxedTallDoesNotStretchTheLabelsBox() {
        // "on" for "of": OCR's box around it took in a smudge reaching into the name's line below.
        let text = page([word("1.", 10, 100, height: 7), word("Name", 20, 100, height: 7), word("and", 39, 100, height: 7),
                         word("Address", 53, 100, height: 7), word("on", 84, 100, height: 19),
                         word("Reporting", 95, 100, height: 7), word("Person", 134, 100, height: 7)], source: .ocrLayer)
        let match = LabelFinder().first(Label("1. Name and Address of Reporting Person"), in: text, fuzzy: true)
        XCTAssertEqual(match?.wordIndices.map { text.words[$0].text }, ["1.", "Name", "and", "Address", "on", "Reporting", "Person"])
        XCTAssertEqual(match?.rect.y1, 107, "the label ends where its printed words end, above the name")
    }

    func testLabelGoesOnInAWordOCRPutOnANeighbouringLine() {
        // The OCR layer set "Person" a little higher than the rest of its printed line, so line
        // grouping gave it to the line of the next box's label ("2. Issuer"), which stands higher.
        let text = page([word("1.", 10, 115, height: 6), word("Name", 20, 115, height: 6), word("and", 38, 115, height: 6),
                         word("Address", 52, 115, height: 6), word("of", 82, 115, height: 6),
                         word("Reporting", 92, 115, height: 6), word("Person", 130, 110, height: 9),
                         word("2.", 200, 106, height: 9), word("Issuer", 210, 106, height: 9)], source: .ocrLayer,
                        lineGrouping: bandsApart)
        let reporting = text.words.firstIndex { $0.text == "Reporting" }!, person = text.words.firstIndex { $0.text == "Person" }!
        XCTAssertNotEqual(text.lineOfWord[reporting], text.lineOfWord[person], "the words stand on two lines")
        let match = LabelFinder().first(Label("1. Name and Address of Reporting Person"), in: text, fuzzy: false)
        XCTAssertEqual(match?.wordIndices.last.map { text.words[$0].text }, "Person")
    }

    func testLabelGoesOnInAWordOCRPutOnANeighbouringLineBetweenTwoOfItsOwn() {
        // "Name" and "Reporting" stand a little lower than the rest of their printed line (and the
        // next box's "2." a little higher), so line grouping made a line of them; "1." is followed
        // on its own line by "and", a gap away.
        let text = page([word("1.", 10, 100, height: 6), word("Name", 20, 102.5, height: 6), word("and", 40, 100, height: 6),
                         word("Address", 54, 100, height: 6), word("of", 84, 100, height: 6),
                         word("Reporting", 94, 102.5, height: 6), word("Person", 134, 100, height: 6),
                         word("2.", 200, 97, height: 7), word("Issuer", 210, 100, height: 6)], source: .ocr,
                        lineGrouping: bandsApart)
        let one = text.words.firstIndex { $0.text == "1." }!, name = text.words.firstIndex { $0.text == "Name" }!
        XCTAssertNotEqual(text.lineOfWord[one], text.lineOfWord[name], "the words stand on two lines")
        let match = LabelFinder().first(Label("1. Name and Address of Reporting Person"), in: text, fuzzy: false)
        XCTAssertEqual(match?.wordIndices.map { text.words[$0].text }, ["1.", "Name", "and", "Address", "of", "Reporting", "Person"])
    }

    func testFuzzyMatchSurvivesOCRDamageButExactModeDoesNot() {
        let text = page([word("Explanati0n", 10, 10), word("of", 60, 10), word("Resp0nses:", 72, 10)], source: .ocrLayer)
        XCTAssertNil(LabelFinder().first(Label("Explanation of Responses:"), in: text, fuzzy: false))
        let match = LabelFinder().first(Label("Explanation of Responses:"), in: text)
        XCTAssertNotNil(match)
        XCTAssertLessThan(match!.score, 1)
    }

    func testParenthesisedLabelPrefersTheLabelOverAValueWord() {
        let text = page([word("1", 10, 10), word("MARKET", 20, 10), word("STREET", 50, 10), word("(Street)", 10, 30)])
        let match = LabelFinder().first(Label("(Street)"), in: text)
        XCTAssertEqual(match.map { text.words[$0.wordIndices[0]].text }, "(Street)")
    }

    func testColumnsComeFromHeadingPositionsAtAnyScale() {
        for scale in [0.8, 1.0] {
            var columns = ColumnSet.fromLeftAlignedHeadings(
                [("title", Rect(x0: 30 * scale, y0: 0, x1: 60 * scale, y1: 8)),
                 ("code", Rect(x0: 200 * scale, y0: 0, x1: 230 * scale, y1: 8)),
                 ("owned", Rect(x0: 300 * scale, y0: 0, x1: 330 * scale, y1: 8))],
                tableLeft: 0, tableRight: 600 * scale, padding: 2)
            columns.split("code", intoCentered: [("code", Rect(x0: 205 * scale, y0: 20, x1: 220 * scale, y1: 28)),
                                                 ("v", Rect(x0: 260 * scale, y0: 20, x1: 264 * scale, y1: 28))])
            XCTAssertEqual(columns.columns.map(\.name), ["title", "code", "v", "owned"])
            let value = Rect(x0: 258 * scale, y0: 40, x1: 266 * scale, y1: 48)
            XCTAssertEqual(columns.columns[columns.index(for: value)!].name, "v")
        }
    }

    func testWrappedCellsStayInOneRowAndRowsSplitAtPadding() {
        // Row 1: a title wrapped over three lines beside a one-line date centred on it.
        // Row 2 starts after a cell-padding gap.
        let titles = [word("Stock", 10, 100), word("options", 10, 108), word("(right)", 10, 116), word("Common", 10, 132)]
        let dates = [word("04/30/2025", 100, 108), word("05/01/2025", 100, 132)]
        let bands = RowGrouping().rowBands(wordsByColumn: [titles, dates])
        XCTAssertEqual(bands.count, 2)
        XCTAssertEqual(bands[0].y0, 100, accuracy: 0.01)
        XCTAssertEqual(bands[0].y1, 124, accuracy: 0.01)
    }

    func testWrappedCellsWithGenerousLeadingStayWithTheRowTheyAreCentredOn() {
        // A printer with wide leading: every line of a wrapped title is its own band. Row 1's
        // title has five lines centred on its values (y 132-140); row 2's two lines on its own.
        let titles = [word("Non-", 10, 100), word("Qualified", 10, 116), word("Stock", 10, 132),
                      word("Option", 10, 148), word("granted", 10, 164),
                      word("Restricted", 10, 184), word("Units", 10, 200)]
        let dates = [word("08/12/2021", 100, 132), word("08/13/2021", 100, 192)]
        let rows = RowGrouping().rows(wordsByColumn: [titles, dates], wrappingColumns: [0])
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[0][0].map(\.text), ["Non-", "Qualified", "Stock", "Option", "granted"])
        XCTAssertEqual(rows[1][0].map(\.text), ["Restricted", "Units"])
        XCTAssertEqual(rows[1][1].map(\.text), ["08/13/2021"])
        // Without knowing which columns wrap, every band is a row (the layout of tight prints).
        XCTAssertGreaterThan(RowGrouping().rows(wordsByColumn: [titles, dates]).count, 2)
    }

    func testATallCellCentredOnItsRowKeepsTheLinesThatReachTowardsTheNextRow() {
        // OCR rows anchored on their values (y centres 120 and 150). Row 1's title has five
        // lines centred on 120; its last line (y 136-144, middle 140) stands nearer row 2's
        // centre than its own. Row 2's title is one line, on its centre.
        let titles = [word("American", 10, 100), word("Depositary", 10, 110), word("Shares,", 10, 116),
                      word("each", 10, 126), word("representing", 10, 136), word("Common", 10, 146)]
        let amounts = [word("1,000", 200, 116), word("2,000", 200, 146)]
        let nearest = RowGrouping().rowsAround([120, 150], wordsByColumn: [titles, amounts])
        XCTAssertEqual(nearest[1][0].map(\.text), ["representing", "Common"], "nearest centre takes the tall cell's last line")
        let centred = RowGrouping().rowsAround([120, 150], wordsByColumn: [titles, amounts], centredColumns: [0])
        XCTAssertEqual(centred[0][0].map(\.text), ["American", "Depositary", "Shares,", "each", "representing"])
        XCTAssertEqual(centred[1][0].map(\.text), ["Common"])
        XCTAssertEqual(centred[1][1].map(\.text), ["2,000"])
    }

    func testAWrappedLastLineNearerTheNextRowStaysWithTheLineItStandsCloseUnder() {
        // An OCR layer's lines, unevenly spaced: row 0's title stands above its centre, so the
        // column is not dealt out as centred blocks. Row 1's title ends in "Buy)", a leading's
        // width under "(Right to" and a row's padding above row 2's "Performance", but nearer
        // row 2's centre (96) than its own (68).
        let titles = [word("Warrants", 10, 2), word("Stock", 10, 52), word("Option", 10, 61),
                      word("(Right to", 10, 70), word("Buy)", 10, 79), word("Performance", 10, 92)]
        let centres = [12.0, 68, 96]
        XCTAssertFalse(RowGrouping.standsOnCentres(titles.map(\.rect), centres: centres))
        let nearest = RowGrouping().rowsAround(centres, wordsByColumn: [titles])
        XCTAssertEqual(nearest[2][0].map(\.text), ["Buy)", "Performance"], "the nearest centre splits the cell")
        let rows = RowGrouping().rowsAround(centres, wordsByColumn: [titles], centredColumns: [0])
        XCTAssertEqual(rows.map { $0[0].map(\.text) }, [["Warrants"], ["Stock", "Option", "(Right to", "Buy)"], ["Performance"]])
    }

    func testCellsSetAtTheTopOfTheirRowsAreNotDealtOutAsCentredBlocks() {
        // One-line titles standing 7 points above their rows' centres (a print that sets titles
        // at the top, or a scan that shifted the column): blocks centred on the anchors would
        // pull the next row's title up. Nearest-centre keeps each title in its row.
        let titles = [word("Common", 10, 387), word("Ordinary", 10, 404), word("Class", 10, 428)]
        let centres = [398.0, 415, 439]
        XCTAssertFalse(RowGrouping.standsOnCentres(titles.map(\.rect), centres: centres))
        XCTAssertTrue(RowGrouping.standsOnCentres(titles.map(\.rect), centres: centres.map { $0 - 7 }))
        let rows = RowGrouping().rowsAround(centres, wordsByColumn: [titles], centredColumns: [0])
        XCTAssertEqual(rows.map { $0[0].map(\.text) }, [["Common"], ["Ordinary"], ["Class"]])
    }

    func testCentredBlocksDoNotBorrowALineFromEachNeighbourToLookCentred() {
        // Three rows of a 300 dpi scan (centres 401, 424, 453): "Common Stock (restricted stock /
        // units)" with a speck line between, "Series A Preferred Stock", and again the two-line
        // title with a speck. The middle row's block could take the first title's "units)" and
        // the third title's first line and still be centred on 424: the gaps say otherwise.
        let lines = [Rect(x0: 0, y0: 390, x1: 50, y1: 398), Rect(x0: 0, y0: 395, x1: 5, y1: 403),
                     Rect(x0: 0, y0: 400, x1: 50, y1: 408),
                     Rect(x0: 0, y0: 419, x1: 50, y1: 426),
                     Rect(x0: 0, y0: 441, x1: 50, y1: 449), Rect(x0: 0, y0: 447, x1: 5, y1: 454),
                     Rect(x0: 0, y0: 451, x1: 50, y1: 459)]
        let centres = [401.0, 424, 453]
        XCTAssertEqual(RowGrouping.centredBlocks(lines, centres: centres), [0, 0, 0, 1, 2, 2, 2])
        XCTAssertNotEqual(RowGrouping.centredBlocks(lines, centres: centres, gapWeight: 0), [0, 0, 0, 1, 2, 2, 2],
                          "without the gap term the middle block borrows")
    }

    func testABrowsersPrintHeaderAndFooterAreDroppedAndTheFormsOwnMarginTextKept() {
        let page = Rect(x0: 0, y0: 0, x1: 612, y1: 792)
        let header = [word("11/26/26,", 24, 15), word("1:32", 70, 15), word("AM", 92, 15), word("SEC", 300, 15), word("FORM", 320, 15), word("4", 350, 15)]
        let footer = [word("file:///archive/form4.html", 24, 767, width: 200), word("1/2", 570, 767)]
        let body = [word("SEC", 33, 40), word("Form", 55, 40), word("4", 80, 40), word("04/30/2025", 100, 400)]
        // A form's own words near the edge: no address, page count or clock time among them.
        let ownFooter = [word("SEC", 24, 770), word("1474", 50, 770), word("(9-02)", 80, 770)]
        XCTAssertEqual(PageFurniture().removing(from: header + body + footer, pageBounds: page).map(\.text),
                       ["SEC", "Form", "4", "04/30/2025"])
        XCTAssertEqual(PageFurniture().removing(from: body + ownFooter, pageBounds: page).count, 7)
        XCTAssertFalse(PageFurniture.isPrinterToken("04/30/2025"), "a date is no page count")
        XCTAssertFalse(PageFurniture.isPrinterToken("3/2"), "page 3 of 2 is no page count")
    }

    func testADamagedLabelIsNotHiddenByTheSameLabelPrintedElsewhere() {
        // Box 1's label lost its "1." to OCR; an additional owner's block further down prints it
        // whole. Both are places of the label: the damaged one must not give way to the other.
        func line(_ texts: [String], y: Double) -> [Word] {
            texts.enumerated().map { word($1, 20 + Double($0) * 60, y, width: 57) }
        }
        let damaged = line(["Name", "and", "Address", "of", "Reporting", "Person"], y: 100)
        let whole = line(["1.", "Name", "and", "Address", "of", "Reporting", "Person"], y: 500)
        let page = PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: damaged + whole)
        let label = Label("1. Name and Address of Reporting Person")
        let found = LabelFinder().approximateMatches(label, in: page)
        XCTAssertTrue(found.contains { $0.rect.y0 == 100 }, "box 1's damaged label is still found")
        XCTAssertTrue(found.contains { $0.rect.y0 == 500 })
        XCTAssertEqual(LabelFinder().exactMatches(label, in: page).map(\.rect.y0), [500])
    }
}
