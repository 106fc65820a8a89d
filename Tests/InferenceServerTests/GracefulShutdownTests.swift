import Curl
import Foundation
import ProcessTesting
import InferenceCore
import InferenceServer
import Synchronization
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

    /// The real `stockade-serve` process on the real model: requests held in the batching queue (a long
    /// `--max-queue-delay-ms`) when SIGTERM arrives all get their answers, readiness stops saying 200,
    /// and the process exits 0 once drained.
    @Test func sigtermToTheProcessLetsQueuedRequestsFinish() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.serveBinary())
        process.arguments = [
            "serve", "--model", Paths.model("mlp"), "--host", "127.0.0.1", "--http-port", "0",
            "--onnxruntime-library", Paths.library, "--intra-op-threads", "1",
            "--max-batch-size", "64", "--max-queue-delay-ms", "3000", "--drain-timeout", "30",
        ]
        let stdout = launchSerially { Pipe() }
        // Keep the pipe open until the test ends: closing it under a live readability source crashes libdispatch.
        defer { withExtendedLifetime(stdout) {} }
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let (chunks, chunkSink) = AsyncStream.makeStream(of: String.self)
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                chunkSink.finish()
            } else {
                chunkSink.yield(String(decoding: data, as: UTF8.self))
            }
        }
        let (exits, exitSink) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exitSink.yield($0.terminationStatus); exitSink.finish() }
        try launchSerially { try process.run() }
        defer { if process.isRunning { process.terminate() } }

        var printed = ""
        var url: String?
        for await chunk in chunks {
            printed += chunk
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("ready url=") }) {
                url = String(line.dropFirst("ready url=".count))
                break
            }
        }
        let base = try #require(url, "no ready line; stdout: \(printed)")
        let probe = CurlTransport(configuration: .init(userAgent: "probe"))
        #expect(try await probe.send(HTTPRequest(url: base + "/v2/health/ready", proxy: .direct)).status == 200)

        let count = 8
        let requests = (0..<count).map { i in
            Task {
                let own = CurlTransport(configuration: .init(userAgent: "client-\(i)"))
                let request = InferenceRequest(id: "r\(i)", inputs: [InferTensor(name: "input", shape: [1, 4], data: .fp32([Float(i), 1, 2, 3]))])
                let result: Result<HTTPResponse, any Error>
                do {
                    result = .success(try await own.send(HTTPRequest(
                        method: .post, url: base + "/v2/models/mlp/infer", body: request.encoded().bytes, proxy: .direct)))
                } catch { result = .failure(error) }
                await own.shutdown()
                return try result.get()
            }
        }
        // All of them wait in the batching queue (a condition, bounded).
        let queued = "stockade_inference_queue_depth{model=\"mlp\",version=\"1\"} \(count)"
        var allQueued = false
        for _ in 0..<500 where !allQueued {
            let metrics = try await probe.send(HTTPRequest(url: base + "/metrics", proxy: .direct))
            allQueued = String(decoding: metrics.body, as: UTF8.self).contains(queued)
            if !allQueued { try await Task.sleep(for: .milliseconds(2)) }
        }
        await probe.shutdown()
        try #require(allQueued, "the requests never all waited in the queue")

        #expect(kill(process.processIdentifier, SIGTERM) == 0)
        // Readiness stops saying 200 (503 while the listener still accepts, then no connection).
        var readyAfterSignal = true
        for _ in 0..<500 where readyAfterSignal {
            let own = CurlTransport(configuration: .init(userAgent: "probe-after"))
            let status = try? await own.send(HTTPRequest(url: base + "/v2/health/ready", proxy: .direct)).status
            await own.shutdown()
            readyAfterSignal = status == 200
            if readyAfterSignal { try await Task.sleep(for: .milliseconds(2)) }
        }
        #expect(!readyAfterSignal)

        for (i, request) in requests.enumerated() {
            let response = try await request.value
            #expect(response.status == 200, "request \(i): \(response.errorMessage)")
            #expect(try InferenceResponse.decode(body: response.body).id == "r\(i)")
        }
        var status: Int32?
        for await code in exits { status = code }
        #expect(status == 0)
    }

    /// The `stockade-serve` executable next to the test bundle, or in `.build/debug`.
    static func serveBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stockade-serve").path,
            Paths.repositoryRoot.appendingPathComponent(".build/debug/stockade-serve").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ServeBinaryMissing(candidates: candidates)
        }
        return found
    }

    struct ServeBinaryMissing: Error, CustomStringConvertible {
        let candidates: [String]
        var description: String { "stockade-serve is not built; looked at \(candidates.joined(separator: ", "))" }
    }
}
