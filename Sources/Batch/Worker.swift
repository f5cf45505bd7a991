import Foundation
import Form4
#if canImport(Glibc)
import Glibc
#endif

/// One job for a worker: a line of JSON on its standard input.
public struct WorkerJob: Codable, Sendable {
    /// The display path: the file's path when it is UTF-8 (the usual case).
    public var path: String
    /// The path's bytes in base64 when they are not UTF-8; the worker opens that path and
    /// reports `path` as the record's `file`.
    public var pathBase64: String?
    public var password: String?

    public init(path: String, pathBase64: String? = nil, password: String? = nil) {
        self.path = path; self.pathBase64 = pathBase64; self.password = password
    }
}

/// The worker side of the batch protocol (`form4 worker`): reads job lines on standard input,
/// writes one result line (`RecordJSON.line`) per job on standard output, in order, and exits at
/// the end of its input. Nothing else is written to standard output.
///
/// Test-only fault injection: `FORM4_FAULT_INJECTION=crash:SUBSTRING` makes the worker abort()
/// on a file whose path contains SUBSTRING, `hang:SUBSTRING` makes it sleep forever (several
/// rules separated by commas). It exists to test the batch's crash and time-out handling.
public enum BatchWorker {
    public static func run(reviewThreshold: Double) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let faults = faultRules()
        let parent = getppid()
        var linkFolder: String?
        defer { if let linkFolder { try? FileManager.default.removeItem(atPath: linkFolder) } }
        while let line = readLine(strippingNewline: true) {
            if line.isEmpty { continue }
            guard let job = try? JSONDecoder().decode(WorkerJob.self, from: Data(line.utf8)) else {
                let result = FileResult(file: line, status: .error,
                                        error: .init(code: "internal", message: "worker: unreadable job line"), reviewThreshold: reviewThreshold)
                if !emit(result) { return 1 }
                continue
            }
            for (kind, substring) in faults where job.path.contains(substring) {
                if kind == "crash" { abort() }
                if kind == "hang" { while getppid() == parent { sleep(1) }; exit(1) }
            }
            let extractor = Form4Extractor(options: ExtractionOptions(password: job.password, reviewThreshold: reviewThreshold))
            var result: FileResult
            if let base64 = job.pathBase64, let bytes = Data(base64Encoded: base64) {
                // A name that is not UTF-8: open it through a symbolic link with a UTF-8 name.
                // The link's folder lives only for this job, so a worker killed later leaves nothing behind.
                var template = Array((NSTemporaryDirectory() + "/form4-worker-XXXXXX").utf8CString)
                linkFolder = mkdtemp(&template).map { String(cString: $0) }
                let link = (linkFolder ?? NSTemporaryDirectory()) + "/input-\(getpid()).pdf"
                unlink(link)
                var target = Array(bytes)
                if target.first != UInt8(ascii: "/") {
                    target = Array(FileManager.default.currentDirectoryPath.utf8) + [UInt8(ascii: "/")] + target
                }
                let linked = RawPath(bytes: target).withCString { symlink($0, link) } == 0
                result = extractor.extract(path: linked ? link : job.path)
                unlink(link)
                if let folder = linkFolder { rmdir(folder); linkFolder = nil }
                result.file = job.path
                if var error = result.error {
                    error.message = error.message.replacingOccurrences(of: link, with: job.path)
                    result.error = error
                }
            } else {
                result = extractor.extract(path: job.path)
            }
            if !emit(result) { return 1 }
        }
        return 0
    }

    private static func emit(_ result: FileResult) -> Bool {
        guard let line = try? RecordJSON.line(result) else { return false }
        return FileSystem.writeAll(STDOUT_FILENO, line)
    }

    static func faultRules() -> [(String, String)] {
        guard let spec = ProcessInfo.processInfo.environment["FORM4_FAULT_INJECTION"], !spec.isEmpty else { return [] }
        return spec.split(separator: ",").compactMap { rule in
            let parts = rule.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["crash", "hang"].contains(parts[0]), !parts[1].isEmpty else { return nil }
            return (parts[0], parts[1])
        }
    }
}
