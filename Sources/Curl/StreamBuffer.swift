internal import Synchronization

/// The bounded hand-off between a streaming transfer (producer: the loop thread's write callback)
/// and the body's consumer (an async iterator).
///
/// Backpressure: the producer may add bytes while fewer than `limit` are buffered; otherwise the
/// write callback pauses the transfer (libcurl keeps the bytes). When the consumer takes the
/// buffered bytes of a paused transfer, it asks the loop to unpause it. So at most
/// `limit` + one callback's worth (libcurl's receive buffer, 16 KiB by default) is held here.
final class StreamBuffer: Sendable {
    private enum End {
        case finished
        case failed(TransportError)
    }

    private struct State {
        var chunks: [[UInt8]] = []
        var bufferedBytes = 0
        var paused = false
        var end: End?
        /// The consumer saw the end, an error or cancellation; `next()` returns nil from now on.
        var terminated = false
        /// The consumer is gone (cancelled or dropped the stream): incoming bytes are discarded.
        var consumerGone = false
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
    }

    private let state = Mutex(State())
    private let limit: Int
    private let control: TransferControl
    private let hooks: CurlTransport.Hooks

    init(limit: Int, control: TransferControl, hooks: CurlTransport.Hooks) {
        self.limit = max(1, limit)
        self.control = control
        self.hooks = hooks
    }

    // MARK: Producer (loop thread)

    /// Offers received bytes. Returns false, taking nothing, when the transfer must pause.
    func offer(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var wake: (CheckedContinuation<[UInt8]?, any Error>, [UInt8])?
        var pausedNow: Int?
        let accepted = state.withLock { state -> Bool in
            if state.consumerGone { return true }
            if let waiter = state.waiter {
                state.waiter = nil
                wake = (waiter, [UInt8](bytes))
                return true
            }
            if state.bufferedBytes >= limit {
                if !state.paused { pausedNow = state.bufferedBytes }
                state.paused = true
                return false
            }
            state.chunks.append([UInt8](bytes))
            state.bufferedBytes += bytes.count
            return true
        }
        if let (waiter, data) = wake { waiter.resume(returning: data) }
        if let pausedNow { hooks.onPause?(pausedNow) }
        return accepted
    }

    /// Records the end of the body: `nil` for a complete body, else the error. The consumer gets
    /// the bytes still buffered first.
    func finish(_ error: TransportError?) {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            guard state.end == nil else { return nil }
            state.end = error.map { .failed($0) } ?? .finished
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            state.terminated = true
            return waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    // MARK: Consumer

    /// The next bytes (everything buffered, coalesced), `nil` at the end; throws the transfer's
    /// `TransportError`. When the consuming task is cancelled it returns `nil` (like the standard
    /// library's streams) and aborts the transfer.
    func next() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                enum Action {
                    case deliver([UInt8], unpause: Bool)
                    case end(TransportError?)
                    case cancelled
                    case wait
                }
                let action = state.withLock { state -> Action in
                    if state.terminated { return .end(nil) }
                    if state.consumerGone {
                        state.terminated = true
                        return .cancelled
                    }
                    if !state.chunks.isEmpty {
                        let data = state.chunks.count == 1 ? state.chunks[0] : Array(state.chunks.joined())
                        state.chunks.removeAll(keepingCapacity: true)
                        state.bufferedBytes = 0
                        let unpause = state.paused
                        state.paused = false
                        return .deliver(data, unpause: unpause)
                    }
                    switch state.end {
                    case .finished?:
                        state.terminated = true
                        return .end(nil)
                    case .failed(let error)?:
                        state.terminated = true
                        return .end(error)
                    case nil:
                        precondition(state.waiter == nil, "a response body stream was iterated by two tasks at once")
                        state.waiter = continuation
                        return .wait
                    }
                }
                switch action {
                case .deliver(let data, let unpause):
                    if unpause {
                        hooks.onResume?()
                        control.resume()
                    }
                    continuation.resume(returning: data)
                case .end(let error?): continuation.resume(throwing: error)
                case .end(nil): continuation.resume(returning: nil)
                case .cancelled: continuation.resume(returning: nil)
                case .wait: break
                }
            }
        } onCancel: {
            consumerGone()
        }
    }

    /// The consumer was cancelled or dropped the stream: discard the buffer, abort the transfer
    /// if it is still running, and end a pending `next()` with `nil`.
    func consumerGone() {
        let (waiter, running) = state.withLock { state -> (CheckedContinuation<[UInt8]?, any Error>?, Bool) in
            state.consumerGone = true
            state.chunks.removeAll()
            state.bufferedBytes = 0
            let waiter = state.waiter
            state.waiter = nil
            if waiter != nil { state.terminated = true }
            return (waiter, state.end == nil)
        }
        if running { control.cancel() }
        waiter?.resume(returning: nil)
    }
}

/// Held only by a body stream's closure: when the stream and its iterators are released, the
/// consumer is gone and the transfer is aborted.
final class StreamConsumerToken: Sendable {
    let buffer: StreamBuffer

    init(buffer: StreamBuffer) { self.buffer = buffer }

    deinit { buffer.consumerGone() }
}
