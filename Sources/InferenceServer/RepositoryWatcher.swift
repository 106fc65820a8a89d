import InferenceCore
import Logging
import ServiceLifecycle

/// Carries out the ``ModelLifecycle`` of a repository model: scans the model's directory, feeds the
/// listing to the state machine, and performs the actions it returns — loads (on a dedicated thread,
/// with warm-up) next to the serving version, atomic traffic switches in the ``ModelRegistry``, and
/// unloads that drain a version's queued and in-flight requests before stopping its compute threads.
///
/// One poll runs at a time (callers of ``pollNow()`` wait their turn), and each poll carries out its
/// actions completely, drains included, before the next one starts.
actor RepositoryWatcher {
    let repository: ModelRepository
    let registry: ModelRegistry<ModelRunner>
    let loader: ModelLoader
    let metrics: ServerMetrics
    let logger: Logger
    private var lifecycle = ModelLifecycle()
    private var busy = false
    private var turns: [CheckedContinuation<Void, Never>] = []

    init(repository: ModelRepository, registry: ModelRegistry<ModelRunner>, loader: ModelLoader, logger: Logger) {
        self.repository = repository
        self.registry = registry
        self.loader = loader
        self.metrics = loader.metrics
        self.logger = logger
    }

    /// The first scan: loads the highest version, falling back to lower ones while loads fail. Throws
    /// naming every failure when no version could be loaded.
    func start() async throws(ServerStartError) {
        await takeTurn()
        defer { endTurn() }
        let listing = try await scan()
        guard !listing.isEmpty else {
            throw ServerStartError(message: "model '\(repository.name)' in '\(repository.root)' has no version with a model.onnx")
        }
        let failures = await perform(lifecycle.start(listing))
        guard lifecycle.serving != nil else {
            throw ServerStartError(message: "no version of model '\(repository.name)' could be loaded: " + failures.joined(separator: "; "))
        }
    }

    /// Scans the repository once and carries out what changed: loads a new complete version and
    /// switches to it, unloads replaced or removed versions after draining them. A directory that
    /// cannot be read is logged and leaves everything as it is.
    func pollNow() async {
        await takeTurn()
        defer { endTurn() }
        let listing: [Int: FileStamp]
        do {
            listing = try await scan()
        } catch {
            logger.warning("cannot scan the model repository", metadata: ["model": "\(repository.name)", "error": "\(error.message)"])
            return
        }
        _ = await perform(lifecycle.observe(listing))
    }

    /// Lists the repository on a thread of its own: directory reads and `stat` may block (a network
    /// volume), so they stay off the cooperative pool.
    private func scan() async throws(ServerStartError) -> [Int: FileStamp] {
        let repository = repository
        return try await ComputeWorker.runDetachedThread(name: "stockade-scan") { () throws(ServerStartError) -> [Int: FileStamp] in
            try repository.scan()
        }
    }

    /// Performs `actions` and those that follow from their results; returns the load failures' messages.
    private func perform(_ actions: [ModelLifecycleAction]) async -> [String] {
        var queue = actions
        var failures: [String] = []
        let name = repository.name
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .load(let version, let stamp):
                let path = repository.modelPath(version: version)
                logger.info("loading model version", metadata: ["model": "\(name)", "version": "\(version)", "path": "\(path)"])
                do {
                    let runner = try await loader.load(path: path, name: name, version: String(version))
                    registry.add(version: String(version), model: runner)
                    logger.info("model version loaded", metadata: ["model": "\(name)", "version": "\(version)", "instances": "\(runner.configuration.instances)"])
                    queue += lifecycle.loadSucceeded(version: version)
                } catch {
                    metrics.modelLoadFailed(model: name, version: String(version))
                    logger.error(
                        "model version failed to load; it is not retried until its model.onnx changes",
                        metadata: ["model": "\(name)", "version": "\(version)", "error": "\(error.message)"])
                    failures.append(error.message)
                    queue += lifecycle.loadFailed(version: version, stamp: stamp)
                }
            case .serve(let version):
                registry.serve(version: String(version))
                logger.info("serving model version", metadata: ["model": "\(name)", "version": "\(version)"])
            case .unload(let version):
                logger.info("draining model version", metadata: ["model": "\(name)", "version": "\(version)"])
                if let runner = await registry.retire(version: String(version)) {
                    runner.shutdown()
                }
                metrics.modelUnloaded(model: name, version: String(version))
                logger.info("model version unloaded", metadata: ["model": "\(name)", "version": "\(version)"])
            }
        }
        return failures
    }

    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { turns.append($0) }
    }

    private func endTurn() {
        if turns.isEmpty {
            busy = false
        } else {
            turns.removeFirst().resume()
        }
    }
}

/// Polls a ``RepositoryWatcher`` every `interval` until graceful shutdown or cancellation.
struct RepositoryPolling: Service {
    let watcher: RepositoryWatcher
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await watcher.pollNow()
        }
    }
}
