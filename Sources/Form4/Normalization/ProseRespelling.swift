import Foundation

/// Respells the words OCR misread in prose (footnotes, remarks) from a `ProseLexicon`: a token
/// that is no word, but lies within a few typical OCR confusions of exactly one word, is that
/// word ("beld" → "held", "wnit" → "unit", "resiricted" → "restricted").
///
/// The distance weighs OCR's confusions (`OCRConfusionDistance`), so that "beld" is nearer
/// "held" (b for h) than "bold". Left alone: tokens with digits ("10b5-1", "25%"), acronyms
/// ("RSU"), capitalised words inside a sentence (names: "Halvorsen"), and tokens two words are
/// equally near. Every threshold is a named setting.
public struct ProseRespelling: Sendable {
    public let lexicon: ProseLexicon
    /// How far (in `OCRConfusionDistance` units) a candidate may be, by the token's length:
    /// one confusion for words of up to three letters, one edit up to five letters, one
    /// and a half up to eight, two beyond.
    public var limits: [(maxLength: Int, limit: Double)] = [(3, 0.6), (5, 1.0), (8, 1.5), (Int.max, 2.0)]
    /// What a rare word costs more than a common one: between two candidates, the common word
    /// wins unless the rare one is this much nearer.
    public var rarePenalty = 0.3
    /// How much nearer the best candidate must be than any other for it to be taken.
    public var margin = 0.15
    /// A rare word is read for a common one only this near (one typical confusion: "yest").
    public var rareWordLimit = 0.4

    /// Lookups made so far (shared by copies: set the thresholds before the first use).
    private let cache = NearestWordCache()

    public init(lexicon: ProseLexicon) { self.lexicon = lexicon }

    /// `text` with its misread words respelled, and how many were.
    public func respelled(_ text: String) -> (text: String, repairs: Int) {
        var repairs = 0
        var sentenceStart = true
        let read = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // The phrases of the form's footnotes tell what a token damaged past respelling was,
        // before respelling takes it for another word; and again after, where the head of a
        // phrase was itself respelled.
        let phrases = ProsePhrases(tier: tier(of:))
        let split = articlesSplitOff(joiningSplitWords(read, repairs: &repairs), repairs: &repairs)
        let tokens = phrases.repaired(split, repairs: &repairs)
            .map { token -> String in
            defer { sentenceStart = token.last.map { ".:;".contains($0) } ?? sentenceStart }
            guard !token.contains(where: \.isNumber) else { return String(token) }
            return token.split(separator: "-", omittingEmptySubsequences: false)
                .map { respelledPart(String($0), sentenceStart: sentenceStart, repairs: &repairs) }
                .joined(separator: "-")
        }
        let restored = articlesRestored(capitalsLowered(phrases.repaired(tokens, repairs: &repairs), repairs: &repairs),
                                        repairs: &repairs)
        return (restored.joined(separator: " "), repairs)
    }

    /// Words a capitalised defined term or a name follows ("the Plan", "such Trust", "its Common
    /// Stock", "held by Young as trustee", "gifted to Rose"): after these a capital inside a
    /// sentence may be the writer's own.
    static let wordsBeforeADefinedTerm: Set<String> = ["the", "a", "an", "such", "this", "that", "these", "those",
                                                       "each", "any", "every", "no", "said", "its", "his", "her",
                                                       "their", "our", "whose", "by", "to", "for", "with", "from"]

