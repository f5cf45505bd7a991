import Foundation
import Layout

/// A value read from the page, normalised, with how cleanly it parsed.
public struct ParsedValue: Equatable, Sendable {
    public var value: FieldValue
    /// 1 when the text parsed as it stood; lower when characters had to be repaired or dropped.
    public var quality: Double
    public var repaired: Bool { quality < 1 }

    public init(_ value: FieldValue, quality: Double = 1) {
        self.value = value
        self.quality = quality
    }

    /// Text that could not be read as the field's type: kept as text, with low quality.
    static func unreadable(_ text: String) -> ParsedValue {
        ParsedValue(text.isEmpty ? .null : .string(text), quality: text.isEmpty ? 1 : 0.2)
    }
}

/// Turns the text of a form cell into a typed value in the vocabulary of the EDGAR ownership XML.
/// Repairs of OCR confusions are made only where the field's type says what can stand there
/// (a date holds digits and slashes, so an `O` in it is a `0`), and lower the quality.
public enum ValueParsing {
    /// Runs of white space become one space; ends trimmed.
    public static func foldWhitespace(_ text: String) -> String {
        // Nearly every cell is ASCII with single spaces: that is checked on bytes and returned
        // as it is, without splitting into Characters.
        var previousWasSpace = true // a leading space needs folding
        for byte in text.utf8 {
            if byte >= 0x80 || (byte < 0x20) || (byte == 0x20 && previousWasSpace) {
                return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            }
            previousWasSpace = byte == 0x20
        }
        if previousWasSpace && !text.isEmpty { return String(text.dropLast()) }
        return text
    }

    /// Free text (names, titles, addresses): white space folded.
    public static func text(_ raw: String) -> ParsedValue {
        let folded = foldWhitespace(raw)
        return ParsedValue(folded.isEmpty ? .null : .string(folded))
    }

