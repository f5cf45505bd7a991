import Foundation

/// A font's name, interned: a small number that stands for the name, so that styles copy
/// without reference counting and compare in one instruction.
///
/// The subset tag that PDF writers put before an embedded font's name (`ABCDEF+Arial` →
/// `Arial`) is dropped: it only says which subset of the font this file embeds, and writers
/// choose it at random, so keeping it would give every file new names to remember.
public struct FontName: Hashable, Sendable, CustomStringConvertible {
    let id: UInt32

    public init(_ name: String) { id = FontNameTable.shared.intern(FontName.withoutSubsetTag(name)) }
    private init(id: UInt32) { self.id = id }

    /// No font: glyphs that poppler gives no attributes for, and OCR words.
    public static let none = FontName(id: 0)

    public var name: String { FontNameTable.shared.name(of: id) }
    public var description: String { name }

    /// `ABCDEF+Name` → `Name`: six capital letters and a plus sign, as the PDF specification
    /// writes subset tags.
    static func withoutSubsetTag(_ name: String) -> String {
        let bytes = name.utf8
        guard bytes.count > 7 else { return name }
        var index = bytes.startIndex
        for _ in 0..<6 {
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index]) else { return name }
            index = bytes.index(after: index)
        }
        guard bytes[index] == UInt8(ascii: "+") else { return name }
        return String(name[bytes.index(after: index)...])
    }
}

/// The process's interned font names. Fonts are few (tens in an archive), but a hostile or
/// broken file could name thousands: past `capacity` names, further ones share one entry.
final class FontNameTable: @unchecked Sendable {
    static let shared = FontNameTable()
    static let capacity = 1 << 16
    static let overflowName = "(too many font names)"

    private let lock = NSLock()
    private var names: [String] = [""]
    private var ids: [String: UInt32] = ["": 0]

    func intern(_ name: String) -> UInt32 {
        lock.lock(); defer { lock.unlock() }
        if let known = ids[name] { return known }
        guard names.count < Self.capacity else { return intern(overflow: ()) }
        let id = UInt32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The shared entry of names past capacity (made once, beyond the capacity itself).
    private func intern(overflow: ()) -> UInt32 {
        if let known = ids[Self.overflowName] { return known }
        let id = UInt32(names.count)
        names.append(Self.overflowName)
        ids[Self.overflowName] = id
        return id
    }

    func name(of id: UInt32) -> String {
        lock.lock(); defer { lock.unlock() }
        return names[Int(id)]
    }
}