    /// A common word OCR read with a capital inside a sentence ("one share of Common stock",
    /// "filed Jointly by", "pecuniary Interest therein"): lower-cased where small words stand
    /// on both sides of it and the one before is no article, possessive or preposition that a
    /// capitalised defined term or a name would follow ("the Trust holds", "held by Young as
    /// trustee" stay).
    func capitalsLowered(_ tokens: [String], repairs: inout Int) -> [String] {
        var lowered = tokens
        for index in tokens.indices.dropFirst().dropLast() {
            let token = tokens[index], before = tokens[index - 1]
            let core = token.hasSuffix(",") ? token.dropLast() : Substring(token)
            guard let first = core.first, first.isUppercase, core.count >= 2,
                  core.dropFirst().allSatisfy({ $0.isLowercase && $0.isASCII }),
                  before.allSatisfy({ $0.isLowercase && $0.isASCII }), !Self.wordsBeforeADefinedTerm.contains(before),
                  tokens[index + 1].first?.isLowercase == true else { continue }
            let lower = core.lowercased()
            guard lexicon.common.contains(lower), !Self.capitalisedTerms.contains(lower) else { continue }
            lowered[index] = lower + token.dropFirst(core.count)
            repairs += 1
        }
        return lowered
    }

    /// Marks OCR reads a small "a" standing alone as.
    static let articleLookAlikes: Set<String> = ["@", "#"]

    /// "a" where OCR read the article as a mark ("received @ gift", "pursuant to # Rule"): a
    /// mark alone between two words is no part of prose. And the form's own capitalised terms
    /// with their capital (`capitalisedTerms`), which OCR reads small ("the issuer's").
    func articlesRestored(_ tokens: [String], repairs: inout Int) -> [String] {
        var restored = tokens
        for index in tokens.indices.dropFirst().dropLast() where Self.articleLookAlikes.contains(tokens[index]) {
            guard tokens[index - 1].last?.isLetter == true, tokens[index + 1].first?.isLetter == true else { continue }
            restored[index] = "a"
            repairs += 1
        }
        for (index, token) in tokens.enumerated() where token.first == "i" {
            let core = token.prefix { $0.isLetter || $0 == "'" }
            guard Self.capitalisedTerms.contains(String(core)) else { continue }
            restored[index] = "I" + token.dropFirst()
            repairs += 1
        }
        return restored
    }

    /// Words the form itself writes with a capital wherever they stand ("the Issuer's", its
    /// defined term for the company): a misreading of one is respelled with its capital,
    /// whatever OCR made of the first letter ("lssuer's", "issuer's").
    static let capitalisedTerms: Set<String> = ["issuer", "issuer's", "issuers"]

    /// Small words an article follows, which OCR runs into the "a" after them when the space is
    /// narrow ("isa weighted average", "held ina brokerage account", "pursuant toa Rule").
    static let wordsBeforeAnArticle: Set<String> = ["is", "in", "to", "on", "of", "by", "for", "as", "at", "with",
                                                    "from", "under", "upon", "was", "be", "into"]

    /// A token that is no word, but one of `wordsBeforeAnArticle` run into an "a", as two.
    func articlesSplitOff(_ tokens: [String], repairs: inout Int) -> [String] {
        tokens.flatMap { token -> [String] in
            guard token.count >= 3, token.hasSuffix("a"), token.allSatisfy({ $0.isLowercase && $0.isASCII }),
                  Self.wordsBeforeAnArticle.contains(String(token.dropLast())), !isKnown(token) else { return [token] }
            repairs += 1
            return [String(token.dropLast()), "a"]
        }
    }

