import Curl
import Foundation
import InferenceCore
import InferenceServer
import Logging
import Synchronization
import Testing

/// An identity engine on one tensor `x` (FP32 [-1, 1] unless given) that blocks every run until the
/// gate opens, and announces each run it enters.
final class GatedEngine: InferenceEngine {
    let metadata: ModelMetadata
    let gate = DispatchSemaphore(value: 0)
    let entered: AsyncStream<Void>
    private let enteredContinuation: AsyncStream<Void>.Continuation

    init(datatype: TensorDataType = .fp32, shape: [Int] = [-1, 1]) {
        let x = TensorMetadata(name: "x", datatype: datatype, shape: shape)
        metadata = ModelMetadata(name: "gated", versions: ["1"], inputs: [x], outputs: [x])
        (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor] {
        enteredContinuation.yield()
        gate.wait()
        gate.signal()  // stays open once opened
        return inputs
    }

    func open() { gate.signal() }
}

@Suite("Backpressure and deadlines", .timeLimit(.minutes(1)))
struct BackpressureTests {
    static func server(_ engine: GatedEngine, queueSize: Int, logger: Logger = Logger(label: "test")) -> InferenceServer {
        var configuration = ServerConfiguration(modelPath: "gated.onnx")
        // Longer than any test: a slow machine must not start a second window mid-test.
        configuration.shedLogInterval = .seconds(3600)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.batcher = BatcherConfiguration(maxBatchSize: 1, maxQueueDelay: .zero, maxQueueSize: queueSize, instances: 1, retryAfter: .seconds(2))
        return InferenceServer(engine: engine, configuration: configuration, logger: logger)
    }

    static func request(_ value: Float, timeoutMicros: Int64? = nil) -> InferenceRequest {
        var request = InferenceRequest(inputs: [InferTensor(name: "x", shape: [1, 1], data: .fp32([value]))])
        if let timeoutMicros { request.parameters["timeout"] = .int(timeoutMicros) }
        return request
    }

    /// Sends the request for 1 and returns once the gated engine runs it: the one compute instance is
    /// then busy, so later requests queue. The returned task ends when the gate opens.
    static func occupyInstance(_ s: TestServer, _ engine: GatedEngine) async -> Task<HTTPResponse, any Error> {
        let running = Task { try await s.inferAlone("gated", request(1)) }
        for await _ in engine.entered { break }
        return running
    }

    /// Waits (bounded) until the runner holds `depth` queued requests.
    static func waitForQueue(_ server: InferenceServer, depth: Int) async throws {
        for _ in 0..<2000 where server.runner.queueDepth != depth {
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(server.runner.queueDepth == depth)
    }

    /// Serves `body` with a queue of one that is full: the request for 1 runs (held at the gate) and
    /// the one for 2 waits. `body` opens the gate; both tasks then answer.
    static func withFullQueue(
        logger: Logger = Logger(label: "test"),
        _ body: (TestServer, GatedEngine, _ running: Task<HTTPResponse, any Error>, _ queued: Task<HTTPResponse, any Error>) async throws -> Void
    ) async throws {
        let engine = GatedEngine()
        let server = Self.server(engine, queueSize: 1, logger: logger)
        defer { engine.open() }
        try await TestServer.with(server) { s in
            let running = await Self.occupyInstance(s, engine)
            let queued = Task { try await s.inferAlone("gated", Self.request(2)) }
            try await Self.waitForQueue(server, depth: 1)
            try await body(s, engine, running, queued)
        }
    }

    @Test func fullQueueAnswers503WithRetryAfterAtOnce() async throws {
        try await Self.withFullQueue { s, engine, running, queued in
            let rejected = try await s.inferAlone("gated", Self.request(3))
            #expect(rejected.status == 503)
            #expect(rejected.headers["Retry-After"] == "2")
            #expect(rejected.errorMessage.contains("queue is full"))
            engine.open()
            let first = try await running.value
            let second = try await queued.value
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(try InferenceResponse.decode(body: second.body).outputs.first?.data == .fp32([2]))
            let codes = try await s.metric("stockade_inference_requests_total")
            #expect(codes.contains { $0.hasSuffix("code=\"503\"} 1") })
            #expect(codes.contains { $0.hasSuffix("code=\"200\"} 2") })
            #expect(codes.count == 2)
        }
    }

    /// Shedding does not write a log line per rejected request (see ``ShedLog``): of twenty 503s
    /// one is logged, with its request id; the metrics count all twenty.
    @Test func fullQueueLogsOneLineForManyRejections() async throws {
        let logs = LogCapture()
        try await Self.withFullQueue(logger: logs.logger()) { s, engine, running, queued in
            for _ in 0..<20 {
                #expect(try await s.inferAlone("gated", Self.request(3)).status == 503)
            }
            let failures = logs.objects.filter { $0["message"]?.stringValue?.hasPrefix("request failed") == true }
            #expect(failures.count == 1, "\(logs.all)")
            #expect(failures.first?["code"] == "503")
            #expect(failures.first?["level"] == "warning")
            #expect(failures.first?["request_id"]?.stringValue?.isEmpty == false)
            engine.open()
            #expect(try await running.value.status == 200)
            #expect(try await queued.value.status == 200)
            let codes = try await s.metric("stockade_inference_requests_total")
            #expect(codes.contains { $0.hasSuffix("code=\"503\"} 20") }, "\(codes)")
        }
    }

    /// Shedding must cost less than serving: with the queue full, a request is refused from its head
    /// alone, before its body is read or decoded. The client here announces a 1 MiB body and sends none.
    @Test func fullQueueAnswers503BeforeTheBodyIsRead() async throws {
        try await Self.withFullQueue { s, engine, running, queued in
            let connection = try await RawConnection.connect(s.url)
            try await connection.send(Array((
                "POST /v2/models/gated/infer HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(1 << 20)\r\n\r\n").utf8))
            try await ClientDisconnectTests.eventually("the 503 answer") { connection.text.contains("\r\n\r\n{") }
            #expect(connection.text.hasPrefix("HTTP/1.1 503"), "\(connection.text)")
            #expect(connection.text.contains("retry-after: 2") || connection.text.contains("Retry-After: 2"), "\(connection.text)")
            #expect(connection.text.contains("queue is full"))
            try await connection.close()
            engine.open()
            #expect(try await running.value.status == 200)
            #expect(try await queued.value.status == 200)
        }
    }

    @Test func queuedRequestPastItsDeadlineGets504() async throws {
        let engine = GatedEngine()
        let server = Self.server(engine, queueSize: 8)
        defer { engine.open() }
        try await TestServer.with(server) { s in
            let running = await Self.occupyInstance(s, engine)
            let expired = try await s.inferAlone("gated", Self.request(2, timeoutMicros: 20_000))
            #expect(expired.status == 504)
            #expect(expired.errorMessage.contains("deadline"))
            engine.open()
            #expect(try await running.value.status == 200)
        }
    }
}
