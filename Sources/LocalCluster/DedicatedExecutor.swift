import Foundation
import Synchronization

/// A serial executor that runs its jobs, in order, on one dedicated thread.
///
/// The cluster actor runs here so that its blocking file I/O (`write` + `fsync` before each write is
/// acknowledged) never occupies a thread of Swift's cooperative pool or a NIO event loop.
/// The thread lives as long as the process.
final class DedicatedExecutor: SerialExecutor {
    private let jobs = Mutex<[UnownedJob]>([])
    private let available = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in self.runLoop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        available.signal()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    private func runLoop() {
        while true {
            available.wait()
            let job = jobs.withLock { $0.removeFirst() }
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}
