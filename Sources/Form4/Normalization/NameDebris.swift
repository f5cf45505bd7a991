/// Names as a scan's OCR leaves them: specks and rule ends read as letters stand among a name's
/// words ("we Whitfield Carlos B.", "Cobalt Semiconductor i Corp", "Doe Grace K. f"). A filed name
/// is written in capitals and lower-case letters, so such debris is told by its shape: a lone
/// lower-case letter, or at either end a lone digit or a short lower-case word that is no name particle.
extension ValueParsing {
    /// Lower-case words that do belong in names ("Van der Berg", "de la Cruz").
    static let nameParticles: Set<String> = ["van", "von", "der", "den", "de", "da", "di", "del", "della", "la", "le",
                                             "du", "dos", "das", "bin", "ben", "al", "el", "st", "y", "and", "of", "the"]

    /// Longest lower-case word at a name's end that is taken for debris.
    static let maxEdgeDebrisLength = 3

    /// Lower-case words a company's name may hold besides the particles ("Fund for Growth").
    static let nameFunctionWords: Set<String> = ["for", "in", "on", "at", "to", "a", "an", "by", "with", "&"]

    /// A person's or company's name with its OCR debris taken out; each word dropped makes it
    /// less certain. Besides what `title` drops, a lower-case word anywhere that is no particle
    /// goes: filed names are capitalised, and OCR leaves parts of a smudged word beside it
    /// ("Whitfield hitfi Daniel", "Delacroix-Martin laciol Robert").
    public static func name(_ raw: String) -> ParsedValue {
        var (read, repairs) = entityNameTokensRepaired(withoutLabelTail(foldWhitespace(raw).split(separator: " ").map(String.init)))
        (read, repairs) = withoutGluedSpecks(read, repairs: repairs)
        let capitalised = read.filter { !isInnerDebris($0) && !boxOneLabels.contains($0.lowercased()) }
        var parsed = debrisRemoved(from: read, keeping: capitalised.count >= 2 ? capitalised : read)
        if repairs > 0 { parsed.quality *= 0.9 }
        if case .string(let text) = parsed.value, let closed = withSuffixPointRestored(text) {
            parsed = ParsedValue(.string(closed), quality: parsed.quality * 0.95)
        }
        return parsed
    }

    /// A name's words without the specks OCR glued to or set among them: a capital after a
    /// word's small letters ("MariaS": names put capitals first, or inside after a prefix,
    /// "McDonald", never last), and a short token with a bracket it does not close or open
    /// ("iV)"): names hold no such marks.
    static func withoutGluedSpecks(_ tokens: [String], repairs: Int) -> (tokens: [String], repairs: Int) {
        var kept: [String] = [], repairs = repairs
        for token in tokens {
            if token.count <= 3, token.contains(where: { "()".contains($0) }), token.contains("(") != token.contains(")") {
                repairs += 1
                continue
            }
            let letters = Array(token)
            if letters.count >= 5, letters.last!.isUppercase, letters.first!.isUppercase,
               letters.dropFirst().dropLast().allSatisfy({ $0.isLowercase }) {
                kept.append(String(letters.dropLast()))
                repairs += 1
                continue
            }
            kept.append(token)
        }
        return (kept, repairs)
    }

    /// The conformed name's marks of a company's state ("Corp /DE/", "Inc /NV/") with the space
    /// OCR set inside them taken out ("/ DE/", "/DE /"), and a fund's roman numeral whose "I"s OCR
    /// read as look-alikes ("Fund IIL", "Ventures Il,", "Fund II]," for III and II). Returns
    /// how many were mended.
    static func entityNameTokensRepaired(_ read: [String]) -> (tokens: [String], repairs: Int) {
        var tokens: [String] = [], repairs = 0
        func isStateCode<S: StringProtocol>(_ text: S) -> Bool {
            (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isUppercase }
        }
        for token in read {
            if let last = tokens.last, last == "/", token.hasSuffix("/"), isStateCode(token.dropLast()) {
                tokens[tokens.count - 1] = "/" + token
                repairs += 1
            } else if let last = tokens.last, token == "/", last.hasPrefix("/"), isStateCode(last.dropFirst()) {
                tokens[tokens.count - 1] = last + "/"
                repairs += 1
            } else if let numeral = romanNumeralRestored(token), tokens.last?.first?.isUppercase == true {
                tokens.append(numeral)
                repairs += 1
            } else {
                tokens.append(token)
            }
        }
        return (tokens, repairs)
    }

