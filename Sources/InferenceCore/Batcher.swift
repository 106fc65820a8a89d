/// The dynamic batching state machine of one model: a bounded FIFO queue and a set of compute instances.
///
/// A value type with no threads and no clock: every event takes the current instant and returns the
/// actions its owner must carry out, in order. Guarantees:
/// - a batch holds requests with equal ``BatchSignature``s only, at most `maxBatchSize` rows, in queue order;
/// - the oldest waiting request is always in the next batch dispatched (FIFO fairness); later
///   incompatible requests wait for a later batch and keep their order;
/// - a batch is dispatched once it is full (no further compatible request fits) or its oldest request
///   has waited `maxQueueDelay`, and only while fewer than `instances` batches are running;
/// - without batching, each request is its own batch;
/// - an expired request is failed with 504 and never dispatched; a cancelled one is silently dropped.
public struct Batcher<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    private struct Waiting: Sendable {
        var item: BatchItem<Instant>
        var enqueuedAt: Instant
    }

    /// The settings fixed at creation.
    public let configuration: BatcherConfiguration
    private var queue: [Waiting] = []
    private var busy: Set<Int> = []
    private var pendingTimer: Instant?
    /// At or before the earliest deadline in the queue (nil: no queued request has one). Removals may
    /// leave it early; `expire` then rescans once and makes it exact. Keeps `expire` and `nextWake`
    /// O(1) per event instead of a scan of the whole queue.
    private var earliestDeadline: Instant?

    public init(configuration: BatcherConfiguration) {
        self.configuration = configuration
    }

    /// Requests waiting to be dispatched.
    public var queuedCount: Int { queue.count }
    /// Tickets waiting, in queue order.
    public var queuedTickets: [RequestTicket] { queue.map(\.item.id) }
    /// Whether the queue holds `maxQueueSize` requests, so that a new one would be rejected.
    public var isFull: Bool { queue.count >= configuration.maxQueueSize }
    /// Compute instances currently running a batch.
    public var busyInstances: Int { busy.count }

    /// A new request arrives at `now`. It is rejected at once when the queue is full, failed when it has
    /// more rows than `maxBatchSize` or its deadline already passed, and otherwise queued and possibly
    /// dispatched.
    public mutating func enqueue(_ item: BatchItem<Instant>, now: Instant) -> [BatcherAction<Instant>] {
        var actions = expire(now: now)
        if configuration.batching, item.rows > configuration.maxBatchSize {
            actions.append(.fail(item.id, .badRequest("batch of \(item.rows) rows exceeds the model's max batch size \(configuration.maxBatchSize)")))
            return actions
        }
        if let deadline = item.deadline, deadline <= now {
            actions.append(.fail(item.id, Self.deadlineError))
            return actions
        }
        guard !isFull else {
            actions.append(.rejectQueueFull(item.id, retryAfter: configuration.retryAfter))
            return actions
        }
        queue.append(Waiting(item: item, enqueuedAt: now))
        if let deadline = item.deadline { earliestDeadline = earliestDeadline.map { min($0, deadline) } ?? deadline }
        return actions + pump(now: now)
    }

    /// The timer asked for by `.scheduleTimer` fired (early or late firing is harmless).
    public mutating func timerFired(now: Instant) -> [BatcherAction<Instant>] {
        if let pending = pendingTimer, pending <= now { pendingTimer = nil }
        return expire(now: now) + pump(now: now)
    }

    /// The batch on `instance` finished (successfully or not); the instance takes new work.
    /// Reporting an idle instance changes nothing but may still dispatch due work.
    public mutating func computeFinished(instance: Int, now: Instant) -> [BatcherAction<Instant>] {
        busy.remove(instance)
        return expire(now: now) + pump(now: now)
    }

    /// Drops a queued request whose client went away. Returns whether it was still queued (a request
    /// already dispatched runs to completion; its result is discarded by the owner).
    public mutating func cancel(_ id: RequestTicket) -> Bool {
        guard let index = queue.firstIndex(where: { $0.item.id == id }) else { return false }
        queue.remove(at: index)
        return true
    }

    /// Fails every queued request whose deadline is at or before `now` with 504, in queue order.
    public mutating func expire(now: Instant) -> [BatcherAction<Instant>] {
        guard let earliest = earliestDeadline, earliest <= now else { return [] }
        var actions: [BatcherAction<Instant>] = []
        var remaining: Instant?
        queue.removeAll { waiting in
            guard let deadline = waiting.item.deadline else { return false }
            guard deadline <= now else {
                remaining = remaining.map { min($0, deadline) } ?? deadline
                return false
            }
            actions.append(.fail(waiting.item.id, Self.deadlineError))
            return true
        }
        earliestDeadline = remaining
        return actions
    }

    static var deadlineError: InferenceError {
        InferenceError(.deadlineExceeded, "request deadline exceeded while waiting in the queue")
    }

    /// Dispatches every batch that is ready while instances are free, then asks for a timer if needed.
    private mutating func pump(now: Instant) -> [BatcherAction<Instant>] {
        var actions: [BatcherAction<Instant>] = []
        while busy.count < configuration.instances, let head = queue.first {
            let picked = configuration.batching ? compatiblePrefix() : (indices: [0], full: true)
            let due = now >= head.enqueuedAt.advanced(by: configuration.maxQueueDelay)
            guard picked.full || due else { break }
            let instance = (0..<configuration.instances).first { !busy.contains($0) }!
            busy.insert(instance)
            let items = picked.indices.map { queue[$0].item }
            if picked.indices.last == picked.indices.count - 1 {
                queue.removeFirst(picked.indices.count)  // the usual case: one contiguous prefix
            } else {
                for index in picked.indices.reversed() { queue.remove(at: index) }
            }
            actions.append(.dispatch(Batch(instance: instance, requests: items.map(\.id), rows: items.map(\.rows))))
        }
        if queue.isEmpty { earliestDeadline = nil }
        if let wake = nextWake(), pendingTimer.map({ wake < $0 }) ?? true {
            pendingTimer = wake
            actions.append(.scheduleTimer(wake))
        }
        return actions
    }

    /// The head and the following requests with its signature that fit, in order; `full` when the batch
    /// cannot grow (max rows reached, or the next compatible request does not fit).
    private func compatiblePrefix() -> (indices: [Int], full: Bool) {
        let head = queue[0].item
        var indices = [0]
        var rows = head.rows
        var full = rows >= configuration.maxBatchSize
        var index = 1
        while !full, index < queue.count {
            let candidate = queue[index].item
            if candidate.signature == head.signature {
                if rows + candidate.rows <= configuration.maxBatchSize {
                    indices.append(index)
                    rows += candidate.rows
                    full = rows >= configuration.maxBatchSize
                } else {
                    full = true
                }
            }
            index += 1
        }
        return (indices, full)
    }

    /// The earliest instant at which waiting work changes: a queued request's deadline, or the head's
    /// queue-delay expiry while an instance is free.
    private func nextWake() -> Instant? {
        var wake = queue.isEmpty ? nil : earliestDeadline
        if let head = queue.first, busy.count < configuration.instances {
            let due = head.enqueuedAt.advanced(by: configuration.maxQueueDelay)
            wake = wake.map { min($0, due) } ?? due
        }
        return wake
    }
}
