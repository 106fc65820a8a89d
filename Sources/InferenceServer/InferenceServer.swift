public import InferenceCore
import Hummingbird
public import Logging
import ONNXRuntime
import ServiceLifecycle

/// stockade-serve's server: one ONNX model behind the Open Inference Protocol over HTTP/1.1.
///
/// ``load(_:logger:)`` loads the library and the model on a dedicated thread and runs a warm-up
/// inference through the compute threads; ``run(handleSignals:onReady:)`` serves until SIGTERM/SIGINT (when handled) or
/// cancellation. On graceful shutdown readiness turns false at once, then in-flight and queued
/// requests finish (within `drainTimeout`) before `run` returns.
public final class InferenceServer: Sendable {
    public let configuration: ServerConfiguration
    public let runner: ModelRunner
    public let readiness = Readiness()
    public let metrics: ServerMetrics
    let logger: Logger

    init(configuration: ServerConfiguration, runner: ModelRunner, metrics: ServerMetrics, logger: Logger) {
        self.configuration = configuration
        self.runner = runner
        self.metrics = metrics
        self.logger = logger
    }

    /// A server for an already loaded `engine` (tests use in-memory engines), reporting ready at once:
    /// no warm-up inference is run.
    public convenience init(engine: any InferenceEngine, configuration: ServerConfiguration, logger: Logger) {
        let metrics = ServerMetrics()
        let runner = ModelRunner(engine: engine, configuration: configuration.batcher, version: configuration.modelVersion, metrics: metrics)
        self.init(configuration: configuration, runner: runner, metrics: metrics, logger: logger)
        readiness.markWarm()
    }

    /// Loads the model and warms it up. Throws a ``ServerStartError`` with a one-line message when the
    /// library or the model cannot be loaded or the warm-up fails.
    public static func load(_ configuration: ServerConfiguration, logger: Logger) async throws(ServerStartError) -> InferenceServer {
        let name = configuration.resolvedModelName
        let version = configuration.modelVersion
        let engine = try await ComputeWorker.runDetachedThread(name: "stockade-load") { () throws(ServerStartError) -> ONNXRuntimeEngine in
            do {
                let library = try ORTLibrary.load(path: configuration.onnxRuntimeLibrary)
                let environment = try ORTEnvironment.shared(library: library)
                let options = SessionOptions(intraOpThreads: configuration.intraOpThreads)
                let session = try ORTSession(modelPath: configuration.modelPath, environment: environment, options: options)
                return try ONNXRuntimeEngine(session: session, name: name, versions: [version])
            } catch {
                throw ServerStartError(message: "cannot load model '\(configuration.modelPath)': \(error)")
            }
        }
        let metrics = ServerMetrics()
        let runner = ModelRunner(engine: engine, configuration: configuration.batcher, version: version, metrics: metrics)
        let server = InferenceServer(configuration: configuration, runner: runner, metrics: metrics, logger: logger)
        do {
            _ = try await runner.infer(inputs: WarmUp.inputs(for: engine.metadata))
        } catch {
            runner.shutdown()
            throw ServerStartError(message: "warm-up inference on '\(configuration.modelPath)' failed: \(error.message)")
        }
        server.readiness.markWarm()
        logger.info("model loaded", metadata: ["model": "\(name)", "path": "\(configuration.modelPath)"])
        return server
    }

    /// Serves HTTP until SIGTERM/SIGINT (with `handleSignals`) or cancellation, then drains and stops the compute threads.
    /// `onReady` receives the base URL (`http://HOST:PORT`, the bound port when 0 was asked) once
    /// connections are accepted.
    public func run(handleSignals: Bool = true, onReady: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let handler = InferenceHandler(
            runner: runner, readiness: readiness, metrics: metrics,
            server: ServerMetadata(name: "stockade-serve", version: "0.1.0"),
            requestTimeout: configuration.requestTimeout, maxBodyBytes: configuration.maxBodyBytes)
        let host = configuration.host
        let app = Application(
            responder: handler,
            server: .http1(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                onReady("http://\(host):\(channel.localAddress?.port ?? 0)")
            },
            logger: logger)
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: app),
                .init(service: DrainGate(readiness: readiness), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger)
        group.maximumGracefulShutdownDuration = configuration.drainTimeout
        defer { runner.shutdown() }
        try await ServiceGroup(configuration: group).run()
    }
}

/// A failure to start serving, with a one-line message for the operator.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Turns readiness off as soon as graceful shutdown begins. Listed after the HTTP server, so the
/// group shuts it down first; the server then drains.
struct DrainGate: Service {
    let readiness: Readiness

    func run() async throws {
        try? await gracefulShutdown()
        readiness.startDraining()
    }
}