    /// "IIL" → "III", "Il," → "II,": a token that begins with "I" and is otherwise letters and
    /// marks OCR reads for an "I" (`l`, `L`, `1`, `|`, `]`, `!`), with one at least among them.
    static func romanNumeralRestored(_ token: String) -> String? {
        let numeral = token.prefix { "IlL1|]!".contains($0) }
        let rest = token.dropFirst(numeral.count)
        guard numeral.first == "I", (2...3).contains(numeral.count), numeral.contains(where: { $0 != "I" }),
              rest.allSatisfy({ ",.;".contains($0) }) else { return nil }
        return String(repeating: "I", count: numeral.count) + rest
    }

    /// Box 1's labels under the name and address lines, which OCR may run into a name.
    static let boxOneLabels: Set<String> = ["(last)", "(first)", "(middle)", "(street)", "(city)", "(state)", "(zip)"]

    /// Box 1's label words, as OCR reads them where it lost their brackets.
    static let boxOneLabelWords = ["last", "first", "middle", "street", "city", "state", "zip"]

    /// `tokens` without box 1's labels that OCR ran onto the name's end with their brackets
    /// lost ("Fitzgerald Maria Ann First Middl"): label words in the order the form prints
    /// them, one of them cut short or two or more in a row. One whole label word alone stays:
    /// it may be the name's own ("Jane First").
    static func withoutLabelTail(_ tokens: [String]) -> [String] {
        func labelIndex(_ token: String) -> (index: Int, cut: Bool)? {
            let core = token.filter(\.isLetter).lowercased()
            guard token.first?.isUppercase == true || token.first == "(", core.count >= 4,
                  let index = boxOneLabelWords.firstIndex(where: { $0.hasPrefix(core) }) else { return nil }
            return (index, boxOneLabelWords[index].count > core.count)
        }
        var end = tokens.count
        var cut = false
        var next: Int? = nil
        while end > 1, let (index, isCut) = labelIndex(tokens[end - 1]), next.map({ $0 == index + 1 }) ?? true {
            cut = cut || isCut
            next = index
            end -= 1
        }
        let run = tokens.count - end
        guard run >= 2 || (run == 1 && cut) else { return tokens }
        return Array(tokens[..<end])
    }

    /// Company endings written with a point ("Inc.", "Ltd."): at a name's end OCR reads the
    /// point as a comma ("Lumen Therapeutics, Inc,").
    static let pointedCompanySuffixes: Set<String> = ["inc", "ltd", "co", "l.p", "n.v", "s.a", "plc"]

    /// The name with its final comma read as the point of a company ending, or without it
    /// (a name never ends in a comma); nil when it does not end in one.
    static func withSuffixPointRestored(_ text: String) -> String? {
        guard text.hasSuffix(","), text.count > 1 else { return nil }
        let body = String(text.dropLast())
        let lastWord = body.split(separator: " ").last.map { $0.lowercased() } ?? ""
        return pointedCompanySuffixes.contains(lastWord) ? body + "." : body
    }

    /// A lower-case word of letters that is no particle or function word.
    static func isInnerDebris(_ token: String) -> Bool {
        token.count >= 2 && token.allSatisfy({ $0.isLetter && $0.isLowercase })
            && !nameParticles.contains(token) && !nameFunctionWords.contains(token)
    }

