import Curl
import Foundation
import InferenceCore
@testable import InferenceServer
import Logging
import ONNXRuntime
import Testing

/// Runs another engine, holding its first run until `release()` (so that later requests queue and
/// merge into one batch); announces each run it enters.
final class HeldEngine: InferenceEngine {
    let inner: any InferenceEngine
    var metadata: ModelMetadata { inner.metadata }
    let gate = DispatchSemaphore(value: 0)
    let entered: AsyncStream<Void>
    private let enteredContinuation: AsyncStream<Void>.Continuation

    init(_ inner: any InferenceEngine) {
        self.inner = inner
        (entered, enteredContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor] {
        enteredContinuation.yield()
        gate.wait()
        gate.signal()  // stays open once released
        return try inner.run(inputs: inputs, outputs: outputs)
    }

    func release() { gate.signal() }
}

/// ZipMap outputs (`seq(map(int64|string, float))`, scikit-learn's class probabilities) served as FP32
/// `[N, C]` tensors over real HTTP, compared with ONNX Runtime's own maps: the wheel's `logreg_iris`
/// (int64 classes; its input is a fixed `[3, 2]`, so it does not batch), and the string-keyed
/// `zipmap_strings` fixture for class labels and batched requests each getting their own rows.
@Suite("ZipMap outputs", .timeLimit(.minutes(1)))
struct ZipMapTests {
    static let irisPath = Paths.repositoryRoot.appendingPathComponent(".deps/onnxruntime/datasets/logreg_iris.onnx").path

    static func session(_ path: String) throws -> ORTSession {
        let environment = try ORTEnvironment.shared(library: ORTLibrary.load(path: Paths.library))
        return try ORTSession(modelPath: path, environment: environment, options: SessionOptions(intraOpThreads: 1, interOpThreads: 1))
    }

    /// A request with `values` as `input`, `[values.count / width, width]`.
    static func request(_ input: String, _ values: [Float], width: Int, outputs: [RequestedOutput] = []) -> InferenceRequest {
        InferenceRequest(inputs: [InferTensor(name: input, shape: [values.count / width, width], data: .fp32(values))], outputs: outputs)
    }

