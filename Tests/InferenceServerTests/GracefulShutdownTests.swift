import Curl
import Foundation
import InferenceCore
import InferenceServer
import Testing

/// Graceful shutdown (what SIGTERM starts) while requests are running and queued.
@Suite("Graceful shutdown", .timeLimit(.minutes(1)))
struct GracefulShutdownTests {
    @Test func requestsInFlightWhenShutdownStartsAllCompleteAndReadinessDropsAtOnce() async throws {
        let engine = GatedEngine()
        defer { engine.open() }
        let server = BackpressureTests.server(engine, queueSize: 16)
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let running = Task { try await server.run(handleSignals: false) { continuation.yield($0) } }
        var iterator = urls.makeAsyncIterator()
        let s = TestServer(server: server, url: try #require(await iterator.next()))
        #expect(try await s.get("/v2/health/ready").status == 200)

        // One request runs (held in the engine), the others wait in the queue, each on its own connection.
        let count = 6
        let requests = (0..<count).map { i in Task { try await s.inferAlone("gated", BackpressureTests.request(Float(i))) } }
        for await _ in engine.entered { break }
        try await BackpressureTests.waitForQueue(server, depth: count - 1)

        await server.triggerGracefulShutdown()
        for _ in 0..<2000 where server.readiness.isReady { try await Task.sleep(for: .milliseconds(1)) }
        #expect(!server.readiness.isReady)
        if let probe = try? await s.get("/v2/health/ready") {
            // Answered only while the listener still accepts: then it must say not ready.
            #expect(probe.status == 503)
        }
        // Nothing was dropped: the running request and the queue are still there.
        #expect(server.runner.queueDepth == count - 1)

        engine.open()
        for (i, request) in requests.enumerated() {
            let response = try await request.value
            #expect(response.status == 200, "request \(i): \(response.errorMessage)")
            #expect(try InferenceResponse.decode(body: response.body).outputs.first?.data == .fp32([Float(i)]))
        }
        // The server stops by itself once drained.
        try await running.value
        await s.client.shutdown()
        let codes = server.metrics.render().split(separator: "\n").filter { $0.hasPrefix("stockade_inference_requests_total") }
        #expect(codes == ["stockade_inference_requests_total{model=\"gated\",version=\"1\",code=\"200\"} \(count)"])
    }
}