    /// Two tokens OCR made of one word ("ow nership", "t ax", "restrict ed"): joined where
    /// together they are a common word and apart at least one of them is no common word ("beg
    /// inning" stays: both halves are; a lone "ed" is a rare word). A lone letter that is no
    /// word ("t") is the first letter of the word after it.
    func joiningSplitWords(_ tokens: [String], repairs: inout Int) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if index + 1 < tokens.count, token.count >= 2 || !["a", "i"].contains(token),
               token.allSatisfy({ $0.isLowercase && $0.isASCII }) {
                let next = tokens[index + 1]
                let nextCore = next.prefix { $0.isLowercase && $0.isASCII }
                let trailing = next.dropFirst(nextCore.count)
                let whole = token + nextCore
                if nextCore.count >= 2, trailing.allSatisfy({ ".,;:)".contains($0) }),
                   lexicon.common.contains(whole) || isDerived(whole),
                   !lexicon.common.contains(token) || !lexicon.common.contains(String(nextCore)) {
                    joined.append(whole + trailing)
                    repairs += 1
                    index += 2
                    continue
                }
            }
            joined.append(token)
            index += 1
        }
        return joined
    }

    /// One part of a token (split at hyphens) with the punctuation around its letters kept.
    private func respelledPart(_ part: String, sentenceStart: Bool, repairs: inout Int) -> String {
        guard let start = part.firstIndex(where: \.isLetter), let end = part.lastIndex(where: \.isLetter) else { return part }
        let core = part[start...end]
        guard core.allSatisfy({ $0.isLetter || $0 == "'" }), core.count >= 2,
              let word = respelledWord(String(core), sentenceStart: sentenceStart), word != core else { return part }
        repairs += 1
        return String(part[..<start]) + word + String(part[part.index(after: end)...])
    }

    /// The word `core` stands for, in its case; nil when it stays as read.
    func respelledWord(_ core: String, sentenceStart: Bool) -> String? {
        let first = core.first!
        let rest = core.dropFirst()
        let capitalised = first.isUppercase && rest.allSatisfy { !$0.isUppercase }
        // Acronyms and names are no misspelt words; a capital opening a sentence is.
        if rest.contains(where: \.isUppercase) && rest.contains(where: \.isLowercase) == false { return nil }
        let lower = core.lowercased()
        guard lower.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 39 }) else { return nil }
        if lexicon.common.contains(lower) { return nil }
        let cased = { (word: String) in capitalised || Self.capitalisedTerms.contains(word) ? word.prefix(1).uppercased() + word.dropFirst() : word }
        if capitalised && !sentenceStart {
            // A capital inside a sentence is a name's, unless the word is a misreading of one of
            // the form's own capitalised terms ("the Issoer's").
            guard let word = nearestWord(to: Array(lower.utf8), commonOnly: false), Self.capitalisedTerms.contains(word) else { return nil }
            return cased(word)
        }
        if !lexicon.rare.contains(lower), let doubled = withALetterDoubled(lower) { return cased(doubled) }
        // A word made of a rare word ("yest" + "ing") is as doubtful as the rare word itself:
        // it is taken for a common word one typical confusion away ("vesting").
        let isRare: Bool
        switch tier(of: lower) {
        case .common?: return nil
        case .rare?: isRare = true
        case nil: isRare = false
        }
        guard let word = nearestWord(to: Array(lower.utf8), commonOnly: isRare) else { return nil }
        return cased(word)
    }

    /// The common word that is `word` with one of its letters doubled, where `word` is no word
    /// itself: OCR reads a doubled letter as one ("begining", "occured"), and English doubles
    /// the last letter of a stem before an ending, which derivation from the stem would miss
    /// ("begin" + "ing" is no misreading by the endings alone).
    func withALetterDoubled(_ word: String) -> String? {
        let letters = Array(word)
        for index in letters.indices where index + 1 == letters.count || letters[index + 1] != letters[index] {
            var doubled = letters
            doubled.insert(letters[index], at: index)
            let candidate = String(doubled)
            if lexicon.common.contains(candidate) { return candidate }
        }
        return nil
    }

    /// Prefixes and endings that make words of words: a word list lacks many of these
    /// ("reinvestment", "non-employee", "co-trustees"), and a word is no misreading for that.
    public var prefixes = ["re", "un", "non", "pre", "co", "sub", "over", "under", "post", "inter", "multi", "self", "anti", "counter"]
    public var endings = ["s", "es", "ed", "d", "ing", "ly", "'s", "ment", "ments", "er", "ers", "ee", "ees"]
    /// The shortest stem a prefix or ending is taken off to leave.
    public var minStem = 4

    /// Whether `word` (lower case) is a word of the lexicon, as it stands or with a prefix or ending.
    public func isKnown(_ word: String) -> Bool { lexicon.contains(word) || isDerived(word) }

    enum Tier { case common, rare }

    /// Whether `word` (lower case) is a word of the lexicon, as it stands or derived, and of which tier.
    func tier(of word: String) -> Tier? {
        lexicon.common.contains(word) ? .common : derivation(of: word) ?? (lexicon.rare.contains(word) ? .rare : nil)
    }

    /// Whether `word` is a word of the lexicon with a prefix or ending added, and of which tier
    /// that word is (common where any way of making it starts from a common word).
    func derivation(of word: String) -> Tier? {
        var stems = inflectionStems(of: word)
        for prefix in prefixes where word.count >= prefix.count + minStem && word.hasPrefix(prefix) {
            let stem = String(word.dropFirst(prefix.count))
            stems += [stem] + inflectionStems(of: stem)
        }
        if stems.contains(where: lexicon.common.contains) { return .common }
        return stems.contains(where: lexicon.rare.contains) ? .rare : nil
    }

    /// Whether `word` is a word of the lexicon with a prefix or ending added.
    func isDerived(_ word: String) -> Bool { derivation(of: word) != nil }

    /// What is left of `word` with each of the `endings` it has taken off.
    private func inflectionStems(of word: String) -> [String] {
        endings.filter { word.count >= $0.count + minStem && word.hasSuffix($0) }.map { String(word.dropLast($0.count)) }
    }

    /// The one word nearest `read`, nil when none is near enough or two are about as near.
    /// Remembered: a batch meets the same misreadings again and again, and each lookup compares
    /// the token with every word of about its length.
    private func nearestWord(to read: [UInt8], commonOnly: Bool) -> String? {
        let key = String(decoding: read, as: UTF8.self) + (commonOnly ? "\u{1}" : "")
        if let known = cache.value(for: key) { return known }
        let word = searchNearestWord(to: read, commonOnly: commonOnly)
        cache.store(word, for: key)
        return word
    }

    private func searchNearestWord(to read: [UInt8], commonOnly: Bool) -> String? {
        let limit = commonOnly ? rareWordLimit : limits.first { read.count <= $0.maxLength }!.limit
        var best: (word: String, score: Double)?
        var runnerUp = Double.infinity
        // One letter more or fewer at most: OCR splits or joins a letter, it rarely loses two,
        // and a word two letters shorter is more often another word ("reinvestment").
        for length in max(1, read.count - 1)...(read.count + 1) {
            for candidate in lexicon.byLength[length] ?? [] {
                if commonOnly && !candidate.common { continue }
                guard let cost = OCRConfusionDistance.distance(read: read, printed: candidate.bytes, limit: limit) else { continue }
                let score = cost + (candidate.common ? 0 : rarePenalty)
                if let current = best, score >= current.score {
                    runnerUp = min(runnerUp, score)
                } else {
                    if let current = best { runnerUp = min(runnerUp, current.score) }
                    best = (candidate.word, score)
                }
            }
        }
        guard let best, runnerUp - best.score >= margin else { return nil }
        return best.word
    }
}

