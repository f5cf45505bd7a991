import XCTest
import PDFText
@testable import Form4

/// Footnote markers on scans: found by their ink where blur and noise leave them faint, told
/// from a lone letter, and named by the footnotes the form defines.
final class FootnoteMarkerTests: XCTestCase {
    /// A cell of `width`×20 points at 4 px per point, paper at 215 (a grey scan).
    func cell(width: Double = 60) -> GrayImage {
        let w = Int(width * 4), h = 80
        return GrayImage(width: w, height: h, pixels: [UInt8](repeating: 215, count: w * h), scale: 4,
                         region: Rect(x0: 0, y0: 0, x1: width, y1: 20))
    }

    func paint(_ image: inout GrayImage, _ rect: Rect, level: UInt8) {
        for y in Int(rect.y0 * image.scale)..<Int(rect.y1 * image.scale) {
            for x in Int(rect.x0 * image.scale)..<Int(rect.x1 * image.scale) { image.pixels[y * image.width + x] = level }
        }
    }

    /// Three digit-sized blocks, black, on a baseline at y 14 (tops at y 8).
    func paintValue(_ image: inout GrayImage) {
        for digit in 0..<3 { paint(&image, Rect(x0: 10 + Double(digit) * 4, y0: 8, x1: 13 + Double(digit) * 4, y1: 14), level: 60) }
    }

    /// "(1)" as a 200-dpi scan leaves it: three thin grey strokes, top at the digits' top,
    /// bottom well above their baseline.
    func paintFaintMarker(_ image: inout GrayImage, at x: Double, level: UInt8 = 175) {
        for stroke in 0..<3 { paint(&image, Rect(x0: x + Double(stroke) * 1.5, y0: 7.5, x1: x + Double(stroke) * 1.5 + 0.75, y1: 11.5), level: level) }
    }

