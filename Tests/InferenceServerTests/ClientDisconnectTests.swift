import Curl
import Foundation
import InferenceCore
import InferenceServer
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A ``GatedEngine`` that also records every value of `x` it was asked to run, in order.
final class RecordingGatedEngine: InferenceEngine {
    let gated = GatedEngine()
    private let ran = Mutex<[Float]>([])

    var metadata: ModelMetadata { gated.metadata }
    /// The values run so far (recorded when a run starts, before the gate).
    var values: [Float] { ran.withLock { $0 } }

    func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor] {
        if case .fp32(let values)? = inputs.first?.data { ran.withLock { $0 += values } }
        return try gated.run(inputs: inputs, outputs: outputs)
    }
}

/// A bare TCP connection to the server under test: it sends exactly the bytes given, half-closes or
/// closes when told, and keeps what the server sends.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: Received

    final class Received: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: Received

        init(_ received: Received) { self.received = received }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.bytes.withLock { $0 += buffer.readableBytesView }
        }
    }

    private init(channel: any Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    /// Connects to `url` (`http://HOST:PORT`). With `autoRead` false the connection behaves as a
    /// blocking client that writes its whole request before reading: nothing is read until ``read()``,
    /// and the server closing its side does not close this one.
    static func connect(_ url: String, autoRead: Bool = true) async throws -> RawConnection {
        let hostPort = try #require(URL(string: url))
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: autoRead)
            .channelOption(.allowRemoteHalfClosure, value: !autoRead)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(received)) }
            }
            .connect(host: try #require(hostPort.host), port: try #require(hostPort.port)).get()
        return RawConnection(channel: channel, received: received)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Reads what has arrived (for a connection made with `autoRead` false).
    func read() {
        channel.read()
    }

    /// Shuts down the sending side only (the server sees the end of input, and may still answer).
    func halfClose() async throws {
        try await channel.close(mode: .output).get()
    }

    func close() async throws {
        try await channel.close().get()
    }

    /// Whether the connection is still open (either way).
    var isActive: Bool { channel.isActive }

    /// What the server sent so far, as text.
    var text: String { String(decoding: received.bytes.withLock { $0 }, as: UTF8.self) }
}

@Suite("A client that leaves has its queued request dropped", .timeLimit(.minutes(1)))
struct ClientDisconnectTests {
    static func server(_ engine: RecordingGatedEngine) -> InferenceServer {
        var configuration = ServerConfiguration(modelPath: "gated.onnx")
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.batcher = BatcherConfiguration(maxBatchSize: 1, maxQueueDelay: .zero, maxQueueSize: 8, instances: 1)
        return InferenceServer(engine: engine, configuration: configuration, logger: Logger(label: "test"))
    }

    /// Serves `body` while the request for 1 holds the only compute instance (at the gate), so later
    /// requests queue; `body` opens the gate.
    static func withOccupiedInstance(
        _ body: (TestServer, InferenceServer, RecordingGatedEngine, _ running: Task<HTTPResponse, any Error>) async throws -> Void
    ) async throws {
        let engine = RecordingGatedEngine()
        let server = Self.server(engine)
        defer { engine.gated.open() }
        try await TestServer.with(server) { s in
            try await body(s, server, engine, await BackpressureTests.occupyInstance(s, engine.gated))
        }
    }

    /// Waits (bounded, polling) until `condition` holds.
    static func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                throw TimedOut()
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    struct TimedOut: Error {}

