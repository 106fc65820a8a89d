public import InferenceCore
import Synchronization

/// Serves one model: a dynamic ``Batcher`` behind a lock and `instances` dedicated compute threads.
///
/// `infer` validates nothing (the caller validated against ``engine``'s metadata); it enqueues the
/// request and suspends until its rows come back. Guarantees: ORT runs only on the runner's own
/// threads; a full queue answers 503 (with the configured retry-after) at once; a request whose
/// deadline passes while queued gets 504; requests merged along dimension 0 each receive exactly
/// their own rows; a cancelled caller's queued request is dropped.
public final class ModelRunner: Sendable {
    /// The model this runner executes.
    public let engine: any InferenceEngine
    /// Scheduling settings (batching is forced off for models without a batch dimension).
    public let configuration: BatcherConfiguration
    public let version: String
    /// This version's metrics.
    let series: ModelSeries
    let clock = ContinuousClock()
    private let workers: [ComputeWorker]
    private let state: Mutex<State>

    typealias Instant = ContinuousClock.Instant

    struct Pending: Sendable {
        var inputs: [InferTensor]
        var outputs: [String]
        var enqueuedAt: Instant
        var reply: Completion
    }

    private struct State: Sendable {
        var batcher: Batcher<Instant>
        var pending: [RequestTicket: Pending] = [:]
        var nextTicket: UInt64 = 0
    }

    /// What to carry out after a batcher event, outside the lock.
    enum Effect: Sendable {
        case run(Batch, [Pending])
        case answer(Pending, InferenceError)
        case timer(Instant)
    }

    public init(engine: any InferenceEngine, configuration: BatcherConfiguration, version: String = "1", metrics: ServerMetrics = ServerMetrics()) {
        var configuration = configuration
        if !engine.metadata.hasBatchDimension { configuration.batching = false }
        self.engine = engine
        self.configuration = configuration
        self.version = version
        series = metrics.series(model: engine.metadata.name, version: version)
        workers = (0..<configuration.instances).map { ComputeWorker(name: "compute-\($0)") }
        state = Mutex(State(batcher: Batcher(configuration: configuration)))
        for worker in workers { worker.start() }
    }

    /// What a submitted request receives, exactly once: its outputs or why it failed.
    public typealias Completion = @Sendable (Result<[InferTensor], InferenceError>) -> Void

