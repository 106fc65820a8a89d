import ArgumentParser
import Foundation
import InferenceServer
import Logging

extension Serve {
    /// Applies the ONNX Runtime session flags and `--confidence-output` to `configuration`, each
    /// falling back to its `STOCKADE_*` environment variable; a bad value is a usage error naming the flag.
    func applyRuntimeFlags(to configuration: inout ServerConfiguration, environment env: [String: String]) throws {
        func string(_ value: String?, _ key: String) -> String? {
            value ?? env[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        func int(_ value: Int?, _ key: String) throws -> Int? {
            if let value { return value }
            guard let text = env[key], !text.isEmpty else { return nil }
            guard let parsed = Int(text) else { throw ValidationError("\(key) must be an integer, got '\(text)'") }
            return parsed
        }
        let inter = try int(interOpThreads, "STOCKADE_INTER_OP_THREADS")
        let id = try int(deviceId, "STOCKADE_DEVICE_ID")
        do throws(ServerStartError) {
            try configuration.applySessionFlags(
                intraOpThreads: configuration.intraOpThreads,
                interOpThreads: inter,
                graphOptimization: string(graphOptimization, "STOCKADE_GRAPH_OPTIMIZATION"),
                cpuMemoryArena: string(cpuMemoryArena, "STOCKADE_CPU_MEMORY_ARENA"),
                executionMode: string(executionMode, "STOCKADE_EXECUTION_MODE"),
                device: string(device, "STOCKADE_DEVICE"),
                deviceID: id)
        } catch {
            throw ValidationError(error.message)
        }
        if let output = string(confidenceOutput, "STOCKADE_CONFIDENCE_OUTPUT") {
            configuration.confidenceOutput = ConfidenceOutput(flag: output)
        }
    }

    /// Bootstraps swift-log once for the process from `--log-format` (`text` or `json`, env
    /// `STOCKADE_LOG_FORMAT`) and `--log-level` (env `STOCKADE_LOG_LEVEL`, default `info`), with the
    /// request id of the request being served as `request_id` metadata; returns the server's logger.
    func bootstrapLogging(environment env: [String: String]) throws -> Logger {
        let format = (logFormat ?? env["STOCKADE_LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "text").lowercased()
        let levelName = (logLevel ?? env["STOCKADE_LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "info").lowercased()
        guard let level = Logger.Level(rawValue: levelName) else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(levelName)'")
        }
        switch format {
        case "text":
            LoggingSystem.bootstrap({ label, provider in
                var handler = StreamLogHandler.standardError(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: RequestID.metadataProvider)
        case "json":
            LoggingSystem.bootstrap({ label, provider in
                var handler = JSONLogHandler.standardError(label: label, metadataProvider: provider)
                handler.logLevel = level
                return handler
            }, metadataProvider: RequestID.metadataProvider)
        default:
            throw ValidationError("--log-format must be text or json, got '\(format)'")
        }
        return Logger(label: "stockade-serve")
    }
}
