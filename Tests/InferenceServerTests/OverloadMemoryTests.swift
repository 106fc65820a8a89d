import Curl
import Foundation
import InferenceCore
import InferenceServer
import Logging
import ProcessTesting
import Testing

/// Overload against a real server on 127.0.0.1: with the compute instance held and the queue full,
/// hundreds of large requests are each answered 503 with `Retry-After` while the instance is still
/// held, and the process's resident memory grows by what the server admits (the queue and the
/// requests in flight), not by what clients send.
@Suite("Overload memory", .timeLimit(.minutes(3)))
struct OverloadMemoryTests {
    /// Requests are UINT8 `[128, 4096]` in the binary extension (512 KiB each): UINT8 decodes by copy
    /// even in debug builds, so the run time goes to moving bytes.
    static let rowBytes = 4096
    static let rowsPerRequest = 128
    static let queueSize = 8
    /// Extra requests in flight at once (one connection each).
    static let clients = 8
    static let extraRequests = 640
    static let mebibyte = 1 << 20

    static func body(filledWith value: UInt8) -> EncodedBody {
        let data = TensorData.uint8(Array(repeating: value, count: rowsPerRequest * rowBytes))
        let request = InferenceRequest(
            parameters: ["binary_data_output": true], inputs: [InferTensor(name: "x", shape: [rowsPerRequest, rowBytes], data: data)])
        return request.encoded(binaryInputs: ["x"])
    }

    static func send(_ body: EncodedBody, to url: String, with transport: CurlTransport) async throws -> HTTPResponse {
        var headers = [("Content-Type", "application/octet-stream")]
        if let length = body.headerLength { headers.append(("Inference-Header-Content-Length", String(length))) }
        return try await transport.send(HTTPRequest(method: .post, url: url + "/v2/models/gated/infer", headers: headers, body: body.bytes, proxy: .direct))
    }

    /// `count` requests of `body`, one after another on a connection of their own (so that none waits
    /// behind another client's held request).
    static func sendSequentially(_ body: EncodedBody, count: Int, to url: String) async throws -> [HTTPResponse] {
        let transport = CurlTransport(configuration: .init(userAgent: "stockade-serve-tests/1.0"))
        let result: Result<[HTTPResponse], any Error>
        do {
            var responses: [HTTPResponse] = []
            for _ in 0..<count { responses.append(try await send(body, to: url, with: transport)) }
            result = .success(responses)
        } catch { result = .failure(error) }
        await transport.shutdown()
        return try result.get()
    }

