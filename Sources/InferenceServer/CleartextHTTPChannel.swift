import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// One cleartext port serving both HTTP/1.1 and HTTP/2 with prior knowledge (h2c, as gRPC-era
/// clients and proxies such as Envoy send it): the first bytes of each connection decide. A
/// connection that opens with the HTTP/2 connection preface (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`) is
/// served as HTTP/2 by Hummingbird's HTTP/2 channel (each connection's handler on the connection's
/// event loop, see ``EventLoopTaskExecutor``), anything else as HTTP/1.1 (keep-alive, pipelining) by
/// ``HTTP1Handler`` directly on SwiftNIO's codec: the hot path of small inference requests, where a
/// task and an async body stream per request would cost as much as the inference.
/// (The HTTP/1.1 `Upgrade: h2c` dance is not offered; clients that want HTTP/2 send the preface.)
///
/// Each connection gets a ``ClientConnection``, fed by a ``ClientConnection/Handler`` at the front of
/// its pipeline and on each of its HTTP/2 streams, and bound as `ClientConnection.current` while its
/// requests are served, so that a request can learn that its client left.
struct CleartextHTTPChannel: ServerChildChannel {
    enum Negotiated: Sendable {
        case http1(any Channel)
        case http2(HTTP2Channel.Value)
    }

    struct Value: ServerChildChannelValue {
        let negotiated: EventLoopFuture<Negotiated>
        let sniffer: NIOLoopBound<HTTP2PrefaceSniffer<Negotiated>>
        let channel: any Channel
        let client: ClientConnection
    }

    let service: InferenceService
    let http2: HTTP2Channel
    let responder: HTTPChannelHandler.Responder

    /// `responder` serves HTTP/2 streams (Hummingbird's, around an ``HTTP2Responder``); HTTP/1.1
    /// connections go to `service` directly.
    init(service: InferenceService, responder: @escaping HTTPChannelHandler.Responder, configuration: HTTP2ChannelConfiguration = .init()) {
        self.service = service
        http2 = HTTP2Channel(responder: responder, configuration: configuration)
        self.responder = responder
    }

    /// ``http2`` with each stream channel reporting its closing to `client` (one per HTTP/2 connection).
    private func http2(reportingTo client: ClientConnection) -> HTTP2Channel {
        var configuration = http2.configuration
        let additional = configuration.streamConfiguration.additionalChannelHandlers
        configuration.streamConfiguration.additionalChannelHandlers = {
            additional() + [ClientConnection.Handler(client, isStream: true)]
        }
        return HTTP2Channel(responder: responder, configuration: configuration)
    }

    /// A server builder for `Application(server:)`.
    static func builder(service: InferenceService, configuration: HTTP2ChannelConfiguration = .init()) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in CleartextHTTPChannel(service: service, responder: responder, configuration: configuration) }
    }

    /// NIO's HTTP/1.1 codec, then ``HTTP1Handler`` (which orders pipelined requests and answers
    /// unparsable ones itself).
    private func http1(channel: any Channel, client: ClientConnection) -> EventLoopFuture<Negotiated> {
        channel.eventLoop.makeCompletedFuture {
            // Outbound header validation is off: every header value written is built here (the
            // request id is checked to be visible ASCII by RequestID.resolve).
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false)
            try channel.pipeline.syncOperations.addHandler(HTTP1Handler(service: service, client: client))
            return .http1(channel)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let client = ClientConnection()
            let sniffer = HTTP2PrefaceSniffer<Negotiated>(eventLoop: channel.eventLoop) { isHTTP2 in
                isHTTP2
                    ? http2(reportingTo: client).setup(channel: channel, logger: logger).map { .http2($0) }
                    : http1(channel: channel, client: client)
            }
            try channel.pipeline.syncOperations.addHandler(ClientConnection.Handler(client, isStream: false))
            try channel.pipeline.syncOperations.addHandler(sniffer)
            return Value(
                negotiated: sniffer.result, sniffer: NIOLoopBound(sniffer, eventLoop: channel.eventLoop), channel: channel, client: client)
        }
    }

    /// Serves the connection with the protocol its first bytes chose, with its ``ClientConnection``
    /// bound as `ClientConnection.current`. A connection that has sent nothing decisive when graceful
    /// shutdown begins is closed, so it cannot hold up the drain.
    func handle(value: Value, logger: Logger) async {
        await ClientConnection.$current.withValue(value.client) { await serve(value: value, logger: logger) }
    }

    private func serve(value: Value, logger: Logger) async {
        do {
            let negotiated = try await withGracefulShutdownHandler {
                try await value.negotiated.get()
            } onGracefulShutdown: {
                let sniffer = value.sniffer
                value.channel.eventLoop.execute { sniffer.value.closeIfUndecided() }
            }
            switch negotiated {
            case let .http1(channel):
                // HTTP1Handler serves the connection; this task only waits for it to end. At graceful
                // shutdown Hummingbird's server sends every connection ChannelShouldQuiesceEvent, on
                // which HTTP1Handler closes it once its current answer is written.
                try? await channel.closeFuture.get()
            case let .http2(http2Value):
                // The connection's requests are served on its own event loop (see EventLoopTaskExecutor).
                await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
                    await http2.handle(value: http2Value, logger: logger)
                }
            }
        } catch {
            logger.debug("connection closed before its protocol was known: \(error)")
        }
    }
}
