import CPoppler
import Foundation

/// SHA-256 through glib's GChecksum (no extra dependency).
public enum SHA256 {
    /// Lower-case hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else { return "" }
        defer { g_checksum_free(checksum) }
        data.withUnsafeBytes { raw in
            if let base = raw.bindMemory(to: guchar.self).baseAddress {
                g_checksum_update(checksum, base, gssize(raw.count))
            }
        }
        guard let digest = g_checksum_get_string(checksum) else { return "" }
        return String(cString: digest) // owned by the checksum, freed with it
    }
}
