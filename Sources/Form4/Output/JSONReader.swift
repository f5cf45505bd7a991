import Foundation

/// Why a JSON text could not be read: where, and what was expected there.
struct JSONReadError: Error, CustomStringConvertible {
    var offset: Int
    var expected: String
    var description: String { "invalid JSON at byte \(offset): expected \(expected)" }
}

/// The kind of the next JSON value, told from its first byte.
enum JSONKind {
    case object, array, string, number, bool, null
}

/// An object's key, as bytes of the text (or of its unescaped copy): valid only inside the
/// `members` call that hands it over. Keys are compared with `~=` against literals, so that
/// matching a key allocates nothing.
struct JSONKey {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The key as text, for error messages.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func ~= (name: StaticString, key: JSONKey) -> Bool {
        let count = name.utf8CodeUnitCount
        guard key.bytes.count == count else { return false }
        return memcmp(key.bytes.baseAddress!, name.utf8Start, count) == 0
    }
}

/// A small, fast pull parser over JSON bytes, the counterpart of `JSONWriter`: the caller reads
/// the values it expects in place (no tree of values in between), skips the others, and checks
/// each value's kind with `kind()` before reading it. Foundation's JSONDecoder with Codable took
/// longer to read a record back than the whole extraction took to make it, and a tree of values
/// cost a `form4 batch` coordinator more than writing the derived outputs.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Arrays and objects open around the current position.
    private var depth = 0

    /// Reads the one JSON value filling `data` (white space around it allowed) with `body`.
    static func read<T>(_ data: Data, _ body: (inout JSONReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.position == reader.bytes.count else { throw reader.error("end of input") }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Deeper nesting than any record has is refused rather than risking the stack.
    private static let maxDepth = 64

    /// The kind of the next value (white space before it skipped), without reading it.
    mutating func kind() throws -> JSONKind {
        skipWhitespace()
        guard position < bytes.count else { throw error("a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// Calls `body` with each member's key, the reader standing before the member's value;
    /// `body` reads the value or skips it (`skipValue`).
    mutating func members(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        try open(UInt8(ascii: "{"))
        skipWhitespace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("a key") }
                try withKey { reader, key in
                    reader.skipWhitespace()
                    guard reader.take(UInt8(ascii: ":")) else { throw reader.error("':'") }
                    try body(&reader, key)
                }
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { throw error("',' or '}'") }
        }
        depth -= 1
    }

    /// Calls `body` before each element of an array; `body` reads the element or skips it.
    mutating func elements(_ body: (inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "["))
        skipWhitespace()
        if !take(UInt8(ascii: "]")) {
            repeat {
                try body(&self)
                skipWhitespace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { throw error("',' or ']'") }
        }
        depth -= 1
    }

    /// Reads past the next value, whatever it is.
    mutating func skipValue() throws {
        switch try kind() {
        case .object: try members { reader, _ in try reader.skipValue() }
        case .array: try elements { try $0.skipValue() }
        case .string: _ = try string()
        case .number: _ = try numberText()
        case .bool: _ = try bool()
        case .null: try literal("null")
        }
    }

    mutating func bool() throws -> Bool {
        if position < bytes.count, bytes[position] == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    mutating func string() throws -> String {
        try withStringBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// A number as written, so that a `Decimal` is read from its exact digits. (Numbers of up
    /// to 15 bytes, all that records hold, fit in a String without allocating.)
    mutating func numberText() throws -> String {
        let start = position
        _ = take(UInt8(ascii: "-"))
        try digits(orExpected: "a value")
        if take(UInt8(ascii: ".")) { try digits(orExpected: "a digit after '.'") }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            try digits(orExpected: "an exponent")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// The number at the position as the nearest Double (as `Double(numberText())` reads it).
    /// Numbers of up to 15 digits without exponent, all that records hold, are read here: their
    /// digits and the power of ten are exact doubles, so one division rounds as strtod does; the
    /// C library took more time than the rest of the reading.
    mutating func double() throws -> Double? {
        let start = position
        let negative = take(UInt8(ascii: "-"))
        var digits: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var inFraction = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits = digits &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digitCount += 1
                if inFraction { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !inFraction, digitCount > 0 {
                inFraction = true
            } else {
                break
            }
            position += 1
        }
        let plain = digitCount > 0 && digitCount <= 15 && (!inFraction || fractionDigits > 0)
            && (position == bytes.count || bytes[position] | 0x20 != UInt8(ascii: "e"))
        guard plain else {
            position = start
            return Double(try numberText())
        }
        let magnitude = Double(digits) / Self.powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// 10^0 ... 10^15, exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    // MARK: - Parts

    private mutating func open(_ bracket: UInt8) throws {
        guard depth < Self.maxDepth else { throw error("less nesting") }
        guard take(bracket) else { throw error("'\(Character(Unicode.Scalar(bracket)))'") }
        depth += 1
    }

    /// Reads the key (a string) at the position and hands it to `body`.
    private mutating func withKey(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        let quote = position
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\"),
              bytes[position] >= 0x20 {
            position += 1
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
            position += 1
            try body(&self, JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<position - 1])))
            return
        }
        // An escaped key (form4 writes none, but it is valid JSON), or a broken one: read as a string.
        position = quote
        let unescaped = Array(try string().utf8)
        try unescaped.withUnsafeBufferPointer { try body(&self, JSONKey(bytes: $0)) }
    }

    /// Reads the string at the position and hands its UTF-8 bytes, escapes undone, to `body`.
    private mutating func withStringBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) throws -> T {
        guard take(UInt8(ascii: "\"")) else { throw error("'\"'") }
        let start = position
        // Fast path: no escapes, the bytes are the string.
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            guard bytes[position] >= 0x20 else { throw error("no control character in a string") }
            position += 1
        }
        guard position < bytes.count else { throw error("'\"'") }
        if bytes[position] == UInt8(ascii: "\"") {
            position += 1
            return body(UnsafeBufferPointer(rebasing: bytes[start..<position - 1]))
        }
        var utf8 = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return utf8.withUnsafeBufferPointer(body)
            case UInt8(ascii: "\\"):
                try unescape(into: &utf8)
            case 0..<0x20:
                throw error("no control character in a string")
            default:
                utf8.append(byte)
            }
        }
        throw error("'\"'")
    }

    /// Appends the character of the escape after a `\` to `utf8`.
    private mutating func unescape(into utf8: inout [UInt8]) throws {
        guard position < bytes.count else { throw error("an escape") }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
        default: throw error("a valid escape")
        }
    }

    /// The character of `\uXXXX` (the `\u` already read), joining a surrogate pair, as UTF-8.
    private mutating func unicodeEscape() throws -> [UInt8] {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("a low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        return Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a hex digit")
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    /// One or more decimal digits.
    private mutating func digits(orExpected expected: String) throws {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
        guard position > start else { throw error(expected) }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("\(word)") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw error("\(word)") }
        position += count
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func error(_ expected: String) -> JSONReadError { JSONReadError(offset: position, expected: expected) }
}
