import Foundation

/// The English words prose on a scanned form is checked against (footnotes, remarks): OCR's
/// misreadings of a word are mostly no word at all ("beld", "wnit", "resiricted"), and the word
/// a letter or two away is what was printed (`ProseRespelling`).
///
/// Two tiers, because a misreading is sometimes a rare word ("yest", "satiety"): *common* words
/// (Debian's `wamerican-small`, SCOWL size 35, plus the vocabulary of Form 4 footnotes) and
/// *rare* ones (the rest of `wamerican`, SCOWL size 50). A rare word read where a common one is a
/// single typical confusion away is taken for that common word.
public struct ProseLexicon: Sendable {
    /// Lower-case words by tier (entries with capitals or other letters are left out).
    public let common: Set<String>
    public let rare: Set<String>
    /// Every word as bytes, by length, for the search of near words: (bytes, word, isCommon).
    let byLength: [Int: [(bytes: [UInt8], word: String, common: Bool)]]

    public init<C: Sequence, R: Sequence>(common: C, rare: R) where C.Element == String, R.Element == String {
        // Capitalised entries are names ("Bob", "Will"): lower-cased they would make OCR's
        // misreadings of common words look like words.
        let common = Set(common.filter(Self.isPlainWord))
        let rare = Set(rare.filter(Self.isPlainWord)).subtracting(common)
        var byLength: [Int: [(bytes: [UInt8], word: String, common: Bool)]] = [:]
        for (words, isCommon) in [(common, true), (rare, false)] {
            for word in words {
                let bytes = Array(word.utf8)
                byLength[bytes.count, default: []].append((bytes, word, isCommon))
            }
        }
        self.common = common
        self.rare = rare
        self.byLength = byLength
    }

    /// Words of lower-case ASCII letters, with an apostrophe ("issuer's") or hyphen at most
    /// inside: what respelling can produce.
    static func isPlainWord(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 39 || $0 == 45 }
    }

    /// Whether `word` (lower-case) is a word of either tier.
    public func contains(_ word: String) -> Bool { common.contains(word) || rare.contains(word) }

    /// Where the system's word lists stand (Debian packages `wamerican-small` and `wamerican`).
    public static let commonListPath = "/usr/share/dict/american-english-small"
    public static let fullListPath = "/usr/share/dict/american-english"

    /// The words of Form 4 footnotes and remarks that general word lists lack: the securities
    /// law vocabulary of the form and its instructions.
    public static let formVocabulary: [String] = """
        issuer issuer's issuers issuers' exercisable unexercisable nonqualified non-qualified
        reportable tranche tranches unvested forfeitable grantee grantees beneficially pecuniary
        disclaims disclaimer vesting vests vested withholding installments installment
        restricted certification performance-based time-based pro rata rata nonderivative
        derivative derivatives underlying reporting co-trustee trustee trustees custodian
        grantor annuity indirectly directly weighted-average subsidiary subsidiaries
        affiliate affiliates affiliated llc partnership partnerships settlement settled
        bona fide de minimis inter vivos per annum
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// The system's lists with the form's vocabulary, read once; nil where the lists are not
    /// installed (`make deps` installs them): prose is then left as OCR read it.
    public static let system: ProseLexicon? = {
        guard let full = try? String(contentsOfFile: fullListPath, encoding: .utf8) else { return nil }
        let small = (try? String(contentsOfFile: commonListPath, encoding: .utf8)) ?? ""
        let lines = { (text: String) in text.split(whereSeparator: \.isNewline).map(String.init) }
        return ProseLexicon(common: lines(small) + formVocabulary, rare: lines(full))
    }()
}
