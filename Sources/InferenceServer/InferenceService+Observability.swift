import InferenceCore
import Logging

extension InferenceService {
    /// Logs a request that failed with `error`: 4xx at `info`, 503 and 504 (load shedding, draining,
    /// deadlines) at `warning` as ``ShedLog`` allows, other 5xx at `error`; metadata `model`,
    /// `version` (when routed), `code`, `request_id`, `method` and `path`.
    func logFailure(_ error: InferenceError, head: RequestHead, version: String?) {
        let status = error.httpStatus
        let level: Logger.Level = switch status {
        case ..<500: .info
        case 503, 504: .warning
        default: .error
        }
        guard logger.logLevel <= level else { return }
        if level == .warning, !shedLog.shouldLog(status: status, logger: logger) { return }
        var metadata: Logger.Metadata = [
            "model": .string(modelName), "code": .stringConvertible(status),
            "method": .string(head.method), "path": .string(String(head.path)), "request_id": .string(head.requestID),
        ]
        if let version { metadata["version"] = .string(version) }
        logger.log(level: level, "request failed: \(error.message)", metadata: metadata)
    }

    /// Records the top score of each row of the configured confidence output (see
    /// ``ConfidenceOutput``) when `outputs` include it.
    func recordConfidence(_ outputs: [InferTensor], runner: ModelRunner) {
        let metadata = runner.engine.metadata
        guard let selection = confidenceOutput.selection(for: metadata.outputs),
              let tensor = outputs.first(where: { $0.name == selection.name }) else { return }
        let scores = ConfidenceOutput.topScores(of: tensor, probabilitiesOnly: selection.probabilitiesOnly)
        runner.series.observeConfidence(scores)
    }
}
