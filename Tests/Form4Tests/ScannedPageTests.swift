import Foundation
import XCTest
import PDFText
@testable import Form4

/// Where a page's text comes from decides how it is read.
final class ScannedPageTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func firstPDF(in folder: String) throws -> String {
        let directory = Self.root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pdf") }.sorted()
        return directory.appendingPathComponent(try XCTUnwrap(names.first)).path
    }

    func testTextSourceTellsNativeOCRLayerAndImageOnlyApart() throws {
        let cases = [("Samples/rendered", TextSource.native), ("Samples/scan300", .ocrLayer),
                     ("Samples/edgar-real-scan", .ocrLayer)]
        for (folder, expected) in cases {
            let document = try PDFDocument(path: try firstPDF(in: folder))
            let page = try document.page(0)
            XCTAssertEqual(Form4Extractor.textSource(of: page.glyphs(), page: page), expected, folder)
        }
        let imageOnly = try PDFDocument(path: try firstPDF(in: "Samples/image-only")).page(0)
        XCTAssertTrue(imageOnly.glyphs().isEmpty)
        XCTAssertEqual(Form4Extractor.textSource(of: [], page: imageOnly), .ocr)
    }

    func testATableRuleOCRReadAsLettersIsDroppedButFlatWellReadWordsStay() {
        // A line of print 7 points high, and under it a rule tesseract read as "SSS al ——e".
        var words = (0..<24).map { Word(text: "word\($0)", rect: Rect(x0: Double($0) * 20, y0: 100, x1: Double($0) * 20 + 15, y1: 107), ocrConfidence: 0.9) }
        let rule = [("SSS", 0.40), ("al", 0.45), ("——e", 0.0), ("——", 0.1)].enumerated().map { index, reading in
            Word(text: reading.0, rect: Rect(x0: Double(index) * 60, y0: 110, x1: Double(index) * 60 + 50, y1: 110.6), ocrConfidence: reading.1)
        }
        // Tesseract now and then boxes a word it read well in a sliver.
        let sliver = Word(text: "Reporting", rect: Rect(x0: 500, y0: 100, x1: 500.5, y1: 100.7), ocrConfidence: 0.92)
        words += rule + [sliver]
        let kept = Form4Extractor.removingRuleReadings(words).map(\.text)
        XCTAssertFalse(kept.contains("SSS") || kept.contains("al") || kept.contains("——e"))
        XCTAssertTrue(kept.contains("——"), "dashes are flat by nature")
        XCTAssertTrue(kept.contains("Reporting"))
        XCTAssertEqual(kept.filter { $0.hasPrefix("word") }.count, 24)
        // A text layer's words carry no confidence: none is dropped.
        let layer = words.map { Word(text: $0.text, rect: $0.rect) }
        XCTAssertEqual(Form4Extractor.removingRuleReadings(layer).count, layer.count)
    }

    func testAWordTesseractReadTwiceOverItselfIsKeptOnce() {
        // Two overlapping lines of one line of print: "Haddad Haddad David David J J [ [".
        func word(_ text: String, _ x: Double, _ y: Double, _ height: Double) -> Word {
            Word(text: text, rect: Rect(x0: x, y0: y, x1: x + Double(text.count) * 5, y1: y + height), ocrConfidence: 0.9)
        }
        let first = [word("Haddad", 39, 129.4, 7.4), word("David", 72, 129.4, 7.4), word("J", 99, 129.4, 7.4), word("[", 200, 129.4, 7.4)]
        let second = [word("Haddad", 38, 130.6, 10.3), word("David", 71, 130.6, 10.3), word("J", 98, 130.6, 10.3), word("[", 199, 130.6, 10.3)]
        let kept = Form4Extractor.removingWordsReadTwice(zip(first, second).flatMap { [$0, $1] }).map(\.text)
        XCTAssertEqual(kept, ["Haddad", "David", "J", "[", "["], "marks read twice stay")
        let apart = [word("J", 99, 129.4, 7.4), word("J", 140, 129.4, 7.4)]
        XCTAssertEqual(Form4Extractor.removingWordsReadTwice(apart).count, 2, "the same letter twice in a line is no repeat")
        // Two footnotes opening with "The", one under the other, their boxes touching (200 dpi text layer).
        let stacked = [Word(text: "The", rect: Rect(x0: 33.9, y0: 642.4, x1: 40.6, y1: 651.4)),
                       Word(text: "The", rect: Rect(x0: 33.9, y0: 650.7, x1: 40.4, y1: 659.7))]
        XCTAssertEqual(Form4Extractor.removingDuplicates(stacked).count, 2, "words of two lines are no repeat")
    }

    /// A real EDGAR page printed and scanned at 200 dpi, its print faint: box 2 read again as a
    /// block keeps "Inc.", and the marker after "757,576", whose digits break apart at the
    /// fixed ink level, is found at the cell's own print level.
    func testFaintRealScanIsReadInFull() throws {
        let path = try firstPDF(in: "Samples/edgar-real-scan")
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        let truthPath = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("xml")
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: truthPath).first)
        let wrong = EvalComparison.compare(extracted: form, truth: truth).filter { !($0.valueCorrect && $0.footnotesCorrect) }
        XCTAssertEqual(wrong.map(\.path), [])
        XCTAssertEqual(form.issuer.issuerName.value, .string("374Water Inc."))
    }

    /// A wrapped title whose first line stands just under the rule that ends the row above
    /// (nearer that row's one-line values than its own) is its own row's, as the rules show.
    func testAWrappedTitleLineGoesToTheRowItsRulesEnclose() throws {
        let path = Self.root.appendingPathComponent("Samples/image-only/f0079-x0508-letter-s95-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        let titles = form.nonDerivativeTable.map(\.securityTitle.value)
        XCTAssertEqual(titles[3], .string("Class B Common Stock"))
        // Both of the title's lines are row 4's. (Its last word, a lone "S" after the descender of
        // "Ordinary", is at times taken for a raised marker: that is not what this test pins.)
        let title = try XCTUnwrap(titles[4].xmlText)
        XCTAssertTrue(title.hasPrefix("American Depositary Shares, each representing two Ordinary"), title)
    }

    /// A joint filer's relationship label whose "1." OCR read as the table rule before it ("|
    /// Relationship of ..."): the rule is no part of the label, which is found beside the name.
    func testAJointFilersRelationshipIsFoundPastARuleReadAsABar() throws {
        let path = Self.root.appendingPathComponent("Samples/image-only/f0078-x0508-letter-s100-ckimg-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        let second = try XCTUnwrap(form.reportingOwners.dropFirst().first)
        XCTAssertEqual(second.isOfficer.value, .bool(true))
        XCTAssertEqual(second.isDirector.value, .bool(false))
        XCTAssertEqual(second.officerTitle.value, .string("Chief Accounting Officer"))
    }

    /// A footnote marker printed in place of a value, so pale on a 200 dpi scan that its
    /// darkest grey is some 50 levels off the paper: it is still a marker, and names its footnote.
    func testAPaleMarkerAloneInACellNamesItsFootnote() throws {
        let path = Self.root.appendingPathComponent("Samples/scan200-noisy/f0065-x0508-a4-s100-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        let exerciseDate = try XCTUnwrap(XCTUnwrap(form.derivativeTable.first).exerciseDate)
        XCTAssertEqual(exerciseDate.value, .null)
        XCTAssertEqual(exerciseDate.footnoteIds, ["F2"])
    }

    /// The signature line's underline runs through the name's descenders, and the text layer
    /// kept only "iC s" of "/s/ Carlos Sorensen": the name is read again from the image, left of
    /// its date, and goes to review.
    func testASignatureTheLayerLostIsReadAgainFromTheImage() throws {
        let path = Self.root.appendingPathComponent("Samples/scan200-noisy/f0070-x0609-4a-letter-s85-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        let signature = try XCTUnwrap(form.ownerSignatures.first)
        XCTAssertEqual(signature.signatureName.value, .string("/s/ Carlos Sorensen"))
        XCTAssertEqual(signature.signatureName.method, "reread")
        XCTAssertLessThan(signature.signatureName.confidence, 0.85)
        XCTAssertEqual(signature.signatureDate.value, .string("2026-10-06"))
    }

    /// The first reporting owner of the first form read from a sample (path from the package root).
    private func firstOwner(ofSample sample: String) throws -> ReportingOwner {
        let path = Self.root.appendingPathComponent(sample).path
        return try XCTUnwrap(Form4Extractor().extract(path: path).forms.first?.reportingOwners.first)
    }

    /// The text layer holds "1600 AMPHITHEATRE PKWY" but nothing of "SUITE 200" printed as
    /// clearly under it: the line of print there is read from the image, and goes to review.
    func testAStreetLineTheLayerLostIsReadAgainFromTheImage() throws {
        let owner = try firstOwner(ofSample: "Samples/scan200-noisy/f0061-x0508-a4-s100-200dpi.pdf")
        XCTAssertEqual(owner.rptOwnerStreet1.value, .string("1600 AMPHITHEATRE PKWY"))
        XCTAssertEqual(owner.rptOwnerStreet2.value, .string("SUITE 200"))
        XCTAssertEqual(owner.rptOwnerStreet2.method, "reread")
        XCTAssertLessThan(owner.rptOwnerStreet2.confidence, 0.85)
        XCTAssertEqual(owner.rptOwnerCity.value, .string("DENVER"))
    }

    /// The text layer made "aoa" of the ZIP code of "WILMINGTON DELAWARE 19801": the line is
    /// read again from the image, whole, and split into city, state and ZIP code, in review.
    func testACityLineTheLayerGarbledIsReadAgainFromTheImage() throws {
        let owner = try firstOwner(ofSample: "Samples/scan200-noisy/f0064-x0609-letter-s100-200dpi.pdf")
        XCTAssertEqual(owner.rptOwnerCity.value, .string("WILMINGTON"))
        XCTAssertEqual(owner.rptOwnerState.value, .string("DE"))
        XCTAssertEqual(owner.rptOwnerZipCode.value, .string("19801"))
        XCTAssertEqual(owner.rptOwnerZipCode.method, "reread")
        XCTAssertLessThan(owner.rptOwnerZipCode.confidence, 0.85)
        // "AUSTIN ™ 78701": the state is taken from the second reading, "AUSTIN TX 7B701"; the
        // ZIP code the first read right stays.
        let second = try firstOwner(ofSample: "Samples/scan200-noisy/f0069-x0306-letter-s80-200dpi.pdf")
        XCTAssertEqual(second.rptOwnerState.value, .string("TX"))
        XCTAssertEqual(second.rptOwnerZipCode.value, .string("78701"))
    }

    /// The text layer read box 3's date as two specks ("i", "eee") that cover only its first
    /// characters: read again, the whole box is looked at, and the year is read in full (the
    /// specks' own box gave "12/25/20", taken as 2020).
    func testBox3sDateTheLayerLostIsReadAgainAcrossTheWholeBox() throws {
        let path = Self.root.appendingPathComponent("Samples/scan200-noisy/f0071-x0508-letter-s100-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: path).forms.first)
        XCTAssertEqual(form.periodOfReport.value, .string("2025-12-25"))
        XCTAssertEqual(form.periodOfReport.method, "reread")
        XCTAssertLessThan(form.periodOfReport.confidence, 0.85)
    }

    func testImageOnlyPageIsReadByOCR() throws {
        let path = try firstPDF(in: "Samples/image-only")
        let result = Form4Extractor().extract(path: path)
        XCTAssertEqual(result.status, .ok)
        let form = try XCTUnwrap(result.forms.first)
        XCTAssertEqual(form.textSource, .ocr)
        XCTAssertFalse(form.issuer.issuerName.value.isNull)
        XCTAssertLessThan(form.confidence, 0.99, "OCR readings are never as certain as a text layer")
        // Readings tesseract was sure of are not read again: they keep the confidence they were
        // read with, so that what it got wrong all the same still goes to review.
        let truthPath = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("xml")
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: truthPath).first)
        let wrong = EvalComparison.compare(extracted: form, truth: truth).filter { !($0.valueCorrect && $0.footnotesCorrect) }
        XCTAssertGreaterThan(wrong.count, 0)
        XCTAssertEqual(wrong.filter { $0.confidence < 0.9 }.count, wrong.count, "every wrong field is marked for review")
    }

    func testABlankPageIsNotAForm() throws {
        // A page with nothing on it: no text layer, no ink for OCR to read.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("form4-blank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blank = folder.appendingPathComponent("blank.pdf")
        try Self.blankPDF().write(to: blank)
        let result = Form4Extractor().extract(path: blank.path)
        XCTAssertEqual(result.status, .notForm4)
        XCTAssertEqual(result.pageCount, 1)
    }

    static func blankPDF() -> Data {
        let objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                       "<< /Length 0 >>\nstream\n\nendstream"]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }

    func testFirstTableRowOfAnOCRedPageIsNotTakenForTheHeader() throws {
        // Tesseract's boxes are tight to the ink: the first row's line touches the header's last
        // line ("(Instr. 3 and 4)"). Every row of the truth must be read, first and last in place.
        let directory = Self.root.appendingPathComponent("Samples/image-only")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pdf") }.sorted()
        for name in names where name.contains("200dpi") {
            let pdf = directory.appendingPathComponent(name)
            let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml")).first)
            let form = try XCTUnwrap(Form4Extractor().extract(path: pdf.path).forms.first)
            XCTAssertEqual(form.nonDerivativeTable.count, truth.nonDerivativeTable.count, name)
            XCTAssertEqual(form.nonDerivativeTable.first?.sharesOwnedFollowingTransaction.value,
                           truth.nonDerivativeTable.first?.sharesOwnedFollowingTransaction.value, name)
        }
    }

    func testWhatAScanGetsWrongGoesToReview() throws {
        // Cells whose rules were not all found, markers seen but not read and the 10b5-1 box
        // whose label OCR may have lost stay below the review threshold however readings agree.
        let directory = Self.root.appendingPathComponent("Samples/scan300")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pdf") }.sorted()
        var wrong = 0, flagged = 0
        for name in names.prefix(4) {
            let pdf = directory.appendingPathComponent(name)
            let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml")).first)
            let form = try XCTUnwrap(Form4Extractor().extract(path: pdf.path).forms.first)
            for outcome in EvalComparison.compare(extracted: form, truth: truth) where !(outcome.valueCorrect && outcome.footnotesCorrect) {
                wrong += 1
                if outcome.confidence < 0.9 { flagged += 1 }
            }
        }
        XCTAssertGreaterThan(wrong, 0)
        XCTAssertEqual(flagged, wrong, "every wrong field of these scans is marked for review")
    }
    func testCodeTheLayerMisreadIsTakenFromTwoReadingsOfTheImage() throws {
        // This scan's OCR layer reads Table I's first code, a printed "C" with marker (1), as a
        // "G". Tesseract reads the cell's image as "C" but unsure; a third reading in black and
        // white agrees with it, so "C" is kept, as a re-read that goes to review.
        let directory = Self.root.appendingPathComponent("Samples/scan300")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .first { $0.hasPrefix("f0047") && $0.hasSuffix(".pdf") })
        let pdf = directory.appendingPathComponent(name)
        let truth = try XCTUnwrap(OwnershipXML.read(contentsOf: pdf.deletingPathExtension().appendingPathExtension("xml")).first)
        let form = try XCTUnwrap(Form4Extractor().extract(path: pdf.path).forms.first)
        let code = try XCTUnwrap(form.nonDerivativeTable.first?.transactionCode)
        XCTAssertEqual(code.value, truth.nonDerivativeTable.first?.transactionCode.value)
        XCTAssertEqual(code.value, .string("C"))
        XCTAssertEqual(code.footnoteIds, ["F1"])
        XCTAssertEqual(code.method, "reread")
        XCTAssertLessThan(code.confidence, 0.9)
    }

    /// A cell read on its own, twice enlarged, may come out unread or misread where the same
    /// pixels at the page image's own size read right: such a cell is looked at once more at
    /// that size, and two readings that agree decide. The field stays in review.
    func testACellTheEnlargedReadingLostIsReadAtThePagesOwnSize() throws {
        // Image-only, 200 dpi: Table II's first row prints "04/26/2030" and "29,878.8" in small
        // type. Page OCR made "oa2e2030|°2™™" and "29,8788" of them; twice enlarged, tesseract
        // read nothing of the date and "29.8788" of the amount.
        let scan = Self.root.appendingPathComponent("Samples/image-only/f0078-x0508-letter-s100-ckimg-200dpi.pdf").path
        let row = try XCTUnwrap(Form4Extractor().extract(path: scan).forms.first?.derivativeTable.first)
        let expiration = try XCTUnwrap(row.expirationDate)
        XCTAssertEqual(expiration.value, .string("2030-04-26"))
        XCTAssertEqual(row.sharesOwnedFollowingTransaction.value, .number(Decimal(string: "29878.8")!))
        // OCR layer, 200 dpi: the layer read "26" where "236" is printed; the enlarged cell gave
        // nothing, the cell at the page's size "236".
        let layered = Self.root.appendingPathComponent("Samples/scan200-noisy/f0069-x0306-letter-s80-200dpi.pdf").path
        let form = try XCTUnwrap(Form4Extractor().extract(path: layered).forms.first)
        let owned = try XCTUnwrap(form.derivativeTable.dropFirst(3).first?.sharesOwnedFollowingTransaction)
        XCTAssertEqual(owned.value, .number(236))
        XCTAssertEqual(owned.method, "reread")
        for field in [expiration, row.sharesOwnedFollowingTransaction, owned] {
            XCTAssertLessThan(field.confidence, 0.9, "a reading that outvoted another goes to review")
        }
    }
}
