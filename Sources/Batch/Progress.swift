import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error: on a terminal one line redrawn in place (bar, done/total,
/// documents/s, ETA, failures); otherwise a plain line every 5 seconds; nothing when quiet.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let read: @Sendable () -> (done: Int, failures: Int)
    private let terminal = isatty(2) != 0
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    /// Signalled by `stop()`, so the drawing thread ends at once rather than after its nap.
    private let wake = DispatchSemaphore(value: 0)
    private let started = Date()

    init(total: Int, quiet: Bool, read: @escaping @Sendable () -> (done: Int, failures: Int)) {
        self.total = total
        self.quiet = quiet
        self.read = read
    }

    func start() {
        guard !quiet, total > 0 else { return }
        running = true
        let thread = Thread { [self] in
            let interval = terminal ? 0.25 : 5.0
            var last = terminal ? Date.distantPast : Date()
            while lock.withLock({ running }) {
                if Date().timeIntervalSince(last) >= interval {
                    draw(final: false)
                    last = Date()
                }
                _ = wake.wait(timeout: .now() + 0.1)
            }
            finished.signal()
        }
        self.thread = thread
        thread.start()
    }

    func stop() {
        guard thread != nil else { return }
        lock.withLock { running = false }
        wake.signal()
        finished.wait()
        draw(final: true)
    }

    private func draw(final: Bool) {
        let (done, failures) = read()
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let text = String(format: "%d/%d  %.2f docs/s  ETA %@  %d failed", done, total, rate, Self.clock(eta), failures)
        if terminal {
            let width = 24
            let filled = total > 0 ? min(width, done * width / total) : width
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(text)\(final ? "\n" : "")".utf8))
        } else if !final {
            FileHandle.standardError.write(Data("form4 batch: \(text)\n".utf8))
        }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
