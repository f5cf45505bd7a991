import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `form4 worker` child process with pipes to its standard input and output.
final class WorkerProcess {
    let pid: pid_t
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var buffer: [UInt8] = []
    private var reaped = false

    enum ReadOutcome {
        case line(Data)
        case endOfFile
        case timedOut
        case stopped
    }

    /// How a worker ended: its exit status, or the signal that killed it.
    enum Ending {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let code): return "exited with status \(code)"
            case .signalled(let signal):
                let name = strsignal(signal).map { String(cString: $0) } ?? "signal"
                return "killed by signal \(signal) (\(name))"
            }
        }
    }

    /// Starts `executable arguments...` in its own process group (so that a terminal's Ctrl-C
    /// reaches only the coordinator, which then stops its workers itself), with its standard
    /// error going to `stderrFD`.
    init(executable: String, arguments: [String], stderrFD: Int32) throws {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        spawnLock.lock()
        defer { spawnLock.unlock() }
        guard pipe(&toChild) == 0 else { throw BatchError("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw BatchError("pipe: \(String(cString: strerror(errno)))")
        }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // A roomier result pipe (Linux's default holds 64 KiB), so that a worker whose record is
        // large goes on to its next job instead of waiting for the coordinator to read it.
        // Best effort: F_SETPIPE_SZ (1031) fails harmlessly elsewhere or above the system's limit.
        _ = fcntl(fromChild[0], 1031, Int32(1 << 20))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrFD, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard rc == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw BatchError("cannot start worker \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        stdinFD = toChild[1]
        stdoutFD = fromChild[0]
    }

    deinit {
        kill()
        _ = wait()
    }

    /// Sends one job line. False when the worker no longer reads (it died).
    func send(_ line: Data) -> Bool {
        stdinFD >= 0 && FileSystem.writeAll(stdinFD, line)
    }

    /// Waits for the next line on the worker's standard output until `timeout` seconds have
    /// passed, checking `shouldStop` several times a second.
    func readLine(timeout: Double, shouldStop: () -> Bool) -> ReadOutcome {
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if shouldStop() { return .stopped }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining, 0.2) * 1000) + 1)
            if ready < 0 { if errno == EINTR { continue }; return .endOfFile }
            if ready == 0 { continue }
            let count = Glibc.read(stdoutFD, &chunk, chunk.count)
            if count < 0 { if errno == EINTR || errno == EAGAIN { continue }; return .endOfFile }
            if count == 0 { return .endOfFile }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes the worker's standard input: it finishes and exits.
    func finish() {
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }

    func kill() {
        if !reaped { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Reaps the worker (blocking) and tells how it ended.
    func wait() -> Ending {
        finish()
        if stdoutFD >= 0 { close(stdoutFD); stdoutFD = -1 }
        if reaped { return .exited(0) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        let signal = status & 0x7F
        if signal != 0 && signal != 0x7F { return .signalled(signal) }
        return .exited((status >> 8) & 0xFF)
    }
}

/// Pipes are made and the child started under one lock, so that no other worker inherits them.
private let spawnLock = NSLock()

/// The running executable, to start workers from: `/proc/self/exe`, else argv[0] resolved.
func currentExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 {
        buffer[count] = 0
        return String(cString: buffer)
    }
    let argument = CommandLine.arguments[0]
    if argument.contains("/") { return URL(fileURLWithPath: argument).standardizedFileURL.path }
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(folder)/\(argument)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return argument
}
