import InferenceCore
import ONNXRuntime

/// Loads one model version: the ONNX Runtime library and session on a dedicated thread (never the
/// cooperative pool), then a ``ModelRunner`` with its compute threads, then a warm-up inference
/// through them. Records `stockade_model_load_duration_seconds` for the version on success.
struct ModelLoader: Sendable {
    let configuration: ServerConfiguration
    let metrics: ServerMetrics

    /// A warmed-up runner for the model at `path`, served as `name` version `version`. On failure the
    /// runner's threads are stopped and the error says which file failed and why, in one line.
    func load(path: String, name: String, version: String) async throws(ServerStartError) -> ModelRunner {
        let clock = ContinuousClock()
        let start = clock.now
        let configuration = configuration
        let engine = try await ComputeWorker.runDetachedThread(name: "stockade-load") { () throws(ServerStartError) -> ONNXRuntimeEngine in
            do {
                let library = try ORTLibrary.load(path: configuration.onnxRuntimeLibrary)
                let environment = try ORTEnvironment.shared(library: library)
                let options = configuration.sessionOptions
                let session = try ORTSession(modelPath: path, environment: environment, options: options)
                return try ONNXRuntimeEngine(session: session, name: name, versions: [version])
            } catch {
                throw ServerStartError(message: "cannot load model '\(path)': \(error)")
            }
        }
        let runner = ModelRunner(engine: engine, configuration: configuration.batcher, version: version, metrics: metrics)
        do {
            _ = try await runner.infer(inputs: WarmUp.inputs(for: engine.metadata))
        } catch {
            runner.shutdown()
            throw ServerStartError(message: "warm-up inference on '\(path)' failed: \(error.message)")
        }
        metrics.modelLoaded(model: name, version: version, duration: start.duration(to: clock.now))
        return runner
    }
}