    /// ONNX Runtime's own `probabilities` maps for `values` as `input`, run directly on `session`, as
    /// `[N, C]` with the classes in ascending order.
    static func expectedProbabilities<Key: TensorElement & Hashable & Comparable>(
        _ session: ORTSession, _ input: String, _ values: [Float], width: Int, keys: Key.Type
    ) throws -> [Double] {
        let tensor = try Tensor(values, shape: [values.count / width, width])
        let outputs = try session.runValues(inputs: [input: tensor], outputNames: ["probabilities"])
        let maps = try #require(outputs["probabilities"]).sequenceOfMaps(Key.self, Float.self)
        return try maps.flatMap { map in try map.keys.sorted().map { Double(try #require(map[$0])) } }
    }

    static func output(_ name: String, of response: HTTPResponse) throws -> InferTensor {
        try #require(try InferenceResponse.decode(body: response.body).outputs.first { $0.name == name })
    }

    @Test func logisticRegressionProbabilitiesAreATensor() async throws {
        var configuration = TestServer.configuration(model: "mlp")
        configuration.modelPath = Self.irisPath
        let server = try await InferenceServer.load(configuration, logger: Logger(label: "test"))
        let session = try Self.session(Self.irisPath)
        try await TestServer.with(server) { s in
            let metadata = try #require(try await s.get("/v2/models/logreg_iris").json)
            let outputs = metadata["outputs"]?.arrayValue ?? []
            #expect(outputs.map { $0["name"] } == ["label", "probabilities"])
            #expect(outputs.last?["datatype"] == "FP32")
            #expect(outputs.last?["shape"] == [-1, 3])
            #expect(outputs.last?["labels"] == ["0", "1", "2"])

            let rows: [Float] = [5.1, 3.5, 6.2, 2.9, 7.7, 2.6]
            let response = try await s.infer("logreg_iris", Self.request("float_input", rows, width: 2))
            #expect(response.status == 200, "\(response.errorMessage)")
            let probabilities = try Self.output("probabilities", of: response)
            #expect(probabilities.shape == [3, 3])
            #expect(probabilities.datatype == .fp32)
            let expected = try Self.expectedProbabilities(session, "float_input", rows, width: 2, keys: Int64.self)
            expectClose(probabilities.data.doubles ?? [], expected, tolerance: 1e-6)
            // Each row's label is its most probable class.
            let labels = try Self.output("label", of: response).data
            let argmax: [Int64] = (0..<3).map { (row: Int) -> Int64 in
                let scores = Array(expected[(row * 3)..<(row * 3 + 3)])
                return Int64(scores.firstIndex(of: scores.max() ?? 0) ?? -1)
            }
            #expect(labels == .int64(argmax))

            // Classification over the tensor names the class; the probabilities feed the confidence metric.
            let classify = [RequestedOutput(name: "probabilities", parameters: ["classification": 1])]
            let top = try await s.infer("logreg_iris", Self.request("float_input", rows, width: 2, outputs: classify))
            #expect(top.status == 200, "\(top.errorMessage)")
            let classified = try Self.output("probabilities", of: top)
            #expect(classified.shape == [3, 1])
            #expect(classified.data == .bytes(argmax.enumerated().map { row, label in
                Array(ClassificationResult(score: expected[row * 3 + Int(label)], index: Int(label), label: String(label)).protocolString.utf8)
            }))
            let count = try await s.metric(#"stockade_prediction_confidence_count{model="logreg_iris",version="1"}"#)
            #expect(count == [#"stockade_prediction_confidence_count{model="logreg_iris",version="1"} 6"#])
        }
    }

    @Test func stringKeyedClassesAreLabels() async throws {
        try await TestServer.with(model: "zipmap_strings") { s in
            let metadata = try #require(try await s.get("/v2/models/zipmap_strings").json)
            let output = try #require(metadata["outputs"]?.arrayValue?.first)
            #expect(output["shape"] == [-1, 3])
            #expect(output["labels"] == ["setosa", "versicolor", "virginica"])

            let scores: [Float] = [0.1, 0.2, 0.7, 0.5, 0.25, 0.25]
            var request = InferenceRequest(inputs: [InferTensor(name: "scores", shape: [2, 3], data: .fp32(scores))])
            let plain = try await s.infer("zipmap_strings", request)
            #expect(plain.status == 200, "\(plain.errorMessage)")
            #expect(try Self.output("probabilities", of: plain) == InferTensor(name: "probabilities", shape: [2, 3], data: .fp32(scores)))

            request.outputs = [RequestedOutput(name: "probabilities", parameters: ["classification": 2])]
            let top = try await s.infer("zipmap_strings", request)
            #expect(top.status == 200, "\(top.errorMessage)")
            let expected = ["0.700000:2:virginica", "0.200000:1:versicolor", "0.500000:0:setosa", "0.250000:1:versicolor"]
            #expect(try Self.output("probabilities", of: top).data == .bytes(expected.map { Array($0.utf8) }))
        }
    }

    @Test func batchedRequestsGetTheirOwnRows() async throws {
        let session = try Self.session(Paths.model("zipmap_strings"))
        let engine = HeldEngine(try ONNXRuntimeEngine(session: session, name: "zipmap_strings"))
        var configuration = TestServer.configuration(model: "mlp")
        configuration.batcher = BatcherConfiguration(maxBatchSize: 32, maxQueueDelay: .zero, maxQueueSize: 8, instances: 1)
        let server = InferenceServer(engine: engine, configuration: configuration, logger: Logger(label: "test"))
        try await TestServer.with(server) { s in
            defer { engine.release() }
            let requests: [[Float]] = [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25, 0.3, 0.3, 0.4], [0.9, 0.05, 0.05, 0.2, 0.6, 0.2, 0.3, 0.3, 0.4], [0.6, 0.3, 0.1]]
            let held = Task { try await s.inferAlone("zipmap_strings", Self.request("scores", requests[0], width: 3)) }
            for await _ in engine.entered { break }
            let queued = requests.dropFirst().map { rows in
                Task { try await s.inferAlone("zipmap_strings", Self.request("scores", rows, width: 3)) }
            }
            try await BackpressureTests.waitForQueue(server, depth: queued.count)
            engine.release()
            for (rows, task) in zip(requests, [held] + queued) {
                let response = try await task.value
                #expect(response.status == 200, "\(response.errorMessage)")
                let probabilities = try Self.output("probabilities", of: response)
                #expect(probabilities.shape == [rows.count / 3, 3])
                let expected = try Self.expectedProbabilities(session, "scores", rows, width: 3, keys: String.self)
                expectClose(probabilities.data.doubles ?? [], expected, tolerance: 1e-6)
            }
            // The held request ran alone (1 row), then the three queued ones as one batch of 6 rows.
            let model = #"{model="zipmap_strings",version="1"}"#
            #expect(try await s.metric("stockade_inference_batch_size_count\(model)") == ["stockade_inference_batch_size_count\(model) 2"])
            #expect(try await s.metric("stockade_inference_batch_size_sum\(model)") == ["stockade_inference_batch_size_sum\(model) 7"])
        }
    }

