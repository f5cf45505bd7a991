import XCTest
@testable import Form4

/// A scan's footnotes read a second time from the page image: each keeps the reading with more
/// plain words, and a footnote only the second reading found is taken when it reads as words.
final class FootnoteRereadTests: XCTestCase {
    let respelling = ProseRespelling(lexicon: ProseLexicon(
        common: ["the", "reported", "securities", "are", "held", "in", "a", "brokerage", "account", "bona", "fide",
                 "gift", "to", "charitable", "organization", "for", "no", "consideration", "not", "applicable"],
        rare: []))

    func note(_ number: Int, _ text: String) -> Footnote {
        Footnote(id: "F\(number)", text: Field(value: .string(text), confidence: 0.8))
    }

    func testTheReadingWithMorePlainWordsIsKept() {
        let layer = [note(1, "Bona fide gift to a charitable organization for no consideration."),
                     note(2, "The repared securities are held in a brokerage account.")]
        let again = [note(1, "Bona fide gift w 4 charitable organization for no consideration."),
                     note(2, "The reported securities are held in a brokerage account.")]
        let merged = TrailerReader.merged(layer, again, respelling: respelling)
        XCTAssertEqual(merged.map { $0.text.value }, [layer[0].text.value, again[1].text.value], "each keeps its words")
        XCTAssertEqual(merged[1].text.method, "reread", "the field says which reading it holds")
        XCTAssertNil(merged[0].text.method)
    }

    func testWordsOneReadingMisreadAreTakenFromTheOther() {
        XCTAssertEqual(ReadingMerge.wordMerged("The repared securities are held in a brokerage account.",
                                                "The reported securities are held ina brokerage accom.", respelling: respelling),
                       "The reported securities are held in a brokerage account.", "words the other lacks or misread stay")
        XCTAssertEqual(ReadingMerge.wordMerged("Bona fide gift w 4 charitable", "Bona fide gift to a charitable", respelling: respelling),
                       "Bona fide gift w 4 charitable", "one-letter words are not told apart by the dictionary")
        XCTAssertEqual(ReadingMerge.wordMerged("The securities are held", "The brokerage are held", respelling: respelling),
                       "The securities are held", "a word read as a word stays")
        let layer = [note(1, "The repared securities are held in a brokerage account.")]
        let again = [note(1, "The reported securities are held ina brokerage accom.")]
        XCTAssertEqual(TrailerReader.merged(layer, again, respelling: respelling).first?.text.value,
                       .string("The reported securities are held in a brokerage account."))
    }

    func testAFootnoteTheLayerLostIsTakenOnlyWhenItReadsAsWords() {
        let layer = [note(2, "The reported securities are held in a brokerage account.")]
        let found = TrailerReader.merged(layer, [note(1, "Bona fide gift to a charitable organization for no consideration.")],
                                         respelling: respelling)
        XCTAssertEqual(found.map(\.id), ["F1", "F2"])
        let garbage = TrailerReader.merged(layer, [note(1, "Bnoa fdie gfit ot a chrtbl orgnztn.")], respelling: respelling)
        XCTAssertEqual(garbage.map(\.id), ["F2"])
        let beyond = TrailerReader.merged(layer, [note(9, "Not applicable.")], respelling: respelling)
        XCTAssertEqual(beyond.map(\.id), ["F2"], "a number far past the last footnote is a misreading")
    }

    func testFootnotesOfPlainWordsNumberedWithoutAGapAreNotReadAgain() {
        let good = [note(1, "Not applicable."), note(2, "The reported securities are held in a brokerage account.")]
        XCTAssertTrue(TrailerReader.areTrusted(good, respelling: respelling))
        XCTAssertFalse(TrailerReader.areTrusted([good[1]], respelling: respelling), "footnote 1 is missing")
        XCTAssertFalse(TrailerReader.areTrusted([good[0], note(2, "The repared securities are held.")], respelling: respelling))
        XCTAssertEqual(TrailerReader.wordShare("The repared securities (1) 2025", respelling: respelling), 2.0 / 3.0, accuracy: 1e-9)
    }

    /// Page OCR lost footnote 2's number: its text ran on into footnote 1, and the footnotes after
    /// it were counted one short. The block reading kept every number: the first reading's texts
    /// take the numbers the second gives them, and the run-on footnote gives way to the second's.
    func testFootnotesCountedShortAfterALostNumberTakeTheNumbersOfTheSecondReading() {
        let held = "The reported securities are held in a brokerage account."
        let gift = "Bona fide gift to a charitable organization for no consideration."
        let layer = [note(1, held + " " + gift), note(2, "Not applicable."), note(3, "The securities are held for the account of a trust.")]
        let again = [note(1, held), note(2, gift), note(3, "Not applicable."), note(4, "The securities are held for the account of a trust.")]
        let merged = TrailerReader.merged(TrailerReader.renumbered(layer, by: again), again, respelling: respelling)
        XCTAssertEqual(merged.map(\.id), ["F1", "F2", "F3", "F4"])
        XCTAssertEqual(merged.map { $0.text.value }, again.map { $0.text.value })
    }

    /// The second reading took footnote 3's number for part of the line before ("... account.
    /// LA. The shares ..."), and numbered footnote 3's text 2: that text is read for footnote 3,
    /// and footnote 2 keeps its own text.
    func testASecondReadingsTextIsMatchedToTheFootnoteItIsNotToItsSlippedNumber() {
        let respelling = ProseRespelling(lexicon: ProseLexicon(
            common: ["the", "reported", "securities", "are", "held", "in", "a", "brokerage", "account", "bona", "fide", "gift",
                     "shares", "were", "withheld", "by", "issuer", "to", "satisfy", "tax", "withholding", "obligations"],
            rare: []))
        let gift = "Bona fide gift."
        let layer = [note(1, gift), note(2, "The repared securities are held in a brokerage account."),
                     note(3, "The shares were withbeld by the Issuer to satisfy tax withholding obligations.")]
        let again = [note(1, gift + " LA. The reported securities are held in a brokerage account."),
                     note(2, "The shares were withheld by the Issuer to satisfy tax withholding obligations.")]
        let merged = TrailerReader.merged(layer, again, respelling: respelling)
        XCTAssertEqual(merged.map(\.id), ["F1", "F2", "F3"])
        XCTAssertEqual(merged[1].text.value, layer[1].text.value, "footnote 2 keeps the text of its own")
        XCTAssertEqual(merged[2].text.value, .string("The shares were withheld by the Issuer to satisfy tax withholding obligations."))
        XCTAssertEqual(merged[2].text.method, "reread")
    }

    /// A second reading that found fewer footnotes, or numbers them with a gap, renumbers nothing.
    func testASecondReadingThatLostAFootnoteRenumbersNothing() {
        let layer = [note(1, "Bona fide gift to a charitable organization."), note(2, "Not applicable."),
                     note(3, "The reported securities are held in a brokerage account.")]
        let fewer = [note(1, "Bona fide gift to a charitable organization."), note(2, "The reported securities are held in a brokerage account.")]
        XCTAssertEqual(TrailerReader.renumbered(layer, by: fewer).map(\.id), ["F1", "F2", "F3"])
        let gap = [note(1, "Bona fide gift to a charitable organization."), note(2, "Not applicable."),
                   note(4, "The reported securities are held in a brokerage account.")]
        XCTAssertEqual(TrailerReader.renumbered(layer, by: gap).map(\.id), ["F1", "F2", "F3"])
    }
}
