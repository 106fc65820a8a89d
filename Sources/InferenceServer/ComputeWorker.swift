import Foundation

/// One dedicated OS thread that runs submitted jobs in order, blocking on a condition variable while
/// idle. Blocking work (ORT `Run`) executes here, never on the Swift cooperative pool or an event loop.
///
/// After ``stop()``, jobs already submitted still run, then the thread exits; later submissions are
/// dropped.
final class ComputeWorker: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopping = false
    private var exited = false
    private let name: String

    init(name: String) {
        self.name = name
    }

    /// Starts the thread; call once.
    func start() {
        // Named from inside the thread: Foundation on Linux names a thread only from the thread itself,
        // and the name shows in `top -H`, `perf` and /proc/PID/task/*/comm (at most 15 characters).
        let thread = Thread { [self] in
            Thread.current.name = name
            loop()
        }
        thread.start()
    }

    /// Queues `job` to run on this worker's thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        jobs.append(job)
        condition.signal()
    }

    /// Lets queued jobs finish, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                exited = true
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// Runs `work` on a fresh dedicated thread and returns its result (for one-off blocking calls such
    /// as loading a model).
    static func runDetachedThread<T: Sendable, E: Error>(name: String, _ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(E) { continuation.resume(returning: .success(try work())) } catch { continuation.resume(returning: .failure(error)) }
            }
            thread.name = name
            thread.start()
        }
        return try result.get()
    }
}
