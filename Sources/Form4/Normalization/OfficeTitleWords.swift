/// Officers' titles in box 5 are written in a small vocabulary ("Chief Financial Officer",
/// "EVP, General Counsel", "Corporate Secretary", "Chairman and CEO"). On a scan, the title's
/// words tell what OCR's debris around them was: a small word between two of the title's
/// capitalised words is a speck ("Chief ee Financial Officer"); the end of a title word opening
/// the title is that word with its start lost ("rate Secretary" is "Corporate Secretary"); and
/// debris before "Financial Officer" is what OCR made of "Chief" ("wale Accounting Officer").
extension ValueParsing {
    /// What a "Chief … Officer" is chief of: the word between the two.
    static let chiefOfficeFunctions: Set<String> = """
        executive financial operating technology accounting legal information marketing commercial
        medical scientific compliance revenue people investment risk strategy administrative business
        product digital data security innovation growth customer development communications
        sustainability transformation science technical research
        """.split(whereSeparator: \.isWhitespace).reduce(into: []) { $0.insert(String($1)) }

    /// The words of officers' titles, lower-case.
    static let officeTitleWords: Set<String> = chiefOfficeFunctions.union("""
        chief officer president vice senior general counsel secretary corporate treasurer controller
        chairman chairwoman director managing partner member principal interim acting global group
        founder resources operations sales engineering affairs regulatory clinical manufacturing
        international division regional assistant deputy independent trustee human
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Small words a title writes between its capitalised words ("Chairman and CEO", "Vice
    /// President of Sales").
    static let officeTitleJoiningWords: Set<String> = ["and", "of", "for", "the", "to", "in", "on", "at", "by", "&", "de"]

    /// Shortest end of a title word taken for that word with its start lost.
    static let minTitleWordEnd = 4

    /// `tokens` (a title with its debris at the ends taken out; `debrisBefore`: some was, before
    /// its first word) with the office's words put right as the type comment says; nil where
    /// nothing changed.
    static func withOfficeWordsRestored(_ tokens: [String], debrisBefore: Bool) -> [String]? {
        var words = tokens
        // Specks between two of the title's capitalised words.
        words = words.enumerated().filter { index, word in
            guard index > 0, index + 1 < words.count, !word.contains(where: { $0.isUppercase || $0.isNumber }),
                  !officeTitleJoiningWords.contains(word.lowercased()) else { return true }
            return !(isCapitalised(words[index - 1]) && isCapitalised(words[index + 1]))
        }.map(\.element)
        // A lost start: the first word the end of exactly one title word.
        if let first = words.first, first.count >= minTitleWordEnd, first.allSatisfy({ $0.isLowercase && $0.isLetter }),
           !officeTitleWords.contains(first) {
            let wholes = officeTitleWords.filter { $0.count > first.count && $0.hasSuffix(first) }
            if wholes.count == 1, let whole = wholes.first { words[0] = whole.prefix(1).uppercased() + whole.dropFirst() }
        }
        // Debris where "Chief" stood, before a chief's office (still there, or already taken out
        // with the title's ends: "bid Executive Officer").
        if let office = words.firstIndex(where: { chiefOfficeFunctions.contains($0.lowercased()) && isCapitalised($0) }),
           office > 0 || debrisBefore,
           words[..<office].allSatisfy({ !officeTitleWords.contains($0.lowercased()) && $0.first?.isUppercase != true }),
           office + 1 == words.count || words[office + 1] == "Officer" {
            words.replaceSubrange(..<office, with: ["Chief"])
            if words.count == 2 { words.append("Officer") }
        }
        return words == tokens ? nil : words
    }

    private static func isCapitalised(_ word: String) -> Bool { word.first?.isUppercase == true }
}