    /// Runs `inputs` (already validated) and returns the requested `outputs` (all when empty).
    /// `timeout` bounds the time spent waiting in the queue (504 when it passes). When `client` goes
    /// away while the request is queued, the request leaves the queue without running and fails with
    /// ``InferenceError/Code/clientClosedRequest``; once dispatched it runs to completion. Cancelling
    /// the calling task drops the request while it is queued (503).
    public func infer(
        inputs: [InferTensor], outputs: [String] = [], timeout: Duration? = nil, client: RequestClient? = nil
    ) async throws(InferenceError) -> [InferTensor] {
        let ticket = newTicket()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                enqueue(ticket, inputs: inputs, outputs: outputs, timeout: timeout, client: client) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            cancel(ticket, InferenceError(.unavailable(retryAfter: nil), "request cancelled by the client"))
        }
        return try result.get()
    }

    /// ``infer(inputs:outputs:timeout:client:)`` without a task: `completion` is called exactly once,
    /// on whichever thread ended the request: the compute thread that ran it, the caller's before
    /// `submit` returns when it is refused at once (full queue, inconsistent batch dimension), the
    /// deadline timer's, or the connection's event loop when its client leaves while it is queued.
    public func submit(
        inputs: [InferTensor], outputs: [String] = [], timeout: Duration? = nil, client: RequestClient? = nil,
        completion: @escaping Completion
    ) {
        enqueue(newTicket(), inputs: inputs, outputs: outputs, timeout: timeout, client: client, completion: completion)
    }

    private func newTicket() -> RequestTicket {
        state.withLock { s in
            s.nextTicket += 1
            return RequestTicket(s.nextTicket)
        }
    }

    private func enqueue(
        _ ticket: RequestTicket, inputs: [InferTensor], outputs: [String], timeout: Duration?, client: RequestClient?,
        completion: @escaping Completion
    ) {
        let now = clock.now
        let item: BatchItem<Instant>
        do {
            item = try BatchItem(id: ticket, inputs: inputs, batched: configuration.batching, deadline: timeout.map { now.advanced(by: $0) })
        } catch {
            completion(.failure(error))
            return
        }
        let reply: Completion = if let client {
            { result in
                client.unwatch()
                completion(result)
            }
        } else {
            completion
        }
        let pending = Pending(inputs: inputs, outputs: outputs, enqueuedAt: now, reply: reply)
        let effects = state.withLock { s in
            s.pending[ticket] = pending
            return Self.effects(for: s.batcher.enqueue(item, now: now), state: &s)
        }
        perform(effects)
        // Watched only once queued, so a departure at any moment is seen; a request dispatched in the
        // meantime needs no watch (its reply may even have run the unwatch already).
        guard let client else { return }
        if !client.watch(onGone: { [self] in cancel(ticket, Self.clientClosed) }) {
            cancel(ticket, Self.clientClosed)
        } else if state.withLock({ $0.pending[ticket] == nil }) {
            client.unwatch()
        }
    }

    /// Requests waiting for a compute instance.
    public var queueDepth: Int { state.withLock { $0.batcher.queuedCount } }

    /// Whether a request enqueued now would be rejected because the queue is full (a hint: the
    /// queue may change before the request is enqueued, which then decides).
    public var queueIsFull: Bool { state.withLock { $0.batcher.isFull } }

    static let queueFullMessage = "the model's request queue is full; retry later"

    /// Stops the compute threads after the batches already handed to them finish.
    public func shutdown() {
        for worker in workers { worker.stop() }
    }

    static var clientClosed: InferenceError { InferenceError(.clientClosedRequest, "the client closed the connection while the request was queued") }

    /// Drops `ticket` from the queue and answers it with `error`; does nothing once it was dispatched.
    private func cancel(_ ticket: RequestTicket, _ error: InferenceError) {
        let pending: Pending? = state.withLock { s in
            guard s.batcher.cancel(ticket) else { return nil }
            return s.pending.removeValue(forKey: ticket)
        }
        pending?.reply(.failure(error))
        updateQueueDepth()
    }

    private func timerFired() {
        let effects = state.withLock { s in Self.effects(for: s.batcher.timerFired(now: clock.now), state: &s) }
        perform(effects)
    }

    private static func effects(for actions: [BatcherAction<Instant>], state s: inout State) -> [Effect] {
        var effects: [Effect] = []
        for action in actions {
            switch action {
            case .dispatch(let batch):
                effects.append(.run(batch, batch.requests.compactMap { s.pending.removeValue(forKey: $0) }))
            case .scheduleTimer(let instant):
                effects.append(.timer(instant))
            case .rejectQueueFull(let ticket, let retryAfter):
                if let p = s.pending.removeValue(forKey: ticket) {
                    effects.append(.answer(p, InferenceError(.unavailable(retryAfter: retryAfter), Self.queueFullMessage)))
                }
            case .fail(let ticket, let error):
                if let p = s.pending.removeValue(forKey: ticket) { effects.append(.answer(p, error)) }
            }
        }
        return effects
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .run(let batch, let pendings):
                workers[batch.instance].submit { [self] in execute(batch, pendings) }
            case .answer(let pending, let error):
                pending.reply(.failure(error))
            case .timer(let instant):
                // An early or stale wake-up is harmless: the batcher re-checks the time.
                Task { [self] in
                    try? await clock.sleep(until: instant, tolerance: nil)
                    timerFired()
                }
            }
        }
        updateQueueDepth()
    }

    private func updateQueueDepth() {
        series.setQueueDepth(queueDepth)
    }

    /// Runs one batch on the current (compute) thread, answers its callers, and frees the instance.
    private func execute(_ batch: Batch, _ pendings: [Pending]) {
        let start = clock.now
        let results = compute(batch, pendings)
        let end = clock.now
        for (pending, result) in zip(pendings, results) { pending.reply(result) }
        series.batchFinished(
            rows: batch.totalRows,
            queueDurations: pendings.map { $0.enqueuedAt.duration(to: start) }, compute: start.duration(to: end))
        let effects = state.withLock { s in Self.effects(for: s.batcher.computeFinished(instance: batch.instance, now: clock.now), state: &s) }
        perform(effects)
    }

    private func compute(_ batch: Batch, _ pendings: [Pending]) -> [Result<[InferTensor], InferenceError>] {
        guard !pendings.isEmpty else { return [] }
        do throws(InferenceError) {
            let wanted = pendings.contains { $0.outputs.isEmpty } ? [] : Array(Set(pendings.flatMap(\.outputs))).sorted()
            if pendings.count == 1 {
                let outputs = try engine.run(inputs: pendings[0].inputs, outputs: wanted)
                return [.success(Self.select(outputs, pendings[0].outputs))]
            }
            let merged = try BatchAssembly.concatenate(pendings.map(\.inputs))
            let outputs = try engine.run(inputs: merged, outputs: wanted)
            let parts = try BatchAssembly.split(outputs, rows: pendings.map { $0.inputs.first?.shape.first ?? 1 })
            return zip(parts, pendings).map { .success(Self.select($0, $1.outputs)) }
        } catch {
            return pendings.map { _ in .failure(error) }
        }
    }

    /// The outputs a request asked for, in its order (all, in model order, when it asked for none).
    private static func select(_ outputs: [InferTensor], _ names: [String]) -> [InferTensor] {
        guard !names.isEmpty else { return outputs }
        return names.compactMap { name in outputs.first { $0.name == name } }
    }
}
