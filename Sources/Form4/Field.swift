import Foundation
import PDFText

/// A typed value in the vocabulary of the EDGAR ownership XML.
public enum FieldValue: Equatable, Sendable {
    case string(String)
    case number(Decimal)
    case bool(Bool)
    case null

    public var isNull: Bool { self == .null }

    /// The value as the ownership XML writes it (`true`, `1234.5`, `2025-04-30`), nil for null.
    public var xmlText: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number.plainString
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return nil
        }
    }
}

extension FieldValue: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Decimal.self) { self = .number(number) }
        else { self = .string(try container.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        }
    }
}

extension Decimal {
    /// The number without exponent or grouping: `1234.5678`, `0`, `-3.25`.
    public var plainString: String {
        if let text = plainStringOfSmallSignificand { return text }
        var copy = self
        return NSDecimalString(&copy, Decimal.posix)
    }

    /// `plainString` of a number whose digits fit in 64 bits (all that forms hold), the same
    /// text written from the integer's digits: Foundation divides its 128-bit significand by 10
    /// for every digit, which made formatting the numbers the costliest part of writing a batch's
    /// derived outputs. Nil for others (zero and NaN too).
    private var plainStringOfSmallSignificand: String? {
        guard let (significand, exponent, negative) = smallParts else { return nil }
        let digits = Array(String(significand).utf8)
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if exponent >= 0 {
            text += digits
            text += repeatElement(UInt8(ascii: "0"), count: exponent)
        } else if -exponent < digits.count {
            let point = digits.count + exponent
            text += digits[..<point]
            text.append(UInt8(ascii: "."))
            text += digits[point...]
        } else {
            text += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            text += repeatElement(UInt8(ascii: "0"), count: -exponent - digits.count)
            text += digits
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The number as significand × 10^exponent, when the significand is not zero and fits in 64
    /// bits. Foundation keeps these parts internal: they are read from the value's bytes (an
    /// 8-bit exponent; a byte holding the length in 16-bit words in its high four bits and the
    /// sign in bit 3; two reserved bytes; eight 16-bit words of significand, least significant
    /// first), where `layoutIsKnown` found them.
    private var smallParts: (significand: UInt64, exponent: Int, negative: Bool)? {
        guard Decimal.layoutIsKnown else { return nil }
        return rawParts
    }

    private var rawParts: (significand: UInt64, exponent: Int, negative: Bool)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: self) { raw in
            let length = Int(raw[1] >> 4)
            guard length > 0, length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                significand = significand << 16 | UInt64(raw.load(fromByteOffset: 4 + 2 * word, as: UInt16.self))
            }
            guard significand > 0 else { return nil }
            return (significand, Int(Int8(bitPattern: raw[0])), raw[1] & 0x08 != 0)
        }
    }

    /// Whether this Foundation lays a Decimal out as `smallParts` reads it: checked once, on a
    /// number whose parts are known (else every number is formatted by Foundation).
    private static let layoutIsKnown: Bool = {
        guard let probe = Decimal(string: "-1234567.89", locale: posix)?.rawParts else { return false }
        return probe.significand == 123_456_789 && probe.exponent == -2 && probe.negative
    }()

    /// Made once: building a Locale for every number cost more than formatting it.
    private static let posix = Locale(identifier: "en_US_POSIX")
}

/// One field of a record: its value, how sure we are of it, and where on which page it was read,
/// so a person can check it against the page.
public struct Field: Equatable, Sendable {
    public var value: FieldValue
    /// 0...1; fields below the review threshold go to the review queue.
    public var confidence: Double
    /// Footnotes referenced from this value (`F1`, `F2`).
    public var footnoteIds: [String]
    /// One-based page number where the value was read.
    public var page: Int?
    /// Bounding box in PDF points, origin top-left.
    public var bbox: Rect?
    /// The text as it stood on the page before normalisation, when it differs from the value.
    public var raw: String?
    /// How the value was obtained when not simply read from the text layer
    /// (`"repaired"`, `"checkbox-text"`, `"checkbox-ink"`, `"inferred"`, ...).
    public var method: String?

    public init(value: FieldValue, confidence: Double, footnoteIds: [String] = [], page: Int? = nil,
                bbox: Rect? = nil, raw: String? = nil, method: String? = nil) {
        self.value = value; self.confidence = confidence; self.footnoteIds = footnoteIds
        self.page = page; self.bbox = bbox; self.raw = raw; self.method = method
    }

    /// A field the form leaves empty, read with the given confidence that it is really empty.
    public static func empty(confidence: Double = 0.98, footnoteIds: [String] = [], page: Int? = nil, bbox: Rect? = nil) -> Field {
        Field(value: .null, confidence: confidence, footnoteIds: footnoteIds, page: page, bbox: bbox)
    }

    /// The same reading on weaker evidence: confidence scaled by `factor`, and how it was read.
    func lessCertain(by factor: Double, method: String) -> Field {
        var copy = self
        copy.confidence *= factor
        copy.method = method
        return copy
    }

    /// A field that was not read at all (its place on the form was not found).
    public static let missing = Field(value: .null, confidence: 0)

    /// A value known without reading the page (truth files, tests).
    public static func known(_ value: FieldValue, footnoteIds: [String] = []) -> Field {
        Field(value: value, confidence: 1, footnoteIds: footnoteIds)
    }
}

extension Field: Codable {
    enum CodingKeys: String, CodingKey { case value, confidence, footnoteIds, page, bbox, raw, method }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(FieldValue.self, forKey: .value) ?? .null
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence) ?? 0
        footnoteIds = try container.decodeIfPresent([String].self, forKey: .footnoteIds) ?? []
        page = try container.decodeIfPresent(Int.self, forKey: .page)
        if let box = try container.decodeIfPresent([Double].self, forKey: .bbox), box.count == 4 {
            bbox = Rect(x0: box[0], y0: box[1], x1: box[2], y1: box[3])
        }
        raw = try container.decodeIfPresent(String.self, forKey: .raw)
        method = try container.decodeIfPresent(String.self, forKey: .method)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode((confidence * 1000).rounded() / 1000, forKey: .confidence)
        if !footnoteIds.isEmpty { try container.encode(footnoteIds, forKey: .footnoteIds) }
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(bbox?.rounded, forKey: .bbox)
        try container.encodeIfPresent(raw, forKey: .raw)
        try container.encodeIfPresent(method, forKey: .method)
    }
}