    /// The inference request for `value` as HTTP/1.1 bytes.
    static func http1Infer(_ value: Float) -> [UInt8] {
        let body = BackpressureTests.request(value).encoded().bytes
        let head = "POST /v2/models/gated/infer HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// Hand-made HTTP/2 frames (RFC 9113): enough for a client that opens streams and resets them.
    enum H2 {
        static func frame(type: UInt8, flags: UInt8, stream: UInt32, _ payload: [UInt8]) -> [UInt8] {
            let n = payload.count
            return [UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF), type, flags,
                    UInt8(stream >> 24 & 0x7F), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
        }

        /// An HPACK literal header field without indexing, new name (RFC 7541 6.2.2), short strings only.
        static func header(_ name: String, _ value: String) -> [UInt8] {
            [0x00, UInt8(name.utf8.count)] + Array(name.utf8) + [UInt8(value.utf8.count)] + Array(value.utf8)
        }

        /// The connection preface and an empty SETTINGS frame.
        static var preface: [UInt8] { Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + frame(type: 0x4, flags: 0, stream: 0, []) }

        /// HEADERS (END_HEADERS) and DATA (END_STREAM) of an inference request for `value` on `stream`.
        static func infer(_ value: Float, stream: UInt32, authority: String) -> [UInt8] {
            let body = BackpressureTests.request(value).encoded().bytes
            let block = header(":method", "POST") + header(":scheme", "http") + header(":path", "/v2/models/gated/infer")
                + header(":authority", authority) + header("content-type", "application/json") + header("content-length", String(body.count))
            return frame(type: 0x1, flags: 0x4, stream: stream, block) + frame(type: 0x0, flags: 0x1, stream: stream, body)
        }

        /// RST_STREAM with CANCEL (0x8), as a client that gives up on a request sends it.
        static func reset(stream: UInt32) -> [UInt8] { frame(type: 0x3, flags: 0, stream: stream, [0, 0, 0, 0x8]) }
    }

    /// The `stockade_inference_requests_total` samples, as `code -> count`.
    static func codes(_ s: TestServer) async throws -> [String: String] {
        var codes: [String: String] = [:]
        for line in try await s.metric("stockade_inference_requests_total{") {
            guard let range = line.range(of: "code=\""), let end = line[range.upperBound...].firstIndex(of: "\"") else { continue }
            codes[String(line[range.upperBound..<end])] = line.split(separator: " ").last.map(String.init)
        }
        return codes
    }

    static func queueDepthGauge(_ s: TestServer) async throws -> String? {
        try await s.metric("stockade_inference_queue_depth{").first?.split(separator: " ").last.map(String.init)
    }

    enum Departure: CaseIterable, Sendable { case close, halfClose }

    @Test("HTTP/1.1: a queued request whose client closes (or half-closes) its connection leaves the queue, never runs, and counts as 499",
          arguments: Departure.allCases)
    func http1(departure: Departure) async throws {
        try await Self.withOccupiedInstance { s, server, engine, running in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.http1Infer(2))
            try await BackpressureTests.waitForQueue(server, depth: 1)
            switch departure {
            case .close: try await client.close()
            case .halfClose: try await client.halfClose()
            }
            try await BackpressureTests.waitForQueue(server, depth: 0)
            try await Self.eventually("the queue depth gauge to read 0") { try await Self.queueDepthGauge(s) == "0" }
            try await Self.eventually("the dropped request to be counted") { try await Self.codes(s)["499"] == "1" }
            if departure == .halfClose {
                // Half-closed: the client still reads its answer, and then the server closes.
                try await Self.eventually("the 499 answer") { client.text.hasPrefix("HTTP/1.1 499") }
                try await Self.eventually("the server to close the connection") { !client.isActive }
            }
            engine.gated.open()
            #expect(try await running.value.status == 200)
            // The server keeps serving other connections.
            #expect(try await s.inferAlone("gated", BackpressureTests.request(3)).status == 200)
            #expect(engine.values == [1, 3])
            #expect(try await Self.codes(s) == ["200": "2", "499": "1"])
        }
    }

    @Test("HTTP/2: a queued stream that the client resets, or whose connection closes, leaves the queue, never runs, and counts as 499")
    func http2() async throws {
        try await Self.withOccupiedInstance { s, server, engine, running in
            let authority = String(s.url.dropFirst("http://".count))
            let client = try await RawConnection.connect(s.url)
            try await client.send(H2.preface + H2.infer(2, stream: 1, authority: authority))
            try await BackpressureTests.waitForQueue(server, depth: 1)
            try await client.send(H2.reset(stream: 1))
            try await BackpressureTests.waitForQueue(server, depth: 0)
            try await Self.eventually("the reset stream to be counted") { try await Self.codes(s)["499"] == "1" }

            // The connection lives on: its next stream is queued, then the whole connection closes.
            try await client.send(H2.infer(3, stream: 3, authority: authority))
            try await BackpressureTests.waitForQueue(server, depth: 1)
            try await client.close()
            try await BackpressureTests.waitForQueue(server, depth: 0)
            try await Self.eventually("the closed connection's stream to be counted") { try await Self.codes(s)["499"] == "2" }

            engine.gated.open()
            #expect(try await running.value.status == 200)
            #expect(try await s.inferAlone("gated", BackpressureTests.request(4)).status == 200)
            #expect(engine.values == [1, 4])
            #expect(try await Self.codes(s) == ["200": "2", "499": "2"])
        }
    }

    @Test("keep-alive: sequential and pipelined requests on one connection, one of them queued, are all answered; none is taken for a departure")
    func keepAliveConnectionIsNotADeparture() async throws {
        try await Self.withOccupiedInstance { s, server, engine, running in
            let client = try await RawConnection.connect(s.url)
            let answered = { client.text.components(separatedBy: "HTTP/1.1 200 ").count - 1 }
            try await client.send(Self.http1Infer(2))
            try await BackpressureTests.waitForQueue(server, depth: 1)
            engine.gated.open()
            try await Self.eventually("the queued request's answer") { answered() == 1 }
            for value in [3, 4, 5] as [Float] {
                try await client.send(Self.http1Infer(value))
                try await Self.eventually("answer \(value)") { answered() == Int(value) - 1 }
            }
            try await client.send(Self.http1Infer(6) + Self.http1Infer(7))
            try await Self.eventually("the pipelined answers") { answered() == 6 }
            try await client.close()
            #expect(try await running.value.status == 200)
            #expect(engine.values == [1, 2, 3, 4, 5, 6, 7])
            #expect(try await Self.codes(s) == ["200": "7"])
        }
    }
}