    /// A title or free text of box 5 ("Director by deputization") with its OCR debris taken out:
    /// lone lower-case letters, repeated word parts and short lower-case words at either end.
    public static func title(_ raw: String) -> ParsedValue {
        // A letter and a digit ("C1") is no word of a title: what OCR made of a speck.
        let tokens = foldWhitespace(raw).split(separator: " ").map(String.init)
        let read = tokens.enumerated().filter { index, token in
            // A letter and a digit ("C1") is no word of a title: what OCR made of a speck. Nor is
            // a word's capitalised start before the word ("Di Director").
            let startAgain = (2...3).contains(token.count) && index + 1 < tokens.count
                && tokens[index + 1].count >= token.count + 3 && tokens[index + 1].hasPrefix(token)
            return !(token.count == 2 && token.first!.isLetter && token.last!.isNumber) && !startAgain
        }.map(\.element)
        var parsed = debrisRemoved(from: read, keeping: read)
        if case .string(let text) = parsed.value, case let kept = text.split(separator: " ").map(String.init),
           let restored = withOfficeWordsRestored(kept, debrisBefore: kept.first != read.first) {
            parsed = ParsedValue(.string(restored.joined(separator: " ")), quality: parsed.quality * 0.9)
        }
        if case .string(let text) = parsed.value, let mended = withAbbreviationCommas(text) {
            parsed = ParsedValue(.string(mended), quality: parsed.quality * 0.95)
        }
        return parsed
    }

    /// A title's abbreviation in capitals followed by a point and more of the title ("EVP.
    /// General Counsel") is followed by a comma, as titles are written ("EVP, General Counsel"):
    /// OCR reads a comma's small tail as a point. ("Sr." and "V.P." keep theirs.) Nil where
    /// there is none.
    static func withAbbreviationCommas(_ text: String) -> String? {
        var tokens = text.split(separator: " ").map(String.init)
        var changed = false
        for index in tokens.indices.dropLast() {
            let token = tokens[index]
            guard token.hasSuffix("."), case let letters = token.dropLast(), (2...4).contains(letters.count),
                  letters.allSatisfy({ $0.isASCII && $0.isUppercase }), tokens[index + 1].first?.isLetter == true else { continue }
            tokens[index] = letters + ","
            changed = true
        }
        return changed ? tokens.joined(separator: " ") : nil
    }

    /// `candidates` (the words of `read` still in the running) without stutters, lone letters
    /// and edge debris; quality falls with each word of `read` dropped.
    private static func debrisRemoved(from read: [String], keeping candidates: [String]) -> ParsedValue {
        let tokens = withoutStutter(candidates, startsToo: true)
        guard !tokens.isEmpty else { return ParsedValue(.null) }
        var kept = tokens.enumerated().filter { !isLoneDebris($0.element) || tokens.count == 1 }.map(\.element)
        while kept.count > 1, let first = kept.first, isEdgeDebris(first) { kept.removeFirst() }
        while kept.count > 1, let last = kept.last, isEdgeDebris(last) { kept.removeLast() }
        let dropped = read.count - kept.count
        return ParsedValue(.string(kept.joined(separator: " ")), quality: dropped == 0 ? 1 : max(0.6, 0.85 - 0.1 * Double(dropped - 1)))
    }

    /// One lower-case letter standing alone: no word of a name.
    static func isLoneDebris(_ token: String) -> Bool {
        guard token.count == 1, let character = token.first else { return false }
        return character.isLowercase && !nameParticles.contains(token)
    }

    /// At a name's start or end: a short all-lower-case word that is no particle, or a lone
    /// digit (inside a company's name a number may belong: "Partners 2 LP").
    static func isEdgeDebris(_ token: String) -> Bool {
        if token.count == 1, token.first!.isNumber { return true }
        // Marks with no letter or digit (">", "-", ")") end no name or title.
        if !token.contains(where: { $0.isLetter || $0.isNumber }) { return true }
        return token.count <= maxEdgeDebrisLength && token.allSatisfy({ $0.isLetter && $0.isLowercase })
            && !nameParticles.contains(token)
    }

