import XCTest
@testable import Form4
import PDFText

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
    }

    func testWordsThatDoNotReadAsAUSAddressAreLeftToTheirPlaces() {
        XCTAssertNil(split("TORONTO ONTARIO M5V3L9"), "no US ZIP code")
        XCTAssertNil(split("NY 10022"), "no city in front")
        XCTAssertNil(split("SPRINGFIELD XQ 12345"), "XQ is no state")
    }
}