/// An edit distance in which OCR's typical confusions cost less than other edits: a letter read
/// as its look-alike ("b" for "h", "c" for "e"), two letters read as one ("m" for "rn") or one as
/// two, a thin letter lost or added ("i", "l"). Lower-case ASCII bytes.
public enum OCRConfusionDistance {
    /// A letter read as one it is often taken for, in print worn by scanning.
    static let strongConfusion = 0.35
    static let weakConfusion = 0.6
    /// A thin letter ("i", "l", "t", "r", "f", "j", "'") lost or added.
    static let thinLetterEdit = 0.7

    private static let strongPairs: [(Character, Character)] = [("a", "o"), ("c", "e"), ("b", "h"), ("i", "l"), ("v", "y")]
    private static let weakPairs: [(Character, Character)] = [
        ("e", "o"), ("c", "o"), ("a", "e"), ("f", "t"), ("i", "t"), ("l", "t"), ("u", "n"), ("n", "h"),
        ("m", "n"), ("i", "j"), ("r", "t"), ("u", "w"), ("u", "v"), ("g", "q"), ("s", "e"), ("a", "s"),
    ]
    /// Letter groups read as other groups (read, printed).
    private static let groupConfusions: [(read: String, printed: String, cost: Double)] = [
        ("m", "rn", 0.35), ("rn", "m", 0.35), ("m", "in", 0.4), ("in", "m", 0.4), ("m", "ni", 0.4),
        ("n", "ri", 0.4), ("ri", "n", 0.4), ("h", "li", 0.4), ("li", "h", 0.4), ("d", "cl", 0.4),
        ("cl", "d", 0.4), ("w", "vv", 0.35), ("vv", "w", 0.35), ("u", "ii", 0.4), ("m", "tn", 0.5),
        ("n", "rt", 0.6),
    ]

