import XCTest
import Layout
import PDFText
@testable import Form4

/// Labels printed once per reporting person: on OCR text, one owner's exact label must not hide
/// another's damaged one, and a damaged label is one place however many words it is found from.
final class RepeatedLabelTests: XCTestCase {
    func ocrPage(_ lines: [(String, Double)]) -> FormPage {
        let words = lines.flatMap { syntheticWords($0.0, x: 30, y: $0.1, characterWidth: 4, height: 7, gap: 2.5) }
        return FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocr, words: words),
                        pdfPage: nil)
    }

    func testAnAdditionalOwnersDamagedLabelIsFoundBesideBox1sExactOne() {
        let page = ocrPage([("1. Name and Address of Reporting Person", 160), ("Smith John", 175),
                            ("L Name and Address of Reporting Person", 500), ("Blue Harbor Fund", 515)])
        let found = page.all(FormLabels.nameAndAddress)
        XCTAssertEqual(found.map { Int($0.rect.y0) }, [160, 500], "both owners' labels, each once")
    }

    func testADamagedLabelFarFromExactIsNotTakenWhereAnExactOneStands() {
        let page = ocrPage([("1. Name and Address of Reporting Person", 160), ("Names and addresses of persons", 500)])
        XCTAssertEqual(page.all(FormLabels.nameAndAddress).count, 1)
    }
}
