import Foundation
import Layout

/// Security titles are written in a small vocabulary ("Class A Common Stock", "Stock Option
/// (right to buy)", "Series B Convertible Preferred Stock", "Restricted Stock Units"): on a scan,
/// a title's word that is none of them but lies within a letter or two of exactly one is that
/// word as OCR misread it ("Cammon", "Perfonnance", "bay"). Names the vocabulary lacks (an
/// issuer's own "Acme Units") stay as read unless they are that close to a single title word.
extension ValueParsing {
    /// The words of security titles on Forms 3, 4 and 5, lower-case.
    static let securityTitleVocabulary: [String] = """
        acquire american and appreciation award awards based beneficial bonds buy call capital cash
        class collar common contingent contract contracts convertible cumulative debenture debentures
        deferred depositary depository director directors dividend dividends each earnout employee
        employees equity equivalent equivalents exchangeable exercise five for forward founder founders
        four grant granted half holdings in incentive interest interests issued limited long ltip market
        membership no non nonqualified nonvoting note notes obligation of one op operating option options
        or ordinary par participating partner partnership partnerships per performance phantom plan
        plans preference preferred prepaid profits purchase pursuant put qualified receipt receipts
        redeemable representing represents restricted right rights sar sars senior series settled share
        shares six stock subordinated swap ten term the three time to trust two under unit units
        unvested value variable vested vesting voting warrant warrants with
        inc corp ltd
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static let securityTitleWordSet = Set(securityTitleVocabulary)
    /// Title words written with a point of abbreviation ("Acme Inc.").
    static let companyAbbreviations: Set<String> = ["inc", "corp", "ltd"]
    private static let securityTitleWordBytes = securityTitleVocabulary.map { Array($0.utf8) }

    /// Characters OCR puts where letters of a title's word belong.
    static let letterLookAlikes: [Character: Character] = ["$": "s", "0": "o", "1": "l", "5": "s", "|": "l"]

    /// A security title read by OCR: `scannedText`, its words respelled from the title vocabulary
    /// (`respelledTitleWord`), a lone "$" read as the "S" it is (a title holds no amount of
    /// nothing) and a lone "?" dropped, its parentheses put right (`withParenthesesBalanced`).
    public static func scannedSecurityTitle(_ raw: String) -> ParsedValue {
        let base = scannedText(raw)
        guard case .string(let text) = base.value else { return base }
        var repairs = 0
        let respelled = text.split(separator: " ").compactMap { token -> String? in
            if token == "?" { repairs += 1; return nil }
            if token == "$" || token == "§" { repairs += 1; return "S" }
            if let amount = withDecimalPointRestored(token) { repairs += 1; return amount }
            return token.split(separator: "-", omittingEmptySubsequences: false)
                .map { respelledTitlePart(String($0), repairs: &repairs) }
                .joined(separator: "-")
        }.joined(separator: " ")
        let cleared = withoutPointsBeforeBrackets(withoutDebrisBeforeTitleWords(respelled, repairs: &repairs), repairs: &repairs)
        let balanced = withParValueCompleted(withStockPhrasesRestored(withParenthesesBalanced(cleared, repairs: &repairs),
                                                                      repairs: &repairs), repairs: &repairs)
        guard repairs > 0, !balanced.isEmpty else { return base }
        return ParsedValue(.string(balanced), quality: base.quality * pow(0.95, Double(repairs)))
    }

    /// Title words a number or letter of its own follows ("Series 1", "Class B", "Tranche 2").
    static let wordsTakingANumber: Set<String> = ["series", "class", "tranche", "classes", "plan"]

    /// The title without specks OCR read as a token of their own just before one of the title's
    /// capitalised words: a lone lower-case letter, or marks and digits without a letter ("Common
    /// 9 Stock", "Common 1.7 Stock", "Class A ) Common Stock", "e Common Stock", "Restricted a
    /// Stock Units"). No title puts a number between its words, except after a word that
    /// takes one ("Series 1 Preferred"), nor opens with a small letter.
    static func withoutDebrisBeforeTitleWords(_ title: String, repairs: inout Int) -> String {
        let tokens = title.split(separator: " ")
        var kept: [Substring] = []
        for (index, token) in tokens.enumerated() {
            let isSpeck = token.count == 1 && token.first!.isLowercase
                || (token.count <= 3 && !token.contains(where: \.isLetter) && !token.contains("$") && !token.contains("%"))
            // (An opening parenthesis alone may open the title's own bracket; after a comma a
            // number may start a title's next part.)
            if isSpeck, index + 1 < tokens.count, isCapitalisedTitleWord(tokens[index + 1]),
               !token.contains("(") || token.contains(")"),
               kept.last.map({ !wordsTakingANumber.contains($0.lowercased()) && !$0.hasSuffix(",") }) ?? true {
                repairs += 1
                continue
            }
            kept.append(token)
        }
        return kept.joined(separator: " ")
    }

    /// "Warrants. (right to buy)": a point after a word of the title vocabulary, just before the
    /// title's bracket, is a speck; such words are never abbreviated ("Inc. (" stays).
    static func withoutPointsBeforeBrackets(_ title: String, repairs: inout Int) -> String {
        var tokens = title.split(separator: " ").map(String.init)
        for index in tokens.indices.dropLast() where tokens[index + 1].hasPrefix("(") && tokens[index].hasSuffix(".") {
            let word = tokens[index].dropLast()
            guard word.count >= 2, securityTitleWordSet.contains(word.lowercased()),
                  !companyAbbreviations.contains(word.lowercased()) else { continue }
            tokens[index] = String(word)
            repairs += 1
        }
        return tokens.joined(separator: " ")
    }

    /// A word of the title vocabulary with a capital ("Common", "Stock"): a title's own word.
    private static func isCapitalisedTitleWord(_ token: Substring) -> Bool {
        guard token.first?.isUppercase == true else { return false }
        return securityTitleWordSet.contains(token.lowercased())
    }

    /// An option's right in its title: "(right to buy)", "(obligation to sell)". The short word
    /// between is always "to", however OCR read it ("right co buy", "Right 1 Buy").
    static let optionRight = try! NSRegularExpression(pattern: #"\(([a-z]{3,11})\s+(\S{1,3})\s+(buy|sell)\)"#, options: [.caseInsensitive])
    /// The first word of an option's right as printed ("right", "Right", "obligation"), or as
    /// OCR misread it, within `optionRightEdits` typical confusions ("aght", "obligatian"); nil
    /// for another word, which leaves the parenthesis alone.
    static func optionRightWord(_ read: Substring) -> String? {
        let lower = read.lowercased()
        if lower == "right" || lower == "obligation" { return String(read) }
        for phrase in ["right", "obligation"] {
            if OCRConfusionDistance.distance(read: Array(lower.utf8), printed: Array(phrase.utf8), limit: optionRightEdits) != nil {
                return read.first?.isUppercase == true ? phrase.prefix(1).uppercased() + phrase.dropFirst() : phrase
            }
        }
        return nil
    }

    /// How far (`OCRConfusionDistance`) a misread "right" or "obligation" may stand from the word.
    static let optionRightEdits = 2.0

    /// "Non-Qualified" with its "Non" misread ("Noo-Qualified", "Nort-Qualified", "Now: Qualified"):
    /// a short word of N and a few letters before "Qualified" is no other word in a title.
    static let nonQualified = try! NSRegularExpression(pattern: #"\b(N[a-z]{1,3})[-:;.]?[ -]?(?=Qualified\b)"#)

    /// A series numbered within its letter ("Series B-1") whose "-1" OCR read as letters
    /// ("Series Bel", "Series Bi", "Series B-l"), or lost ("Series B- Convertible": a thin "1"
    /// is what a scan loses, a "2" would leave ink): after a series' capital, such letters are no word.
    static let numberedSeries = try! NSRegularExpression(pattern: #"\b(Series\s+[A-Z])(el|-?[lIi|!]|-)(?=\s|$)"#)

    /// The title with the set phrases of option titles put right where OCR misread a word of
    /// them (`optionRight`, `nonQualified`), and a numbered series' number (`numberedSeries`).
    static func withStockPhrasesRestored(_ title: String, repairs: inout Int) -> String {
        var text = title
        for match in optionRight.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let right = Range(match.range(at: 1), in: text), let word = Range(match.range(at: 2), in: text),
                  let phrase = optionRightWord(text[right]) else { continue }
            if text[word] != "to" { text.replaceSubrange(word, with: "to"); repairs += 1 }
            if phrase != text[right] { text.replaceSubrange(right, with: phrase); repairs += 1 }
        }
        for match in nonQualified.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text), text[whole] != "Non-", text[whole] != "Non " else { continue }
            text.replaceSubrange(whole, with: "Non-")
            repairs += 1
        }
        for match in numberedSeries.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let whole = Range(match.range, in: text), let series = Range(match.range(at: 1), in: text) else { continue }
            text.replaceSubrange(whole, with: text[series] + "-1")
            repairs += 1
        }
        return text
    }

    /// A par value of "$0.00": no par value is nothing (a share without one is "no par value"),
    /// so a digit was lost, and the one a scan loses is a thin "1" ("$0.001").
    static let zeroParValue = try! NSRegularExpression(pattern: #"\$0\.00(?=[\s,;]|$)"#)

    /// The title with a par value of nothing made the `zeroParValue` it was read for.
    static func withParValueCompleted(_ title: String, repairs: inout Int) -> String {
        guard title.range(of: "par", options: .caseInsensitive) != nil,
              let match = zeroParValue.firstMatch(in: title, range: NSRange(title.startIndex..., in: title)),
              let range = Range(match.range, in: title) else { return title }
        repairs += 1
        return title.replacingCharacters(in: range, with: "$0.001")
    }

    /// "$0,001" → "$0.001": a par value's point that OCR read as a comma. No amount is written
    /// with a thousands group after a lone 0, so the comma can only be the point. Nil for any
    /// other token.
    static func withDecimalPointRestored(_ token: Substring) -> String? {
        guard token.hasPrefix("$0,") else { return nil }
        let decimals = token.dropFirst(3)
        let digits = decimals.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, decimals.dropFirst(digits.count).allSatisfy({ ",;.".contains($0) }) else { return nil }
        return "$0." + decimals
    }

    /// Titles hold no braces: "{right to buy}" is "(right to buy)". A closing one with none
    /// open is a speck and goes; so is an opening one at the title's start or inside a
    /// hyphenated word ("(Common Stock", "Non-(Qualified") where it is never closed. Any other
    /// left open ("Call Option (obligation to sell") lost its closing one at the end.
    static func withParenthesesBalanced(_ text: String, repairs: inout Int) -> String {
        guard text.contains(where: { "(){}".contains($0) }) else { return text }
        var characters: [Character] = []
        var open: [Int] = []
        for character in text {
            if character == "{" || character == "}" { repairs += 1 }
            switch character {
            case "(", "{":
                open.append(characters.count)
                characters.append("(")
            case ")", "}":
                // A ")" with none open is left as printed; a "}" with none open is a speck.
                if open.popLast() != nil || character == ")" { characters.append(")") }
            default:
                characters.append(character)
            }
        }
        var closeAtEnd = 0
        for position in open.reversed() {
            repairs += 1
            if position == 0 || characters[position - 1] == "-" {
                characters.remove(at: position)
            } else {
                closeAtEnd += 1
            }
        }
        return String(characters) + String(repeating: ")", count: closeAtEnd)
    }

    /// One part of a title's token (the token split at hyphens) with its word respelled; the
    /// punctuation around it is kept.
    private static func respelledTitlePart(_ part: String, repairs: inout Int) -> String {
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || letterLookAlikes[$0] != nil }
        guard let start = part.firstIndex(where: isWordCharacter), let end = part.lastIndex(where: isWordCharacter) else { return part }
        let core = String(part[start...end])
        guard let respelled = respelledTitleWord(core), respelled != core else { return part }
        repairs += 1
        return String(part[..<start]) + respelled + String(part[part.index(after: end)...])
    }

    /// `core` as the title word it is within an edit or two of: one edit for words of four
    /// letters or fewer, two for longer ones; only when exactly one word is that close. Letter
    /// look-alikes ("$hares") are read as letters. Nil when `core` stays as it is.
    static func respelledTitleWord(_ core: String) -> String? {
        guard core.filter(\.isLetter).count >= 2, core.allSatisfy({ $0.isLetter || letterLookAlikes[$0] != nil }) else { return nil }
        let spelled = String(core.map { letterLookAlikes[$0] ?? $0 }).lowercased()
        var word: String
        // A title word's plural is a title word too ("Acme Partners", "Members").
        if securityTitleWordSet.contains(spelled) || spelled.hasSuffix("s") && securityTitleWordSet.contains(String(spelled.dropLast())) {
            word = spelled
        } else {
            // Short capitals are an acronym of their own ("ADS", "LLC").
            if core.count <= 4, core.allSatisfy(\.isUppercase) { return nil }
            let limit = spelled.count <= 4 ? 1 : 2
            let bytes = Array(spelled.utf8)
            var best: (word: String, distance: Int)?
            var tied = false
            for (index, candidate) in securityTitleWordBytes.enumerated() where candidate.count >= 2 {
                // A two-letter word is only ever one letter misread.
                if bytes.count <= 2 && candidate.count != bytes.count { continue }
                let distance = LabelText.editDistance(bytes, candidate, limit: limit)
                guard distance <= limit else { continue }
                if best == nil || distance < best!.distance {
                    best = (securityTitleVocabulary[index], distance); tied = false
                } else if distance == best!.distance {
                    tied = true
                }
            }
            guard let best, !tied else { return nil }
            word = best.word
        }
        let letters = core.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) {
            word = word.uppercased()
        } else if let first = core.first, first.isUppercase || first == "$" || first == "5" {
            word = word.prefix(1).uppercased() + word.dropFirst()
        }
        return word == core ? nil : word
    }
}
