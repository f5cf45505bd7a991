import Dispatch
import Foundation
import Form4
import PDFText
#if canImport(Glibc)
import Glibc
#endif

/// Settings of `form4 batch`.
public struct BatchOptions: Sendable {
    public var inputs: [String] = []
    public var outputDirectory = "batch-out"
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var timeout: Double = 120
    public var retryFailed = false
    /// (K, N): only the K-th (1-based) of N slices by hash.
    public var shard: (index: Int, count: Int)?
    public var password: String?
    public var reviewThreshold = 0.9
    public var quiet = false
    /// The worker executable; default the running one.
    public var workerExecutable: String?

    public init() {}
}

/// `summary.json` of a batch run.
public struct BatchSummary: Codable, Sendable {
    public struct Timings: Codable, Sendable {
        public var seconds: Double
        public var scanSeconds: Double
        public var extractSeconds: Double
        /// Seconds from the last result to the derived outputs in place.
        public var rebuildSeconds: Double
        /// Files extracted this run per second of the extraction phase.
        public var documentsPerSecond: Double
    }
    /// Counts over this run's inputs (their latest results, done now or earlier).
    public var inputs: Int
    public var ok: Int
    public var notForm4: Int
    public var failed: Int
    public var forms: Int
    public var fields: Int
    public var flagged: Int
    /// Inputs not extracted this run because their hash was already done.
    public var skipped: Int
    /// Inputs sent to a worker this run.
    public var processed: Int
    /// Inputs left without a result (only after an interruption).
    public var pending: Int
    public var failureCodes: [String: Int]
    public var jobs: Int
    public var shard: String?
    public var interrupted: Bool
    public var warnings: [String]
    public var timings: Timings
    /// Counts over everything in the output folder (earlier runs' other inputs included).
    public var folder: Counts
}

/// A batch run: finds the inputs, hashes them, skips what the manifest says is done, spreads
/// the rest over worker processes, appends each result to records.jsonl + manifest.tsv as it
/// arrives, and builds the derived outputs from them meanwhile (moved into place at the end).
public final class BatchRunner: @unchecked Sendable {
    let options: BatchOptions
    private let lock = NSLock()
    private var stopRequested = false
    private var stopSignal: Int32 = 0
    private var queue: [Job] = []
    private var nextJob = 0
    private var done = 0
    private var failures = 0
    private var log: ResultLog!
    /// The derived outputs, written as the results arrive; nil before the results are known.
    private var outputs: DerivedOutputBuilder?
    /// Files given a new line in records.jsonl this run.
    private var rewrittenPaths = Set<String>()
    /// Serialises records.jsonl lines and the outputs' feed, so that both see the same order.
    private let writeLock = NSLock()
    private var started = Date()
    private var extractStarted = Date()
    private var workerLogFD: Int32 = -1
    private var fatal: Error?
    /// Workers started while the inputs are hashed (a worker takes some 15 ms to be ready),
    /// taken by the slots as they begin; any left over are stopped when released.
    private var readyWorkers: [WorkerProcess] = []

    struct Job {
        var input: InputFile
        var sha256: String
    }

    public init(options: BatchOptions) { self.options = options }

    var stopping: Bool { lock.withLock { stopRequested } }

    /// Stops dispatching; workers are killed; results already written stay.
    public func requestStop(signal: Int32) {
        lock.withLock {
            if stopRequested && signal != 0 { exit(128 + signal) } // second Ctrl-C: leave at once
            stopRequested = true
            stopSignal = signal
        }
    }

