/// Repairs of scanned prose that only the words around a token can tell: OCR's misreadings
/// that are words or numbers themselves, so that no lexicon finds them ("pursuant 10 a Rule",
/// "received as 4 gift", "the reporting persons, Each"). Each repair is made only where English
/// leaves no other reading: a number is never followed by an article, and a capitalised "Upon"
/// does not stand between two lower-case words.
enum ProseContext {
    /// What OCR reads a small "a" as, standing alone.
    static let articleLookAlikes: Set<String> = ["4", "2", "3", "9", "&"]
    /// What OCR reads "to" as.
    static let toLookAlikes: Set<String> = ["10", "1O", "lo"]
    /// Words that open a noun phrase: no number stands right before one.
    static let determiners: Set<String> = ["a", "an", "the", "his", "her", "its", "their", "such", "this", "these", "that",
                                           "those", "any", "each", "all", "provide", "receive", "satisfy", "be"]
    /// Words that end a noun phrase's search: a number's noun comes before any of these.
    static let phraseBreaks: Set<String> = ["of", "to", "for", "by", "in", "on", "at", "with", "which", "that", "and",
                                            "or", "the", "a", "an", "is", "are", "was", "were", "as", "from", "under", "upon"]
    /// Small words English writes with a capital only to open a sentence or in a title.
    static let lowerCaseWords: Set<String> = ["in", "into", "is", "it", "its", "of", "on", "or", "to", "upon", "under",
                                              "with", "from", "by", "as", "at", "an", "and", "be", "are", "was", "were",
                                              "has", "have", "had", "which", "than"]
    /// Words that open a sentence: after a word in lower case and a comma, OCR read the full
    /// stop as a comma (after a capitalised word the comma may end a name: "Apex Holdings, The").
    static let sentenceOpeners: Set<String> = ["The", "This", "These", "Those", "Each", "Such"]
    /// How many words after a number are searched for its (plural) noun.
    static let nounSearch = 4

    /// `tokens` (split at spaces) with the context repairs made; `repairs` counts them.
    static func repaired(_ tokens: [String], repairs: inout Int) -> [String] {
        var out = tokens
        for index in tokens.indices {
            let token = tokens[index]
            let before = index > 0 ? tokens[index - 1] : nil
            let after = index + 1 < tokens.count ? tokens[index + 1] : nil
            // "from $12.01 10 $12.45": no number stands between two amounts but the "to" of a range.
            if toLookAlikes.contains(token), let before, let after, isAmount(before), after.hasPrefix("$"), isAmount(after) {
                out[index] = "to"; repairs += 1; continue
            }
            // "the Issuer 10 satisfy": after a name as after any word, a number never opens a verb's phrase.
            if toLookAlikes.contains(token), let before, isCapitalised(before), before.last?.isLetter == true,
               let after, isLowerCaseWord(after, closed: true), determiners.contains(core(after)) {
                out[index] = "to"; repairs += 1; continue
            }
            guard let before, isLowerCaseWord(before, closed: false) else { continue }
            if let after, isLowerCaseWord(String(after.reversed().drop { ".,;:".contains($0) }.reversed()), closed: true) {
                if toLookAlikes.contains(token), determiners.contains(core(after)) {
                    out[index] = "to"; repairs += 1; continue
                }
                if articleLookAlikes.contains(token), !countsAPlural(Array(tokens[(index + 1)...])) {
                    out[index] = "a"; repairs += 1; continue
                }
            }
            if isCapitalised(token), lowerCaseWords.contains(core(token).lowercased()) {
                out[index] = token.lowercased(); repairs += 1
            }
        }
        for index in out.indices.dropLast() where out[index].count >= 3 && out[index].last == ","
            && sentenceOpeners.contains(out[index + 1]) && isLowerCaseWord(out[index], closed: false) {
            out[index] = out[index].dropLast() + "."
            repairs += 1
        }
        return out
    }

    /// Whether the words after a number name a plural ("4 equal annual installments"), reading
    /// up to `nounSearch` words, until a word that ends the phrase or punctuation.
    static func countsAPlural(_ words: [String]) -> Bool {
        for word in words.prefix(nounSearch) {
            let bare = core(word).lowercased()
            if phraseBreaks.contains(bare) || bare.isEmpty || bare.contains(where: \.isNumber) { return false }
            if bare.count >= 3, bare.hasSuffix("s"), !["ss", "us", "is"].contains(where: bare.hasSuffix) { return true }
            if word.last.map({ !$0.isLetter }) ?? false { return false }
        }
        return false
    }

    /// A word in lower case (letters, with hyphens or an apostrophe inside: "one-for-one"),
    /// with a comma after it where not `closed` (the word before a repair may end a clause).
    static func isLowerCaseWord(_ token: String, closed: Bool) -> Bool {
        let word = !closed && token.last == "," ? token.dropLast() : Substring(token)
        guard let first = word.first, first.isLetter, first.isLowercase else { return false }
        return word.allSatisfy { ($0.isLetter && $0.isLowercase) || $0 == "-" || $0 == "'" }
    }

    /// A printed amount: digits with a "$", a comma or a point ("$12.01", "1,250").
    static func isAmount(_ token: String) -> Bool {
        let body = token.drop { $0 == "$" || $0 == "(" }.reversed().drop { ",.;:)".contains($0) }.reversed()
        return !body.isEmpty && body.allSatisfy { $0.isNumber || $0 == "," || $0 == "." } && body.contains(where: \.isNumber)
            && (token.hasPrefix("$") || body.contains(",") || body.contains("."))
    }

    static func isCapitalised(_ token: String) -> Bool {
        let word = core(token)
        guard let first = word.first, first.isUppercase, word.count >= 2 else { return false }
        return word.dropFirst().allSatisfy(\.isLowercase)
    }

    /// The token without punctuation at either end.
    static func core(_ token: String) -> String {
        String(token.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed())
    }
}
