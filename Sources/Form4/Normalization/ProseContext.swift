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
            if let amount = amountWithOneReadAsBracket(token), !opensAParenthesis(tokens[..<index]) {
                out[index] = amount; repairs += 1; continue
            }
            if before == "Table", let numeral = tableNumeral(token) {
                out[index] = numeral; repairs += 1; continue
            }
            if let count = thousandsReadAsDecimal(token), countsAPlural(Array(tokens[(index + 1)...])) {
                out[index] = count; repairs += 1; continue
            }
            // "pursuant yo a Rule": English has only "to" after "pursuant".
            if let before, core(before).lowercased() == "pursuant", token.count == 2, token != "to",
               token.allSatisfy({ $0.isLetter || $0.isNumber }) {
                out[index] = "to"; repairs += 1; continue
            }
            // "pursuant to 8 Rule 10b5-1": a lone digit before a rule of the Exchange Act is its article.
            if token.count == 1, token.first?.isNumber == true || articleLookAlikes.contains(token), after == "Rule",
               index + 2 < tokens.count, tokens[index + 2].contains(where: \.isNumber) {
                out[index] = "a"; repairs += 1; continue
            }
            // "except woo the extent of": a short token before "the extent" that is none of the
            // small words prose puts there ("a measure of the extent") is the phrase's "to".
            if token.count <= 3, case let lower = core(token).lowercased(), lower != "to",
               !phraseBreaks.contains(lower), !lowerCaseWords.contains(lower), after == "the", index + 2 < tokens.count,
               core(tokens[index + 2]).lowercased() == "extent", index > 0 {
                out[index] = "to"; repairs += 1; continue
            }
            if let before, let stock = stockReadAsAWord(token, after: before) {
                out[index] = stock; repairs += 1; continue
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

    /// Words a footnote puts before "stock" ("common stock", "restricted stock").
    static let stockQualifiers: Set<String> = ["common", "preferred", "restricted", "capital"]

    /// "common stack" → "common stock": after a word that qualifies stock, a word of five
    /// letters one letter from "stock" is "stock" OCR misread as another English word ("stack",
    /// "stork", "stuck"), which no lexicon catches. With the token's case and punctuation; nil
    /// for other tokens.
    static func stockReadAsAWord(_ token: String, after before: String) -> String? {
        let word = core(token), lower = word.lowercased()
        guard stockQualifiers.contains(core(before).lowercased()), word.count == 5, lower != "stock",
              let cost = OCRConfusionDistance.distance(read: Array(lower.utf8), printed: Array("stock".utf8), limit: 1),
              cost <= 1, let range = token.range(of: word) else { return nil }
        let stock = isCapitalised(word) ? "Stock" : word == word.uppercased() ? "STOCK" : "stock"
        return token.replacingCharacters(in: range, with: stock)
    }

    /// "$12.0)" → "$12.01": an amount that ends in a closing bracket no parenthesis opened is
    /// an amount whose last "1" OCR read as the bracket (a scan's thin "1" is a bracket's
    /// stroke). Nil for other tokens; the caller checks no "(" is open before it.
    static func amountWithOneReadAsBracket(_ token: String) -> String? {
        guard token.hasPrefix("$"), let last = token.last, ")}]".contains(last) else { return nil }
        let body = token.dropFirst().dropLast()
        guard body.contains("."), body.last?.isNumber == true, body.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else { return nil }
        return "$" + body + "1"
    }

    /// Whether the tokens leave a parenthesis open.
    static func opensAParenthesis(_ tokens: ArraySlice<String>) -> Bool {
        tokens.reduce(0) { $0 + $1.count(where: { $0 == "(" }) - $1.count(where: { $0 == ")" }) } > 0
    }

    /// The form's tables are Table I and Table II: "Table 1." and "Table Il" are OCR's roman
    /// numerals ("1", "l" and "|" for "I"). With the punctuation after it; nil for other tokens.
    static func tableNumeral(_ token: String) -> String? {
        let numeral = token.prefix { "1lI|".contains($0) }
        let rest = token.dropFirst(numeral.count)
        guard (1...2).contains(numeral.count), numeral != String(repeating: "I", count: numeral.count),
              rest.allSatisfy({ ".,;:)".contains($0) }) else { return nil }
        return String(repeating: "I", count: numeral.count) + rest
    }

    /// "1.250" with its point made a comma: a count of up to three digits and three more after
    /// a point ("Includes 1.250 shares") is a thousands comma OCR read as a point (the comma's
    /// tail is what a scan loses first); a fraction of a share in prose is written "0.667" or
    /// with fewer places. Nil for other tokens. Only before the plural it counts (`countsAPlural`).
    static func thousandsReadAsDecimal(_ token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let whole = parts.first, let first = whole.first, first != "0", (1...3).contains(whole.count),
              parts[1].count == 3, (whole + parts[1]).allSatisfy(\.isASCII), (whole + parts[1]).allSatisfy(\.isNumber) else { return nil }
        return whole + "," + parts[1]
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
