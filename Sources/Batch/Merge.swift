import Foundation
import Form4
#if canImport(Glibc)
import Glibc
#endif

/// `summary.json` written by `form4 merge`.
public struct MergeSummary: Codable, Sendable {
    public var inputs: Int
    public var ok: Int
    public var notForm4: Int
    public var failed: Int
    public var forms: Int
    public var fields: Int
    public var flagged: Int
    public var failureCodes: [String: Int]
    public var mergedFrom: [String]
    public var timings: Timings
    public struct Timings: Codable, Sendable { public var seconds: Double }
}

/// Combines batch output folders (shards) and/or per-file record files into one output folder:
/// records.jsonl and manifest.tsv keep the latest line per file (later sources win over earlier
/// ones, the output folder's own records come first), then the derived outputs are rebuilt.
public enum BatchMerge {
    public static func merge(directories: [String], recordFiles: [String], into out: String) throws -> MergeSummary {
        let started = Date()
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let outURL = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath()
        let recordsPath = (out as NSString).appendingPathComponent("records.jsonl")
        let manifestPath = (out as NSString).appendingPathComponent("manifest.tsv")

        var recordSources: [String] = []
        var manifestSources: [String] = []
        if recordFiles.isEmpty || !directories.isEmpty {
            recordSources.append(recordsPath)
            manifestSources.append(manifestPath)
        }
        var mergedFrom: [String] = []
        for directory in directories {
            if URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath() == outURL { continue }
            let records = (directory as NSString).appendingPathComponent("records.jsonl")
            guard fm.fileExists(atPath: records) else { throw BatchError("\(directory): no records.jsonl (not a batch output folder)") }
            recordSources.append(records)
            manifestSources.append((directory as NSString).appendingPathComponent("manifest.tsv"))
            mergedFrom.append(directory)
        }
        for item in recordFiles {
            let found = try recordFilesUnder(item)
            recordSources += found
            mergedFrom.append(item)
        }

        // Latest manifest entry per (path, sha).
        var entries: [String: ManifestEntry] = [:]
        for source in manifestSources {
            let manifest = try Manifest.load(path: source)
            for entry in manifest.entries { entries[entry.path + "\u{0}" + (entry.sha256 ?? "-")] = entry }
        }

        // Pass 1: the last line of each file over all sources.
        var last: [String: (Int, Int)] = [:]
        for (sourceIndex, source) in recordSources.enumerated() {
            var line = 0
            try forEachLine(ofFile: source) { data in
                if let head = RecordHead.parse(data) { last[head.file] = (sourceIndex, line) }
                line += 1
            }
        }
        // Pass 2: write them, with their manifest entries, to fresh files; then swap them in.
        let recordsTemporary = recordsPath + ".merge"
        let manifestTemporary = manifestPath + ".merge"
        guard let records = OutputFile.create(recordsTemporary),
              let manifest = OutputFile.create(manifestTemporary, initial: Data((ManifestEntry.header + "\n").utf8)) else {
            throw BatchError("cannot write in \(out)")
        }
        for (sourceIndex, source) in recordSources.enumerated() {
            var line = 0
            try forEachLine(ofFile: source) { data in
                defer { line += 1 }
                guard let head = RecordHead.parse(data), let position = last[head.file], position == (sourceIndex, line) else { return }
                records.write(data + [0x0A])
                var entry = entries[head.file + "\u{0}" + (head.sha256 ?? "-")]
                if entry == nil {
                    let result = try? RecordJSON.fileResult(from: data)
                    entry = ManifestEntry(sha256: head.sha256, status: result?.status.rawValue ?? "error", code: result?.error?.code,
                                          size: nil, mtime: nil, seconds: nil, path: head.file)
                }
                manifest.write(Data(entry!.line.utf8))
            }
        }
        try records.synchronize(); try records.close()
        try manifest.synchronize(); try manifest.close()
        guard rename(recordsTemporary, recordsPath) == 0, rename(manifestTemporary, manifestPath) == 0 else {
            throw BatchError("cannot replace \(recordsPath): \(String(cString: strerror(errno)))")
        }

        let counts = try DerivedOutputs.rebuild(directory: out).all
        let summary = MergeSummary(inputs: counts.inputs, ok: counts.ok, notForm4: counts.notForm4, failed: counts.failed,
                                   forms: counts.forms, fields: counts.fields, flagged: counts.flagged,
                                   failureCodes: counts.failureCodes, mergedFrom: mergedFrom,
                                   timings: .init(seconds: Date().timeIntervalSince(started)))
        try writeSummary(summary, directory: out)
        return summary
    }

    /// A record file, or every `*.json` / `*.jsonl` file under a folder (sorted).
    static func recordFilesUnder(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BatchError("\(path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".json") || name.hasSuffix(".jsonl") { files.append((path as NSString).appendingPathComponent(name)) }
        }
        return files.sorted()
    }
}
