import XCTest
@testable import Form4
import PDFText
import Layout

/// Box 1's city, state and ZIP code when a print no longer sets them under their labels.
final class OwnerAddressTests: XCTestCase {
    private func words(_ text: String) -> [Word] {
        text.split(separator: " ").enumerated().map { index, token in
            Word(text: String(token), rect: Rect(x0: Double(index) * 40, y0: 100, x1: Double(index) * 40 + 30, y1: 108))
        }
    }

    private func split(_ text: String) -> [String]? {
        OwnerReader.splitCityStateZip(words(text)).map { parts in
            [parts.city, parts.state, parts.zip].map { $0.map(\.text).joined(separator: " ") }
        }
    }

    func testCityStateAndZipAreToldApartByWhatTheyAre() {
        XCTAssertEqual(split("NEW YORK NY 10022"), ["NEW YORK", "NY", "10022"])
        XCTAssertEqual(split("MORRISVILLE NC 27560"), ["MORRISVILLE", "NC", "27560"])
        XCTAssertEqual(split("RALEIGH NORTH CAROLINA 27601-1234"), ["RALEIGH", "NORTH CAROLINA", "27601-1234"])
        XCTAssertEqual(split("SAN JOSE CALIFORNIA 95113"), ["SAN JOSE", "CALIFORNIA", "95113"])
        // A ZIP code OCR lost a digit of still ends the line: the city and state are told apart.
        XCTAssertEqual(split("PALO ALTO CA 9430"), ["PALO ALTO", "CA", "9430"])
        XCTAssertNil(split("PALO ALTO CA 94"), "no ZIP code's remains")
    }

    /// Box 1 of a scan as OCR leaves it: `streetLabel` stands where "(Street)" was printed, and a
    /// dash of box 6's checkbox under the city's line where `speckBelow`.
    private func scannedBox1(street: String = "4 TECHNOLOGY PARK DRIVE", streetLabel: String?, cityLineLevelWithLabel: Bool = false,
                             speckBelow: Bool = false) -> ReportingOwner {
        func line(_ text: String, _ y: Double) -> [Word] { syntheticWords(text, x: 36, y: y, characterWidth: 4, height: 7, gap: 3) }
        var words = line("1. Name and Address of Reporting Person", 170) + line("Yamamoto Li J", 185)
            + line("(Last) (First) (Middle)", 200) + line(street, 215) + line("SUITE 200", 226)
            + line("(City) (State) (Zip)", 262)
        if let streetLabel { words += line(streetLabel, 238) }
        if speckBelow { words += syntheticWords("—", x: 190, y: 259, characterWidth: 4, height: 7, gap: 3) }
        words += syntheticWords("CHICAGO IL 60606", x: cityLineLevelWithLabel ? 80 : 36, y: cityLineLevelWithLabel ? 240 : 249,
                                characterWidth: 4, height: 7, gap: 3)
        let page = FormPage(text: PageText(number: 1, bounds: Rect(x0: 0, y0: 0, x1: 612, y1: 792), source: .ocr, words: words),
                            pdfPage: nil)
        let label = page.first(FormLabels.nameAndAddress)!
        return OwnerReader(page: page).read(nameLabel: label, nameRegion: Rect(x0: 30, y0: 170, x1: 220, y1: 280), relationship: nil)
    }

    func testAnAddressIsReadWhereOCRGarbledTheStreetLabel() {
        for remains in ["Se)", "(Sheet", nil] {
            let owner = scannedBox1(streetLabel: remains)
            XCTAssertEqual(owner.rptOwnerStreet1.value, .string("4 TECHNOLOGY PARK DRIVE"), "\(remains ?? "no label")")
            XCTAssertEqual(owner.rptOwnerStreet2.value, .string("SUITE 200"), "\(remains ?? "no label")")
            XCTAssertEqual(owner.rptOwnerCity.value, .string("CHICAGO"), "\(remains ?? "no label")")
            XCTAssertEqual(owner.rptOwnerZipCode.value, .string("60606"), "\(remains ?? "no label")")
        }
    }

    func testAStreetNamedStreetIsNoStreetLabelWhereOCRDamagedTheLabel() {
        // "STREET" is spelled exactly; the label, "(Steet)", is not: the parentheses tell them apart.
        let owner = scannedBox1(street: "1 MARKET STREET", streetLabel: "(Steet)")
        XCTAssertEqual(owner.rptOwnerStreet1.value, .string("1 MARKET STREET"))
        XCTAssertEqual(owner.rptOwnerStreet2.value, .string("SUITE 200"))
        XCTAssertEqual(owner.rptOwnerCity.value, .string("CHICAGO"))
    }

    func testAStreetNamedStreetIsNoLabelWhereOCRLostTheLabelWhole() {
        // "(Street)" read as a word of no likeness; "STREET" in capitals is the address's.
        let owner = scannedBox1(street: "500 BOYLSTON STREET", streetLabel: "faye", speckBelow: true)
        XCTAssertEqual(owner.rptOwnerStreet1.value, .string("500 BOYLSTON STREET"))
        XCTAssertEqual(owner.rptOwnerStreet2.value, .string("SUITE 200"))
        XCTAssertEqual(owner.rptOwnerCity.value, .string("CHICAGO"))
        XCTAssertEqual(owner.rptOwnerZipCode.value, .string("60606"))
    }

    func testCityLineLevelWithTheStreetLabelIsStillTheCitys() {
        let owner = scannedBox1(streetLabel: "(Street)", cityLineLevelWithLabel: true)
        XCTAssertEqual(owner.rptOwnerStreet2.value, .string("SUITE 200"))
        XCTAssertEqual(owner.rptOwnerCity.value, .string("CHICAGO"))
        XCTAssertEqual(owner.rptOwnerState.value, .string("IL"))
    }

    func testWordsThatDoNotReadAsAUSAddressAreLeftToTheirPlaces() {
        XCTAssertNil(split("TORONTO ONTARIO M5V3L9"), "no US ZIP code")
        XCTAssertNil(split("NY 10022"), "no city in front")
        XCTAssertNil(split("SPRINGFIELD XQ 12345"), "XQ is no state")
    }
}
