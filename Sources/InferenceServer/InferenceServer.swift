public import InferenceCore
import Hummingbird
public import Logging
import ONNXRuntime
import Foundation
import ServiceLifecycle
import Synchronization

/// stockade-serve's server: one ONNX model behind the Open Inference Protocol over HTTP/1.1 and
/// prior-knowledge h2c on the same port (see ``CleartextHTTPChannel``).
///
/// ``load(_:logger:)`` loads the library and the model on a dedicated thread and runs a warm-up
/// inference through the compute threads; ``run(handleSignals:onReady:)`` serves until SIGTERM/SIGINT (when handled) or
/// cancellation. On graceful shutdown readiness turns false at once, then in-flight and queued
/// requests finish (within `drainTimeout`) before `run` returns. A model repository is watched
/// while serving (see ``ModelLifecycle`` for the version policy).
public final class InferenceServer: Sendable {
    public let configuration: ServerConfiguration
    /// The loaded versions of the model and which one serves requests that name no version.
    public let models: ModelRegistry<ModelRunner>
    public let readiness = Readiness()
    public let metrics: ServerMetrics
    let logger: Logger
    let watcher: RepositoryWatcher?
    private let group = Mutex<ServiceGroup?>(nil)

    init(configuration: ServerConfiguration, models: ModelRegistry<ModelRunner>, watcher: RepositoryWatcher?, metrics: ServerMetrics, logger: Logger) {
        self.configuration = configuration
        self.models = models
        self.watcher = watcher
        self.metrics = metrics
        self.logger = logger
    }

    /// The runner of the version serving requests that name no version.
    public var runner: ModelRunner {
        guard let serving = try? models.model(version: nil) else { preconditionFailure("a loaded server always has a serving version") }
        return serving.model
    }

    /// A server for an already loaded `engine` (tests use in-memory engines), reporting ready at once:
    /// no warm-up inference is run.
    public convenience init(engine: any InferenceEngine, configuration: ServerConfiguration, logger: Logger) {
        let metrics = ServerMetrics()
        let runner = ModelRunner(engine: engine, configuration: configuration.batcher, version: configuration.modelVersion, metrics: metrics)
        let models = ModelRegistry<ModelRunner>(name: engine.metadata.name)
        models.add(version: configuration.modelVersion, model: runner)
        models.serve(version: configuration.modelVersion)
        self.init(configuration: configuration, models: models, watcher: nil, metrics: metrics, logger: logger)
        readiness.markWarm()
    }

    /// Loads the model and warms it up: a single `.onnx` file as ``ServerConfiguration/modelVersion``,
    /// or a repository directory's highest version that loads (lower versions are tried while loads
    /// fail). Throws a ``ServerStartError`` with a one-line message when the library or the model
    /// cannot be loaded, the warm-up fails, or the repository is empty or ambiguous.
    public static func load(_ configuration: ServerConfiguration, logger: Logger) async throws(ServerStartError) -> InferenceServer {
        try await DevicePreflight.check(configuration)
        let metrics = ServerMetrics()
        let loader = ModelLoader(configuration: configuration, metrics: metrics)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: configuration.modelPath, isDirectory: &isDirectory), isDirectory.boolValue {
            let repository = try ModelRepository.open(root: configuration.modelPath, modelName: configuration.modelName)
            let models = ModelRegistry<ModelRunner>(name: repository.name)
            let watcher = RepositoryWatcher(repository: repository, registry: models, loader: loader, logger: logger)
            try await watcher.start()
            let server = InferenceServer(configuration: configuration, models: models, watcher: watcher, metrics: metrics, logger: logger)
            server.readiness.markWarm()
            return server
        }
        let name = configuration.resolvedModelName
        let version = configuration.modelVersion
        let runner = try await loader.load(path: configuration.modelPath, name: name, version: version)
        let models = ModelRegistry<ModelRunner>(name: name)
        models.add(version: version, model: runner)
        models.serve(version: version)
        let server = InferenceServer(configuration: configuration, models: models, watcher: nil, metrics: metrics, logger: logger)
        server.readiness.markWarm()
        logger.info("model loaded", metadata: ["model": "\(name)", "path": "\(configuration.modelPath)", "instances": "\(runner.configuration.instances)"])
        return server
    }

    /// Scans the model repository now and carries out what changed (loads, the switch, drains and
    /// unloads) before returning; does nothing for a single-file model. The periodic watch
    /// (``ServerConfiguration/repositoryPollInterval``) does the same.
    public func pollRepository() async {
        await watcher?.pollNow()
    }

    /// Starts the graceful shutdown of a running ``run(handleSignals:onReady:)`` as SIGTERM would:
    /// readiness turns false at once, in-flight and queued requests finish, then `run` returns.
    public func triggerGracefulShutdown() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
    }

    /// Serves HTTP until SIGTERM/SIGINT (with `handleSignals`) or cancellation, then drains and stops the compute threads.
    /// `onReady` receives the base URL (`http://HOST:PORT`, the bound port when 0 was asked) once
    /// connections are accepted.
    public func run(handleSignals: Bool = true, onReady: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let service = InferenceService(
            models: models, readiness: readiness, metrics: metrics,
            server: ServerMetadata(name: "stockade-serve", version: "0.1.0"),
            requestTimeout: configuration.requestTimeout, maxBodyBytes: configuration.maxBodyBytes,
            confidenceOutput: configuration.confidenceOutput, logger: logger,
            shedLog: ShedLog(interval: configuration.shedLogInterval))
        let host = configuration.host
        let app = Application(
            responder: HTTP2Responder(service: service),
            server: CleartextHTTPChannel.builder(service: service),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                onReady("http://\(host):\(channel.localAddress?.port ?? 0)")
            },
            logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: app),
            .init(service: DrainGate(readiness: readiness), successTerminationBehavior: .ignore),
        ]
        if let watcher, configuration.repositoryPollInterval > .zero {
            // First in the list, so the group stops it last, after the HTTP server drained.
            services.insert(.init(service: RepositoryPolling(watcher: watcher, interval: configuration.repositoryPollInterval),
                                  successTerminationBehavior: .ignore), at: 0)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.drainTimeout
        defer { for runner in models.allModels { runner.shutdown() } }
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        group.withLock { $0 = serviceGroup }
        try await serviceGroup.run()
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