    /// Costs by byte, flat: looked up for every cell of every comparison.
    private static let substitutionTable: [Double] = {
        var table = [Double](repeating: 1, count: 128 * 128)
        for letter in 0..<128 { table[letter * 128 + letter] = 0 }
        for (pairs, cost) in [(strongPairs, strongConfusion), (weakPairs, weakConfusion)] {
            for (a, b) in pairs {
                let x = Int(a.asciiValue!), y = Int(b.asciiValue!)
                table[x * 128 + y] = cost
                table[y * 128 + x] = cost
            }
        }
        return table
    }()

    private static let editCostTable: [Double] = {
        var table = [Double](repeating: 1, count: 128)
        for letter in "iltrfj'".utf8 { table[Int(letter)] = thinLetterEdit }
        return table
    }()

    private struct Group { let read: [UInt8]; let printed: [UInt8]; let cost: Double }
    /// The letter groups by the last byte of what OCR read: most letters end none.
    private static let groupsByLastRead: [[Group]] = {
        var table = [[Group]](repeating: [], count: 128)
        for group in groupConfusions {
            let read = Array(group.read.utf8)
            table[Int(read.last!)].append(Group(read: read, printed: Array(group.printed.utf8), cost: group.cost))
        }
        return table
    }()

    static func substitutionCost(_ read: UInt8, _ printed: UInt8) -> Double {
        read < 128 && printed < 128 ? substitutionTable[Int(read) * 128 + Int(printed)] : (read == printed ? 0 : 1)
    }

    static func editCost(_ letter: UInt8) -> Double { letter < 128 ? editCostTable[Int(letter)] : 1 }

    /// The cost of reading `printed` as `read`; nil when it exceeds `limit`.
    public static func distance(read: [UInt8], printed: [UInt8], limit: Double) -> Double? {
        let n = read.count, m = printed.count
        if abs(n - m) > 2 { return nil }
        // Three rows of the table (cost of reading printed[..<j] as read[..<i]): this one and
        // the two before, for the two-letter groups. On the stack: this runs for every word of
        // the lexicon near a misread token's length.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * (m + 1)) { buffer -> Double? in
            var previous2 = buffer.baseAddress!, previous = previous2 + (m + 1), current = previous + (m + 1)
            for j in 0...m { previous2[j] = .infinity }
            previous[0] = 0
            for j in stride(from: 1, through: m, by: 1) { previous[j] = previous[j - 1] + editCost(printed[j - 1]) }
            // A letter group spans two rows: only two rows in a row beyond the limit end the search.
            var lastRowMinimum = 0.0
            for i in stride(from: 1, through: n, by: 1) {
                let letter = read[i - 1]
                let readCost = editCost(letter)
                let groups = letter < 128 ? groupsByLastRead[Int(letter)] : []
                current[0] = previous[0] + readCost
                var rowMinimum = current[0]
                for j in stride(from: 1, through: m, by: 1) {
                    var cost = min(previous[j - 1] + substitutionCost(letter, printed[j - 1]),
                                   previous[j] + readCost,
                                   current[j - 1] + editCost(printed[j - 1]))
                    for group in groups {
                        let r = group.read.count, p = group.printed.count
                        guard i >= r, j >= p, printed[j - 1] == group.printed[p - 1],
                              r == 1 || read[i - 2] == group.read[0], p == 1 || printed[j - 2] == group.printed[0] else { continue }
                        let before = r == 1 ? previous : previous2
                        cost = min(cost, before[j - p] + group.cost)
                    }
                    current[j] = cost
                    rowMinimum = min(rowMinimum, cost)
                }
                if rowMinimum > limit && lastRowMinimum > limit { return nil }
                lastRowMinimum = rowMinimum
                (previous2, previous, current) = (previous, current, previous2)
            }
            return previous[m] <= limit ? previous[m] : nil
        }
    }
}

