/// Removes what OCR adds to printed text: table rules read as `|`, `[` or `]`, specks read as
/// quotes, dots and commas, and the remains of superscript footnote markers.
enum OCRTextRepair {
    /// Characters that stand alone (or at a token's ends) only as OCR noise.
    static let noise: Set<Character> = ["|", "“", "”", "‘", "’", "'", "\"", "`", "«", "»", "®", "©", "~", "_", "=", "—", "–", "¦", "!", ":", ";", "•", "*", "^"]

    /// The token without noise at its ends, and whether anything was removed. A token that is
    /// all noise (or a lone `.` `,` `-`) comes back empty.
    ///
    /// In prose (`prose`: names, titles, footnotes) a `:` or `;` right after a letter, digit or
    /// `)` is the text's own punctuation ("applicable;", "By:") and stays.
    static func clean(_ token: String, prose: Bool = false) -> (String, Bool) {
        var characters = Substring(token)
        while let first = characters.first, noise.contains(first) || first == "[" && !characters.contains("]") {
            characters = characters.dropFirst()
        }
        while let last = characters.last, noise.contains(last) || last == "]" && !characters.contains("[") {
            if prose, last == ":" || last == ";", let before = characters.dropLast().last,
               before.isLetter || before.isNumber || before == ")" { break }
            characters = characters.dropLast()
        }
        let result = String(characters)
        if [".", ",", "-"].contains(result) { return ("", true) }
        return (result, result != token)
    }

    /// `"462.63)"` → `("462.63", nil)`; `"1)"` → `("", 1)`; `"Stock”)"` → `("Stock", nil)`;
    /// `"qd)"` → `("", nil)`. What stood before the lost `(` is kept when it looks like a value.
    static func peelDamagedMarker(_ token: String) -> (String, Int?) {
        var body = Substring(token.dropLast())
        // A marker is at most a couple of characters before the ")".
        let tail = body.suffix(2)
        if tail.allSatisfy(\.isNumber), body.count == tail.count { return ("", Int(tail)) }
        while let last = body.last, !(last.isLetter || last.isNumber) || (body.count > 1 && noise.contains(last)) {
            body = body.dropLast()
        }
        // Short junk ("qd", "a") is the marker itself.
        if body.count <= 2, !body.allSatisfy(\.isNumber) { return ("", nil) }
        return (String(body), nil)
    }

    /// Short words a point ends as an abbreviation, which a lower-case word may follow.
    static let abbreviations: Set<String> = ["approx", "etc", "incl", "inc", "corp", "co", "ltd", "jr", "sr", "no",
                                             "nos", "vs", "viz", "cf", "dept", "est", "govt", "misc", "resp", "max", "min"]

    /// `tokens` with commas OCR read as points put back: a second point after an abbreviation's
    /// ("Fund II, L.P.. By:" for "L.P., By:"), and a point between a word and a lower-case word
    /// ("Depositary Shares. each representing"), where no sentence can end. The small comma's
    /// tail is what a 200 dpi scan loses first. Returns how many were put back.
    static func commasReadAsPoints(_ tokens: [String]) -> (tokens: [String], repairs: Int) {
        var result = tokens, repairs = 0
        for index in tokens.indices.dropLast() {
            let token = tokens[index], next = tokens[index + 1]
            guard token.hasSuffix("."), let nextFirst = next.first else { continue }
            let body = token.dropLast()
            if body.hasSuffix("."), body.dropLast().last?.isLetter == true, !body.hasSuffix("..") {
                result[index] = body + ","
                repairs += 1
            } else if nextFirst.isLowercase, body.count >= 3, body.allSatisfy(\.isLetter), body.last!.isLowercase,
                      !abbreviations.contains(body.lowercased()) {
                result[index] = body + ","
                repairs += 1
            }
        }
        return (result, repairs)
    }
}
