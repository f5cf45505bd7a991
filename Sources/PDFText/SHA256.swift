import CCrypto
import Foundation

/// SHA-256 of a file's bytes, for the record's `sha256`.
///
/// Through OpenSSL's libcrypto rather than glib's GChecksum: every input file is hashed whole,
/// and GChecksum's portable code cost about a tenth of the pipeline's time on a rendered Form 4
/// (callgrind: 53 instructions per byte); libcrypto uses the CPU's SHA instructions.
public enum SHA256 {
    /// Lower-case hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = data.withUnsafeBytes { raw in
            // A null base address (empty data) is fine: OpenSSL reads no bytes.
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(done == 1 && length == 32, "OpenSSL's SHA-256 failed")
        return hex(digest.prefix(Int(length)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