    /// Shortest word taken for a stutter.
    static let minStutterLength = 3
    /// Shortest capitalised start of the word before taken for a stutter.
    static let minRepeatedStartLength = 4

    /// OCR of a smudged or doubly struck word may read part of it twice: its end again after it
    /// ("Quantic uantic"), or its start before or after it ("gro group", "Olivia Olivi"). The
    /// repeat goes: an end is told by its lower-case start (a word's middle); a start only where
    /// asked (`startsToo`): in prose a short word may begin the next ("per performance").
    static func withoutStutter(_ tokens: [String], startsToo: Bool = false) -> [String] {
        var kept: [String] = []
        for (index, token) in tokens.enumerated() {
            let letters = token.filter(\.isLetter)
            if letters.count >= minStutterLength, letters.first?.isLowercase == true,
               let previous = kept.last, previous.count > token.count, previous.hasSuffix(token) { continue }
            if startsToo, letters.count >= minStutterLength, letters.count == token.count, token.first?.isLowercase == true,
               index + 1 < tokens.count, tokens[index + 1].count >= token.count + 2, tokens[index + 1].hasPrefix(token) { continue }
            // A word's start again after it, cut a letter or two short ("Olivia Olivi"): no
            // name repeats most of the word before it.
            if startsToo, letters.count >= minRepeatedStartLength, letters.count == token.count, let previous = kept.last,
               (1...2).contains(previous.count - token.count), previous.hasPrefix(token) { continue }
            kept.append(token)
        }
        return kept
    }

    /// Text of a scan with repeated word parts taken out (`withoutStutter`).
    /// Commas OCR read as points are put back (`OCRTextRepair.commasReadAsPoints`).
    public static func scannedText(_ raw: String) -> ParsedValue {
        let tokens = foldWhitespace(raw).split(separator: " ").map(String.init)
        let (kept, commas) = OCRTextRepair.commasReadAsPoints(withoutStutter(tokens))
        guard !kept.isEmpty else { return ParsedValue(.null) }
        let quality = (kept.count == tokens.count ? 1 : 0.85) * (commas == 0 ? 1 : 0.95)
        return ParsedValue(.string(kept.joined(separator: " ")), quality: quality)
    }

    /// Fewest words for a footnote to be taken for a sentence that lost its full stop.
    static let minSentenceWords = 3

    /// A footnote of a scan: `scannedProse`, its last sentence closed with a full stop. Footnotes
    /// are written in sentences, and OCR reads the small final point as `,` `;` `:` or loses it;
    /// a text of a word or two ("Not applicable") may be a heading-like note and is left open.
    public static func scannedFootnote(_ raw: String, respelling: ProseRespelling? = systemRespelling) -> ParsedValue {
        let parsed = scannedProse(raw, respelling: respelling)
        guard case .string(var text) = parsed.value, let last = text.last else { return parsed }
        let words = text.split(separator: " ").count
        if [",", ";", ":"].contains(last), words >= 2 {
            text.removeLast()
        } else if !(last.isLetter || last.isNumber) || words < minSentenceWords {
            return parsed
        }
        text.append(".")
        return ParsedValue(.string(text), quality: parsed.quality * 0.95)
    }

    /// The remarks of a scan: `scannedProse`, a sentence's final point that OCR read as a comma
    /// or semicolon put back ("see Exhibit 99.1,"). Remarks need not end in a sentence
    /// ("Exhibit 24 - Power of Attorney"), so one that ends in no mark is left open.
    public static func scannedRemarks(_ raw: String, respelling: ProseRespelling? = systemRespelling) -> ParsedValue {
        let parsed = scannedProse(raw, respelling: respelling)
        guard case .string(var text) = parsed.value, let last = text.last, [",", ";"].contains(last),
              text.split(separator: " ").count >= minSentenceWords else { return parsed }
        text.removeLast()
        text.append(".")
        return ParsedValue(.string(text), quality: parsed.quality * 0.95)
    }
}
