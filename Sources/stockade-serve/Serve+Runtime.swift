import ArgumentParser
import Foundation
import InferenceServer
import Logging

extension Serve {
    /// Applies the ONNX Runtime session flags and `--confidence-output` to `configuration`, each
    /// falling back to its `STOCKADE_*` environment variable; a bad value is a usage error naming the flag.
    func applyRuntimeFlags(to configuration: inout ServerConfiguration, environment env: EnvironmentFallback) throws {
        let inter = try env.int(interOpThreads, "STOCKADE_INTER_OP_THREADS")
        let id = try env.int(deviceId, "STOCKADE_DEVICE_ID")
        do throws(ServerStartError) {
            try configuration.applySessionFlags(
                intraOpThreads: configuration.intraOpThreads,
                interOpThreads: inter,
                graphOptimization: env.string(graphOptimization, "STOCKADE_GRAPH_OPTIMIZATION"),
                cpuMemoryArena: env.string(cpuMemoryArena, "STOCKADE_CPU_MEMORY_ARENA"),
                intraOpSpinning: env.string(intraOpSpinning, "STOCKADE_INTRA_OP_SPINNING"),
                executionMode: env.string(executionMode, "STOCKADE_EXECUTION_MODE"),
                device: env.string(device, "STOCKADE_DEVICE"),
                deviceID: id)
        } catch {
            throw ValidationError(error.message)
        }
        if let output = env.string(confidenceOutput, "STOCKADE_CONFIDENCE_OUTPUT") {
            configuration.confidenceOutput = ConfidenceOutput(flag: output)
        }
    }

    /// Bootstraps swift-log once for the process from `--log-format` (`text` or `json`, env
    /// `STOCKADE_LOG_FORMAT`) and `--log-level` (env `STOCKADE_LOG_LEVEL`, default `info`); returns
    /// the server's logger. (Failed requests are logged with their `request_id`.)
    func bootstrapLogging(environment env: EnvironmentFallback) throws -> Logger {
        let format = (env.string(logFormat, "STOCKADE_LOG_FORMAT") ?? "text").lowercased()
        let levelName = (env.string(logLevel, "STOCKADE_LOG_LEVEL") ?? "info").lowercased()
        guard let level = Logger.Level(rawValue: levelName) else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(levelName)'")
        }
        let makeHandler: @Sendable (String) -> any LogHandler
        switch format {
        case "text": makeHandler = { StreamLogHandler.standardError(label: $0) }
        case "json": makeHandler = { JSONLogHandler.standardError(label: $0) }
        default: throw ValidationError("--log-format must be text or json, got '\(format)'")
        }
        LoggingSystem.bootstrap { label in
            var handler = makeHandler(label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "stockade-serve")
    }
}