    /// This process's resident set size (`VmRSS` in `/proc/self/status`) in bytes.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.dropFirst("VmRSS:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return nil }
        return kib * 1024
    }

    /// Set in the child process that runs the measurement.
    static let isolatedKey = "STOCKADE_OVERLOAD_MEMORY_ISOLATED"

    /// Resident memory belongs to the whole process, and the other suites run in parallel in this one
    /// (downloads, servers, fuzzers): the measurement runs in a process of its own, this test binary
    /// started again with only this suite, and must pass there.
    @Test func extraRequestsGet503AtOnceAndMemoryStaysBounded() async throws {
        if ProcessInfo.processInfo.environment[Self.isolatedKey] == "1" {
            try await Self.measure()
            return
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("overload-memory-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let (status, output) = try await runProcess(
            ProcessInfo.processInfo.arguments[0], ["--testing-library", "swift-testing", "--filter", "OverloadMemoryTests"],
            environment: [Self.isolatedKey: "1"], log: log)
        #expect(status == 0, "\(output)")
        #expect(output.contains("Test run with 1 test"), "the child process did not run the measurement: \(output)")
    }

    /// The measurement itself (see the type's documentation).
    static func measure() async throws {
        let engine = GatedEngine(datatype: .uint8, shape: [-1, Self.rowBytes])
        var configuration = ServerConfiguration(modelPath: "gated.onnx")
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.maxBodyBytes = Self.mebibyte
        // One request's rows fill a batch, so every admitted request is a batch (and a queue entry) of its own.
        configuration.batcher = BatcherConfiguration(
            maxBatchSize: Self.rowsPerRequest, maxQueueDelay: .zero, maxQueueSize: Self.queueSize, instances: 1, retryAfter: .seconds(3))
        var logger = Logger(label: "test")
        logger.logLevel = .error  // keeps the test output quiet
        let server = InferenceServer(engine: engine, configuration: configuration, logger: logger)
        try await TestServer.with(server) { s in
            // Opened before the server stops, also when an expectation throws: the server drains what it admitted.
            defer { engine.open() }
            let baseline = try #require(Self.residentBytes())
            // One request runs (held at the gate) and `queueSize` wait behind it, each with its own values.
            let admitted = (0...Self.queueSize).map { i in
                Task { try await Self.sendSequentially(Self.body(filledWith: UInt8(i + 1)), count: 1, to: s.url)[0] }
            }
            for await _ in engine.entered { break }
            try await BackpressureTests.waitForQueue(server, depth: Self.queueSize)

            let sampler = Task { () -> (rss: Int, depth: Int) in
                var peak = (rss: 0, depth: 0)
                repeat {
                    peak.rss = max(peak.rss, Self.residentBytes() ?? 0)
                    peak.depth = max(peak.depth, server.runner.queueDepth)
                    try? await Task.sleep(for: .milliseconds(2))
                } while !Task.isCancelled
                return peak
            }
            let extra = Self.body(filledWith: 0xEE)
            let answers = try await withThrowingTaskGroup(of: [(status: Int, retryAfter: String?)].self) { group in
                for _ in 0..<Self.clients {
                    group.addTask {
                        try await Self.sendSequentially(extra, count: Self.extraRequests / Self.clients, to: s.url)
                            .map { ($0.status, $0.headers["Retry-After"]) }
                    }
                }
                var all: [(status: Int, retryAfter: String?)] = []
                for try await answers in group { all += answers }
                return all
            }
            sampler.cancel()
            var peak = await sampler.value
            peak.rss = max(peak.rss, Self.residentBytes() ?? 0)

            // Every extra request was answered while the instance was still held: none was queued or kept waiting.
            #expect(answers.count == Self.extraRequests)
            let wrong = answers.filter { $0.status != 503 || $0.retryAfter != "3" }
            #expect(wrong.isEmpty, "\(wrong.count) extra requests were not 503 with Retry-After: 3, e.g. \(String(describing: wrong.first))")
            #expect(server.runner.queueDepth == Self.queueSize)
            #expect(peak.depth <= Self.queueSize)

            // Memory: each request the server holds (running, queued, or in flight from a client) may cost a
            // few copies of its body (socket buffers, the collected body, its decoded tensor, the client's
            // copy); the fixed allowance covers allocator slack and other suites running in this process.
            let bodyBytes = extra.bytes.count
            let bound = (Self.queueSize + 1 + Self.clients) * bodyBytes * 4 + 64 * Self.mebibyte
            let posted = Self.extraRequests * bodyBytes
            try #require(posted >= 3 * bound, "the test must post far more than the bound for the bound to mean anything")
            let growth = peak.rss - baseline
            #expect(growth <= bound, "RSS grew by \(growth / Self.mebibyte) MiB (bound \(bound / Self.mebibyte) MiB) while \(posted / Self.mebibyte) MiB were posted")

            let codes = try await s.metric("stockade_inference_requests_total")
            #expect(codes.contains { $0.hasSuffix("code=\"503\"} \(Self.extraRequests)") }, "\(codes)")

            engine.open()
            for (i, task) in admitted.enumerated() {
                let response = try await task.value
                #expect(response.status == 200, "admitted request \(i): \(response.errorMessage)")
                let length = try #require(response.headers["Inference-Header-Content-Length"].flatMap { Int($0) })
                let output = try InferenceResponse.decode(body: response.body, headerLength: length).outputs.first
                let echoed = output?.data == .uint8(Array(repeating: UInt8(i + 1), count: Self.rowsPerRequest * Self.rowBytes))
                #expect(echoed && output?.shape == [Self.rowsPerRequest, Self.rowBytes], "admitted request \(i) did not get its own rows back")
            }
        }
    }
}
