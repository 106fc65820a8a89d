import Foundation
import InferenceCore
import JSON
@testable import InferenceServer
import Logging
import ONNXRuntime
import Testing

@Suite("ONNX Runtime session options and --device", .timeLimit(.minutes(2)))
struct RuntimeOptionsTests {
    static var libraryHasCUDA: Bool {
        (try? ORTLibrary.load(path: Paths.library).availableExecutionProviders().contains("CUDAExecutionProvider")) ?? false
    }

    @Test("flags map to session options; bad values and combinations name the flag")
    func flags() throws {
        var configuration = ServerConfiguration(modelPath: "m.onnx")
        try configuration.applySessionFlags(
            intraOpThreads: 2, interOpThreads: 3, graphOptimization: "basic", cpuMemoryArena: "off",
            intraOpSpinning: "on", executionMode: "parallel", device: "cuda", deviceID: 1)
        #expect(configuration.sessionOptions == SessionOptions(
            intraOpThreads: 2, interOpThreads: 3, graphOptimization: .basic, cpuMemoryArena: false,
            executionMode: .parallel, device: .cuda(deviceID: 1), configEntries: ["session.intra_op.allow_spinning": "1"]))
        #expect(configuration.sessionSummary
            == "device=cuda:1 intra_op_threads=2 intra_op_spinning=on inter_op_threads=3 graph_optimization=basic cpu_memory_arena=off execution_mode=parallel")
        #expect(ServerConfiguration.defaultIntraOpThreads(instances: 1, processors: 2) == 1)
        #expect(ServerConfiguration.defaultIntraOpThreads(instances: 1, processors: 16) == 8)
        #expect(ServerConfiguration.defaultIntraOpThreads(instances: 3, processors: 16) == 2)
        #expect(ServerConfiguration.defaultIntraOpThreads(instances: 4, processors: 1) == 1)
        #expect(ServerConfiguration(modelPath: "m.onnx").sessionOptions.configEntries == ["session.intra_op.allow_spinning": "0"],
                "spinning is off unless asked for")
        try configuration.applySessionFlags(graphOptimization: "disable", device: "cpu")
        #expect(configuration.sessionOptions.graphOptimization == .disabled)
        #expect(configuration.sessionOptions.device == .cpu)

        let bad: [(ServerConfiguration.FlagCase, String)] = [
            (.init(graphOptimization: "max"), "--graph-optimization must be disable, basic, extended or all, got 'max'"),
            (.init(cpuMemoryArena: "maybe"), "--cpu-memory-arena must be on or off, got 'maybe'"),
            (.init(intraOpSpinning: "fast"), "--intra-op-spinning must be on or off, got 'fast'"),
            (.init(executionMode: "async"), "--execution-mode must be sequential or parallel, got 'async'"),
            (.init(device: "tpu"), "--device must be cpu or cuda, got 'tpu'"),
            (.init(device: "cpu", deviceID: 1), "--device-id 1 selects a GPU and needs --device cuda (the device is cpu)"),
            (.init(deviceID: 0), "--device-id 0 selects a GPU and needs --device cuda (the device is cpu)"),
            (.init(device: "cuda", deviceID: -1), "--device-id must be 0 (ONNX Runtime's choice) or more, got -1"),
            (.init(interOpThreads: -4), "--inter-op-threads must be 0 (ONNX Runtime's choice) or more, got -4"),
        ]
        for (flags, message) in bad {
            var fresh = ServerConfiguration(modelPath: "m.onnx")
            #expect(throws: ServerStartError.self) { try flags.apply(to: &fresh) }
            do { try flags.apply(to: &fresh) } catch { #expect(error.message == message) }
        }
    }

    @Test("automatic instances: 2 for a model whose row costs at least the threshold on 2+ CPUs, otherwise 1")
    func automaticInstanceRule() {
        #expect(ServerConfiguration.automaticInstances(rowTime: .microseconds(165), processors: 2) == 2)
        #expect(ServerConfiguration.automaticInstances(rowTime: .microseconds(100), processors: 16) == 2)
        #expect(ServerConfiguration.automaticInstances(rowTime: .microseconds(6), processors: 16) == 1)
        #expect(ServerConfiguration.automaticInstances(rowTime: .milliseconds(5), processors: 1) == 1)
        #expect(ServerConfiguration.automaticInstances(rowTime: .microseconds(50), processors: 2, heavyRowTime: .microseconds(40)) == 2)
    }

    /// The real loader times real ORT runs of the MLP (a few microseconds a row): with the threshold
    /// above that it keeps one instance, with a zero threshold it starts two (on 2+ CPUs), and the
    /// runner serves with the count it chose. Without `automaticInstances` the configured count stands.
    @Test("the loader picks the instance count from timed single-row runs")
    func loaderPicksInstances() async throws {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        for (automatic, threshold, configured, expected) in [
            (true, Duration.seconds(1), 3, 1), (true, Duration.zero, 3, processors >= 2 ? 2 : 1), (false, Duration.zero, 3, 3),
        ] {
            var configuration = TestServer.configuration(model: "mlp", batcher: BatcherConfiguration(instances: configured))
            configuration.automaticInstances = automatic
            configuration.heavyRowTime = threshold
            let runner = try await ModelLoader(configuration: configuration, metrics: ServerMetrics())
                .load(path: Paths.model("mlp"), name: "mlp", version: "1")
            #expect(runner.configuration.instances == expected, "automatic \(automatic), threshold \(threshold)")
            let rows = try await runner.infer(inputs: [InferTensor(name: "input", shape: [1, 4], data: .fp32([1, 2, 3, 4]))])
            #expect(rows.first?.shape == [1, 3])
            runner.shutdown()
        }
    }

    @Test("--device cuda on a CPU-only ONNX Runtime fails at start with one line naming the library and what is available",
          .enabled(if: !RuntimeOptionsTests.libraryHasCUDA, "the library provides CUDA"))
    func cudaUnavailable() async throws {
        var configuration = TestServer.configuration(model: "mlp")
        try configuration.applySessionFlags(device: "cuda")
        let providers = try ORTLibrary.load(path: Paths.library).availableExecutionProviders()
        do {
            _ = try await InferenceServer.load(configuration, logger: Logger(label: "test"))
            Issue.record("the server loaded with --device cuda on a CPU-only library")
        } catch {
            #expect(error.message == "--device cuda: the ONNX Runtime library at \(Paths.library) has no CUDA execution provider "
                + "(available: \(providers.joined(separator: ", "))); use an onnxruntime-gpu build")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test("stockade-serve --device cuda --log-format json: JSON log lines, then the one-line error and exit status 1",
          .enabled(if: !RuntimeOptionsTests.libraryHasCUDA, "the library provides CUDA"))
    func cudaUnavailableExecutable() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["ORT_DYLIB_PATH"] = Paths.library
        environment["STOCKADE_LOG_FORMAT"] = "json"
        let run = try await ChildProcess.run(try ChildProcess.serveBinary(), [
            "serve", "--model", Paths.model("mlp"), "--host", "127.0.0.1", "--http-port", "0", "--device", "cuda",
        ], environment: environment)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let providers = try ORTLibrary.load(path: Paths.library).availableExecutionProviders()
        var lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")
        lines.removeLast()
        #expect(lines.last == "stockade-serve: --device cuda: the ONNX Runtime library at \(Paths.library) has no CUDA execution provider "
            + "(available: \(providers.joined(separator: ", "))); use an onnxruntime-gpu build", "\(run.stderr)")
        let logLines = lines.dropLast()
        #expect(!logLines.isEmpty)
        for line in logLines {
            let object = try JSONValue.parse(Array(line.utf8))
            #expect(object["label"] == "stockade-serve", "\(line)")
        }
        #expect(logLines.contains { $0.contains("device=cuda:0") })
    }

    @Test("a server with non-default session options serves ONNX Runtime's outputs",
          arguments: SessionOptions.GraphOptimizationLevel.allCases)
    func optionsServeSameOutputs(level: SessionOptions.GraphOptimizationLevel) async throws {
        var configuration = TestServer.configuration(model: "cnn")
        configuration.sessionOptions = SessionOptions(
            intraOpThreads: 1, interOpThreads: 2, graphOptimization: level, cpuMemoryArena: level != .all, executionMode: .parallel)
        let server = try await InferenceServer.load(configuration, logger: Logger(label: "test"))
        try await TestServer.with(server) { s in
            for c in try ExpectedOutputs.cases(for: "cnn") {
                let response = try await s.infer("cnn", c.request)
                #expect(response.status == 200, "\(response.errorMessage)")
                let decoded = try InferenceResponse.decode(body: response.body)
                let want = try #require(c.outputs["scores"]?.data)
                let got = try #require(decoded.outputs.first?.data.doubles)
                expectClose(got, want, tolerance: 1e-4)
            }
        }
    }
}

extension ServerConfiguration {
    /// One call's worth of `applySessionFlags` arguments.
    struct FlagCase {
        var interOpThreads: Int? = nil
        var graphOptimization: String? = nil
        var cpuMemoryArena: String? = nil
        var intraOpSpinning: String? = nil
        var executionMode: String? = nil
        var device: String? = nil
        var deviceID: Int? = nil

        func apply(to configuration: inout ServerConfiguration) throws(ServerStartError) {
            try configuration.applySessionFlags(
                interOpThreads: interOpThreads, graphOptimization: graphOptimization, cpuMemoryArena: cpuMemoryArena,
                intraOpSpinning: intraOpSpinning, executionMode: executionMode, device: device, deviceID: deviceID)
        }
    }
}
