import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens files for writing the plain POSIX way: created if missing, emptied if present, written
/// where the path leads.
///
/// Not `FileManager.createFile(atPath:contents:)`: that writes atomically, by renaming a new
/// file over the path, which replaces what stood there. `-o /dev/null` then turned /dev/null
/// into a regular file, a symbolic link became a file, and every call left a
/// `TemporaryDirectory.*` folder in /tmp behind.
public enum OutputFile {
    /// A handle on `path`, truncated, starting with `initial` bytes. Nil when the file cannot
    /// be opened (the folder is missing or not writable); `errno` says why.
    public static func create(_ path: String, initial: Data = Data()) -> FileHandle? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        if !initial.isEmpty { handle.write(initial) }
        return handle
    }
}
