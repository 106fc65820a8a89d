internal import CCurlShims
internal import CLibCurl
internal import Synchronization

/// libcurl's process-wide initialisation, done once before the first multi handle is made.
private let curlGlobalInit: Int = Int(stk_curl_global_init().rawValue)

/// A message to the multi-handle thread.
enum Command: Sendable {
    /// Start a transfer.
    case add(Transfer)
    /// Abort the transfer with this id, if it is still running.
    case cancel(UInt64)
    /// Unpause the transfer with this id (its stream consumer drained the buffer).
    case resume(UInt64)
}

/// The state shared between callers and the multi-handle thread: the multi handle itself (only
/// `curl_multi_wakeup`, which is thread-safe, is called on it from other threads), and a
/// lock-protected inbox of commands.
final class TransportCore: Sendable {
    enum Phase: Sendable { case running, stopping, closing, closed }

    struct Inbox: Sendable {
        var commands: [Command] = []
        var phase: Phase = .running
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The multi handle. Owned by the loop thread, which frees it when it exits; other threads may
    /// only call `curl_multi_wakeup` on it, under the inbox lock, while the phase is not `closing`.
    // unsafe: a raw C pointer shared across threads under the rules above.
    struct MultiPointer: @unchecked Sendable { let raw: UnsafeMutableRawPointer }

    let multi: MultiPointer
    let configuration: CurlTransport.Configuration
    private let inbox = Mutex(Inbox())
    private let nextID = Atomic<UInt64>(1)

    init(configuration: CurlTransport.Configuration) {
        precondition(curlGlobalInit == 0, "curl_global_init failed with code \(curlGlobalInit)")
        guard let raw = curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        _ = stk_multi_setopt_long(raw, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
        _ = stk_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        self.multi = MultiPointer(raw: raw)
        self.configuration = configuration
    }

    /// A fresh transfer id, never reused within this transport.
    func makeID() -> UInt64 {
        nextID.add(1, ordering: .relaxed).oldValue
    }

    /// Queues `command` and wakes the loop. Returns false, queuing nothing, once shutdown began.
    @discardableResult
    func submit(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard inbox.phase == .running else { return false }
            inbox.commands.append(command)
            _ = curl_multi_wakeup(multi.raw)
            return true
        }
    }

    /// Asks the loop to stop: it fails every pending request, frees all handles and exits.
    /// Idempotent and non-blocking.
    func requestShutdown() {
        inbox.withLock { inbox in
            guard inbox.phase == .running else { return }
            inbox.phase = .stopping
            _ = curl_multi_wakeup(multi.raw)
        }
    }

    /// Returns once the loop has exited and freed its handles.
    func waitUntilClosed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let closed = inbox.withLock { inbox in
                if inbox.phase == .closed { return true }
                inbox.exitWaiters.append(continuation)
                return false
            }
            if closed { continuation.resume() }
        }
    }

    // MARK: Loop side

    /// The queued commands, and whether the loop must stop.
    func takeCommands() -> (commands: [Command], stopping: Bool) {
        inbox.withLock { inbox in
            let commands = inbox.commands
            inbox.commands.removeAll()
            return (commands, inbox.phase != .running)
        }
    }

    /// Stops accepting commands (after this, nobody touches the multi handle but the loop).
    /// Returns the commands that arrived since the last `takeCommands`.
    func beginClosing() -> [Command] {
        inbox.withLock { inbox in
            inbox.phase = .closing
            let commands = inbox.commands
            inbox.commands.removeAll()
            return commands
        }
    }

    /// Marks the loop as gone and releases everyone waiting in `waitUntilClosed`.
    func finishClosing() {
        let waiters = inbox.withLock { inbox in
            inbox.phase = .closed
            let waiters = inbox.exitWaiters
            inbox.exitWaiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The caller-side handle of one transfer: its id and a cancellation flag, shared by the
/// requesting task, a stream's consumer and the loop.
final class TransferControl: Sendable {
    let id: UInt64
    let core: TransportCore
    private let cancelled = Atomic<Bool>(false)

    init(core: TransportCore) {
        self.id = core.makeID()
        self.core = core
    }

    /// Whether `cancel()` was called. The loop checks this before starting a transfer, so a cancel
    /// that races with the start is never lost.
    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Aborts the transfer (at most once): the loop removes its easy handle, closing its stream or
    /// connection, and fails it as `.aborted`.
    func cancel() {
        guard !cancelled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        core.submit(.cancel(id))
    }

    /// Unpauses the transfer's receiving side.
    func resume() {
        core.submit(.resume(id))
    }
}
