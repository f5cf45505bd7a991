import PDFText
import XCTest

/// Font names are interned: equal names are one value, and subset tags are not part of a name.
final class FontNameTests: XCTestCase {
    func testSubsetTagsAreDroppedAndEqualNamesAreOneValue() {
        XCTAssertEqual(FontName("AAAAAA+LiberationSerif").name, "LiberationSerif")
        XCTAssertEqual(FontName("QWERTY+LiberationSerif"), FontName("LiberationSerif"))
        XCTAssertNotEqual(FontName("LiberationSerif"), FontName("LiberationSerif-Bold"))
    }

    func testNamesThatOnlyLookLikeTagsAreKept() {
        XCTAssertEqual(FontName("Abcdef+Sans").name, "Abcdef+Sans")
        XCTAssertEqual(FontName("ABCDE+Sans").name, "ABCDE+Sans")
        XCTAssertEqual(FontName("ABCDEF+").name, "ABCDEF+")
        XCTAssertEqual(FontName("GlyphLessFont").name, "GlyphLessFont")
    }

    func testNoFontIsTheEmptyName() {
        XCTAssertEqual(FontName.none.name, "")
        XCTAssertEqual(FontName(""), .none)
        XCTAssertEqual(TextStyle.unknown.fontName, "")
    }
}
