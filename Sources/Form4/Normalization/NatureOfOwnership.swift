import Foundation
import Layout

/// The nature of an indirect ownership (Table I column 7, Table II column 11) as OCR reads it.
/// Filers write it as a short phrase that nearly always opens with "By" ("By Spouse", "By The
/// Doe Family Trust", "By 401(k) Plan") or reads "See footnote": where OCR misread that opening
/// word by a letter, or set a speck between "By" and what follows, the phrase is put right.
extension ValueParsing {
    /// What OCR reads for "By" at a phrase's start.
    static let byLookAlikes: Set<String> = ["B", "Ay", "8y", "6y", "Bv", "By.", "By:", "By,", "Sy", "Hy"]
    /// Short lower-case words that do follow "By" ("By the Smith Trust", "By his spouse").
    static let wordsAfterBy: Set<String> = ["the", "a", "an", "his", "her", "its", "my", "our", "their", "and", "of", "self"]

    /// `scannedProse`, then the phrase's opening put right (`natureRepaired`).
    public static func scannedNature(_ raw: String, respelling: ProseRespelling? = systemRespelling) -> ParsedValue {
        let parsed = scannedProse(raw, respelling: respelling)
        guard case .string(let text) = parsed.value else { return parsed }
        var repairs = 0
        let mended = natureRepaired(text.split(separator: " ").map(String.init), repairs: &repairs)
        guard repairs > 0 else { return parsed }
        return ParsedValue(.string(mended.joined(separator: " ")), quality: parsed.quality * pow(0.95, Double(repairs)))
    }

    /// The phrase's tokens with "By" or "See" where OCR misread it before a name or "footnote",
    /// a speck after "By" dropped ("By i Spouse", "By 4at Children"), a holder's word put right
    /// (`respelledHolderWord`), and "401(k)" joined where OCR split its digits ("40 1(k)").
    static func natureRepaired(_ read: [String], repairs: inout Int) -> [String] {
        var tokens = read
        func opensName(_ token: String) -> Bool { token.first.map { $0.isUppercase || $0.isNumber } ?? false }
        if tokens.count >= 2 {
            if byLookAlikes.contains(tokens[0]), opensName(tokens[1]) {
                tokens[0] = "By"
                repairs += 1
            } else if tokens[0] != "See", tokens[0].count == 3, tokens[1].lowercased().hasPrefix("footnote"),
                      LabelText.editDistance(Array(tokens[0].lowercased().utf8), Array("see".utf8), limit: 1) == 1 {
                tokens[0] = "See"
                repairs += 1
            }
        }
        if tokens.count >= 3, tokens[0] == "By", isSpeckWord(tokens[1]), opensName(tokens[2]) {
            tokens.remove(at: 1)
            repairs += 1
        }
        for index in tokens.indices.dropFirst() {
            if let word = respelledHolderWord(tokens[index]) {
                tokens[index] = word
                repairs += 1
            }
        }
        var index = 0
        while index + 1 < tokens.count {
            let (digits, rest) = (tokens[index], tokens[index + 1])
            if (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), rest.first?.isNumber == true,
               (digits + rest).hasPrefix("401(k)") {
                tokens[index] = digits + rest
                tokens.remove(at: index + 1)
                repairs += 1
            }
            index += 1
        }
        return tokens
    }

    /// The words filers name an indirect holder with, written capitalised ("By Limited
    /// Partnership", "By Spouse", "By The Doe Family Trust").
    static let holderWords: [String] = [
        "Limited", "Partnership", "Partners", "Trust", "Trusts", "Spouse", "Children", "Family", "Foundation",
        "Plan", "Holdings", "Corporation", "Company", "Fund", "Revocable", "Irrevocable", "Living", "Custodian",
        "Daughter", "Son", "Wife", "Husband", "Estate", "Retirement", "Account", "Investments", "Capital", "Management",
        "Charitable", "Grantor", "Annuity", "Minor", "Trustee", "Footnote",
    ]
    private static let holderWordBytes = holderWords.map { Array($0.lowercased().utf8) }

    /// A capitalised word of the phrase that is none of `holderWords` but lies within an edit
    /// (two from eight letters) of exactly one of them, as that word ("Lintited" for "Limited").
    /// Capitalised words are names to prose respelling; in this phrase most are these words.
    static func respelledHolderWord(_ token: String) -> String? {
        let core = token.prefix { $0.isLetter }
        guard core.count >= 5, core.first?.isUppercase == true, core.dropFirst().allSatisfy(\.isLowercase),
              !holderWords.contains(String(core)) else { return nil }
        let limit = core.count >= 8 ? 2 : 1
        let read = Array(core.lowercased().utf8)
        let near = holderWordBytes.indices.filter { LabelText.editDistance(read, holderWordBytes[$0], limit: limit) <= limit }
        guard near.count == 1 else { return nil }
        return holderWords[near[0]] + token.dropFirst(core.count)
    }

    /// A short token of lower-case letters (with digits at most) that is no word following "By".
    static func isSpeckWord(_ token: String) -> Bool {
        token.count <= 4 && token.contains(where: \.isLowercase) && token.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber })
            && !wordsAfterBy.contains(token)
    }
}
