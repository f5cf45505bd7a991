import Foundation

/// Box 1's address lines as a scan's OCR leaves them: what is left of the labels under them
/// ("DENVER Ci" from "(City)", "ee) SAN DIEGO" from "(Street)") and specks read as letters at
/// their ends ("C/O LEGAL DEPARTMENT oT", "92121 I").
extension ValueParsing {
    /// A street or city line of a scan. Filers' addresses are printed in capitals: where the
    /// line holds a capitalised word of three letters or more, a token at either end that has
    /// lower-case letters in it is debris and goes. A line written in mixed case stays as read.
    public static func scannedAddressLine(_ raw: String) -> ParsedValue {
        let parsed = scannedText(raw)
        guard case .string(let text) = parsed.value else { return parsed }
        var (tokens, unitRepairs) = unitNumbersRepaired(text.split(separator: " ").map(String.init))
        let isCapitalWord = { (token: String) in
            token.filter(\.isLetter).count >= 3 && !token.contains(where: \.isLowercase)
        }
        guard tokens.contains(where: isCapitalWord) else {
            return unitRepairs == 0 ? parsed : ParsedValue(.string(tokens.joined(separator: " ")), quality: parsed.quality * 0.9)
        }
        var dropped = unitRepairs
        let isDebris = { (token: String) in token.contains(where: \.isLowercase) && token.lowercased() != "c/o" }
        while tokens.count > 1, let first = tokens.first, isDebris(first) { tokens.removeFirst(); dropped += 1 }
        while tokens.count > 1, let last = tokens.last, isDebris(last) { tokens.removeLast(); dropped += 1 }
        guard dropped > 0 else { return parsed }
        return ParsedValue(.string(tokens.joined(separator: " ")), quality: parsed.quality * pow(0.9, Double(dropped)))
    }

    /// Words that name a unit of a building, which a number follows ("UNIT 5B", "SUITE 200").
    static let unitWords = ["UNIT", "SUITE", "FLOOR", "ROOM", "APT", "STE"]

    /// Letters OCR reads for digits in a unit's number.
    static let digitLookAlikes: [Character: Character] = ["S": "5", "O": "0", "I": "1", "l": "1", "Z": "2", "B": "8", "G": "6"]

    /// A unit's number as OCR may leave it: its digits read as look-alike letters ("UNIT SB" for
    /// "UNIT 5B"), or run into the unit word ("UNITSB"). A unit number is digits with a letter at
    /// most after them; the letter stays a letter. Returns the tokens and how many were repaired.
    static func unitNumbersRepaired(_ tokens: [String]) -> (tokens: [String], repairs: Int) {
        var result: [String] = [], repairs = 0
        for token in tokens {
            if let unit = unitWords.first(where: { token.hasPrefix($0) && token.count >= $0.count + 2 }), unit.count >= 4,
               let number = unitNumber(String(token.dropFirst(unit.count))) {
                result += [unit, number]
                repairs += 1
            } else if let previous = result.last, unitWords.contains(previous), token.count >= 2, let number = unitNumber(token), number != token {
                result.append(number)
                repairs += 1
            } else {
                result.append(token)
            }
        }
        return (result, repairs)
    }

    /// `text` read as a unit's number ("SB" -> "5B", "2OO" -> "200"): all but a last letter
    /// taken for digits. Nil where that leaves no number of digits and one letter at most.
    static func unitNumber(_ text: String) -> String? {
        guard (1...4).contains(text.count) else { return nil }
        var characters = Array(text)
        for index in characters.indices where !characters[index].isNumber {
            let isLast = index == characters.count - 1
            // A last letter is the unit's letter ("5B"), unless only a digit can stand there.
            if isLast, index > 0, characters[index].isUppercase, !["O", "I", "l"].contains(characters[index]) { continue }
            guard let digit = digitLookAlikes[characters[index]] else { return nil }
            characters[index] = digit
        }
        return characters.first?.isNumber == true ? String(characters) : nil
    }

    /// A ZIP code of a scan: where the cell holds a five-digit code (or ZIP+4), tokens of one or
    /// two characters around it are specks and label remains ("80202 Zi", "01886 7"). Other
    /// postcodes ("SW1A 1AA") stay as read.
    public static func scannedZipCode(_ raw: String) -> ParsedValue {
        let parsed = scannedText(raw)
        guard case .string(let text) = parsed.value else { return parsed }
        let tokens = text.split(separator: " ").map(String.init)
        guard tokens.count > 1, let zip = tokens.first(where: isZipCodeToken),
              tokens.allSatisfy({ $0 == zip || $0.count <= 2 }) else { return parsed }
        return ParsedValue(.string(zip), quality: parsed.quality * 0.9)
    }

    /// "92121" or "92121-1234".
    static func isZipCodeToken(_ token: String) -> Bool {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        let digits = { (part: Substring, count: Int) in part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber } }
        return (parts.count == 1 && digits(parts[0], 5)) || (parts.count == 2 && digits(parts[0], 5) && digits(parts[1], 4))
    }
}
