import Foundation
import InferenceCore
import InferenceServer
import JSON
import Logging
import Testing

/// Models beyond float32 over real HTTP: int64 and string (BYTES) tensors, and the wheel's own
/// scikit-learn classifier, each compared with ONNX Runtime's outputs in `expected.json`.
@Suite struct DatatypeTests {
    static let mixedRequest = InferenceRequest(id: "batch3", inputs: [
        InferTensor(name: "ids", shape: [3, 2], data: .int64([1, 2, -5, 5, 1_099_511_627_776, 3])),
        InferTensor(name: "names", shape: [3], data: .bytes(["alpha", "Beta", "grüße"].map { Array($0.utf8) })),
    ])

    static func checkMixed(_ response: InferenceResponse) {
        func output(_ name: String) -> TensorData? { response.outputs.first { $0.name == name }?.data }
        #expect(output("sum") == .int64([3, 0, 1_099_511_627_779]))
        #expect(output("sum_label") == .bytes(["three", "zero", "other"].map { Array($0.utf8) }))
        #expect(output("name_id") == .int64([1, 2, -1]))
        #expect(output("names_echo") == .bytes(["alpha", "Beta", "grüße"].map { Array($0.utf8) }))
    }

    @Test func int64AndStringTensorsAsJSONAndBinary() async throws {
        try await TestServer.with(model: "mixed") { s in
            let metadata = try #require(try await s.get("/v2/models/mixed").json)
            let inputs = metadata["inputs"]?.arrayValue ?? []
            #expect(inputs.map { $0["datatype"] } == ["INT64", "BYTES"])

            let json = try await s.infer("mixed", Self.mixedRequest)
            #expect(json.status == 200, "\(json.errorMessage)")
            // 1099511627776 + 3 is beyond float precision: it must travel as an exact JSON integer.
            #expect(String(decoding: json.body, as: UTF8.self).contains("1099511627779"))
            Self.checkMixed(try InferenceResponse.decode(body: json.body))

            var binaryRequest = Self.mixedRequest
            binaryRequest.parameters["binary_data_output"] = true
            let body = binaryRequest.encoded(binaryInputs: ["ids", "names"])
            let binary = try await s.post("/v2/models/mixed/infer", body: body.bytes,
                                          headers: [("Inference-Header-Content-Length", String(try #require(body.headerLength)))])
            #expect(binary.status == 200, "\(binary.errorMessage)")
            let length = try #require(binary.headers["Inference-Header-Content-Length"].flatMap { Int($0) })
            Self.checkMixed(try InferenceResponse.decode(body: binary.body, headerLength: length))

            var wrongType = Self.mixedRequest
            wrongType.inputs[0] = InferTensor(name: "ids", shape: [3, 2], data: .fp32([1, 2, 3, 4, 5, 6]))
            let rejected = try await s.infer("mixed", wrongType)
            #expect(rejected.status == 400)
            #expect(rejected.errorMessage.contains("ids") && rejected.errorMessage.contains("INT64"), "\(rejected.errorMessage)")
        }
    }

    /// `logreg_iris.onnx` from the onnxruntime wheel: the INT64 `label` tensor is served, and its ZipMap
    /// `probabilities` as a tensor (see `ZipMapTests`).
    @Test func theWheelsLogisticRegression() async throws {
        var configuration = TestServer.configuration(model: "mlp")
        configuration.modelPath = Paths.repositoryRoot.appendingPathComponent(".deps/onnxruntime/datasets/logreg_iris.onnx").path
        let server = try await InferenceServer.load(configuration, logger: Logger(label: "test"))
        try await TestServer.with(server) { s in
            let metadata = try #require(try await s.get("/v2/models/logreg_iris").json)
            #expect((metadata["outputs"]?.arrayValue ?? []).map { $0["name"] } == ["label", "probabilities"])
            let request = InferenceRequest(inputs: [
                InferTensor(name: "float_input", shape: [3, 2], data: .fp32([5.1, 3.5, 6.2, 2.9, 4.9, 3.0])),
            ])
            let response = try await s.infer("logreg_iris", request)
            #expect(response.status == 200, "\(response.errorMessage)")
            #expect(try InferenceResponse.decode(body: response.body).outputs.first?.data == .int64([0, 0, 0]))
        }
    }
}
