import NIOCore

/// The first handler of a cleartext connection: reads until the bytes either match the whole HTTP/2
/// client connection preface or stop matching it, then calls `configure(isHTTP2)` (which adds the
/// chosen protocol's handlers after this one), replays every byte it held back, and removes itself.
/// ``result`` completes with what `configure` produced, or fails when the connection ends first.
///
/// Runs on the channel's event loop only (NIO handlers are confined to their loop).
final class HTTP2PrefaceSniffer<Output: Sendable>: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 section 3.4).
    static var preface: [UInt8] { Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) }

    private enum State {
        case sniffing
        case configuring
        case done
    }

    private let promise: EventLoopPromise<Output>
    private let configure: (Bool) -> EventLoopFuture<Output>
    private var state = State.sniffing
    private var held: [NIOAny] = []
    private var seen: [UInt8] = []
    private var context: ChannelHandlerContext?

    var result: EventLoopFuture<Output> { promise.futureResult }

    init(eventLoop: any EventLoop, configure: @escaping (Bool) -> EventLoopFuture<Output>) {
        promise = eventLoop.makePromise(of: Output.self)
        self.configure = configure
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Closes the connection when no protocol has been chosen yet (used at graceful shutdown).
    func closeIfUndecided() {
        guard case .sniffing = state, let context else { return }
        state = .done
        promise.fail(ChannelError.ioOnClosedChannel)
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .sniffing = state else {
            held.append(data)
            return
        }
        let buffer = unwrapInboundIn(data)
        held.append(data)
        let preface = Self.preface
        let wanted = preface.count - seen.count
        seen += buffer.getBytes(at: buffer.readerIndex, length: min(wanted, buffer.readableBytes)) ?? []
        if !preface.starts(with: seen) {
            decide(context: context, isHTTP2: false)
        } else if seen.count == preface.count {
            decide(context: context, isHTTP2: true)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .sniffing = state {
            // Not enough bytes to decide yet: ask for more even when auto-read is off.
            context.read()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .sniffing = state {
            state = .done
            promise.fail(ChannelError.eof)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .sniffing = state {
            state = .done
            promise.fail(error)
            context.close(promise: nil)
            return
        }
        context.fireErrorCaught(error)
    }

    private func decide(context: ChannelHandlerContext, isHTTP2: Bool) {
        state = .configuring
        let contextBox = NIOLoopBound(context, eventLoop: context.eventLoop)
        let selfBox = NIOLoopBound(self, eventLoop: context.eventLoop)
        configure(isHTTP2).hop(to: context.eventLoop).whenComplete { outcome in
            let context = contextBox.value
            let sniffer = selfBox.value
            sniffer.state = .done
            switch outcome {
            case let .success(output):
                sniffer.promise.succeed(output)
                let held = sniffer.held
                sniffer.held = []
                for data in held { context.fireChannelRead(data) }
                context.fireChannelReadComplete()
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            case let .failure(error):
                sniffer.promise.fail(error)
                context.close(promise: nil)
            }
        }
    }
}

@available(*, unavailable)
extension HTTP2PrefaceSniffer: Sendable {}