    /// Runs the batch; returns the summary (written to summary.json too).
    public func run() throws -> BatchSummary {
        started = Date()
        signal(SIGPIPE, SIG_IGN)
        let fm = FileManager.default
        let out = options.outputDirectory
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let manifestPath = (out as NSString).appendingPathComponent("manifest.tsv")
        let recordsPath = (out as NSString).appendingPathComponent("records.jsonl")
        log = try ResultLog(directory: out)
        let earlierRecordBytes = FileSystem.size(recordsPath)
        let manifest = try Manifest.load(path: manifestPath)

        // Inputs.
        var scanner = InputScanner()
        for argument in options.inputs { try scanner.add(argument: argument) }
        var warnings = scanner.warnings
        for warning in warnings where !options.quiet { FileHandle.standardError.write(Data("form4: \(warning)\n".utf8)) }
        let inputs = scanner.files

        // Hashes: trusted from the manifest when size and mtime are unchanged, else read.
        var hashes = [String?](repeating: nil, count: inputs.count)
        var problems = inputs.map(\.problem)
        let hashLock = NSLock()
        let toHash = inputs.indices.filter { index in
            let input = inputs[index]
            guard input.problem == nil else { return false }
            if let entry = manifest.latestByPath[input.display], let sha = entry.sha256,
               entry.size == input.size, entry.mtime == input.mtime, input.mtime != nil {
                hashes[index] = sha
                return false
            }
            return true
        }
        // Workers start now, so that they are ready when the hashing is done.
        let workerLog = (out as NSString).appendingPathComponent("worker-stderr.log")
        workerLogFD = open(workerLog, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer { if workerLogFD >= 0 { close(workerLogFD) } }
        if !toHash.isEmpty {
            readyWorkers = (0..<min(max(1, options.jobs), toHash.count)).compactMap { _ in try? spawnWorker() }
        }
        final class Box: @unchecked Sendable {
            var hashes: [String?]; var problems: [FileResult.Failure?]
            init(_ h: [String?], _ p: [FileResult.Failure?]) { hashes = h; problems = p }
        }
        let box = Box(hashes, problems)
        DispatchQueue.concurrentPerform(iterations: toHash.count) { position in
            let index = toHash[position]
            let input = inputs[index]
            do {
                let data = try FileSystem.read(input.path)
                let sha = SHA256.hex(data)
                hashLock.withLock { box.hashes[index] = sha }
            } catch {
                let failure = FileResult.Failure(code: "unreadable", message: "\(input.display): cannot read the file (\((error as? POSIXErrorBox)?.description ?? String(describing: error)))")
                hashLock.withLock { box.problems[index] = failure }
            }
        }

        hashes = box.hashes
        problems = box.problems

        // Shard: hash mod N (the path's hash for files that could not be read).
        var selected = Array(inputs.indices)
        if let shard = options.shard {
            selected = selected.filter { index in
                let key = hashes[index] ?? SHA256.hex(Data(inputs[index].path.bytes))
                let value = UInt64(key.prefix(15), radix: 16) ?? 0
                return Int(value % UInt64(shard.count)) == shard.index - 1
            }
        }

        // Decide per input: extract, skip, copy an earlier result to a new path, or record a problem.
        var jobs: [Job] = []
        var queuedSHAs = Set<String>()
        var duplicates: [(InputFile, String)] = []   // same bytes as a file extracted this run
        var copies: [(InputFile, String)] = []       // done earlier under another path
        var skipped = 0
        var problemResults: [(InputFile, FileResult.Failure)] = []
        for index in selected {
            let input = inputs[index]
            if let problem = problems[index] {
                if !options.retryFailed, let entry = manifest.latestByPath[input.display], entry.sha256 == nil, entry.code == problem.code {
                    skipped += 1
                } else {
                    problemResults.append((input, problem))
                }
                continue
            }
            guard let sha = hashes[index] else { continue }
            if queuedSHAs.contains(sha) { duplicates.append((input, sha)); continue }
            if let entry = manifest.latestBySHA[sha], !redo(entry) {
                skipped += 1
                if manifest.latestByPath[input.display]?.sha256 != sha { copies.append((input, sha)) }
                continue
            }
            queuedSHAs.insert(sha)
            jobs.append(Job(input: input, sha256: sha))
        }

        // The derived outputs are built while the workers run: first the earlier records of the
        // files this run leaves alone, then each new result as it is written.
        let toRewrite = Set(problemResults.map(\.0.display) + copies.map(\.0.display) + jobs.map(\.input.display)
                            + duplicates.map(\.0.display))
        let selectedPaths = Set(selected.map { inputs[$0].display })
        let outputs = try DerivedOutputBuilder(directory: out, subset: selectedPaths)
        outputs.appendLatest(from: recordsPath, byteLimit: earlierRecordBytes, excluding: toRewrite)
        self.outputs = outputs

        // Files that cannot be read are recorded by the coordinator itself.
        for (input, problem) in problemResults {
            let result = FileResult(file: input.display, status: .error, error: problem, reviewThreshold: options.reviewThreshold)
            try write(result, input: input, sha: nil, seconds: nil)
        }
        // Same bytes already extracted under another path: copy that record.
        var copied = 0
        if !copies.isEmpty {
            let wanted = Set(copies.map(\.1))
            var found: [String: Data] = [:]
            try forEachLine(ofFile: recordsPath) { line in
                if let head = RecordHead.parse(line), let sha = head.sha256, wanted.contains(sha) { found[sha] = line }
            }
            for (input, sha) in copies {
                guard let line = found[sha], var result = try? RecordJSON.fileResult(from: line) else {
                    jobs.append(Job(input: input, sha256: sha)); skipped -= 1; continue
                }
                result.file = input.display
                try write(result, input: input, sha: sha, seconds: nil)
                copied += 1
            }
        }
        let scanSeconds = Date().timeIntervalSince(started)

        // Extraction.
        queue = jobs
        failures = problemResults.count
        extractStarted = Date()
        let signals = installSignalHandlers()
        let progress = Progress(total: jobs.count, quiet: options.quiet) { [unowned self] in
            self.lock.withLock { (self.done, self.failures) }
        }
        progress.start()
        let slots = max(1, min(options.jobs, jobs.count))
        let group = DispatchGroup()
        for slot in 0..<(jobs.isEmpty ? 0 : slots) {
            let thread = Thread { [self] in
                self.runSlot(slot)
                group.leave()
            }
            thread.stackSize = 1 << 20
            group.enter()
            thread.start()
        }
        group.wait()
        lock.withLock { readyWorkers.removeAll() }
        progress.stop()
        let extractSeconds = Date().timeIntervalSince(extractStarted)
        // Jobs of this run that share bytes with another: copy the result now that it exists.
        let interrupted = stopping
        if !interrupted && !duplicates.isEmpty {
            let wanted = Set(duplicates.map(\.1))
            var found: [String: Data] = [:]
            try forEachLine(ofFile: recordsPath) { line in
                if let head = RecordHead.parse(line), let sha = head.sha256, wanted.contains(sha) { found[sha] = line }
            }
            for (input, sha) in duplicates {
                guard let line = found[sha], var result = try? RecordJSON.fileResult(from: line) else { continue }
                result.file = input.display
                try write(result, input: input, sha: sha, seconds: nil)
                skipped += 1
            }
        }
        signals.forEach { $0.cancel() }
        if let fatal {
            outputs.abandon()
            throw fatal
        }

        // Derived outputs (not after an interruption: the next run, or `form4 merge --out DIR`, rebuilds them).
        let rebuildStarted = Date()
        var counts: (all: Counts, subset: Counts)
        let rewritten = writeLock.withLock { rewrittenPaths }
        if interrupted {
            outputs.abandon()
            counts = (Counts(), Counts())
            warnings.append("interrupted: derived outputs not rebuilt; run again to carry on")
        } else if rewritten == toRewrite {
            counts = try outputs.finish()
        } else {
            // A file meant to get a new line did not (its earlier record, if any, was left out of
            // the outputs): build them again from records.jsonl.
            outputs.abandon()
            counts = try DerivedOutputs.rebuild(directory: out, subset: selectedPaths)
        }
        let rebuildSeconds = Date().timeIntervalSince(rebuildStarted)
        let processed = lock.withLock { done }
        let seconds = Date().timeIntervalSince(started)
        let c = counts.subset
        let summary = BatchSummary(
            inputs: selected.count, ok: c.ok, notForm4: c.notForm4, failed: c.failed, forms: c.forms, fields: c.fields,
            flagged: c.flagged, skipped: skipped, processed: processed,
            pending: interrupted ? max(0, selected.count - skipped - processed - problemResults.count - copied) : max(0, selected.count - c.inputs),
            failureCodes: c.failureCodes, jobs: slots,
            shard: options.shard.map { "\($0.index)/\($0.count)" }, interrupted: interrupted, warnings: warnings,
            timings: .init(seconds: seconds, scanSeconds: scanSeconds, extractSeconds: extractSeconds, rebuildSeconds: rebuildSeconds,
                           documentsPerSecond: extractSeconds > 0 ? Double(processed) / extractSeconds : 0),
            folder: counts.all)
        try writeSummary(summary, directory: out)
        let line = interrupted
            ? "form4 batch: interrupted after \(processed) of \(jobs.count) files to extract (\(skipped) skipped); \(out) is consistent, run again to carry on\n"
            : String(format: "form4 batch: %d inputs: %d ok, %d not-form4, %d failed; %d forms, %d flagged for review; %d extracted, %d skipped; %.1f s, %.2f documents/s → %@\n",
                     summary.inputs, summary.ok, summary.notForm4, summary.failed, summary.forms, summary.flagged,
                     processed, skipped, seconds, summary.timings.documentsPerSecond, out)
        FileHandle.standardError.write(Data(line.utf8))
        return summary
    }

    /// The signal that stopped the run, 0 when none.
    public var interruptingSignal: Int32 { lock.withLock { stopSignal } }

    private func redo(_ entry: ManifestEntry) -> Bool {
        guard entry.isFailure else { return false }
        if options.retryFailed { return true }
        // A file that needed a password is redone when one is given.
        return options.password != nil && (entry.code == "encrypted" || entry.code == "wrong-password")
    }

    private func installSignalHandlers() -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.requestStop(signal: number) }
            source.resume()
            return source
        }
    }

    private func takeJob() -> Job? {
        lock.withLock {
            guard !stopRequested, fatal == nil, nextJob < queue.count else { return nil }
            defer { nextJob += 1 }
            return queue[nextJob]
        }
    }

    /// Jobs a worker holds at once: the one it is reading and the next, so that it never waits
    /// for the coordinator to decode and write a result before it gets more work.
    static let jobsInFlight = 2

    /// A job handed (or about to be handed) to the slot's worker.
    private struct InFlight {
        var job: Job
        var sent = false
        var started = Date()
    }

    /// A new `form4 worker` process, its standard error going to worker-stderr.log.
    private func spawnWorker() throws -> WorkerProcess {
        try WorkerProcess(executable: options.workerExecutable ?? currentExecutable(),
                          arguments: ["worker", "--review-threshold", String(options.reviewThreshold)],
                          stderrFD: workerLogFD >= 0 ? workerLogFD : 2)
    }

    /// One worker slot: keeps a worker process, keeps `jobsInFlight` jobs handed to it, writes
    /// each result as it arrives, replaces the worker when it dies or hangs (the jobs it held
    /// besides the one it failed on go to the next worker).
    private func runSlot(_ slot: Int) {
        var worker: WorkerProcess? = lock.withLock { readyWorkers.popLast() }
        defer {
            if let worker {
                if stopping { worker.kill() }
                _ = worker.wait()
            }
        }
        var inFlight: [InFlight] = []
        /// Ends the current worker; the jobs it held are handed to the next one.
        func dropWorker(kill: Bool) -> WorkerProcess.Ending? {
            guard let current = worker else { return nil }
            if kill { current.kill() }
            worker = nil
            for index in inFlight.indices { inFlight[index].sent = false }
            return current.wait()
        }
        while true {
            while inFlight.count < Self.jobsInFlight, let job = takeJob() { inFlight.append(InFlight(job: job)) }
            guard !inFlight.isEmpty else { return }
            if worker == nil {
                do { worker = try spawnWorker() } catch {
                    lock.withLock { fatal = error }
                    return
                }
            }
            for index in inFlight.indices where !inFlight[index].sent {
                // A worker that cannot take it is found out when its result is awaited.
                guard worker!.send(jobLine(inFlight[index].job)) else { break }
                inFlight[index].sent = true
            }
            let current = inFlight.removeFirst()
            let input = current.job.input
            var result: FileResult?
            /// The worker's line, when it can go into records.jsonl as it is.
            var resultLine: Data?
            var failure: FileResult.Failure?
            if current.sent {
                switch worker!.readLine(timeout: options.timeout, shouldStop: { self.stopping }) {
                case .line(let data):
                    // The worker went straight on to the next job it held.
                    if !inFlight.isEmpty { inFlight[0].started = Date() }
                    if let decoded = try? RecordJSON.fileResult(from: data) {
                        result = decoded
                        if decoded.file == input.display && decoded.sha256 == current.job.sha256 { resultLine = data + [0x0A] }
                    } else {
                        failure = .init(code: "internal", message: "\(input.display): the worker's result could not be read")
                        _ = dropWorker(kill: true)
                    }
                case .endOfFile:
                    let ending = dropWorker(kill: false)
                    failure = .init(code: "worker-crashed", message: "\(input.display): the worker process \(ending?.description ?? "ended") while reading this file")
                case .timedOut:
                    _ = dropWorker(kill: true)
                    failure = .init(code: "timeout", message: "\(input.display): no result within \(Self.format(options.timeout)) s; the worker was killed")
                case .stopped:
                    _ = dropWorker(kill: true)
                    return
                }
            } else {
                let ending = dropWorker(kill: false)
                failure = .init(code: "worker-crashed", message: "\(input.display): the worker process \(ending?.description ?? "ended") before taking this file")
            }
            if stopping && result == nil { return } // a worker killed by the interruption: not the file's fault
            var final = result ?? FileResult(file: input.display, sha256: current.job.sha256, status: .error, error: failure,
                                             reviewThreshold: options.reviewThreshold)
            final.file = input.display
            if final.sha256 == nil { final.sha256 = current.job.sha256 }
            do {
                try write(final, input: input, sha: final.sha256, seconds: Date().timeIntervalSince(current.started), line: resultLine)
            } catch {
                lock.withLock { fatal = error }
                return
            }
            lock.withLock {
                done += 1
                if final.status == .error { failures += 1 }
            }
        }
    }

    /// The line that hands `job` to a worker.
    private func jobLine(_ job: Job) -> Data {
        let input = job.input
        let line = (try? JSONEncoder().encode(WorkerJob(path: input.display,
                                                          pathBase64: input.path.isUTF8 ? nil : Data(input.path.bytes).base64EncodedString(),
                                                          password: options.password))) ?? Data()
        return line + [0x0A]
    }

    /// Appends `result` to records.jsonl (`line` when it is already encoded) and manifest.tsv,
    /// and hands it to the derived outputs.
    private func write(_ result: FileResult, input: InputFile, sha: String?, seconds: Double?, line: Data? = nil) throws {
        let entry = ManifestEntry(sha256: sha, status: result.status.rawValue, code: result.error?.code,
                                  size: input.size, mtime: input.mtime, seconds: seconds, path: input.display)
        let line = try line ?? RecordJSON.line(result)
        try writeLock.withLock {
            try log.append(record: line, entry: entry)
            rewrittenPaths.insert(input.display)
            outputs?.append(result)
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

func writeSummary<T: Encodable>(_ summary: T, directory: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let path = (directory as NSString).appendingPathComponent("summary.json")
    let temporary = path + ".tmp"
    try (encoder.encode(summary) + [0x0A]).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else { throw BatchError("cannot write \(path)") }
}
