import NIOCore
import Synchronization

/// Whether the client of one connection is still there, shared by the connection's channel handlers
/// (which report the client leaving) and the requests served on it (which ask to hear of it while
/// they wait in a model's queue, so that their queued work can be dropped).
///
/// The client of a connection is gone once the connection's input ends (the client closed or
/// half-closed its socket: the server allows remote half-closure, so a client's `close()` first shows
/// as the end of input) or its channel goes inactive (reset, or closed by the server). An HTTP/2
/// stream's client is also gone when the stream closes before its answer (RST_STREAM). Once gone, a
/// connection stays gone.
///
/// Thread-safe. Watchers are called at most once each, on the connection's event loop, outside the
/// lock. The common case costs one dictionary insert and one removal under an uncontended lock per
/// watched request.
final class ClientConnection: Sendable {
    /// The HTTP/2 connection whose streams the current task serves; ``CleartextHTTPChannel`` binds it
    /// for the connection's lifetime (stream tasks inherit it). HTTP/1.1 requests get theirs from
    /// ``HTTP1Handler`` directly.
    @TaskLocal static var current: ClientConnection?

    private struct State {
        var gone = false
        /// Keyed by the request's channel: the connection (HTTP/1.1, one request at a time) or an HTTP/2 stream.
        var watchers: [ObjectIdentifier: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Calls `onGone` once if the client of `channel` (this connection's channel, or one of its HTTP/2
    /// stream channels) goes away before ``unwatch(_:)``. Returns false, and keeps nothing, when it is
    /// already gone; `onGone` is then not called. One watcher per channel at a time.
    func watch(_ channel: any Channel, onGone: @escaping @Sendable () -> Void) -> Bool {
        let key = ObjectIdentifier(channel)
        let gone = state.withLock { s in
            if !s.gone { s.watchers[key] = onGone }
            return s.gone
        }
        // A stream that closed before the watch began left no trace here, but it is inactive by then.
        guard !gone, channel.isActive else {
            unwatch(channel)
            return false
        }
        return true
    }

    /// Stops watching `channel` (harmless when nothing watches it).
    func unwatch(_ channel: any Channel) {
        _ = state.withLock { $0.watchers.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// The whole connection's client left: every watcher is called, and later watches fail.
    func connectionGone() {
        let watchers = state.withLock { s in
            s.gone = true
            defer { s.watchers = [:] }
            return Array(s.watchers.values)
        }
        for onGone in watchers { onGone() }
    }

    /// One HTTP/2 stream closed: its watcher, if any, is called.
    func streamClosed(_ channel: any Channel) {
        state.withLock { $0.watchers.removeValue(forKey: ObjectIdentifier(channel)) }?()
    }

    /// Reports to a ``ClientConnection`` that its client left: on the connection's channel, placed
    /// first so it sees the end of input before any protocol handler, or on each HTTP/2 stream
    /// channel. Passes every event on unchanged.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Any

        private let connection: ClientConnection
        private let isStream: Bool

        /// `isStream`: the handler watches one HTTP/2 stream channel, not the whole connection.
        init(_ connection: ClientConnection, isStream: Bool) {
            self.connection = connection
            self.isStream = isStream
        }

        func channelInactive(context: ChannelHandlerContext) {
            if isStream { connection.streamClosed(context.channel) } else { connection.connectionGone() }
            context.fireChannelInactive()
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if !isStream, let event = event as? ChannelEvent, event == .inputClosed { connection.connectionGone() }
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// The client one request came from: its connection and the channel it arrived on (the connection
/// for HTTP/1.1, its stream for HTTP/2). ``ModelRunner/infer(inputs:outputs:timeout:client:)``
/// watches it while the request is queued.
public struct RequestClient: Sendable {
    let connection: ClientConnection
    let channel: any Channel

    /// See ``ClientConnection/watch(_:onGone:)``.
    func watch(onGone: @escaping @Sendable () -> Void) -> Bool { connection.watch(channel, onGone: onGone) }

    func unwatch() { connection.unwatch(channel) }
}
