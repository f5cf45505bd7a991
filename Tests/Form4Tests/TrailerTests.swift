import Foundation
import XCTest
import Layout
import PDFText
@testable import Form4

/// The trailer of a scanned form when OCR damaged its labels and footnote numbers, and table rows
/// whose owned amount OCR lost.
final class TrailerTests: XCTestCase {
    /// Words of `text` set on one line from `x` at `y`, 4 points a character, 3 between words.
    private func line(_ text: String, x: Double, y: Double) -> [Word] {
        var left = x
        return text.split(separator: " ").map { part in
            defer { left += Double(part.count) * 4 + 3 }
            return Word(text: String(part), rect: Rect(x0: left, y0: y, x1: left + Double(part.count) * 4, y1: y + 7))
        }
    }

    private func page(_ lines: [[Word]]) -> FormPage {
        FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocrLayer, words: lines.flatMap { $0 }),
                 pdfPage: nil)
    }

    func testFootnotesAndSignatureAreReadWhenTheExplanationLabelIsDamagedPastRecognition() {
        let trailer = page([
            line("Expl ion of R p", x: 30, y: 500),
            line("1. The shares are held by a trust of which the reporting person is trustee.", x: 30, y: 510),
            line("2. Represents shares acquired under the Issuer's Employee Stock Purchase Plan.", x: 30, y: 520),
            line("/s/ Jane Doe", x: 350, y: 540) + line("06/28/2026", x: 450, y: 540),
            line("** Signature of Reporting Person", x: 350, y: 550) + line("Date", x: 450, y: 550),
            line("Reminder: Report on a separate line for each class of securities beneficially owned", x: 30, y: 560),
        ])
        XCTAssertEqual(trailer.trailerStart(), TrailerStart(top: 500, labelBottom: 507))
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2"])
        XCTAssertEqual(record.footnotes.first?.text.value, .string("The shares are held by a trust of which the reporting person is trustee."))
        XCTAssertEqual(record.ownerSignatures.first?.signatureName.value, .string("/s/ Jane Doe"))
        XCTAssertEqual(record.ownerSignatures.first?.signatureDate.value, .string("2026-06-28"))
    }

    func testTheFirstFootnoteStartsTheTrailerWhenTheLabelIsLost() {
        let start = TrailerStart.find(in: [
            TextLine(words: line("Common Stock 06/26/2026 A 10 A $2,364 452,805 D", x: 30, y: 480)),
            TextLine(words: line("1 . The shares are held by a trust.", x: 30, y: 510)),
            TextLine(words: line("2. Not applicable.", x: 30, y: 520)),
        ], left: 180, unit: 7)
        XCTAssertEqual(start, TrailerStart(top: 509.9, labelBottom: nil), "a table row above is not the label")
        XCTAssertTrue(TrailerStart.opensFirstFootnote(TextLine(words: line("l. The shares", x: 30, y: 0))))
        XCTAssertTrue(TrailerStart.opensFirstFootnote(TextLine(words: line("1.The shares", x: 30, y: 0))))
        XCTAssertFalse(TrailerStart.opensFirstFootnote(TextLine(words: line("2. Represents", x: 30, y: 0))))
        XCTAssertFalse(TrailerStart.opensFirstFootnote(TextLine(words: line("1.25% Convertible Notes", x: 30, y: 0))))
        XCTAssertFalse(TrailerStart.opensFirstFootnote(TextLine(words: line("1. the", x: 30, y: 0))))
    }

    func testFootnoteNumbersReadAsLettersOrLostStillStartFootnotes() {
        // The numbers' column read as stray letters ("e", "S e") or nothing at all: each footnote
        // is a line that follows one ending short; the stray letters are dropped.
        let trailer = page([
            line("Explanation of Responses:", x: 30, y: 500),
            line("Represents Class A shares issued upon conversion.", x: 37, y: 510),
            line("w", x: 29, y: 517),
            line("e Each restricted stock unit converts into one share of common stock.", x: 29, y: 520),
            [Word(text: "S", rect: Rect(x0: 29, y0: 530, x1: 31, y1: 537)), Word(text: "e", rect: Rect(x0: 31.5, y0: 530, x1: 34, y1: 537))]
                + line("25% of the shares vest on the first anniversary of the grant date and the balance vests in", x: 37, y: 530),
            line("equal monthly installments.", x: 30, y: 540),
            line("4. Not applicable.", x: 31, y: 550),
        ])
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2", "F3", "F4"])
        XCTAssertEqual(record.footnotes.map(\.text.value), [
            .string("Represents Class A shares issued upon conversion."),
            .string("Each restricted stock unit converts into one share of common stock."),
            .string("25% of the shares vest on the first anniversary of the grant date and the balance vests in equal monthly installments."),
            .string("Not applicable."),
        ])
    }

    func testASentenceBeginningInTheTextColumnOpensAFootnoteWhoseNumberWasLost() {
        // A page of footnotes run on from the page before: OCR read the numbers as "eS ." or
        // "Soe" (boxes reaching into the text column) or lost them; the first footnote is the
        // longest line, so no footnote starts after one that ended short.
        let trailer = page([
            line("Explanation of Responses:", x: 30, y: 500),
            [Word(text: "eS", rect: Rect(x0: 30, y0: 510, x1: 37.5, y1: 517)), Word(text: ".", rect: Rect(x0: 34, y0: 510, x1: 35, y1: 517))]
                + line("The reporting person disclaims beneficial ownership of these securities except to the extent of his interest.", x: 37, y: 510),
            line("Represents Class A shares issued upon conversion of Class B shares.", x: 37, y: 520),
            [Word(text: "Soe", rect: Rect(x0: 30, y0: 530, x1: 37.5, y1: 537))]
                + line("Transaction effected pursuant to a Rule 10b5-1 trading plan", x: 37, y: 530),
            line("The performance units vest upon certification by the compensation committee of the performance goals for the", x: 37, y: 540),
            line("three-year performance period.", x: 30, y: 550),
        ])
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2", "F3", "F4"])
        XCTAssertEqual(record.footnotes.map(\.text.value), [
            .string("The reporting person disclaims beneficial ownership of these securities except to the extent of his interest."),
            .string("Represents Class A shares issued upon conversion of Class B shares."),
            .string("Transaction effected pursuant to a Rule 10b5-1 trading plan."),
            .string("The performance units vest upon certification by the compensation committee of the performance goals for the three-year performance period."),
        ])
    }

    func testALineWhoseNumberAndFirstWordOCRLostStillOpensTheNextFootnote() {
        // "3. Represents shares acquired ..." read as "shares acquired ..." in the text column,
        // after a line that ended short; and the signature label lost: the line right of the
        // page's middle is still the signature, not a footnote's end.
        let trailer = page([
            line("Explanation of Responses:", x: 30, y: 500),
            line("1. The shares are held by a trust of which the reporting person is trustee and sole beneficiary.", x: 30, y: 510),
            line("2. Represents Class A shares issued upon conversion.", x: 30, y: 520),
            line("shares acquired under the Issuer's Employee Stock Purchase Plan.", x: 90, y: 530),
            line("4. Not applicable.", x: 30, y: 540),
            line("fi Jane Doe, Attorney-in-Fact", x: 360, y: 552) + line("06/28/2026", x: 480, y: 552),
            line("Reminder: Report on a separate line for each class of securities beneficially owned", x: 30, y: 570),
        ])
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2", "F3", "F4"])
        XCTAssertEqual(record.footnotes[2].text.value, .string("shares acquired under the Issuer's Employee Stock Purchase Plan."))
        XCTAssertEqual(record.footnotes[3].text.value, .string("Not applicable."))
        XCTAssertEqual(record.ownerSignatures.count, 1)
        XCTAssertEqual(record.ownerSignatures.first?.signatureDate.value, .string("2026-06-28"))
    }

    func testTheRightPartOfALineOCRSplitInTwoIsKnown() {
        // OCR read "5. Bona fide gift to a charitable organization." as two lines, the right one
        // a little higher and taller: it continues the line beside it and opens no footnote.
        let trailer = page([])
        let left = TextLine(words: line("5. Bona fide gift to", x: 27, y: 273.6))
        var rightWords = line("a charitable organization.", x: 106, y: 270.2)
        for index in rightWords.indices { rightWords[index].rect.y1 = 279.6 }
        let right = TextLine(words: rightWords)
        let below = TextLine(words: line("6. Transaction effected pursuant to a plan.", x: 27, y: 281))
        let lines = [(line: left, page: trailer), (line: right, page: trailer), (line: below, page: trailer)]
        XCTAssertTrue(TrailerReader.continuesALineBeside(right, in: lines, on: trailer))
        XCTAssertFalse(TrailerReader.continuesALineBeside(below, in: lines, on: trailer), "a line of its own")
        XCTAssertFalse(TrailerReader.continuesALineBeside(left, in: lines, on: trailer), "nothing stands left of it")
        let number = TextLine(words: line("4.", x: 27, y: 270.2))
        XCTAssertFalse(TrailerReader.continuesALineBeside(right, in: [(number, trailer), (right, trailer)], on: trailer),
                       "a footnote's number set apart from its text")
    }

    func testAFirstFootnoteNumberMisreadIsToldByTheSecond() {
        // OCR read "1." as "4.": the next footnote's "2." shows the first was footnote 1.
        let trailer = page([
            line("Explanation of Responses:", x: 30, y: 500),
            line("4. Represents Class A shares issued upon conversion.", x: 30, y: 510),
            line("2. The shares were withheld by the Issuer.", x: 30, y: 520),
            line("3. Not applicable.", x: 30, y: 530),
        ])
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.footnotes.map(\.id), ["F1", "F2", "F3"])
        XCTAssertEqual(record.footnotes.first?.text.value, .string("Represents Class A shares issued upon conversion."))
    }

    func testRowsStandWhereOtherValuesStandWhenTheOwnedAmountIsLost() {
        typealias Value = RowAnchors.ValueLine
        // Rows at 100, 130 (owned amount lost) and 160; a lone mark at 145 and a wrapped marker
        // line are no rows.
        let values = [
            Value(column: 1, midY: 100.5, hasDigit: true), Value(column: 3, midY: 99, hasDigit: true),
            Value(column: 1, midY: 130, hasDigit: true), Value(column: 2, midY: 131, hasDigit: false),
            Value(column: 4, midY: 129.5, hasDigit: true),
            Value(column: 2, midY: 145, hasDigit: false),
            Value(column: 1, midY: 160, hasDigit: true), Value(column: 4, midY: 165, hasDigit: true),
        ]
        let centres = RowAnchors.centres(owned: [100, 160], values: values, tolerance: 5)
        XCTAssertEqual(centres.count, 3)
        XCTAssertEqual(centres[1], (130 + 131 + 129.5) / 3, accuracy: 0.01)
        XCTAssertEqual(RowAnchors.centres(owned: [100], values: [Value(column: 1, midY: 120, hasDigit: false),
                                                                 Value(column: 2, midY: 121, hasDigit: false)], tolerance: 5),
                       [100], "two columns of letters alone are not a row")
        let header = [Value(column: 1, midY: 80, hasDigit: false), Value(column: 2, midY: 80, hasDigit: false, isHeading: true),
                      Value(column: 3, midY: 81, hasDigit: true), Value(column: 4, midY: 80, hasDigit: false)]
        XCTAssertEqual(RowAnchors.centres(owned: [100], values: header, tolerance: 5), [100],
                       "the header's damaged last line (\"oye hel Date Expiration\") is not a row")
        // The last row's owned amount lost, and its values spread over more than the tolerance
        // (the underlying amount's line a little higher): one row, not two a point apart.
        let spread = [Value(column: 11, midY: 156, hasDigit: true), Value(column: 1, midY: 161.5, hasDigit: true),
                      Value(column: 2, midY: 161.5, hasDigit: true), Value(column: 7, midY: 161.5, hasDigit: true),
                      Value(column: 8, midY: 163.4, hasDigit: true), Value(column: 9, midY: 163.4, hasDigit: true)]
        XCTAssertEqual(RowAnchors.centres(owned: [100], values: spread, tolerance: 6).count, 2)
        let vocabulary = TableAnatomy.derivativeHeaderWords
        XCTAssertFalse(RowAnchors.anchorsARow(ownedLine: ["Reported"], vocabulary: vocabulary))
        XCTAssertFalse(RowAnchors.anchorsARow(ownedLine: ["Transaction(s)"], vocabulary: vocabulary))
        XCTAssertTrue(RowAnchors.anchorsARow(ownedLine: ["72,887"], vocabulary: vocabulary))
        XCTAssertTrue(RowAnchors.anchorsARow(ownedLine: ["ou"], vocabulary: vocabulary), "a value OCR damaged still anchors its row")
        XCTAssertFalse(RowAnchors.anchorsARow(ownedLine: ["”)"], vocabulary: vocabulary), "a marker's remains above its value")
        XCTAssertFalse(RowAnchors.anchorsARow(ownedLine: ["(3)"], vocabulary: vocabulary), "a raised footnote marker")
        XCTAssertFalse(RowAnchors.anchorsARow(ownedLine: [".", "A"], vocabulary: vocabulary), "specks")
    }

    func testAnAmountOCRSetOnTwoLinesAnchorsOneRow() {
        // "110,4" at 521.8 and "8°" at 528.3 (a printed "110,489"); the next row at 563.
        XCTAssertEqual(RowAnchors.oneLinePerRow([563, 528.3, 521.8], tolerance: 8), [525.05, 563])
        XCTAssertEqual(RowAnchors.oneLinePerRow([100, 110, 120], tolerance: 8), [100, 110, 120], "rows a line apart stay rows")
    }

    func testAnOwnedLineOfLettersAloneNeedsAValueBesideIt() {
        typealias Value = RowAnchors.ValueLine
        // A row's date and code at 100; a speck read "te" at 130 under the row's last title line.
        let values = [Value(column: 1, midY: 100, hasDigit: true), Value(column: 2, midY: 101, hasDigit: false),
                      Value(column: 3, midY: 130, hasDigit: false, isHeading: true)]
        XCTAssertTrue(RowAnchors.isCorroborated(ownedLine: ["ou"], midY: 99, values: values, tolerance: 5),
                      "a damaged amount with its row's values")
        XCTAssertFalse(RowAnchors.isCorroborated(ownedLine: ["te"], midY: 130, values: values, tolerance: 5),
                       "a speck with nothing but heading words beside it")
        XCTAssertTrue(RowAnchors.isCorroborated(ownedLine: ["4,135"], midY: 130, values: [], tolerance: 5),
                      "an amount needs nothing beside it")
    }

    func testSpecksReadAsLettersAreDroppedFromOCRLayerCells() {
        func word(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Word {
            Word(text: text, rect: Rect(x0: x0, y0: y0, x1: x1, y1: y1))
        }
        let name = CellText(words: [word("Halvorsen", 40.8, 231.2, 78.4, 241.2), word("Holdings", 85.7, 231.6, 118.7, 241.6),
                                    word("Z", 106.8, 230.2, 107.4, 236.2), word("LLC", 126, 232, 139.8, 242)])
        XCTAssertEqual(name.withoutSpecks().text, "Halvorsen Holdings LLC", "small, and off the name's line")
        XCTAssertEqual(name.withoutSpecks().repairs, 1)
        let initial = CellText(words: [word("Chen", 35.5, 186.5, 52.4, 196.5), word("Kenji", 59.8, 186.5, 78, 196.5),
                                       word("J", 84.7, 186.5, 86.5, 196.5)])
        XCTAssertEqual(initial.withoutSpecks().text, "Chen Kenji J", "a middle initial stands on the line")
        let wide = CellText(words: [word("Haddad", 37.4, 185.3, 63.8, 196.3), word("Ingrid", 71.3, 185.3, 91.9, 196.3),
                                    word("A", 97.4, 185.3, 100.9, 196.3), word("a", 37.2, 197.2, 71, 203.2)])
        XCTAssertEqual(wide.withoutSpecks().text, "Haddad Ingrid A", "one letter 34 points wide")
        let prose = CellText(words: [word("is", 97, 295.9, 100, 302.9), word("a", 105.6, 295.9, 106.3, 302.9),
                                     word("member", 109.4, 295.9, 131.2, 302.9), word("(1)", 132, 294, 136, 298)])
        XCTAssertEqual(prose.withoutSpecks().text, "is a member", "a text layer's narrow box for a word on the line is kept, and so is a marker")
        XCTAssertEqual(prose.withoutSpecks().footnoteIds, ["F1"])
        XCTAssertEqual(CellText(text: "374Water Inc.").withoutSpecks().text, "374Water Inc.",
                       "a box read again as a block has no word boxes: none of its words is a speck")
    }

    func testAGhostLineOfSmallWordsOverAValueIsDropped() {
        // An underlined name read twice: a line of small words across the print's upper half.
        func word(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Word {
            Word(text: text, rect: Rect(x0: x0, y0: y0, x1: x1, y1: y1))
        }
        let name = CellText(words: [word("374Water", 237.5, 189.4, 272.4, 200.5), word("AW:", 247.6, 186.1, 259.6, 193.1),
                                    word("Inc.", 280, 186.5, 291.6, 193.5), word("Inc.", 288, 190, 291.2, 201.1)])
        XCTAssertEqual(name.withoutSpecks().text, "374Water Inc.")
        let plain = CellText(words: [word("Quantic", 40, 190, 70, 201), word("Inc.", 74, 190, 86, 201), word("(1)", 87, 188, 91, 194)])
        XCTAssertEqual(plain.withoutSpecks().text, "Quantic Inc.", "words side by side are no ghosts")
        XCTAssertEqual(plain.withoutSpecks().footnoteIds, ["F1"], "nor is a raised marker")
        XCTAssertEqual(plain.withoutSpecks().repairs, 0)
        let besideAMark = CellText(words: [word("Melkote", 36.5, 194.4, 65.5, 200.4), word(";", 90.2, 185.6, 90.8, 195.6),
                                           word("David", 73, 194.5, 93.4, 200.5)])
        XCTAssertEqual(besideAMark.withoutSpecks().text, "Melkote David", "a tall mark OCR boxed across a word is no print")
        let wrapped = CellText(words: [word("Chief", 433.4, 225, 452, 232), word("Technology", 433.2, 230.4, 476.6, 240.4),
                                       word("Officer", 480, 230.4, 505, 240.4)])
        XCTAssertEqual(wrapped.withoutSpecks().text, "Chief Technology Officer", "a word whose box only touches the one below is no ghost")
        let underDebris = CellText(words: [word("Ordinary", 367.7, 321.8, 385.6, 327.8), word("aoe", 370.6, 321.8, 381.6, 330.8)])
        XCTAssertTrue(underDebris.withoutSpecks().text.hasPrefix("Ordinary"), "debris narrower than the word it covers is no print")
        let titleAbove = CellText(words: [word("Chief", 447.4, 163.7, 465.6, 169.7), word("Accounting", 446.9, 167.1, 489.2, 178.1)])
        XCTAssertEqual(titleAbove.withoutSpecks().text, "Chief Accounting")
    }

    func testAPieceOfAWordReadASecondTimeInsideItsBoxIsDropped() {
        func word(_ text: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Word {
            Word(text: text, rect: Rect(x0: x0, y0: y0, x1: x1, y1: y1))
        }
        // A scan's text layer: "Trustee of 10% Owner", with a sliver of "10%" read again as "9".
        let title = CellText(words: [word("10%", 529, 165.1, 541.4, 174.1), word("9", 538.1, 166.6, 539.7, 172.6),
                                     word("Owner", 548.4, 165.3, 569.8, 174.3)])
        XCTAssertEqual(title.withoutSpecks().text, "10% Owner")
        XCTAssertEqual(title.withoutSpecks().repairs, 1)
        let marker = CellText(words: [word("1,250", 400, 300, 430, 309), word("(2)", 425, 300, 429, 305)])
        XCTAssertEqual(marker.withoutSpecks().footnoteIds, ["F2"], "a bracketed marker is never taken for a piece of a word")
        let amount = CellText(words: [word("12,500", 400, 300, 430, 309), word("7", 432, 300, 436, 309)])
        XCTAssertEqual(amount.withoutSpecks().text, "12,500 7", "words side by side both stay")
        let longBox = CellText(words: [word("Represents", 39.8, 616.3, 64.9, 622.3), word("Class", 69.6, 616.3, 100, 622.3),
                                       word("A", 84.7, 616.3, 86.2, 622.3), word("shares", 90, 616.3, 103.2, 622.3)])
        XCTAssertEqual(longBox.withoutSpecks().text, "Represents Class A shares", "a box drawn too long over words of the line's height")
    }

    func testAHyphenatedWordKeptApartByAStrayMarkIsJoined() {
        let cell = CellText(text: "/s/ Daniel Lindqvist, Attorney-in- | Fact").cleanedForOCR(prose: true)
        XCTAssertEqual(cell.text, "/s/ Daniel Lindqvist, Attorney-in-Fact")
        XCTAssertEqual(CellText(text: "Exhibit 24 - Power of Attorney.").cleanedForOCR(prose: true).text, "Exhibit 24 - Power of Attorney.")
        XCTAssertTrue(TrailerReader.looksLikeDate("06/19/2026"))
        XCTAssertFalse(TrailerReader.looksLikeDate("g9/49/2921"))
        XCTAssertFalse(TrailerReader.looksLikeDate("Attorney-in-Fact"))
    }

    func testSignaturesStandingCloseTogetherAreSplitByTheirDatesWhenTheDateLabelIsLost() {
        let trailer = page([
            line("Explanation of Responses:", x: 30, y: 200),
            line("1. Not applicable.", x: 30, y: 210),
            line("/s/ Elena Lindqvist", x: 361, y: 242) + line("06/19/2026", x: 500, y: 242),
            line("/s/ Ingrid Haddad, Attorney-in-", x: 361, y: 250) + line("06/18/2026", x: 500, y: 250),
            line("Fact", x: 361, y: 257),
            line("** Signature of Reporting Person", x: 361, y: 275),
        ])
        var record = Form4Record()
        TrailerReader(pages: [trailer]).read(into: &record)
        XCTAssertEqual(record.ownerSignatures.map(\.signatureName.value), [.string("/s/ Elena Lindqvist"), .string("/s/ Ingrid Haddad, Attorney-in-Fact")])
        XCTAssertEqual(record.ownerSignatures.map(\.signatureDate.value), [.string("2026-06-19"), .string("2026-06-18")])
    }

    /// A name wrapped in its cell, read again from the image as a block: its lines joined, a
    /// line ending in a hyphen running on into the next.
    func testAWrappedSignaturesLinesAreJoined() {
        func joined(_ lines: [String]) -> String {
            CellText(words: lines.enumerated().flatMap { row, line in
                syntheticWords(line, x: 361, y: 600 + 9 * Double(row), characterWidth: 4, height: 7, gap: 3)
            }).text
        }
        XCTAssertEqual(joined(["/s/ Grace Whitfield, Attorney-", "in-Fact"]), "/s/ Grace Whitfield, Attorney-in-Fact")
        XCTAssertEqual(joined(["Halvorsen Capital Partners LP, By:", "/s/ Samuel Patel"]),
                       "Halvorsen Capital Partners LP, By: /s/ Samuel Patel")
    }
}
