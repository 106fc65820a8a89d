import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import ServiceLifecycle

/// One cleartext port serving both HTTP/1.1 and HTTP/2 with prior knowledge (h2c, as gRPC-era
/// clients and proxies such as Envoy send it): the first bytes of each connection decide. A
/// connection that opens with the HTTP/2 connection preface (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`) is
/// served as HTTP/2, anything else as HTTP/1.1 (keep-alive, pipelining) by Hummingbird's own
/// channels, so both behave exactly as Hummingbird's `.http1()` and `.plaintextHTTP2()`, except that
/// each connection's handler runs on the connection's event loop (``EventLoopTaskExecutor``).
/// (The HTTP/1.1 `Upgrade: h2c` dance is not offered; clients that want HTTP/2 send the preface.)
///
/// Each connection gets a ``ClientConnection``, fed by a ``ClientConnection/Handler`` at the front of
/// its pipeline and on each of its HTTP/2 streams, and bound as `ClientConnection.current` while its
/// requests are served, so that a request can learn that its client left.
struct CleartextHTTPChannel: ServerChildChannel {
    enum Negotiated: Sendable {
        case http1(HTTP1Channel.Value)
        case http2(HTTP2Channel.Value)
    }

    struct Value: ServerChildChannelValue {
        let negotiated: EventLoopFuture<Negotiated>
        let sniffer: NIOLoopBound<HTTP2PrefaceSniffer<Negotiated>>
        let channel: any Channel
        let client: ClientConnection
    }

    let http1: HTTP1Channel
    let http2: HTTP2Channel
    let responder: HTTPChannelHandler.Responder

    init(responder: @escaping HTTPChannelHandler.Responder, configuration: HTTP2ChannelConfiguration = .init()) {
        http1 = HTTP1Channel(responder: responder, configuration: configuration.streamConfiguration)
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
    static func builder(configuration: HTTP2ChannelConfiguration = .init()) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in CleartextHTTPChannel(responder: responder, configuration: configuration) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let client = ClientConnection()
            let sniffer = HTTP2PrefaceSniffer<Negotiated>(eventLoop: channel.eventLoop) { [http1] isHTTP2 in
                isHTTP2
                    ? http2(reportingTo: client).setup(channel: channel, logger: logger).map { .http2($0) }
                    : http1.setup(channel: channel, logger: logger).map { .http1($0) }
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
            // The connection's requests are served on its own event loop (see EventLoopTaskExecutor).
            await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
                switch negotiated {
                case let .http1(http1Value): await http1.handle(value: http1Value, logger: logger)
                case let .http2(http2Value): await http2.handle(value: http2Value, logger: logger)
                }
            }
        } catch {
            logger.debug("connection closed before its protocol was known: \(error)")
        }
    }
}
