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
        var tokens = text.split(separator: " ").map(String.init)
        let isCapitalWord = { (token: String) in
            token.filter(\.isLetter).count >= 3 && !token.contains(where: \.isLowercase)
        }
        guard tokens.contains(where: isCapitalWord) else { return parsed }
        let isDebris = { (token: String) in token.contains(where: \.isLowercase) && token.lowercased() != "c/o" }
        var dropped = 0
        while tokens.count > 1, let first = tokens.first, isDebris(first) { tokens.removeFirst(); dropped += 1 }
        while tokens.count > 1, let last = tokens.last, isDebris(last) { tokens.removeLast(); dropped += 1 }
        guard dropped > 0 else { return parsed }
        return ParsedValue(.string(tokens.joined(separator: " ")), quality: parsed.quality * pow(0.9, Double(dropped)))
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