    @Test func conversionContract() throws {
        let info = ORTValueInfo(name: "p", type: .sequence(.map(key: .string, value: .tensor(ORTTensorInfo(elementType: .float64, shape: [])))))
        var zipMap = try #require(ZipMapOutput(info))
        #expect(zipMap.metadata == TensorMetadata(name: "p", datatype: .fp64, shape: [-1, -1]))
        func map(_ keys: [String], _ values: [Double]) throws -> ORTValue {
            .map(keys: try Tensor(keys, shape: [keys.count]), values: try Tensor(values, shape: [values.count]))
        }
        // Classes unknown: the first map orders the columns, later maps may list their keys in any order.
        let value = ORTValue.sequence([try map(["b", "a"], [0.25, 0.75]), try map(["a", "b"], [0.5, 0.5])])
        #expect(try zipMap.tensor(from: value) == InferTensor(name: "p", shape: [2, 2], data: .fp64([0.25, 0.75, 0.5, 0.5])))
        #expect(ZipMapOutput.labels(of: value) == ["b", "a"])
        zipMap.labels = ["a", "b"]
        #expect(zipMap.metadata == TensorMetadata(name: "p", datatype: .fp64, shape: [-1, 2], labels: ["a", "b"]))
        #expect(try zipMap.tensor(from: value).data == .fp64([0.75, 0.25, 0.5, 0.5]))
        #expect(try zipMap.tensor(from: .sequence([])).shape == [0, 2])
        // A map with other classes is a server error, never a shifted column.
        #expect(throws: InferenceError.self) { try zipMap.tensor(from: .sequence([try map(["a", "c"], [0.5, 0.5])])) }
        #expect(throws: InferenceError.self) { try zipMap.tensor(from: .tensor(try Tensor([0.5], shape: [1]))) }
        // Only sequences of maps from int64 or string keys to float or double values are ZipMaps.
        let floatTensor = ORTValueType.tensor(ORTTensorInfo(elementType: .float32, shape: []))
        #expect(ZipMapOutput(ORTValueInfo(name: "i", type: .sequence(.map(key: .int64, value: floatTensor)))) != nil)
        #expect(ZipMapOutput(ORTValueInfo(name: "t", type: floatTensor)) == nil)
        #expect(ZipMapOutput(ORTValueInfo(name: "k", type: .sequence(.map(key: .int32, value: floatTensor)))) == nil)
        let stringTensor = ORTValueType.tensor(ORTTensorInfo(elementType: .string, shape: []))
        #expect(ZipMapOutput(ORTValueInfo(name: "v", type: .sequence(.map(key: .int64, value: stringTensor)))) == nil)
    }
}
