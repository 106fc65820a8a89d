import Curl
import InferenceCore
import InferenceServer
import JSON
import Testing

@Suite("HTTP protocol on real ONNX Runtime", .timeLimit(.minutes(2)))
struct ProtocolTests {
    @Test func healthReadyAndMetadata() async throws {
        try await TestServer.with(model: "mlp") { s in
            #expect(try await s.get("/v2/health/live").status == 200)
            #expect(try await s.get("/v2/health/ready").status == 200)
            #expect(try await s.get("/v2/models/mlp/ready").status == 200)
            #expect(try await s.get("/v2/models/mlp/versions/1/ready").status == 200)
            let server = try await s.get("/v2")
            #expect(server.json?["name"]?.stringValue == "stockade-serve")
            let metadata = try ModelMetadata(json: try #require(try await s.get("/v2/models/mlp").json))
            #expect(metadata.inputs == [TensorMetadata(name: "input", datatype: .fp32, shape: [-1, 4])])
            #expect(metadata.outputs == [TensorMetadata(name: "logits", datatype: .fp32, shape: [-1, 3])])
            let unknown = try await s.get("/v2/models/nope")
            #expect(unknown.status == 404)
            #expect(unknown.errorMessage.contains("nope"))
            #expect(try await s.get("/v2/models/mlp/versions/7").status == 404)
            #expect(try await s.infer("nope", InferenceRequest(inputs: [])).status == 404)
        }
    }

    @Test(arguments: ["mlp", "cnn"])
    func inferenceEqualsONNXRuntime(model: String) async throws {
        let cases = try ExpectedOutputs.cases(for: model)
        #expect(!cases.isEmpty)
        try await TestServer.with(model: model) { s in
            for c in cases {
                let response = try await s.post(
                    "/v2/models/\(model)/infer", body: c.request.encoded().bytes,
                    headers: [("Content-Type", "application/json"), ("X-Request-Id", "rid-\(c.name)")])
                #expect(response.status == 200, "\(c.name): \(response.errorMessage)")
                #expect(response.headers["X-Request-Id"] == "rid-\(c.name)")
                let decoded = try InferenceResponse.decode(body: response.body)
                #expect(decoded.id == c.name)
                #expect(decoded.modelName == model)
                for (name, want) in c.outputs {
                    let got = try #require(decoded.outputs.first { $0.name == name })
                    #expect(got.shape == want.shape)
                    expectClose(got.data.doubles ?? [], want.data ?? [])
                }
            }
        }
    }

    @Test func binaryRequestAndResponse() async throws {
        let c = try #require(try ExpectedOutputs.cases(for: "mlp").first)
        var request = c.request
        request.parameters["binary_data_output"] = true
        let body = request.encoded(binaryInputs: Set(request.inputs.map(\.name)))
        let length = try #require(body.headerLength)
        try await TestServer.with(model: "mlp") { s in
            let response = try await s.post(
                "/v2/models/mlp/infer", body: body.bytes, headers: [("Inference-Header-Content-Length", String(length))])
            #expect(response.status == 200, "\(response.errorMessage)")
            let header = try #require(response.headers["Inference-Header-Content-Length"].flatMap { Int($0) })
            #expect(header < response.body.count)
            let decoded = try InferenceResponse.decode(body: response.body, headerLength: header)
            let logits = try #require(decoded.outputs.first)
            expectClose(logits.data.doubles ?? [], try #require(c.outputs["logits"]?.data))
        }
    }

    @Test func badInputsNameTheInput() async throws {
        try await TestServer.with(model: "mlp") { s in
            let wrongName = try await s.infer("mlp", InferenceRequest(inputs: [InferTensor(name: "x", shape: [1, 4], data: .fp32([1, 2, 3, 4]))]))
            #expect(wrongName.status == 400)
            #expect(wrongName.errorMessage.contains("'x'"))
            let wrongShape = try await s.infer("mlp", InferenceRequest(inputs: [InferTensor(name: "input", shape: [1, 5], data: .fp32([1, 2, 3, 4, 5]))]))
            #expect(wrongShape.status == 400)
            #expect(wrongShape.errorMessage.contains("'input'"))
            let wrongType = try await s.infer("mlp", InferenceRequest(inputs: [InferTensor(name: "input", shape: [1, 4], data: .int64([1, 2, 3, 4]))]))
            #expect(wrongType.status == 400)
            #expect(wrongType.errorMessage.contains("'input'"))
            let malformed = try await s.post("/v2/models/mlp/infer", body: Array("{\"inputs\": [".utf8))
            #expect(malformed.status == 400)
            #expect(!malformed.errorMessage.isEmpty)
            let gzip = try await s.post("/v2/models/mlp/infer", body: [0x1F, 0x8B, 0x08, 0x00],
                                        headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
            #expect(gzip.status == 400 && gzip.errorMessage.contains("Content-Encoding 'gzip' is not supported"))
            let tooLarge = try await s.post("/v2/models/mlp/infer", body: Array(repeating: UInt8(ascii: " "), count: 2 << 20))
            #expect(tooLarge.status == 413)
            // Still serving after the bad requests.
            #expect(try await s.get("/v2/health/ready").status == 200)
        }
    }

    @Test func concurrentRequestsAreMergedAndSplitBack() async throws {
        let batcher = BatcherConfiguration(maxBatchSize: 64, maxQueueDelay: .milliseconds(20), instances: 1)
        try await TestServer.with(model: "mlp", batcher: batcher) { s in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<64 {
                    group.addTask {
                        let row: [Float] = [Float(i), 1, -Float(i) / 10, 0.5]
                        let request = InferenceRequest(id: "r\(i)", inputs: [InferTensor(name: "input", shape: [1, 4], data: .fp32(row))])
                        let merged = try await s.infer("mlp", request)
                        #expect(merged.status == 200, "\(merged.errorMessage)")
                        let got = try InferenceResponse.decode(body: merged.body)
                        #expect(got.id == "r\(i)")
                        // Each caller gets exactly its own row: equal to running that row alone.
                        let solo = try await s.server.runner.engine.run(inputs: request.inputs, outputs: [])
                        #expect(got.outputs.first?.shape == [1, 3])
                        expectClose(got.outputs.first?.data.doubles ?? [], solo.first?.data.doubles ?? [])
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await s.metric("stockade_inference_batch_size_count")
            let buckets = try await s.metric("stockade_inference_batch_size_bucket{model=\"mlp\",version=\"1\",le=\"1\"}")
            let total = Int(counts.first?.split(separator: " ").last ?? "") ?? 0
            let singles = Int(buckets.first?.split(separator: " ").last ?? "") ?? 0
            // The warm-up is a batch of 1; some of the 64 requests must have shared a batch.
            #expect(total - 1 < 64)
            #expect(singles < total)
        }
    }
}
