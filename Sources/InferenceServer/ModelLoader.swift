import InferenceCore
import ONNXRuntime

/// Loads one model version: the ONNX Runtime library and session on a dedicated thread (never the
/// cooperative pool), with ``ServerConfiguration/automaticInstances`` a timing of single-row runs
/// there, then a ``ModelRunner`` with its compute threads, then a warm-up inference through them.
/// Records `stockade_model_load_duration_seconds` for the version on success.
struct ModelLoader: Sendable {
    let configuration: ServerConfiguration
    let metrics: ServerMetrics

    /// A warmed-up runner for the model at `path`, served as `name` version `version`. On failure the
    /// runner's threads are stopped and the error says which file failed and why, in one line.
    func load(path: String, name: String, version: String) async throws(ServerStartError) -> ModelRunner {
        let clock = ContinuousClock()
        let start = clock.now
        let configuration = configuration
        let (engine, rowTime) = try await ComputeWorker.runDetachedThread(name: "stockade-load") { () throws(ServerStartError) -> (ONNXRuntimeEngine, Duration?) in
            do {
                let library = try ORTLibrary.load(path: configuration.onnxRuntimeLibrary)
                let environment = try ORTEnvironment.shared(library: library)
                let options = configuration.sessionOptions
                let session = try ORTSession(modelPath: path, environment: environment, options: options)
                let engine = try ONNXRuntimeEngine(session: session, name: name, versions: [version])
                return (engine, configuration.automaticInstances ? Self.singleRowTime(engine) : nil)
            } catch {
                throw ServerStartError(message: "cannot load model '\(path)': \(error)")
            }
        }
        var batcher = configuration.batcher
        if let rowTime {
            batcher.instances = ServerConfiguration.automaticInstances(rowTime: rowTime, heavyRowTime: configuration.heavyRowTime)
        }
        let runner = ModelRunner(engine: engine, configuration: batcher, version: version, metrics: metrics)
        do {
            _ = try await runner.infer(inputs: WarmUp.inputs(for: engine.metadata))
        } catch {
            runner.shutdown()
            throw ServerStartError(message: "warm-up inference on '\(path)' failed: \(error.message)")
        }
        metrics.modelLoaded(model: name, version: version, duration: start.duration(to: clock.now))
        return runner
    }

    /// The median time of five single-row runs on the warm-up inputs, after one untimed run (which
    /// pays ORT's first-run allocations). A run that fails counts as instantaneous: the warm-up through
    /// the runner then reports the error.
    private static func singleRowTime(_ engine: ONNXRuntimeEngine) -> Duration {
        let inputs = WarmUp.inputs(for: engine.metadata)
        let clock = ContinuousClock()
        _ = try? engine.run(inputs: inputs, outputs: [])
        let times = (0..<5).map { _ in clock.measure { _ = try? engine.run(inputs: inputs, outputs: []) } }
        return times.sorted()[2]
    }
}
