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

    private let allSeries = Mutex<[Key: ModelSeries]>([:])

    public init() {}

    /// The series of one model version, created on first use. Hot paths keep it (``ModelRunner/series``)
    /// rather than look it up per request.
    public func series(model: String, version: String) -> ModelSeries {
        allSeries.withLock { all in
            let key = Key(model: model, version: version)
            if let existing = all[key] { return existing }
            let created = ModelSeries()
            all[key] = created
            return created
        }
    }

    /// Records a version loaded and warmed up in `duration`; it counts as loaded until ``modelUnloaded(model:version:)``.
    public func modelLoaded(model: String, version: String, duration: Duration) {
        series(model: model, version: version).state.withLock {
            $0.loaded = 1
            $0.loadDuration = duration.seconds
        }
    }

    /// Records a version unloaded (its `stockade_model_loaded` drops to 0).
    public func modelUnloaded(model: String, version: String) {
        series(model: model, version: version).state.withLock { $0.loaded = 0 }
    }

    /// Counts a failed load or warm-up of a version.
    public func modelLoadFailed(model: String, version: String) {
        series(model: model, version: version).state.withLock { $0.loadFailures = ($0.loadFailures ?? 0) + 1 }
    }

    /// The exposition text (`text/plain; version=0.0.4`).
    public func render() -> String {
        let all = allSeries.withLock { $0 }.map { (key, series) in (key, series.snapshot()) }
            .sorted { labels($0.0) < labels($1.0) }
        var out = ""
        out += "# HELP stockade_inference_requests_total Inference requests by HTTP status code.\n# TYPE stockade_inference_requests_total counter\n"
        for (key, s) in all {
            for (code, n) in s.requests.sorted(by: { $0.key < $1.key }) {
                out += "stockade_inference_requests_total{\(labels(key)),code=\"\(code)\"} \(n)\n"
            }
        }
        let histograms: [(String, String, KeyPath<ModelSeries.State, Histogram?>)] = [
            ("stockade_inference_request_duration_seconds", "Time from receiving an inference request to its answer.", \.requestDuration),
            ("stockade_inference_queue_duration_seconds", "Time a request waited in the batching queue.", \.queueDuration),
            ("stockade_inference_compute_duration_seconds", "Time of one ONNX Runtime Run on a batch.", \.computeDuration),
            ("stockade_inference_batch_size", "Rows per executed batch.", \.batchSize),
            ("stockade_prediction_confidence", "Top score of each row served by a classifier.", \.confidence),
        ]
        for (name, help, path) in histograms {
            out += "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
            for (key, s) in all { s[keyPath: path]?.render(name: name, labels: labels(key), into: &out) }
        }
        let gauges: [(String, String, KeyPath<ModelSeries.State, Int?>)] = [
            ("stockade_inference_queue_depth", "Requests waiting in the batching queue.", \.queueDepth),
            ("stockade_inference_in_flight", "Inference requests being handled.", \.inFlight),
            ("stockade_model_loaded", "Whether the model version is loaded and taking requests (1) or was unloaded (0).", \.loaded),
        ]
        for (name, help, path) in gauges {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (key, s) in all { if let value = s[keyPath: path] { out += "\(name){\(labels(key))} \(value)\n" } }
        }
        out += "# HELP stockade_model_load_duration_seconds Time the last successful load and warm-up of the model version took.\n# TYPE stockade_model_load_duration_seconds gauge\n"
        for (key, s) in all {
            if let value = s.loadDuration { out += "stockade_model_load_duration_seconds{\(labels(key))} \(Histogram.format(value))\n" }
        }
        out += "# HELP stockade_model_load_failures_total Failed loads or warm-ups of the model version.\n# TYPE stockade_model_load_failures_total counter\n"
        for (key, s) in all {
            if let value = s.loadFailures { out += "stockade_model_load_failures_total{\(labels(key))} \(value)\n" }
        }
        out += ProcessMetrics.render()
        return out
    }

    private func labels(_ k: Key) -> String { "model=\"\(Self.escape(k.model))\",version=\"\(Self.escape(k.version))\"" }

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

/// The metrics of one model version: updated by its runner and the requests it serves, without a
/// lookup by name per request. Thread-safe; each update is one short critical section (the gauges
/// are atomics). A histogram or counter appears in the exposition once first recorded; the two gauges
/// once either is set.
public final class ModelSeries: Sendable {
    struct State: Sendable {
        var requests: [Int: UInt64] = [:]
        var requestDuration: Histogram?
        var queueDuration: Histogram?
        var computeDuration: Histogram?
        var batchSize: Histogram?
        var confidence: Histogram?
        var queueDepth: Int?
        var inFlight: Int?
        var loaded: Int?
        var loadDuration: Double?
        var loadFailures: UInt64?
    }

    let state = Mutex(State())
    private let inFlight = Atomic<Int>(0)
    private let queueDepth = Atomic<Int>(0)
    /// Whether a gauge was ever set (so that the gauges are rendered).
    private let gaugesUsed = Atomic<Bool>(false)

    /// Counts one finished request with HTTP status `code` that took `duration`.
    public func requestFinished(code: Int, duration: Duration) {
        state.withLock {
            $0.requests[code, default: 0] += 1
            Self.observe(&$0.requestDuration, Histogram.latencyBounds, duration.seconds)
        }
    }

    /// Records one dispatched batch: its rows, each request's time in the queue, and the compute time.
    public func batchFinished(rows: Int, queueDurations: [Duration], compute: Duration) {
        state.withLock {
            Self.observe(&$0.batchSize, Histogram.batchBounds, Double(rows))
            Self.observe(&$0.computeDuration, Histogram.latencyBounds, compute.seconds)
            for wait in queueDurations { Self.observe(&$0.queueDuration, Histogram.latencyBounds, wait.seconds) }
        }
    }

    /// Adds one observation per row's top score to `stockade_prediction_confidence`.
    public func observeConfidence(_ scores: [Double]) {
        guard !scores.isEmpty else { return }
        state.withLock { s in for score in scores { Self.observe(&s.confidence, Histogram.confidenceBounds, score) } }
    }

    /// Sets the queue depth gauge.
    public func setQueueDepth(_ depth: Int) {
        queueDepth.store(depth, ordering: .relaxed)
        gaugesUsed.store(true, ordering: .relaxed)
    }

    /// Adds `delta` to the in-flight gauge (requests received and not yet answered).
    public func addInFlight(_ delta: Int) {
        inFlight.add(delta, ordering: .relaxed)
        gaugesUsed.store(true, ordering: .relaxed)
    }

    /// A copy of everything recorded, gauges included.
    func snapshot() -> State {
        var s = state.withLock { $0 }
        if gaugesUsed.load(ordering: .relaxed) {
            s.queueDepth = queueDepth.load(ordering: .relaxed)
            s.inFlight = inFlight.load(ordering: .relaxed)
        }
        return s
    }

    private static func observe(_ histogram: inout Histogram?, _ bounds: [Double], _ value: Double) {
        if histogram == nil { histogram = Histogram(bounds: bounds) }
        histogram!.observe(value)
    }
}