/// Tokens looked up in the lexicon, with what they were taken for (nil: left as read).
private final class NearestWordCache: @unchecked Sendable {
    private var entries: [String: String?] = [:]
    private let lock = NSLock()
    /// More tokens than a large batch's footnotes hold: past it the cache starts again.
    private let capacity = 100_000

    func value(for key: String) -> String?? {
        lock.lock(); defer { lock.unlock() }
        return entries[key]
    }

    func store(_ word: String?, for key: String) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = .some(word)
    }
}

extension ValueParsing {
    /// Prose of a scan (footnotes, remarks, the nature of an indirect ownership): `scannedText`
    /// with the words OCR misread respelled from the system's lexicon (`ProseRespelling`).
    public static func scannedProse(_ raw: String, respelling: ProseRespelling? = systemRespelling) -> ParsedValue {
        let parsed = scannedText(raw)
        guard let respelling, case .string(let read) = parsed.value else { return parsed }
        // Curly brackets are no part of a filing's prose: beside a word they are what OCR made
        // of a speck or a rule's end ("the {Issuer").
        let text = read.filter { $0 != "{" && $0 != "}" }.split(separator: " ").joined(separator: " ")
        guard !text.isEmpty else { return parsed }
        var (respelled, repairs) = respelling.respelled(text)
        if text != read { repairs += 1 }
        respelled = repairedRuleNumbers(respelled, repairs: &repairs)
        respelled = ProseContext.repaired(respelled.split(separator: " ").map(String.init), repairs: &repairs).joined(separator: " ")
        guard repairs > 0 else { return parsed }
        return ParsedValue(.string(respelled), quality: parsed.quality * pow(0.97, Double(repairs)))
    }

    /// What OCR reads for each character of "10b5-1", the rule named in most footnotes on
    /// trading plans ("Rule 1065-1", "Rule 1005-1", "Rule 10b5-t").
    private static let ruleNumberLookAlikes: [Set<Character>] = [
        ["1", "l", "I", "i", "|"], ["0", "o", "O", "Q", "D"], ["b", "6", "h", "0", "o", "B", "8"],
        ["5", "s", "S"], ["-"], ["1", "l", "I", "i", "t", "|"],
    ]

    /// "Rule 10b5-1" where OCR misread the rule's number after the word "Rule".
    static func repairedRuleNumbers(_ text: String, repairs: inout Int) -> String {
        var tokens = text.split(separator: " ").map(String.init)
        for index in tokens.indices.dropFirst() where tokens[index - 1].lowercased() == "rule" {
            let token = tokens[index]
            let number = token.prefix { !".,;:)".contains($0) }
            guard number != "10b5-1", number.count == 6,
                  zip(number, ruleNumberLookAlikes).allSatisfy({ $1.contains($0) }) else { continue }
            tokens[index] = "10b5-1" + token.dropFirst(number.count)
            repairs += 1
        }
        return tokens.joined(separator: " ")
    }

    /// Respelling from the system's word lists; nil where they are not installed.
    public static let systemRespelling: ProseRespelling? = ProseLexicon.system.map(ProseRespelling.init)
}
