import Curl
import Foundation
import InferenceCore
@testable import InferenceServer
import JSON
import Logging
import Testing

@Suite("Request ids, failure logs and metrics on real ONNX Runtime", .timeLimit(.minutes(2)))
struct ObservabilityTests {
    private static func server(_ configuration: ServerConfiguration, logs: LogCapture = LogCapture()) async throws -> InferenceServer {
        try await InferenceServer.load(configuration, logger: logs.logger())
    }

    @Test("request ids: the client's is echoed, a missing or unusable one is replaced by a generated one")
    func requestIDs() async throws {
        try await TestServer.with(model: "mlp") { s in
            let given = try await s.client.send(HTTPRequest(url: s.url + "/v2/health/live", headers: [("X-Request-Id", "abc-123")], proxy: .direct))
            #expect(given.headers["X-Request-Id"] == "abc-123")
            var generated: Set<String> = []
            for header in [nil, String(repeating: "x", count: RequestID.maxLength + 1), "has space"] {
                let response = try await s.client.send(HTTPRequest(
                    url: s.url + "/v2/models/mlp", headers: header.map { [("X-Request-Id", $0)] } ?? [], proxy: .direct))
                let id = try #require(response.headers["X-Request-Id"])
                #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "\(id)")
                generated.insert(id)
            }
            #expect(generated.count == 3)
        }
    }

