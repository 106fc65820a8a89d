internal import Foundation

/// An HTTP/1.1 and HTTP/2 client transport on libcurl.
///
/// One curl multi handle is driven by one dedicated thread (never the Swift cooperative pool);
/// `send` and `stream` only queue work for it and suspend. Connections are pooled and reused
/// (HTTP/1.1 keep-alive), and concurrent requests to an HTTP/2 server are multiplexed onto one
/// connection (ALPN `h2` over TLS; plain `http://` uses HTTP/1.1). Signals are never used.
///
/// Cancelling the task that awaits `send`/`stream`, or a stream body's consumer, aborts that
/// transfer promptly. `shutdown()` (or releasing the transport) fails everything pending with
/// `.aborted`, frees all handles and ends the thread.
public final class CurlTransport: Sendable {
    /// Settings fixed for the transport's lifetime.
    public struct Configuration: Sendable {
        /// The `User-Agent` of every request that does not carry its own.
        public var userAgent: String
        /// The most simultaneous connections to one host; 0 means no limit.
        public var maxConnectionsPerHost: Int
        /// How many body bytes a stream may buffer for a slow consumer before the transfer is
        /// paused (TCP/HTTP/2 flow control then holds back the server).
        public var streamBufferLimit: Int
        /// Offer HTTP/2 over TLS (ALPN) and multiplex on it when the server agrees; false keeps every
        /// connection on HTTP/1.1 with keep-alive. Cleartext `http://` always uses HTTP/1.1.
        public var http2 = true
        /// Internal observation points for tests.
        var hooks = Hooks()

        /// Settings with the caller's `userAgent`, unlimited connections and a 1 MiB stream buffer.
        public init(userAgent: String, maxConnectionsPerHost: Int = 0, streamBufferLimit: Int = 1 << 20) {
            self.userAgent = userAgent
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.streamBufferLimit = streamBufferLimit
        }
    }

    /// Callbacks run on the loop or consumer thread when a stream pauses (with the bytes buffered)
    /// or is resumed.
    struct Hooks: Sendable {
        var onPause: (@Sendable (Int) -> Void)?
        var onResume: (@Sendable () -> Void)?
    }

    private let core: TransportCore

    /// Starts the transport's thread.
    public init(configuration: Configuration) {
        let core = TransportCore(configuration: configuration)
        self.core = core
        let thread = Thread { MultiLoop(core: core).run() }
        thread.name = "stockade-curl"
        thread.start()
    }

    deinit {
        core.requestShutdown()
    }

    /// Performs `request` and returns the complete response; any HTTP status is a response.
    /// Throws `TransportError` when no complete response arrived (`.aborted` if the task was
    /// cancelled or the transport shut down).
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let control = TransferControl(core: core)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                let transfer = Transfer(control: control, request: request, sink: .buffered(continuation))
                if !core.submit(.add(transfer)) { transfer.abort("transport shut down") }
            }
        } onCancel: {
            control.cancel()
        }
        return try result.get()
    }

    /// Performs `request` and returns as soon as the response head arrives, with the body as a
    /// stream of byte chunks delivered as they arrive (chunk boundaries are arbitrary).
    ///
    /// The body stream ends normally when the response is complete (including a server closing a
    /// close-delimited body); it throws `TransportError` if the transfer fails midway (e.g. a
    /// chunked body cut off: curl code 18, retryable); it ends (returns `nil`) if the consuming task
    /// is cancelled, as the standard library's streams do. A consumer that falls behind by more than `streamBufferLimit` bytes pauses the
    /// transfer until it catches up. Cancelling the consuming task, or releasing the stream before
    /// its end, aborts the transfer. Only one task may iterate the body.
    public func stream(
        _ request: HTTPRequest
    ) async throws(TransportError) -> (head: HTTPResponseHead, body: AsyncThrowingStream<[UInt8], any Error>) {
        let control = TransferControl(core: core)
        let buffer = StreamBuffer(
            limit: core.configuration.streamBufferLimit, control: control, hooks: core.configuration.hooks)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponseHead, TransportError>, Never>) in
                let transfer = Transfer(control: control, request: request, sink: .streaming(continuation, buffer))
                if !core.submit(.add(transfer)) { transfer.abort("transport shut down") }
            }
        } onCancel: {
            control.cancel()
        }
        let head = try result.get()
        let token = StreamConsumerToken(buffer: buffer)
        let body = AsyncThrowingStream<[UInt8], any Error>(unfolding: { try await token.buffer.next() })
        return (head, body)
    }

    /// Stops the transport: every pending request and open stream fails with `.aborted`, all
    /// libcurl handles are freed, and the thread exits before this returns. Later requests fail
    /// immediately with `.aborted`. Idempotent.
    public func shutdown() async {
        core.requestShutdown()
        await core.waitUntilClosed()
    }
}
