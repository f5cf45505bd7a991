import Foundation

/// Turns command-line inputs (files and folders) into PDF paths: a file stands for itself
/// (whatever its name, so that a misnamed or broken file still gets its error), a folder for the
/// `*.pdf` files under it (any case, searched recursively, sorted).
enum PDFInputs {
    /// The files of `inputs` in their order, each folder replaced by its PDFs, and the folders
    /// that held none (most likely a mistyped path, which a caller should report).
    static func expand(_ inputs: [String]) -> (files: [String], emptyFolders: [String]) {
        var files: [String] = []
        var emptyFolders: [String] = []
        for input in inputs {
            guard isFolder(input) else { files.append(input); continue }
            let found = pdfs(under: input)
            if found.isEmpty { emptyFolders.append(input) }
            files += found
        }
        return (files, emptyFolders)
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func pdfs(under folder: String) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            if relative.lowercased().hasSuffix(".pdf") { found.append((folder as NSString).appendingPathComponent(relative)) }
        }
        return found.sorted()
    }
}