    @Test("a bad request is logged once, at info, with its request id, model and code")
    func badRequestLogged() async throws {
        let logs = LogCapture()
        let server = try await Self.server(TestServer.configuration(model: "mlp"), logs: logs)
        try await TestServer.with(server) { s in
            let bad = try await s.post("/v2/models/mlp/infer", body: Array(#"{"inputs": [{"name": "nope"#.utf8),
                                       headers: [("Content-Type", "application/json"), ("X-Request-Id", "bad-request-7")])
            #expect(bad.status == 400)
            #expect(bad.headers["X-Request-Id"] == "bad-request-7")
            let unknown = try await s.get("/v2/models/other")
            #expect(unknown.status == 404)
            let unknownID = try #require(unknown.headers["X-Request-Id"])

            let failures = logs.objects.filter { $0["message"]?.stringValue?.hasPrefix("request failed") == true }
            #expect(failures.count == 2, "\(logs.all)")
            let first = try #require(failures.first { $0["request_id"] == "bad-request-7" }, "\(logs.all)")
            #expect(first["level"] == "info")
            #expect(first["model"] == "mlp")
            #expect(first["version"] == "1")
            #expect(first["code"] == "400")
            #expect(first["path"] == "/v2/models/mlp/infer")
            #expect(first["message"]?.stringValue?.contains(bad.errorMessage) == true)
            let second = try #require(failures.first { $0["request_id"] == .string(unknownID) }, "\(logs.all)")
            #expect(second["code"] == "404")
            #expect(second["version"] == nil)
            #expect(logs.all.count == logs.objects.count, "every line is one JSON object")
        }
    }

    @Test("a named confidence output: the histogram counts every row served and sums the rows' top scores")
    func confidenceHistogram() async throws {
        var configuration = TestServer.configuration(model: "mlp")
        configuration.confidenceOutput = .named("logits")
        let server = try await Self.server(configuration)
        let cases = try ExpectedOutputs.cases(for: "mlp")
        try await TestServer.with(server) { s in
            var rows = 0
            var topSum = 0.0
            for c in cases + cases {
                let response = try await s.infer("mlp", c.request)
                #expect(response.status == 200, "\(response.errorMessage)")
                let output = try #require(response.json?["outputs"]?[0])
                let shapeValues = output["shape"]?.arrayValue ?? []
                let shape = shapeValues.compactMap { $0.intValue.map { Int($0) } }
                let data = (output["data"]?.arrayValue ?? []).compactMap { $0.doubleValue }
                #expect(shape.count == 2 && data.count == shape[0] * shape[1])
                for row in 0..<shape[0] {
                    topSum += try #require(data[(row * shape[1])..<((row + 1) * shape[1])].max())
                }
                rows += shape[0]
            }
            #expect(rows == 16)
            let count = try await s.metric(#"stockade_prediction_confidence_count{model="mlp",version="1"}"#)
            #expect(count == [#"stockade_prediction_confidence_count{model="mlp",version="1"} \#(rows)"#])
            let sumLine = try #require(try await s.metric(#"stockade_prediction_confidence_sum{model="mlp",version="1"}"#).first)
            let sum = try #require(Double(sumLine.split(separator: " ").last.map(String.init) ?? ""))
            #expect(abs(sum - topSum) <= 1e-4 * max(1, abs(topSum)), "\(sum) vs \(topSum)")
            let inf = try await s.metric(#"stockade_prediction_confidence_bucket{model="mlp",version="1",le="+Inf"}"#)
            #expect(inf == [#"stockade_prediction_confidence_bucket{model="mlp",version="1",le="+Inf"} \#(rows)"#])
        }
    }

    @Test("by default, logits are not probabilities, so nothing is recorded; none turns it off")
    func confidenceAutomaticSkipsLogits() async throws {
        for setting in [ConfidenceOutput.automatic, .off] {
            var configuration = TestServer.configuration(model: "mlp")
            configuration.confidenceOutput = setting
            let server = try await Self.server(configuration)
            try await TestServer.with(server) { s in
                let c = try #require(try ExpectedOutputs.cases(for: "mlp").first)
                #expect(try await s.infer("mlp", c.request).status == 200)
                #expect(try await s.metric("stockade_prediction_confidence_count").isEmpty)
                #expect(try await s.metric("# TYPE stockade_prediction_confidence histogram").count == 1)
            }
        }
    }

    @Test("/metrics reports the process's resident memory and start time")
    func processMetrics() async throws {
        try await TestServer.with(model: "mlp") { s in
            let rssLine = try #require(try await s.metric("process_resident_memory_bytes ").first)
            let rss = try #require(Int(rssLine.split(separator: " ")[1]))
            #expect(rss > 1 << 20)
            let startLine = try #require(try await s.metric("process_start_time_seconds ").first)
            let start = try #require(Double(startLine.split(separator: " ")[1]))
            let now = Date().timeIntervalSince1970
            #expect(start <= now + 1 && start > now - 86_400, "\(start) vs now \(now)")
        }
    }
}

@Suite("Confidence output selection")
struct ConfidenceOutputTests {
    @Test("flags")
    func flags() {
        #expect(ConfidenceOutput(flag: "auto") == .automatic)
        #expect(ConfidenceOutput(flag: "") == .automatic)
        #expect(ConfidenceOutput(flag: "none") == .off)
        #expect(ConfidenceOutput(flag: "off") == .off)
        #expect(ConfidenceOutput(flag: "probabilities") == .named("probabilities"))
    }

    @Test("automatic picks the only float [batch, classes>1] output")
    func automaticSelection() {
        let probabilities = TensorMetadata(name: "probabilities", datatype: .fp32, shape: [-1, 3])
        let label = TensorMetadata(name: "label", datatype: .int64, shape: [-1])
        let single = TensorMetadata(name: "score", datatype: .fp32, shape: [-1, 1])
        #expect(ConfidenceOutput.automatic.selection(for: [label, probabilities])?.name == "probabilities")
        #expect(ConfidenceOutput.automatic.selection(for: [label, probabilities])?.probabilitiesOnly == true)
        #expect(ConfidenceOutput.automatic.selection(for: [label, single]) == nil)
        #expect(ConfidenceOutput.automatic.selection(for: [probabilities, TensorMetadata(name: "p2", datatype: .fp64, shape: [-1, 2])]) == nil)
        #expect(ConfidenceOutput.off.selection(for: [probabilities]) == nil)
        #expect(ConfidenceOutput.named("label").selection(for: [label])?.probabilitiesOnly == false)
    }

    @Test("top scores: probability rows only in automatic mode; every row when named")
    func topScores() {
        let tensor = InferTensor(name: "p", shape: [4, 3], data: .fp32([
            0.2, 0.7, 0.1,
            2.0, -1.0, 0.5,  // logits
            0.5, 0.5, 0.5,  // sums to 1.5
            0.05, 0.05, 0.9,
        ]))
        let probabilities = ConfidenceOutput.topScores(of: tensor, probabilitiesOnly: true)
        #expect(probabilities.count == 2)
        #expect(abs(probabilities[0] - 0.7) < 1e-6 && abs(probabilities[1] - 0.9) < 1e-6)
        #expect(ConfidenceOutput.topScores(of: tensor, probabilitiesOnly: false).count == 4)
        let perElement = InferTensor(name: "s", shape: [3], data: .fp64([0.25, 0.5, 0.75]))
        #expect(ConfidenceOutput.topScores(of: perElement, probabilitiesOnly: false) == [0.25, 0.5, 0.75])
        #expect(ConfidenceOutput.topScores(of: InferTensor(name: "b", shape: [1], data: .bytes([[1]])), probabilitiesOnly: false).isEmpty)
    }
}
