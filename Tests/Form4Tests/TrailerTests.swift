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
            line("S e 25% of the shares vest on the first anniversary of the grant date and the balance vests in", x: 29, y: 530),
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
    }
}