    /// `MM/DD/YYYY` (as the form prints dates) to `YYYY-MM-DD`.
    public static func date(_ raw: String) -> ParsedValue {
        let folded = foldWhitespace(raw)
        if folded.isEmpty { return ParsedValue(.null) }
        let digitsOnly: String, repairs: Int
        var parts: [String]
        if folded.utf8.allSatisfy({ isDigit($0) || isDateSeparator($0) }) {
            // A printed date is digits and separators only: split on bytes, nothing to repair.
            (digitsOnly, repairs) = (folded, 0)
            parts = folded.utf8.split(whereSeparator: isDateSeparator).map { String(decoding: $0, as: UTF8.self) }
        } else {
            // OCR reads a slash pressed between digits as a colon or comma ("09:05/2030").
            let compact = folded.filter { !$0.isWhitespace }
            let slashes = String(compact.map { misreadDateSeparators.contains($0) ? "/" : $0 })
            let (repaired, digitRepairs) = repairDigits(slashes, allowed: "/-.")
            (digitsOnly, repairs) = (repaired, digitRepairs + compact.count(where: misreadDateSeparators.contains))
            parts = digitsOnly.split(whereSeparator: { "/-.".contains($0) }).map(String.init)
        }
        var lostSeparators = 0
        if parts.count != 3, digitsOnly.allSatisfy({ $0.isASCII && $0.isNumber || "/-.".contains($0) }),
           let split = splitRunTogetherDate(Array(digitsOnly.filter { $0.isASCII && $0.isNumber })) {
            (parts, lostSeparators) = split
        }
        var monthFixes = 0
        if parts.count == 3, let month = monthWithTensMisread(parts[0]) {
            parts[0] = month
            monthFixes = 1
        }
        guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), var year = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return notADate(folded) }
        if parts[2].count == 2 { year += year < 70 ? 2000 : 1900 }
        // No calendar has a 30 February: a digit of the day or month was misread.
        guard plausibleYears.contains(year), day <= daysIn(month: month, year: year) else { return .unreadable(folded) }
        let iso = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        let fixes = repairs + lostSeparators + monthFixes
        return ParsedValue(.string(iso), quality: fixes == 0 ? 1 : max(0.5, 0.85 - 0.1 * Double(fixes - 1)))
    }

    /// `date`, for a date read from a scan: a month or day of one digit counts as a repair. The
    /// form prints both with two ("01/28/2023"), so one digit means OCR lost the other; most
    /// often one "1" of two ("1/28/2023" for "11/28/2023"), where the date parses but is wrong.
    public static func scannedDate(_ raw: String) -> ParsedValue {
        if let unspecked = withoutEdgeSpecks(raw) {
            // Read apart from the date, a letter or mark is a speck, not a digit it looks like
            // ("1201/2032 s": the "s" is no "5" of the year).
            let parsed = scannedDate(unspecked)
            guard case .string(let text) = parsed.value, DateCrossCheck.isISODate(text) else { return date(raw) }
            return ParsedValue(parsed.value, quality: min(parsed.quality, lostDigitQuality))
        }
        let parsed = date(raw)
        guard parsed.quality == 1, !parsed.value.isNull else { return parsed }
        let parts = foldWhitespace(raw).split(whereSeparator: { "/-.".contains($0) })
        guard parts.count == 3, parts[0].count == 1 || parts[1].count == 1 else { return parsed }
        return ParsedValue(parsed.value, quality: lostDigitQuality)
    }

    /// Quality of a scanned date whose month or day has one digit (`scannedDate`): that of one repair.
    static let lostDigitQuality = 0.85

    /// `raw` without a lone letter or mark OCR set apart before or after it ("1201/2032 s");
    /// nil where there is none.
    static func withoutEdgeSpecks(_ raw: String) -> String? {
        var tokens = foldWhitespace(raw).split(separator: " ")
        let isSpeck = { (token: Substring) in token.count == 1 && !(token.first!.isASCII && token.first!.isNumber) }
        var dropped = false
        while tokens.count > 1, let last = tokens.last, isSpeck(last) { tokens.removeLast(); dropped = true }
        while tokens.count > 1, let first = tokens.first, isSpeck(first) { tokens.removeFirst(); dropped = true }
        return dropped ? tokens.joined(separator: " ") : nil
    }

    /// How many days `month` has in `year` (Gregorian).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A two-digit month past 12 whose tens digit OCR misread ("93" for "03", "40" for "10"):
    /// the tens of a month are 0 or 1, and where only one of them makes a month, that is it.
    /// Nil for a month that is one, or that could be either ("41": 01 or 11).
    static func monthWithTensMisread(_ text: String) -> String? {
        guard text.count == 2, let value = Int(text), !(1...12).contains(value), let units = text.last else { return nil }
        let months = ["0", "1"].map { $0 + String(units) }.filter { Int($0).map((1...12).contains) ?? false }
        return months.count == 1 ? months[0] : nil
    }

    /// Digits that OCR will have read as a slash: a slash's stroke is a "1" or a "7" to it.
    static let slashLookAlikes: Set<Character> = ["1", "7"]

    /// MM DD YYYY in a date whose slashes OCR lost or read as digits ("0522/2026",
    /// "1271372021", "110572025"): eight digits are the date itself; nine or ten hold one or two
    /// read slashes between its parts. Slash look-alikes ("1", "7") are tried first; where they
    /// give no date, any digit in a slash's place ("069092023": 06/09/2023), which is weaker
    /// evidence and counts as one more repair. Taken only when exactly one reading makes a date,
    /// with how many repairs it took.
    static func splitRunTogetherDate(_ digits: [Character]) -> (parts: [String], separators: Int)? {
        guard (8...10).contains(digits.count) else { return nil }
        if let reading = uniqueDateReading(digits, separator: slashLookAlikes.contains) { return reading }
        guard digits.count > 8, let reading = uniqueDateReading(digits, separator: { _ in true }) else { return nil }
        return (reading.parts, reading.separators + 1)
    }

    /// The one way of reading `digits` as MM [sep] DD [sep] YYYY with valid parts, where a
    /// separator is a digit `separator` accepts; nil when none or several.
    private static func uniqueDateReading(_ digits: [Character], separator: (Character) -> Bool) -> (parts: [String], separators: Int)? {
        var readings = Set<[String]>()
        var separators = 0
        for first in [false, true] {
            for second in [false, true] where 8 + (first ? 1 : 0) + (second ? 1 : 0) == digits.count {
                let dayStart = 2 + (first ? 1 : 0), yearStart = dayStart + 2 + (second ? 1 : 0)
                if first, !separator(digits[2]) { continue }
                if second, !separator(digits[dayStart + 2]) { continue }
                let parts = [String(digits[0..<2]), String(digits[dayStart..<dayStart + 2]), String(digits[yearStart...])]
                guard let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
                      (1...12).contains(month), plausibleYears.contains(year), (1...daysIn(month: month, year: year)).contains(day)
                else { continue }
                readings.insert(parts)
                separators = max(1, (first ? 1 : 0) + (second ? 1 : 0))
            }
        }
        guard readings.count == 1, let parts = readings.first else { return nil }
        return (parts, separators)
    }

    /// Years a date may have; outside them the digits are misread.
    static let plausibleYears = 1900...2100

    /// Unreadable text in a date's cell. With fewer than four digits it is no damaged date but
    /// a speck, a rule's remains or a lone footnote marker ("(6)", "e", "cg") in an empty cell:
    /// no value, and doubtful (the text stays in the field's `raw`).
    static func notADate(_ folded: String) -> ParsedValue {
        let digits = folded.utf8.filter(isDigit).count
        return digits < 4 ? ParsedValue(.null, quality: 0.2) : .unreadable(folded)
    }

    /// Share counts and prices: `$`, thousands separators and spaces dropped; `1,234.5` → 1234.5.
    public static func number(_ raw: String) -> ParsedValue {
        let folded = foldWhitespace(raw)
        if folded.isEmpty { return ParsedValue(.null) }
        if let plain = plainNumberText(folded) {
            return decimal(plain).map { ParsedValue(.number($0)) } ?? .unreadable(folded)
        }
        let (repairedText, repairs) = amountCharacters(folded)
        if repairedText.isEmpty { return ParsedValue(.null) }
        let plain = repairedText.filter { $0 != "," }
        guard let number = decimal(plain) else { return .unreadable(foldWhitespace(raw)) }
        return ParsedValue(.number(number), quality: repairs == 0 ? 1 : max(0.5, 0.85 - 0.1 * Double(repairs - 1)))
    }

    /// What OCR made of a footnote marker standing alone in an amount's cell, where the form
    /// prints no amount ("(2)" under a price that is footnoted instead): text with no digit at
    /// all ("@", "()", "ay"), or the marker read with its number once more beside it ("(7) 7",
    /// "6) 5", "(13) 13"). A damaged amount keeps digits of its own, so it is never taken for this.
    static func isMarkerDebris(_ text: String, markers: [Int]) -> Bool {
        let tokens = foldWhitespace(text).split(separator: " ")
        guard !tokens.isEmpty else { return false }
        var markerNumbers = Set(markers)
        var looseNumbers: [Int] = []
        for token in tokens {
            let digits = token.filter { $0.isASCII && $0.isNumber }
            if token.contains("(") || token.contains(")") {
                if let number = Int(digits) { markerNumbers.insert(number) }
            } else if !digits.isEmpty {
                guard digits.count == token.count, let number = Int(digits) else { return false }
                looseNumbers.append(number)
            }
        }
        let parenthesised = tokens.contains { $0.contains("(") || $0.contains(")") }
        // A loose number counts as the marker's only beside a marker read as such.
        return looseNumbers.isEmpty || (parenthesised && looseNumbers.allSatisfy(markerNumbers.contains))
    }

    /// An amount's characters: `$` and spaces dropped, letters OCR reads for digits made digits
    /// again, and how many were.
    static func amountCharacters(_ folded: String) -> (text: String, repairs: Int) {
        var text = folded
        text.removeAll { $0 == "$" || $0 == " " }
        return repairDigits(text, allowed: ",.-")
    }

    /// Quality of an amount whose reading broke the printed format (`amountFormat`), put right
    /// or not: the repair is the likeliest reading, not a sure one.
    static let regroupedQuality = 0.7

    /// An amount on a scan: `number`, except where OCR's reading breaks the format amounts are
    /// printed in: there the reading that keeps the format where only one does
    /// (`amountFormat`), and in any case a lower quality (the field goes to review).
    public static func scannedNumber(_ raw: String) -> ParsedValue {
        let parsed = number(raw)
        let format = amountFormat(raw)
        if case .pointAt(let text) = format, let mended = decimal(text) {
            // Mended even where the reading is no number as it stands ("1.200.4").
            var quality = regroupedQuality
            if case .number = parsed.value { quality = min(parsed.quality, regroupedQuality) }
            return ParsedValue(.number(mended), quality: quality)
        }
        guard case .number = parsed.value, format != .kept else { return parsed }
        return ParsedValue(parsed.value, quality: min(parsed.quality, regroupedQuality))
    }

    /// Whether an amount's one point stands before exactly three digits ("231.890"), with a
    /// whole part before it (not "0.125"): OCR reads a thousands comma as a point as often as
    /// not, and which it was only the print can tell.
    public static func pointMayBeComma(_ raw: String) -> Bool {
        let text = amountCharacters(foldWhitespace(raw)).text
        guard !text.contains(","), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return false }
        let points = text.split(separator: ".", omittingEmptySubsequences: false)
        return points.count == 2 && points[1].count == 3 && !points[0].isEmpty && points[0] != "0"
    }

    /// How an amount's reading stands to the printed format: commas grouping thousands in
    /// threes, at most one decimal point after them.
    enum AmountFormat: Equatable {
        /// The reading keeps the format (or is no amount).
        case kept
        /// The format is broken, and one reading alone mends it: this text (commas dropped).
        case pointAt(String)
        /// The format is broken in a way two readings could mend: "17,4999" is 17,499.9 with
        /// its point lost, or 17.4999 with its point read as a comma.
        case broken
    }

    /// OCR reads a decimal point as a comma, or loses it:
    /// - a last comma followed by one or two digits is the point ("$4,79" is 4.79): no
    ///   thousands group is that short;
    /// - digits after a leading zero followed a point OCR lost ("$0412" is 0.412);
    /// - a last group of four or more digits is broken, but does not tell which way.
    /// OCR reads a comma as a point too: of several points, all but the last grouped thousands
    /// ("1.200.4" is 1,200.4) where they stand between groups of three.
    static func amountFormat(_ raw: String) -> AmountFormat {
        let text = amountCharacters(foldWhitespace(raw)).text
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { return .kept }
        let points = text.split(separator: ".", omittingEmptySubsequences: false)
        if points.count >= 3, !text.contains(",") {
            let grouped = (1...3).contains(points[0].count) && points.dropFirst().dropLast().allSatisfy { $0.count == 3 }
            guard grouped, let last = points.last, !last.isEmpty else { return .broken }
            return .pointAt(points.dropLast().joined() + "." + last)
        }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count >= 2 {
            guard !text.contains("."), let last = groups.last, !last.isEmpty, last.count != 3, !groups[0].isEmpty else { return .kept }
            // With several commas, the ones before the last must group thousands properly.
            let whole = groups.count == 2 || (groups[0].count <= 3 && groups.dropFirst().dropLast().allSatisfy { $0.count == 3 })
            return whole && last.count < 3 ? .pointAt(groups.dropLast().joined() + "." + last) : .broken
        }
        if text.count >= 2, text.first == "0", !text.contains(".") { return .pointAt("0." + text.dropFirst()) }
        return .kept
    }

    /// Characters OCR reads a dollar sign as.
    static let dollarLookAlikes: Set<Character> = ["3", "5", "S", "s", "§", "#"]

    /// A price on a scan: `number`, except that "30", "50", "so" are "$0" with its dollar sign
    /// read as a digit or letter. Prices are printed with their "$"; a price of nothing is
    /// common (awards, exercises, gifts), and one of exactly 30 or 50 whose "$" OCR lost
    /// altogether is rarer.
    public static func scannedPrice(_ raw: String) -> ParsedValue {
        let folded = foldWhitespace(raw)
        // The "$" opens a printed price: a speck or a rule's remains before it, read as a digit
        // ("7 $1,697.47"), is no part of the amount; the reading counts as repaired.
        if let dollar = folded.range(of: " $"), folded.distance(from: folded.startIndex, to: dollar.lowerBound) <= maximumDebrisBeforeDollar {
            let price = scannedNumber(String(folded[dollar.upperBound...]))
            return ParsedValue(price.value, quality: min(price.quality, debrisDroppedQuality))
        }
        if folded.count == 2, let first = folded.first, let last = folded.last,
           dollarLookAlikes.contains(first), "0oO".contains(last) {
            return ParsedValue(.number(0), quality: 0.8)
        }
        // Likewise "36", "36.63" and "342.06" are "$6", "$6.63" and "$42.06": a price read without its "$"
        // whose first character is one OCR reads a "$" as. (Seldom is the "$" lost outright
        // from a price that begins with a 3 or 5; the reading goes to review either way.)
        if folded.count >= 2, !folded.contains("$"), let first = folded.first, dollarLookAlikes.contains(first),
           case let rest = String(folded.dropFirst()), isPrintedPrice(rest) {
            let price = scannedNumber(rest)
            if case .number = price.value { return ParsedValue(price.value, quality: min(price.quality, dollarReadAsDigitQuality)) }
        }
        return scannedNumber(raw)
    }

    /// Whether `text` is a price as the form prints one after its "$": digits grouped by commas
    /// in threes, a decimal point, and no leading zero but that of "0.5" ("00" of "$00" is none).
    static func isPrintedPrice(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isNumber, amountFormat(text) == .kept,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { return false }
        return first != "0" || text.count == 1 || text.dropFirst().first == "."
    }

    /// Quality of a price whose "$" OCR read as a digit or letter (`scannedPrice`).
    static let dollarReadAsDigitQuality = 0.7

    /// Characters before a price's "$" taken for debris (`scannedPrice`), and the quality of a
    /// price read past them.
    static let maximumDebrisBeforeDollar = 2, debrisDroppedQuality = 0.85

    /// A printed number (digits, `,` `.` `-`, `$` and spaces only: nothing to repair) without its
    /// `$`, spaces and thousands separators; nil for any other text, which the slow path reads.
    /// Checked on bytes: nearly every number cell is this, and Characters cost far more.
    static func plainNumberText(_ folded: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.utf8.count)
        for byte in folded.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"): bytes.append(byte)
            case UInt8(ascii: ","), UInt8(ascii: "$"), UInt8(ascii: " "): continue
            default: return nil
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    /// What OCR makes of a date's slash: read as a separator, the repair counted.
    static let misreadDateSeparators: Set<Character> = [":", ";", ","]

    static func isDateSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// `-1234.5678` as an exact Decimal, or nil unless the text is digits with at most one point
    /// and a leading minus. Built from its digits: Foundation's string parsing is slow.
    static func decimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var exponent = 0, digits = 0
        var seenPoint = false, negative = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint { exponent -= 1 }
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            case UInt8(ascii: "-") where index == 0:
                negative = true
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// A one-letter code from `allowed` (transaction codes, A/D, D/I). Parentheses are dropped:
    /// the form prints "(A)" in headings but "A" in cells.
    public static func code(_ raw: String, allowed: Set<Character>) -> ParsedValue {
        let letters = foldWhitespace(raw).filter { $0 != "(" && $0 != ")" && !$0.isWhitespace }
        if letters.isEmpty { return ParsedValue(.null) }
        if letters.count == 1, let letter = letters.first, allowed.contains(letter) {
            return ParsedValue(.string(String(letter)))
        }
        if letters.count == 1, let letter = letters.first, let fixed = letterConfusions[letter], allowed.contains(fixed) {
            return ParsedValue(.string(String(fixed)), quality: 0.8)
        }
        let upper = letters.uppercased()
        if upper.count == 1, let letter = upper.first, allowed.contains(letter) {
            return ParsedValue(.string(String(letter)), quality: 0.85)
        }
        // OCR may read one letter twice, in both cases ("Ss", "Ww", "WwW").
        if upper.count <= 3, let letter = upper.first, allowed.contains(letter), upper.allSatisfy({ $0 == letter }) {
            return ParsedValue(.string(String(letter)), quality: 0.7)
        }
        // Of only D and I, a short reading's first character tells which ("Db", "if", "t"):
        // their look-alikes do not overlap.
        if allowed == ["D", "I"], letters.count <= 2, let first = letters.first, let letter = directIndirectLookAlikes[first] {
            return ParsedValue(.string(String(letter)), quality: 0.6)
        }
        return .unreadable(letters)
    }

    /// What OCR makes of a lone "D" or "I" in the ownership-form column.
    static let directIndirectLookAlikes: [Character: Character] = [
        "D": "D", "O": "D", "o": "D", "0": "D", "Q": "D", "b": "D", "p": "D", "P": "D",
        "I": "I", "l": "I", "1": "I", "|": "I", "i": "I", "!": "I", "t": "I", "f": "I", "j": "I", "J": "I", "L": "I",
    ]

    /// A trading symbol read by OCR: one token of capitals (OCR may lower a letter, "TVIy", and
    /// read specks after it as more words, "MF 8 > z"). What had to change lowers the quality.
    public static func ticker(_ raw: String) -> ParsedValue {
        let tokens = foldWhitespace(raw).split(separator: " ").map(String.init)
        guard let first = tokens.first else { return ParsedValue(.null) }
        var upper = first.uppercased()
        // Tickers are letters: a digit among letters is the letter OCR took it for ("0B" → OB).
        if upper.contains(where: \.isLetter) {
            let letters: [Character: Character] = ["0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B"]
            upper = String(upper.map { letters[$0] ?? $0 })
        }
        let changed = upper != first || tokens.count > 1
        return ParsedValue(.string(upper), quality: changed ? 0.8 : 1)
    }

    /// A signature line: the conformed-signature mark "/s/" as OCR damages it ("és/", "/s",
    /// "is/", "{si", "(s/", "Js") is restored where it stands: first, or after "By:", before a
    /// name. So is "Attorney-in-Fact" ("Atiomey-in-Fact"), the one phrase such lines share.
    public static func signature(_ raw: String) -> ParsedValue {
        var tokens = foldWhitespace(raw).split(separator: " ").flatMap(splittingGluedSignatureMark)
        guard !tokens.isEmpty else { return ParsedValue(.null) }
        var repaired = tokens.count != foldWhitespace(raw).split(separator: " ").count
        for (index, token) in tokens.enumerated() where token != "/s/" && index + 1 < tokens.count {
            let slashed = token.count <= 3 && token.lowercased().contains("s") && (token.hasPrefix("/") || token.hasSuffix("/"))
            let opensName = (index == 0 || tokens[index - 1].lowercased() == "by:") && tokens[index + 1].first?.isUppercase == true
            // What opens a signature's name is "/s/": a short token there that cannot be part of
            // a name (lower case, digits, marks: "is", "4S", "ist") is what OCR left of it.
            let debrisOpening = index == 0 && opensName && token.count <= 3
                && (token.allSatisfy { $0.isLowercase || !$0.isLetter } || token.contains(where: \.isNumber))
            if slashed || (opensName && isDamagedSignatureMark(token)) || debrisOpening {
                tokens[index] = "/s/"
                repaired = true
            }
        }
        for (index, token) in tokens.enumerated() {
            if let restored = restoredAttorneyInFact(token) {
                tokens[index] = restored
                repaired = true
            }
        }
        if let joined = joinedAttorneyInFact(tokens) {
            tokens = joined
            repaired = true
        }
        return ParsedValue(.string(tokens.joined(separator: " ")), quality: repaired ? 0.85 : 1)
    }

    /// `signature` of a scan's OCR text, with the attorney's phrase after the name restored
    /// (`attorneyInFactAfterName`): printed text says what it says, comma or none.
    /// A comma OCR read as a point after "L.P." is put back (`OCRTextRepair.commasReadAsPoints`).
    public static func scannedSignature(_ raw: String) -> ParsedValue {
        var read = signature(raw)
        guard case .string(let text) = read.value else { return read }
        let (pointsMended, commas) = OCRTextRepair.commasReadAsPoints(text.split(separator: " ").map(String.init))
        let (tokens, nameRepairs) = entityNameTokensRepaired(pointsMended)
        if commas + nameRepairs > 0 { read = ParsedValue(.string(tokens.joined(separator: " ")), quality: min(read.quality, 0.9)) }
        guard let mended = attorneyInFactAfterName(tokens) else { return read }
        return ParsedValue(.string(mended.joined(separator: " ")), quality: min(read.quality, 0.85))
    }

    /// The phrase that ends a name signed by an attorney ("/s/ Jane Doe, Attorney-in-Fact") as OCR
    /// leaves it: one or two garbled words then "Fact" after the name's comma ("Doe, COMED Fact",
    /// "Doe, aormeyN Fact"), a speck before it ("Doe, 4 Attorney-in-Fact"), or the name's comma
    /// lost ("Doe Attorney-in-Fact"). Nil where the line has none of these.
    static func attorneyInFactAfterName(_ tokens: [String]) -> [String]? {
        let phrase = "Attorney-in-Fact"
        guard tokens.count >= 3, let last = tokens.last else { return nil }
        let lastWord = last.trimmingCharacters(in: .punctuationCharacters).lowercased()
        if lastWord == "fact", last != phrase,
           let comma = tokens.dropLast().lastIndex(where: { $0.hasSuffix(",") }), (1...2).contains(tokens.count - 2 - comma) {
            return Array(tokens[...comma]) + [phrase]
        }
        guard last == phrase else { return nil }
        var before = tokens.count - 2
        // Specks: a token of at most two characters, no word of a name ("4", "*", "1.").
        while before > 0, tokens[before].count <= 2, !tokens[before].allSatisfy(\.isLetter) { before -= 1 }
        let name = tokens[before]
        if before < tokens.count - 2, name.hasSuffix(",") { return Array(tokens[...before]) + [phrase] }
        if !name.hasSuffix(","), name.first?.isUppercase == true, name.count >= 2, name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }) {
            return Array(tokens[..<before]) + [name + ",", phrase]
        }
        return nil
    }

    /// `"/s/Susan"`, `"(s/Susan"` → `["/s/", "Susan"]`: a conformed-signature mark OCR ran into
    /// the name after it (a mark of look-alikes ending in a slash, then a capital).
    static func splittingGluedSignatureMark(_ token: Substring) -> [String] {
        guard let slash = token.lastIndex(of: "/"), slash != token.startIndex else { return [String(token)] }
        let mark = token[...slash], rest = token[token.index(after: slash)...]
        guard (2...4).contains(mark.count), mark.allSatisfy(signatureMarkLookAlikes.contains),
              mark.contains(where: { "sS5$".contains($0) }), rest.count >= 2, rest.first?.isUppercase == true,
              rest.dropFirst().allSatisfy({ $0.isLetter || "'-.,".contains($0) }) else { return [String(token)] }
        return ["/s/", String(rest)]
    }

    /// Characters OCR makes of the slashes and the "s" of "/s/".
    private static let signatureMarkLookAlikes = Set("/\\|(){}[]!iIlj1Jfé4sS5$.,")

    /// A short token made of "/s/" look-alikes, with an "s" in it and either a bracket or slash,
    /// or one of the letter-only readings OCR makes of it ("Js", "fs", "isi").
    static func isDamagedSignatureMark(_ token: String) -> Bool {
        guard (1...4).contains(token.count), token.allSatisfy(signatureMarkLookAlikes.contains),
              token.contains(where: { "sS5$".contains($0) }) else { return false }
        return token.contains(where: { "/\\|(){}[]!".contains($0) }) || ["js", "fs", "isi", "és"].contains(token.lowercased())
    }

    /// "Attorney-in-" whose "Fact" OCR set apart with debris between ("Attorney-in-HERE Fact")
    /// or lost at the line's end: the phrase whole again. Nil where there is no such phrase.
    static func joinedAttorneyInFact(_ tokens: [String]) -> [String]? {
        guard let start = tokens.firstIndex(where: { $0.lowercased().hasPrefix("attorney-in-") && $0.lowercased() != "attorney-in-fact" })
        else { return nil }
        let rest = tokens[(start + 1)...]
        if rest.isEmpty, tokens[start].lowercased() == "attorney-in-" { return Array(tokens[..<start]) + ["Attorney-in-Fact"] }
        guard let end = rest.prefix(2).firstIndex(where: { $0.trimmingCharacters(in: .punctuationCharacters).lowercased() == "fact" })
        else { return nil }
        let trailing = String(tokens[end].reversed().prefix { ",.;".contains($0) }.reversed())
        return Array(tokens[..<start]) + ["Attorney-in-Fact" + trailing] + Array(tokens[(end + 1)...])
    }

    /// "Attorney-in-Fact" spelled within three edits ("Attomey-in-Fact"), any word before a
    /// plain "-in-Fact", or a word near "Attorney" before "-in-" and what OCR left of "Fact"
    /// ("Atiomney-in-Ea"), with its punctuation;
    /// nil for any other word, and for the phrase spelled right in any case.
    static func restoredAttorneyInFact(_ token: String) -> String? {
        let phrase = "Attorney-in-Fact"
        let trailing = String(token.reversed().prefix { ",.;".contains($0) }.reversed())
        let word = String(token.dropLast(trailing.count))
        guard word.count >= phrase.count - 3, word.count <= phrase.count + 3, word.lowercased() != phrase.lowercased(),
              word.lowercased().hasSuffix("fact") || word.lowercased().contains("-in-") else { return nil }
        // "-in-Fact" read right follows no other word: its head is "Attorney" however garbled ("Auomey-in-Fact").
        if word.lowercased().hasSuffix("-in-fact"), word.first?.isLetter == true { return phrase + trailing }
        // Nor does "-in-" follow any other word than "Attorney": with that head near, what OCR
        // left of "Fact" after it matters not ("Atiomney-in-Ea").
        if let inRange = word.range(of: "-in-"), case let head = word[..<inRange.lowerBound].lowercased(),
           (1...3).contains(word[inRange.upperBound...].count),
           LabelText.editDistance(Array(head.utf8), Array("attorney".utf8), limit: 3) <= 2 { return phrase + trailing }
        let distance = LabelText.editDistance(Array(word.lowercased().utf8), Array(phrase.lowercased().utf8), limit: 4)
        return distance <= 3 ? phrase + trailing : nil
    }

    /// A US state or territory as its two-letter code: newer EDGAR renderings print the full
    /// name ("CALIFORNIA"), older ones the code.
    public static func state(_ raw: String) -> ParsedValue {
        let folded = foldWhitespace(raw)
        if folded.isEmpty { return ParsedValue(.null) }
        let upper = folded.uppercased()
        if upper.count == 2, upper.allSatisfy(\.isLetter) { return ParsedValue(.string(upper)) }
        if let code = USStates.code(forName: upper) { return ParsedValue(.string(code)) }
        return ParsedValue(.string(folded), quality: 0.6)
    }

    /// Letters OCR puts where digits belong.
    static let digitConfusions: [Character: Character] = [
        "O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "L": "1", "i": "1", "|": "1", "!": "1",
        "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6", "g": "9", "q": "9", "T": "7",
    ]
    /// Digits and look-alikes OCR puts where a code letter belongs.
    static let letterConfusions: [Character: Character] = [
        "0": "D", "5": "S", "8": "B", "1": "I", "2": "Z", "6": "G", "$": "S", "€": "E", "|": "I", "l": "I",
    ]

    /// Replaces letters that OCR confuses with digits, in text that may hold only digits and
    /// `allowed` punctuation. Returns the repaired text and the number of repairs.
    static func repairDigits(_ text: String, allowed: String) -> (String, Int) {
        // Clean text (ASCII digits and allowed punctuation) is returned as it is, checked on bytes.
        if text.utf8.allSatisfy({ isDigit($0) || ($0 < 0x80 && allowed.utf8.contains($0)) }) { return (text, 0) }
        var repairs = 0
        var result = ""
        for character in text {
            if character.isASCII && character.isNumber || allowed.contains(character) {
                result.append(character)
            } else if let digit = digitConfusions[character] {
                result.append(digit)
                repairs += 1
            } else {
                result.append(character)
            }
        }
        return (result, repairs)
    }
}
