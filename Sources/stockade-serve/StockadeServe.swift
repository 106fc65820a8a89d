import ArgumentParser
import Foundation
import InferenceCore
import InferenceServer
import Logging

/// `stockade-serve`: the ONNX Runtime inference server of the Stockade serving image.
@main
struct StockadeServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stockade-serve",
        abstract: "Serve an ONNX model over the Open Inference Protocol (KServe v2).",
        subcommands: [Serve.self, Fetch.self])
}

/// `stockade-serve serve`: every option falls back to its `STOCKADE_*` environment variable, then
/// to the default shown in `--help`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load a model and serve it until SIGTERM.")

    @Option(help: ArgumentHelp(
        "A .onnx model file (served as version 1), or a model repository directory DIR/NAME/VERSION/model.onnx (env STOCKADE_MODEL).",
        discussion: "A repository serves its highest version that loads and is watched: a new version is loaded next to the serving one, warmed up, then takes the traffic; the old one drains and is unloaded. A new or changed model.onnx is loaded once its size and mtime are unchanged across two polls."))
    var model: String?
    @Option(help: "Model name in URLs; default: file name without .onnx, or a repository's only model directory; picks the model in a repository holding several (env STOCKADE_MODEL_NAME).")
    var modelName: String?
    @Option(help: "Seconds between scans of a model repository for new or removed versions, 0 to stop watching (env STOCKADE_REPOSITORY_POLL_INTERVAL; default 5).")
    var repositoryPollInterval: Int?
    @Option(help: "HTTP port, 0 for any free port (env STOCKADE_HTTP_PORT; default 8080).")
    var httpPort: Int?
    @Option(help: "Address to listen on (env STOCKADE_HOST; default 0.0.0.0).")
    var host: String?
    @Option(help: "Most rows merged into one batch (env STOCKADE_MAX_BATCH_SIZE; default 32).")
    var maxBatchSize: Int?
    @Option(help: ArgumentHelp(
        "Longest a request waits for more requests to join its batch while a compute instance is free, ms (env STOCKADE_MAX_QUEUE_DELAY_MS; default 0).",
        discussion: "0 dispatches at once to a free instance; batches still form from the requests that queue while instances are busy (right for CPUs). A few ms can pay off on a GPU, where a larger batch costs little more than a single row."))
    var maxQueueDelayMs: Int?
    @Option(help: "Most queued requests before answering 503 (env STOCKADE_MAX_QUEUE_SIZE; default 1024).")
    var maxQueueSize: Int?
    @Option(help: ArgumentHelp(
        "Compute threads running batches per model version: a number, or auto (env STOCKADE_INSTANCES; default auto).",
        discussion: "auto times single-row runs at load: 2 instances when a row takes 100 us or more (a compute-heavy model, where one thread would be the bottleneck) with 2 or more CPUs available, otherwise 1 (a cheap model, where a second thread only splits batches)."))
    var instances: String?
    @Option(help: "Default request deadline in ms, 0 for none (env STOCKADE_REQUEST_TIMEOUT_MS; default 30000).")
    var requestTimeoutMs: Int?
    @Option(help: "ONNX Runtime library path (env STOCKADE_ONNXRUNTIME_LIBRARY; default ORT_DYLIB_PATH, then system).")
    var onnxruntimeLibrary: String?
    @Option(help: "Largest request body in bytes (env STOCKADE_MAX_BODY_BYTES; default 67108864).")
    var maxBodyBytes: Int?
    @Option(help: "Seconds for in-flight requests to finish after SIGTERM (env STOCKADE_DRAIN_TIMEOUT; default 30).")
    var drainTimeout: Int?
    @Option(help: ArgumentHelp(
        "ORT intra-op threads per compute instance, 0 for ORT's own choice (one per physical core) (env STOCKADE_INTRA_OP_THREADS; default: half the available CPUs (the cgroup CPU limit or CPU affinity when smaller than the machine's count) divided among the instances, auto counting as 2, at least 1).",
        discussion: "The other half is left to the event loops that parse and answer requests: on a busy server they need it as much as ORT does."))
    var intraOpThreads: Int?
    @Option(help: "ORT intra-op threads spin-wait for work after each run: on (ORT's default) or off (frees the CPU for the HTTP side) (env STOCKADE_INTRA_OP_SPINNING; default off).")
    var intraOpSpinning: String?
    @Option(help: "ORT inter-op threads per session (parallel execution mode), 0 for ORT's default (env STOCKADE_INTER_OP_THREADS; default 0).")
    var interOpThreads: Int?
    @Option(help: "ORT graph optimisation: disable, basic, extended or all (env STOCKADE_GRAPH_OPTIMIZATION; default all).")
    var graphOptimization: String?
    @Option(help: "ORT CPU memory arena: on (faster repeated runs, memory is kept) or off (env STOCKADE_CPU_MEMORY_ARENA; default on).")
    var cpuMemoryArena: String?
    @Option(help: "ORT execution mode: sequential or parallel (env STOCKADE_EXECUTION_MODE; default sequential).")
    var executionMode: String?
    @Option(help: "Execution provider: cpu, or cuda (needs an onnxruntime-gpu library; checked at start) (env STOCKADE_DEVICE; default cpu).")
    var device: String?
    @Option(help: "GPU to use with --device cuda (env STOCKADE_DEVICE_ID; default 0).")
    var deviceId: Int?
    @Option(help: ArgumentHelp(
        "Output whose top score per row feeds stockade_prediction_confidence: auto, none, or an output name (env STOCKADE_CONFIDENCE_OUTPUT; default auto).",
        discussion: "auto: the model's only float output shaped [batch, classes>1], counting rows that are probability distributions (logits are not recorded unless the output is named)."))
    var confidenceOutput: String?
    @Option(help: "Log format: text, or json (one object per line) (env STOCKADE_LOG_FORMAT; default text).")
    var logFormat: String?
    @Option(help: "Least severe level logged: trace, debug, info, notice, warning, error, critical (env STOCKADE_LOG_LEVEL; default info).")
    var logLevel: String?

    func run() async throws {
        let env = EnvironmentFallback()
        guard let path = env.string(model, "STOCKADE_MODEL") else { throw ValidationError("--model (or STOCKADE_MODEL) is required") }
        var configuration = ServerConfiguration(modelPath: path)
        configuration.modelName = env.string(modelName, "STOCKADE_MODEL_NAME")
        configuration.port = try env.int(httpPort, "STOCKADE_HTTP_PORT", 8080)
        configuration.host = env.string(host, "STOCKADE_HOST") ?? "0.0.0.0"
        let instancesText = env.string(instances, "STOCKADE_INSTANCES") ?? "auto"
        let instanceCount = instancesText == "auto" ? nil : Int(instancesText)
        guard instancesText == "auto" || (instanceCount ?? 0) >= 1 else {
            throw ValidationError("--instances (or STOCKADE_INSTANCES) must be auto or a positive number, got '\(instancesText)'")
        }
        configuration.automaticInstances = instanceCount == nil
        configuration.batcher = BatcherConfiguration(
            maxBatchSize: try env.int(maxBatchSize, "STOCKADE_MAX_BATCH_SIZE", 32),
            maxQueueDelay: .milliseconds(try env.int(maxQueueDelayMs, "STOCKADE_MAX_QUEUE_DELAY_MS", 0)),
            maxQueueSize: try env.int(maxQueueSize, "STOCKADE_MAX_QUEUE_SIZE", 1024),
            instances: instanceCount ?? 1)
        let timeout = try env.int(requestTimeoutMs, "STOCKADE_REQUEST_TIMEOUT_MS", 30_000)
        configuration.requestTimeout = timeout > 0 ? .milliseconds(timeout) : nil
        configuration.onnxRuntimeLibrary = env.string(onnxruntimeLibrary, "STOCKADE_ONNXRUNTIME_LIBRARY")
        configuration.maxBodyBytes = try env.int(maxBodyBytes, "STOCKADE_MAX_BODY_BYTES", 64 << 20)
        configuration.drainTimeout = .seconds(try env.int(drainTimeout, "STOCKADE_DRAIN_TIMEOUT", 30))
        configuration.intraOpThreads = try env.int(
            intraOpThreads, "STOCKADE_INTRA_OP_THREADS",
            ServerConfiguration.defaultIntraOpThreads(instances: instanceCount ?? 2))
        let pollInterval = try env.int(repositoryPollInterval, "STOCKADE_REPOSITORY_POLL_INTERVAL", 5)
        guard pollInterval >= 0 else { throw ValidationError("--repository-poll-interval must be 0 (off) or a number of seconds, got \(pollInterval)") }
        configuration.repositoryPollInterval = .seconds(pollInterval)

        try applyRuntimeFlags(to: &configuration, environment: env)
        let logger = try bootstrapLogging(environment: env)
        logger.info("onnx runtime session", metadata: [
            "options": "\(configuration.sessionSummary)", "cpus": "\(AvailableProcessors.count)",
        ])
        let server: InferenceServer
        do {
            server = try await InferenceServer.load(configuration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("stockade-serve: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        try await server.run { url in
            FileHandle.standardOutput.write(Data("ready url=\(url)\n".utf8))
        }
    }
}