    func testFaintRaisedMarkerAfterAValueIsFoundColumnByColumn() throws {
        var image = cell()
        paintValue(&image)
        paintFaintMarker(&image, at: 22.5)
        let cells = CellImage(image: image, unit: 8)
        let marker = try XCTUnwrap(cells.trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertFalse(marker.alone)
        XCTAssertEqual(marker.rect.x0, 22.5, accuracy: 0.6)
        XCTAssertEqual(marker.rect.x1, 25.25, accuracy: 1)
        XCTAssertEqual(marker.strokes, 3)
        XCTAssertTrue(marker.looksLikeOne, "\(marker.strokeWidths)")
    }

    /// Blur widens a marker's faint strokes: its parentheses, which reach below its digit, can
    /// measure nearly as tall as the value's digits and still be a marker.
    func testAMarkerBlurredNearlyAsTallAsTheValueIsStillFound() throws {
        var image = cell()
        paintValue(&image)
        for stroke in 0..<3 {
            let inner = stroke == 1 ? 0.5 : 0
            paint(&image, Rect(x0: 22.5 + Double(stroke) * 1.5, y0: 5.0 + inner, x1: 23.25 + Double(stroke) * 1.5, y1: 11.5 - inner), level: 175)
        }
        let marker = try XCTUnwrap(CellImage(image: image, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertFalse(marker.alone)
        XCTAssertTrue(marker.looksLikeOne, "\(marker.strokeWidths)")
    }

    /// WeasyPrint hardly raises a superscript: only the digit of "(6)" stands clear of the
    /// value's line, its parentheses reach down near the baseline and up above the digits'
    /// tops. The marker is the whole "(6)", not its digit alone (read alone, that "6" came out
    /// as "11").
    func testAMarkerWhoseParenthesesReachNearTheBaselineIsTakenWhole() throws {
        var image = cell()
        paintValue(&image)
        paint(&image, Rect(x0: 22.5, y0: 6.5, x1: 23.25, y1: 12.9), level: 150)
        paint(&image, Rect(x0: 23.75, y0: 7, x1: 25.75, y1: 10.5), level: 150)
        paint(&image, Rect(x0: 26.25, y0: 6.5, x1: 27, y1: 12.9), level: 150)
        let marker = try XCTUnwrap(CellImage(image: image, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertFalse(marker.alone)
        XCTAssertEqual(marker.rect.x0, 22.5, accuracy: 0.6)
        XCTAssertEqual(marker.rect.x1, 27, accuracy: 0.6)
        XCTAssertEqual(marker.rect.y0, 6.5, accuracy: 0.6)
        XCTAssertEqual(marker.rect.y1, 12.9, accuracy: 0.6)
    }

    /// A code "P" with its marker right after it: the bowl of the "P" stands above the baseline
    /// like a marker, but is joined to the stem in the letter's black print. It stays the
    /// letter's (cut off, the "P" read as "I").
    func testTheBowlOfALetterIsNoPartOfTheMarkerAfterIt() throws {
        var image = cell()
        paint(&image, Rect(x0: 10, y0: 8, x1: 11, y1: 14), level: 60)
        paint(&image, Rect(x0: 11, y0: 8, x1: 13, y1: 11), level: 60)
        paintFaintMarker(&image, at: 13.75)
        let marker = try XCTUnwrap(CellImage(image: image, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertGreaterThanOrEqual(marker.rect.x0, 12.9, "the bowl (x 11 to 13) is the letter's")
        XCTAssertEqual(marker.rect.x1, 17.5, accuracy: 0.6)
    }

    func testInkOnTheBaselineOrASpeckIsNoMarker() {
        var grounded = cell()
        paintValue(&grounded)
        // A fourth character, as low as the others: part of the value.
        paint(&grounded, Rect(x0: 22.5, y0: 8, x1: 25, y1: 14), level: 60)
        XCTAssertNil(CellImage(image: grounded, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        var speck = cell()
        paintValue(&speck)
        paint(&speck, Rect(x0: 23, y0: 8, x1: 23.5, y1: 8.5), level: 120)
        XCTAssertNil(CellImage(image: speck, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
    }

    func testASmallBlobAloneIsOnlyACandidate() throws {
        var image = cell()
        paintFaintMarker(&image, at: 20, level: 90)
        let marker = try XCTUnwrap(CellImage(image: image, unit: 8).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertTrue(marker.alone)
        let resolution = MarkerResolution(defined: [1, 2])
        // Alone, only a reading with a parenthesis makes it a marker: a lone "5" is a value.
        XCTAssertNil(resolution.ids(reading: "5", shape: marker))
        XCTAssertEqual(resolution.ids(reading: "(2", shape: marker)?.ids, ["F2"])
    }

    func testAMarkerAloneAsTallAsTheValuesIsTakenOnlyOnAWholeReading() throws {
        // "(1)" set in the values' size, alone in its cell: parentheses 7 points tall (more
        // than the page's unit), thin on either side of the digit.
        var image = cell()
        for x in [20.0, 23.5, 27.0] { paint(&image, Rect(x0: x, y0: 6, x1: x + 1, y1: 13), level: 60) }
        let marker = try XCTUnwrap(CellImage(image: image, unit: 7).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
        XCTAssertTrue(marker.alone)
        XCTAssertTrue(marker.needsWholeReading)
        let resolution = MarkerResolution(defined: [1, 2])
        XCTAssertEqual(resolution.ids(reading: "(1)", shape: marker)?.ids, ["F1"])
        XCTAssertNil(resolution.ids(reading: "0)", shape: marker), "\"$0\" read as a damaged marker is no marker")
        XCTAssertNil(resolution.ids(votes: ["(1", "(1"], shape: marker))
        // As tall, but a short value's wide digits: no marker at all.
        var value = cell()
        for x in [20.0, 23.5, 27.0] { paint(&value, Rect(x0: x, y0: 6, x1: x + 2.8, y1: 13), level: 60) }
        XCTAssertNil(CellImage(image: value, unit: 7).trailingMarker(in: Rect(x0: 1, y0: 1, x1: 59, y1: 19)))
    }

    func testReadingsAreJudgedByTheFootnotesTheFormDefines() {
        let shape = MarkerShape(rect: Rect(x0: 0, y0: 0, x1: 3, y1: 3), strokeWidths: [3, 6, 3], alone: false)
        let one = MarkerShape(rect: Rect(x0: 0, y0: 0, x1: 3, y1: 3), strokeWidths: [3, 3, 3], alone: false)
        let three = MarkerResolution(defined: [1, 2, 3])
        XCTAssertEqual(three.ids(reading: "3)", shape: shape)?.ids, ["F3"])
        XCTAssertEqual(three.ids(reading: "(2)(3)", shape: shape)?.ids, ["F2", "F3"])
        XCTAssertEqual(three.ids(reading: "(2)(3)", shape: shape)?.guessed, false)
        // A number the form does not define is a misreading: no guess over it.
        XCTAssertNil(three.ids(reading: "(7)", shape: shape))
        XCTAssertNil(three.ids(reading: ")", shape: one))
        // Nothing read: a bare stroke between parentheses is a 1; a wider one cannot be told...
        XCTAssertEqual(three.guess(one)?.ids, ["F1"])
        XCTAssertEqual(three.guess(one)?.guessed, true)
        XCTAssertNil(three.guess(shape))
        // ... unless the form has one footnote only.
        XCTAssertEqual(MarkerResolution(defined: [1]).guess(shape)?.ids, ["F1"])
        var alone = shape
        alone.alone = true
        XCTAssertNil(MarkerResolution(defined: [1]).guess(alone))
        // Footnotes not read at all: any plausible number stands.
        XCTAssertEqual(MarkerResolution(defined: []).ids(reading: "(12)", shape: shape)?.ids, ["F12"])
    }

    func testReadingsOfOneMarkerVoteForAFootnoteTheFormDefines() {
        let shape = MarkerShape(rect: Rect(x0: 0, y0: 0, x1: 3, y1: 3), strokeWidths: [3, 6, 3], alone: false)
        let three = MarkerResolution(defined: [1, 2, 3])
        // "(6" and "44" name no footnote of the form; 2 is read most.
        XCTAssertEqual(three.ids(votes: ["2)", "(6", "(2)", "44", "(3"], shape: shape)?.ids, ["F2"])
        XCTAssertEqual(three.ids(votes: ["2)", "(2)"], shape: shape)?.guessed, true)
        // A tie tells nothing.
        XCTAssertNil(three.ids(votes: ["2)", "(3"], shape: shape))
        // A blob alone never read with a parenthesis is no marker, however its digits vote.
        var alone = shape
        alone.alone = true
        XCTAssertNil(three.ids(votes: ["2", "2"], shape: alone))
    }

    func testDamagedMarkerReadingsGiveTheirNumber() {
        XCTAssertEqual(OCRService.damagedMarkerNumber("3)"), 3)
        XCTAssertEqual(OCRService.damagedMarkerNumber("(6"), 6)
        XCTAssertEqual(OCRService.damagedMarkerNumber("((12)"), 12)
        XCTAssertNil(OCRService.damagedMarkerNumber(")"))
        XCTAssertNil(OCRService.damagedMarkerNumber("(0)"))
        XCTAssertNil(OCRService.damagedMarkerNumber("(123)"))
    }
}

/// What OCR text keeps of a marker it could not read comes off the value and still says a
/// marker stands there.
final class MarkerRemainsTests: XCTestCase {
    func testRaisedMarksGluedToTheLastWordArePeeled() {
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("Stock™").0, "Stock")
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("footnote’?").0, "footnote")
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("1,977,132\"").0, "1,977,132")
        XCTAssertTrue(OCRTextRepair.peelRaisedMarks("Partnership”?").1)
        // The text's own apostrophe, a question mark alone, and plain words stay.
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("Holders'").1, false)
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("what?").1, false)
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("Stock").1, false)
        XCTAssertEqual(OCRTextRepair.peelRaisedMarks("\"").1, false)
    }

    func testSmallOCRTextOfAMarkerStillSpellsItsNumber() {
        XCTAssertEqual(OCRTextRepair.remainsNumber("1)"), 1)
        XCTAssertEqual(OCRTextRepair.remainsNumber("(l)"), 1)
        XCTAssertEqual(OCRTextRepair.remainsNumber("(6"), 6)
        XCTAssertNil(OCRTextRepair.remainsNumber("(ay"))
        XCTAssertNil(OCRTextRepair.remainsNumber("(0)"))
    }

    func testASmallRaisedWordAfterTheValueIsAMarkerNotText() {
        let stock = Word(text: "Stock", rect: Rect(x0: 40, y0: 100, x1: 62, y1: 108))
        let common = Word(text: "Common", rect: Rect(x0: 10, y0: 100, x1: 38, y1: 108))
        let raised = Word(text: "1", rect: Rect(x0: 63, y0: 99, x1: 65, y1: 104))
        let (value, remains) = CellText(words: [common, stock, raised]).splittingRaisedWord()
        XCTAssertEqual(value.text, "Common Stock")
        XCTAssertEqual(remains?.number, 1)
        XCTAssertEqual(remains?.isWordOfItsOwn, true)
        // The same word on the line, as tall as the others, is the value's ("Series 1").
        let onLine = Word(text: "1", rect: Rect(x0: 64, y0: 100, x1: 67, y1: 108))
        XCTAssertNil(CellText(words: [common, stock, onLine]).splittingRaisedWord().1)
    }

    func testACapitalAfterAWordWithADescenderIsNoRaisedMarker() {
        // "Ordinary" reaches below the baseline: the "S" standing on it is the title's.
        let two = Word(text: "two", rect: Rect(x0: 10, y0: 100, x1: 24, y1: 107))
        let ordinary = Word(text: "Ordinary", rect: Rect(x0: 26, y0: 100, x1: 60, y1: 109))
        let capital = Word(text: "S", rect: Rect(x0: 62, y0: 101, x1: 66, y1: 107))
        XCTAssertNil(CellText(words: [two, ordinary, capital]).splittingRaisedWord().1)
        // A marker after it stands well above the baseline.
        let raised = Word(text: "5", rect: Rect(x0: 62, y0: 99, x1: 65, y1: 104))
        XCTAssertEqual(CellText(words: [two, ordinary, raised]).splittingRaisedWord().1?.number, 5)
    }

    func testOCRCleaningKeepsTheRemainsOfAMarkerAsEvidence() {
        let cell = CellText(words: [Word(text: "See", rect: Rect(x0: 0, y0: 0, x1: 12, y1: 8)),
                                    Word(text: "footnote’?", rect: Rect(x0: 14, y0: 0, x1: 50, y1: 8))]).cleanedForOCR(prose: true)
        XCTAssertEqual(cell.text, "See footnote")
        XCTAssertNotNil(cell.markerRemains)
        XCTAssertNil(CellText(words: [Word(text: "Holders'", rect: Rect(x0: 0, y0: 0, x1: 30, y1: 8))]).cleanedForOCR(prose: true).markerRemains)
    }
    /// "ouse" of "By Spouse" stands above the "p"'s descender as a marker stands above a
    /// baseline; where the text layer read the whole word as letters, that ink is no marker.
    /// A marker as narrow as "(1)", or one the layer kept a trace of ("Trust®"), stays.
    func testInkInsideAWordTheLayerReadAsLettersIsNoMarker() {
        let ink = ScanCellInk(inside: Rect(x0: 528, y0: 92, x1: 566, y1: 105), markerArea: Rect(x0: 547.7, y0: 97.7, x1: 563.3, y1: 101.5),
                              markers: ["F1"], markerGuessed: true, hasText: true, ruled: true, unreadMarker: false)
        let spouse = [Word(text: "By", rect: Rect(x0: 530, y0: 93.5, x1: 538, y1: 101.5)),
                      Word(text: "Spouse", rect: Rect(x0: 540, y0: 93.5, x1: 559.9, y1: 101.5))]
        let dropped = ink.droppingMarker(insideWordsOf: spouse, unit: 7)
        XCTAssertNil(dropped.markerArea)
        XCTAssertNil(dropped.markers)
        XCTAssertFalse(dropped.unreadMarker)

        var narrow = ink
        narrow.markerArea = Rect(x0: 556, y0: 93, x1: 560, y1: 97.5)
        XCTAssertEqual(narrow.droppingMarker(insideWordsOf: spouse, unit: 7).markers, ["F1"], "as narrow as a marker")
        let traced = [Word(text: "Spouse®", rect: Rect(x0: 540, y0: 93.5, x1: 564, y1: 101.5))]
        XCTAssertEqual(ink.droppingMarker(insideWordsOf: traced, unit: 7).markers, ["F1"], "the layer saw a mark there")
    }
}
