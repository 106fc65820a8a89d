import InferenceCore
import NIOCore
import NIOHTTP1

/// Serves ``InferenceService`` on one HTTP/1.1 connection, straight on SwiftNIO's HTTP/1.1 codec:
/// no task per request, the inference's answer comes back as a callback on the connection's event
/// loop.
///
/// Contracts:
/// - A request is routed from its head (``InferenceService/route(_:)``). An answer decided there
///   (GET routes, 404, the 503 of a full queue, 413 for an announced oversized body) is written at
///   once, before the body arrives; the body is then read and dropped, except after a 413, when the
///   connection closes instead.
/// - An inference body is collected up to the limit; one that grows past it gets 413 and the
///   connection closes. `Expect: 100-continue` is answered with `100 Continue` once accepted; a
///   request that expects it and is answered from its head instead gets `Connection: close`.
/// - Pipelining: requests are answered one at a time, in order. Parts of later requests that arrive
///   while one is being answered wait here, and while any wait, the socket is not read further (so a
///   pipelining client cannot make the server buffer without bound). A client that sends one request
///   at a time keeps the socket's read interest registered throughout: no system call per request
///   to pause and resume reading.
/// - HEAD is answered as GET would be (same status and headers, `Content-Length` included), without
///   the body.
/// - `Connection: close`, HTTP/1.0 without keep-alive, an unparsable request or body (400 naming
///   the parse error) and graceful shutdown (`ChannelShouldQuiesceEvent`, sent by the server to every
///   connection) close the connection once the current answer is written (a lingering close: see
///   ``lingerTimeout``), or at once when idle. A
///   client that half-closes its side is answered for everything it sent, then the connection
///   closes. A client that leaves mid-body ends its request (499, lease released).
///
/// Runs on the channel's event loop only.
final class HTTP1Handler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Waiting for a request head.
        case idle
        /// Collecting an inference request's body (nil until its first bytes).
        case collecting(InferenceService.InferenceCall, ByteBuffer?)
        /// The answer is written; the rest of the request is read and dropped.
        case discarding
        /// The whole request is in and the service is answering it.
        case answering
    }

    private let service: InferenceService
    private let client: ClientConnection
    private var state = State.idle
    /// Parts of pipelined requests received while a request is being answered.
    private var waiting = CircularBuffer<HTTPServerRequestPart>()
    /// A `read` held back while parts wait.
    private var readHeld = false
    private var version = HTTPVersion.http1_1
    private var keepAlive = true
    /// The current request is a HEAD: answered as its GET would be, without the body.
    private var isHead = false
    /// Close after the current answer (graceful shutdown, or a parse error behind it).
    private var closeAfterAnswer = false
    private var inputClosed = false
    private var isActive = true
    /// ``finishRequest(context:)`` is serving waiting parts.
    private var draining = false
    /// The last answer is out and the output closed; input is dropped until the client closes.
    private var lingering = false

    init(service: InferenceService, client: ClientConnection) {
        self.service = service
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard isActive else { return }
        let part = unwrapInboundIn(data)
        if isAnswering || !waiting.isEmpty {
            waiting.append(part)
        } else {
            handle(part, context: context)
        }
    }

    func read(context: ChannelHandlerContext) {
        if waiting.isEmpty {
            context.read()
        } else {
            readHeld = true
        }
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head): begin(head, context: context)
        case .body(let chunk): collect(chunk, context: context)
        case .end:
            switch state {
            case .collecting(let call, let body):
                state = .answering
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let requestClient = RequestClient(connection: client, channel: context.channel)
                service.infer(call, body: body ?? ByteBuffer(), client: requestClient, on: context.eventLoop) { answer in
                    let (handler, context) = bound.value
                    handler.write(answer, context: context)
                }
            case .discarding: finishRequest(context: context)
            case .idle, .answering: break
            }
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        version = head.version
        keepAlive = head.isKeepAlive
        isHead = head.method == .HEAD
        let headers = head.headers
        let path = head.uri.firstIndex(of: "?").map { head.uri[..<$0] } ?? Substring(head.uri)
        let request = RequestHead(
            method: isHead ? "GET" : head.method.rawValue, path: path,
            requestID: RequestID.resolve(headers.first(name: ResponseBuilder.requestIdField)),
            contentLength: headers.first(name: "content-length").flatMap { Int($0) },
            contentEncoding: headers.first(name: "content-encoding"),
            inferenceHeaderLength: headers.first(name: ResponseBuilder.headerLengthField))
        let expectsContinue = version.minor >= 1 && headers.first(name: "expect")?.lowercased() == "100-continue"
        switch service.route(request) {
        case .answer(let answer):
            state = .discarding
            // A refused body is not read: the connection closes after the 413. A client told to wait
            // for 100 Continue may never send its body after a final answer, so that connection
            // closes too rather than take its next request for the body (RFC 9110 section 10.1.1).
            if answer.status == 413 || expectsContinue { keepAlive = false }
            write(answer, context: context)
        case .infer(let call):
            state = .collecting(call, nil)
            // An HTTP/1.0 client's expectation is ignored (RFC 9110 section 10.1.1).
            if expectsContinue {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: .continue))), promise: nil)
            }
        }
    }

    private func collect(_ chunk: ByteBuffer, context: ChannelHandlerContext) {
        guard case .collecting(let call, var body) = state else { return }
        let collected = body?.readableBytes ?? 0
        guard chunk.readableBytes <= service.maxBodyBytes - collected else {
            state = .discarding
            keepAlive = false
            write(service.finish(call, failing: service.bodyTooLarge), context: context)
            return
        }
        state = .answering  // drops the state's reference, so appending does not copy the body
        if body == nil {
            body = chunk
        } else {
            var chunk = chunk
            body!.writeBuffer(&chunk)
        }
        state = .collecting(call, body)
    }

    /// Writes `answer` for the current request, then closes the connection or moves on to the next
    /// request.
    private func write(_ answer: ServiceResponse, context: ChannelHandlerContext) {
        guard isActive else { return }
        var headers = HTTPHeaders()
        headers.reserveCapacity(answer.headers.count + 3)
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(answer.body.count))
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        let laterRequestWaits = waiting.contains { if case .head = $0 { true } else { false } }
        let close = !keepAlive || closeAfterAnswer || (inputClosed && !laterRequestWaits)
        if close {
            headers.add(name: "Connection", value: "close")
        } else if version.major == 1, version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !isHead {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if close {
            isActive = false
            waiting.removeAll()
            written.assumeIsolated().whenComplete { _ in self.linger(context: context) }
        } else if case .answering = state {
            finishRequest(context: context)
        }
    }

    /// How long a connection closed after an answer keeps reading (and dropping) what the client still
    /// sends, such as the rest of a refused body: closing a socket with unread input resets it, and the
    /// client would see the reset instead of the answer.
    static let lingerTimeout = TimeAmount.seconds(2)

    /// Closes the output once the last answer is out, then closes the connection when the client
    /// closes its side or after ``lingerTimeout``, whichever comes first (a lingering close, as nginx's).
    private func linger(context: ChannelHandlerContext) {
        lingering = true
        if inputClosed { return context.close(promise: nil) }
        let halfClosed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: halfClosed)
        halfClosed.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTimeout) { context.close(promise: nil) }
    }

    /// The current request is over (answered, and its end received): serve the parts that wait, then
    /// read on (or close, when asked to). Re-entered when a waiting request is answered at once; the
    /// outer call goes on with the loop.
    private func finishRequest(context: ChannelHandlerContext) {
        state = .idle
        guard !draining else { return }
        draining = true
        defer { draining = false }
        while isActive, !isAnswering, let part = waiting.popFirst() { handle(part, context: context) }
        guard isActive, !isAnswering, waiting.isEmpty else { return }
        if closeAfterAnswer || (inputClosed && isIdle) {
            close(context: context)
        } else if readHeld {
            readHeld = false
            context.read()
        }
    }

    private var isAnswering: Bool {
        if case .answering = state { return true }
        return false
    }

    private var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            closeAfterAnswer = true
            waiting.removeAll()
            if isIdle { close(context: context) }
            return
        }
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if lingering {
                context.close(promise: nil)
            } else if isIdle, waiting.isEmpty {
                close(context: context)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard isActive else { return }
        guard error is HTTPParserError else {
            abandon()
            close(context: context)
            return
        }
        switch state {
        case .idle:
            keepAlive = false
            write(ResponseBuilder.malformedRequest("\(error)"), context: context)
        case .discarding:
            // This request was answered already.
            close(context: context)
        case .answering:
            closeAfterAnswer = true
            waiting.removeAll()
        case .collecting(let call, _):
            if error as? HTTPParserError == .invalidEOFState {
                abandon()  // the client left mid-body: 499
                close(context: context)
            } else {
                state = .discarding
                keepAlive = false
                write(service.finish(call, failing: InferenceError(.badRequest, "malformed HTTP request body: \(error)")), context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandon()
        context.fireChannelInactive()
    }

    private func close(context: ChannelHandlerContext) {
        isActive = false
        context.close(promise: nil)
    }

    /// The connection ends: a request whose body was still arriving ends with 499.
    private func abandon() {
        isActive = false
        waiting.removeAll()
        if case .collecting(let call, _) = state {
            state = .idle
            _ = service.finish(call, failing: InferenceService.clientLeftDuringBody)
        }
    }
}

@available(*, unavailable)
extension HTTP1Handler: Sendable {}
