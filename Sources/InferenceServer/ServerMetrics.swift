import Foundation
import Synchronization

/// The server's Prometheus metrics, kept in memory and rendered in the text exposition format.
///
/// Series: `stockade_inference_requests_total{model,version,code}`,
/// `stockade_inference_request_duration_seconds`, `stockade_inference_queue_duration_seconds`,
/// `stockade_inference_compute_duration_seconds` and `stockade_inference_batch_size` histograms
/// (`{model,version}`), and the `stockade_inference_queue_depth` and `stockade_inference_in_flight`
/// gauges; per loaded model version `stockade_model_loaded` (1 while serving, 0 once unloaded),
/// `stockade_model_load_duration_seconds` (load plus warm-up of the last successful load) and
/// `stockade_model_load_failures_total`; `stockade_prediction_confidence{model,version}` (top score per
/// row, see ``ConfidenceOutput``); and the process's `process_resident_memory_bytes` and
/// `process_start_time_seconds`. Thread-safe; every update is one short critical section.
public final class ServerMetrics: Sendable {
    private struct Key: Hashable, Sendable {
        var model: String
        var version: String
    }

    private struct State: Sendable {
        var requests: [Key: [Int: UInt64]] = [:]
        var requestDuration: [Key: Histogram] = [:]
        var queueDuration: [Key: Histogram] = [:]
        var computeDuration: [Key: Histogram] = [:]
        var batchSize: [Key: Histogram] = [:]
        var queueDepth: [Key: Int] = [:]
        var inFlight: [Key: Int] = [:]
        var confidence: [Key: Histogram] = [:]
        var loaded: [Key: Int] = [:]
        var loadDuration: [Key: Double] = [:]
        var loadFailures: [Key: UInt64] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts one finished request with HTTP status `code` that took `duration`.
    public func requestFinished(model: String, version: String, code: Int, duration: Duration) {
        let key = Key(model: model, version: version)
        state.withLock {
            $0.requests[key, default: [:]][code, default: 0] += 1
            $0.requestDuration[key, default: Histogram(bounds: Histogram.latencyBounds)].observe(duration.seconds)
        }
    }

    /// Records one dispatched batch: its rows, each request's time in the queue, and the compute time.
    public func batchFinished(model: String, version: String, rows: Int, queueDurations: [Duration], compute: Duration) {
        let key = Key(model: model, version: version)
        state.withLock {
            $0.batchSize[key, default: Histogram(bounds: Histogram.batchBounds)].observe(Double(rows))
            $0.computeDuration[key, default: Histogram(bounds: Histogram.latencyBounds)].observe(compute.seconds)
            for wait in queueDurations {
                $0.queueDuration[key, default: Histogram(bounds: Histogram.latencyBounds)].observe(wait.seconds)
            }
        }
    }

    /// Sets the queue depth gauge.
    public func setQueueDepth(model: String, version: String, _ depth: Int) {
        state.withLock { $0.queueDepth[Key(model: model, version: version)] = depth }
    }

    /// Adds `delta` to the in-flight gauge (requests received and not yet answered).
    public func addInFlight(model: String, version: String, _ delta: Int) {
        state.withLock { $0.inFlight[Key(model: model, version: version), default: 0] += delta }
    }

    /// Adds one observation per row's top score to `stockade_prediction_confidence` (see ``ConfidenceOutput``).
    public func observeConfidence(model: String, version: String, scores: [Double]) {
        guard !scores.isEmpty else { return }
        state.withLock {
            let key = Key(model: model, version: version)
            for score in scores { $0.confidence[key, default: Histogram(bounds: Histogram.confidenceBounds)].observe(score) }
        }
    }

    /// Records a version loaded and warmed up in `duration`; it counts as loaded until ``modelUnloaded(model:version:)``.
    public func modelLoaded(model: String, version: String, duration: Duration) {
        let key = Key(model: model, version: version)
        state.withLock {
            $0.loaded[key] = 1
            $0.loadDuration[key] = duration.seconds
        }
    }

    /// Records a version unloaded (its `stockade_model_loaded` drops to 0).
    public func modelUnloaded(model: String, version: String) {
        state.withLock { $0.loaded[Key(model: model, version: version)] = 0 }
    }

    /// Counts a failed load or warm-up of a version.
    public func modelLoadFailed(model: String, version: String) {
        state.withLock { $0.loadFailures[Key(model: model, version: version), default: 0] += 1 }
    }

    /// The exposition text (`text/plain; version=0.0.4`).
    public func render() -> String {
        let s = state.withLock { $0 }
        var out = ""
        func labels(_ k: Key) -> String { "model=\"\(Self.escape(k.model))\",version=\"\(Self.escape(k.version))\"" }
        out += "# HELP stockade_inference_requests_total Inference requests by HTTP status code.\n# TYPE stockade_inference_requests_total counter\n"
        for (key, codes) in s.requests.sorted(by: { labels($0.key) < labels($1.key) }) {
            for (code, n) in codes.sorted(by: { $0.key < $1.key }) {
                out += "stockade_inference_requests_total{\(labels(key)),code=\"\(code)\"} \(n)\n"
            }
        }
        let histograms: [(String, String, [Key: Histogram])] = [
            ("stockade_inference_request_duration_seconds", "Time from receiving an inference request to its answer.", s.requestDuration),
            ("stockade_inference_queue_duration_seconds", "Time a request waited in the batching queue.", s.queueDuration),
            ("stockade_inference_compute_duration_seconds", "Time of one ONNX Runtime Run on a batch.", s.computeDuration),
            ("stockade_inference_batch_size", "Rows per executed batch.", s.batchSize),
            ("stockade_prediction_confidence", "Top score of each row served by a classifier.", s.confidence),
        ]
        for (name, help, series) in histograms {
            out += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
            for (key, histogram) in series.sorted(by: { labels($0.key) < labels($1.key) }) {
                histogram.render(name: name, labels: labels(key), into: &out)
            }
        }
        let gauges: [(String, String, [Key: Int])] = [
            ("stockade_inference_queue_depth", "Requests waiting in the batching queue.", s.queueDepth),
            ("stockade_inference_in_flight", "Inference requests being handled.", s.inFlight),
        ]
        for (name, help, series) in gauges {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (key, value) in series.sorted(by: { labels($0.key) < labels($1.key) }) {
                out += "\(name){\(labels(key))} \(value)\n"
            }
        }
        out += "# HELP stockade_model_loaded Whether the model version is loaded and taking requests (1) or was unloaded (0).\n# TYPE stockade_model_loaded gauge\n"
        for (key, value) in s.loaded.sorted(by: { labels($0.key) < labels($1.key) }) {
            out += "stockade_model_loaded{\(labels(key))} \(value)\n"
        }
        out += "# HELP stockade_model_load_duration_seconds Time the last successful load and warm-up of the model version took.\n# TYPE stockade_model_load_duration_seconds gauge\n"
        for (key, value) in s.loadDuration.sorted(by: { labels($0.key) < labels($1.key) }) {
            out += "stockade_model_load_duration_seconds{\(labels(key))} \(Histogram.format(value))\n"
        }
        out += "# HELP stockade_model_load_failures_total Failed loads or warm-ups of the model version.\n# TYPE stockade_model_load_failures_total counter\n"
        for (key, value) in s.loadFailures.sorted(by: { labels($0.key) < labels($1.key) }) {
            out += "stockade_model_load_failures_total{\(labels(key))} \(value)\n"
        }
        out += ProcessMetrics.render()
        return out
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}

extension Duration {
    /// This duration in seconds as a `Double`.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
