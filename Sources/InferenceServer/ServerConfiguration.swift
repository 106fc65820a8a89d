public import InferenceCore
public import ONNXRuntime
import Foundation

/// Everything `stockade-serve serve` can be told; every field has the documented default.
public struct ServerConfiguration: Sendable {
    /// Path of the `.onnx` file to serve, or of a model repository directory laid out as
    /// `DIR/NAME/VERSION/model.onnx` (see ``ModelRepository``).
    public var modelPath: String
    /// The model's name in URLs; default: the file name without `.onnx`. For a repository, the
    /// model directory to serve (needed only when the repository holds several).
    public var modelName: String?
    /// The version a single `.onnx` file is served as (and accepted in `/versions/{v}` URLs).
    public var modelVersion: String = "1"
    /// How often a model repository is scanned for new, changed and removed versions; zero turns
    /// watching off. Unused for a single file.
    public var repositoryPollInterval: Duration = .seconds(5)
    public var host: String = "0.0.0.0"
    /// 0 picks a free port (reported to `onReady`).
    public var port: Int = 8080
    /// Dynamic batching and queue settings.
    public var batcher: BatcherConfiguration = BatcherConfiguration()
    /// Deadline for requests that do not send a `timeout` parameter; `nil` for none.
    public var requestTimeout: Duration? = .seconds(30)
    /// Largest accepted request body (413 beyond).
    public var maxBodyBytes: Int = 64 << 20
    /// The ONNX Runtime shared library; `nil` means `ORT_DYLIB_PATH`, then the system search path.
    public var onnxRuntimeLibrary: String?
    /// How ONNX Runtime builds and runs each model session: threads, graph optimisation, CPU memory
    /// arena and device (`cpu` or `cuda`); default: ONNX Runtime's defaults on the CPU, except that
    /// intra-op threads do not spin-wait between runs (see ``intraOpSpinning``).
    public var sessionOptions = SessionOptions(configEntries: [ServerConfiguration.spinningKey: "0"])
    /// Whether ORT's intra-op threads spin-wait for work after each run (ONNX Runtime's own default).
    /// Off by default: a server runs many short `Run`s, and the spinning threads burn the CPU the
    /// event loops need to parse and answer requests.
    public var intraOpSpinning: Bool {
        get { sessionOptions.configEntries[Self.spinningKey] != "0" }
        set { sessionOptions.configEntries[Self.spinningKey] = newValue ? "1" : "0" }
    }
    static let spinningKey = "session.intra_op.allow_spinning"
    /// ORT intra-op threads per session (0 = ORT's default); the same as `sessionOptions.intraOpThreads`.
    public var intraOpThreads: Int {
        get { sessionOptions.intraOpThreads }
        set { sessionOptions.intraOpThreads = newValue }
    }
    /// `stockade-serve`'s default intra-op thread count: half of `processors`, shared among the
    /// compute `instances`, at least 1. The other half is left to the event loops, which parse and
    /// answer requests; ORT's own default (every core for every session) starves them under load.
    /// `processors` nil means ``AvailableProcessors/count``.
    public static func defaultIntraOpThreads(instances: Int, processors: Int? = nil) -> Int {
        max(1, (processors ?? AvailableProcessors.count) / 2 / max(1, instances))
    }
    /// Whether each model version picks its number of compute instances at load, overriding
    /// `batcher.instances`: see ``automaticInstances(rowTime:processors:heavyRowTime:)``.
    public var automaticInstances = false
    /// The single-row run time from which a model counts as compute-heavy for ``automaticInstances``.
    public var heavyRowTime = defaultHeavyRowTime
    /// ``heavyRowTime``'s default: about what the event loops spend on a small request here.
    public static let defaultHeavyRowTime = Duration.microseconds(100)

    /// The compute instances chosen automatically for a model whose single-row run takes `rowTime`:
    /// 2 when that is at least `heavyRowTime` and there are at least 2 processors, otherwise 1.
    ///
    /// Why: one compute thread is enough while the event loops spend longer on a request (HTTP, JSON,
    /// validation: about 40-80 us here) than ORT does on its row, since batches then form faster than
    /// they run. A model whose row costs more makes that single thread the bottleneck, and a second
    /// instance doubles what ORT can use (the MNIST-sized CNN of `Benchmarks/serve`: +35-40%). For a
    /// cheap model a second instance only splits batches and adds thread handoffs (the benchmark's MLP:
    /// 30% more CPU per request). `processors` nil means ``AvailableProcessors/count``.
    public static func automaticInstances(rowTime: Duration, processors: Int? = nil, heavyRowTime: Duration = defaultHeavyRowTime) -> Int {
        let processors = processors ?? AvailableProcessors.count
        return rowTime >= heavyRowTime && processors >= 2 ? 2 : 1
    }
    /// Which output feeds the `stockade_prediction_confidence` histogram; see ``ConfidenceOutput``.
    public var confidenceOutput: ConfidenceOutput = .automatic
    /// How long in-flight and queued requests may take to finish after SIGTERM.
    public var drainTimeout: Duration = .seconds(30)
    /// How long after a logged shed request (503, 504) the next ones are only counted; see ``ShedLog``.
    public var shedLogInterval: Duration = .seconds(10)

    public init(modelPath: String) {
        self.modelPath = modelPath
    }

    /// `modelName`, or the file name of `modelPath` without its `.onnx` extension.
    public var resolvedModelName: String {
        if let modelName, !modelName.isEmpty { return modelName }
        let file = modelPath.split(separator: "/").last.map(String.init) ?? modelPath
        return file.hasSuffix(".onnx") ? String(file.dropLast(5)) : file
    }
}
