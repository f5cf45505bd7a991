import Dispatch

/// A value worked out on another thread while the caller goes on, waited for where it is used.
///
/// The extractor hashes each file this way: the SHA-256 is wanted only in the result, so on a
/// machine with a free core it costs the wall clock nothing while poppler reads the pages (on
/// one core it costs what it did inline).
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before `done` is signalled; read only after waiting on `done`
    /// (the semaphore orders the write before the read).
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The value, waiting for the work to finish if it has not.
    var value: Value {
        done.wait()
        // Signalled again, so that a later read does not wait for ever.
        defer { done.signal() }
        return result!
    }
}
