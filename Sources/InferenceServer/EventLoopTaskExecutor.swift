import NIOCore

/// A Swift concurrency task executor that runs jobs on one NIO event loop.
///
/// A connection's handler runs with this executor preferred (see ``CleartextHTTPChannel``), so its
/// reads, parsing, validation, enqueueing and response writes stay on the connection's own event
/// loop thread instead of hopping to the cooperative pool and back for every request part. Blocking
/// work never runs here: inference runs on the ``ModelRunner``'s compute threads, whose answers
/// come back to the loop as one job each.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
