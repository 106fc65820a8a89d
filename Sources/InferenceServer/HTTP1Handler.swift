import NIOCore
import NIOHTTP1

/// Serves ``InferenceService`` on one HTTP/1.1 connection, straight on SwiftNIO's HTTP/1.1 codec
/// (no task per request: the inference's answer comes back as a callback on the connection's event
/// loop). NIO's pipelining handler in front of it delivers one request at a time and holds the next
/// one back until the answer is written, so keep-alive and pipelining keep their order.
///
/// Contracts:
/// - A request is routed from its head (``InferenceService/route(_:)``). An answer decided there
///   (GET routes, 404, the 503 of a full queue, 413 for an announced oversized body) is written at
///   once, before the body arrives; the body is then read and dropped, except after a 413, when the
///   connection closes instead.
/// - An inference body is collected up to the limit; one that grows past it gets 413 and the
///   connection closes. `Expect: 100-continue` is answered with `100 Continue` once accepted.
/// - `Connection: close`, HTTP/1.0 without keep-alive, and a client that half-closes its side close
///   the connection once the current answer is written; a client that leaves mid-body ends its
///   request (499, lease released).
/// - At graceful shutdown the server sends `ChannelShouldQuiesceEvent`: NIO's pipelining handler
///   closes an idle connection and closes a busy one after its answer.
///
/// Runs on the channel's event loop only.
final class HTTP1Handler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Waiting for a request head.
        case idle
        /// Collecting an inference request's body (nil until its first bytes).
        case collecting(InferenceService.InferenceCall, ByteBuffer?)
        /// The answer is decided; the rest of the request is read and dropped.
        case discarding
        /// The whole request is in and the service is answering it.
        case running
    }

    private let service: InferenceService
    private let client: ClientConnection
    private var state = State.idle
    private var version = HTTPVersion.http1_1
    private var keepAlive = true
    private var inputClosed = false
    private var isActive = true

    init(service: InferenceService, client: ClientConnection) {
        self.service = service
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): begin(head, context: context)
        case .body(let chunk): collect(chunk, context: context)
        case .end:
            switch state {
            case .collecting(let call, let body):
                state = .running
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let requestClient = RequestClient(connection: client, channel: context.channel)
                service.infer(call, body: body ?? ByteBuffer(), client: requestClient, on: context.eventLoop) { answer in
                    let (handler, context) = bound.value
                    handler.write(answer, context: context)
                }
            case .discarding: state = .idle
            case .idle, .running: break
            }
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        version = head.version
        keepAlive = head.isKeepAlive
        let headers = head.headers
        let path = head.uri.firstIndex(of: "?").map { head.uri[..<$0] } ?? Substring(head.uri)
        let request = RequestHead(
            method: head.method.rawValue, path: path,
            requestID: RequestID.resolve(headers.first(name: ResponseBuilder.requestIdField)),
            contentLength: headers.first(name: "content-length").flatMap { Int($0) },
            contentEncoding: headers.first(name: "content-encoding"),
            inferenceHeaderLength: headers.first(name: ResponseBuilder.headerLengthField))
        switch service.route(request) {
        case .answer(let answer):
            state = .discarding
            // A refused body is not read: the connection closes after the 413.
            if answer.status == 413 { keepAlive = false }
            write(answer, context: context)
        case .infer(let call):
            state = .collecting(call, nil)
            if headers.first(name: "expect")?.lowercased() == "100-continue" {
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
        state = .running  // drops the state's reference, so appending does not copy the body
        if body == nil {
            body = chunk
        } else {
            var chunk = chunk
            body!.writeBuffer(&chunk)
        }
        state = .collecting(call, body)
    }

    /// Writes `answer` for the current request; closes the connection afterwards when the request
    /// or the client asked for it.
    private func write(_ answer: ServiceResponse, context: ChannelHandlerContext) {
        guard isActive else { return }
        if case .running = state { state = .idle }
        var headers = HTTPHeaders()
        headers.reserveCapacity(answer.headers.count + 3)
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(answer.body.count))
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        let close = !keepAlive || inputClosed
        if close {
            headers.add(name: "Connection", value: "close")
        } else if version.major == 1, version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: answer.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: answer.body)))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if close { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if case .idle = state { context.close(promise: nil) }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        abandon(context: context)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandon(context: context)
        context.fireChannelInactive()
    }

    /// The connection ends: a request whose body was still arriving ends with 499.
    private func abandon(context: ChannelHandlerContext) {
        isActive = false
        if case .collecting(let call, _) = state {
            state = .idle
            _ = service.finish(call, failing: InferenceService.clientLeftDuringBody)
        }
    }
}

@available(*, unavailable)
extension HTTP1Handler: Sendable {}
