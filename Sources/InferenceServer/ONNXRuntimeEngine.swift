public import InferenceCore
public import ONNXRuntime

/// An ``InferenceEngine`` over one ONNX Runtime session.
///
/// Metadata comes from the session: every tensor input, and every output that is a tensor or a
/// ZipMap sequence of maps, served as an `[N, C]` tensor with its class labels (see ``ZipMapOutput``);
/// other outputs are not served. `run` blocks the calling thread in ORT `Run` and is safe to call
/// concurrently (ORT allows concurrent `Run` on one session); callers keep it off the cooperative
/// pool and event loops.
public struct ONNXRuntimeEngine: InferenceEngine {
    public let session: ORTSession
    public let metadata: ModelMetadata
    private let outputNames: [String]
    private let zipMaps: [String: ZipMapOutput]

    /// Wraps `session`, serving it as model `name` with `versions`. Fails with 500 naming the tensor
    /// when an input is not a tensor of a protocol datatype, or the model serves no output.
    ///
    /// When the model has ZipMap outputs, one probe inference (on the warm-up inputs, see ``WarmUp``)
    /// learns their classes, on the calling thread; if it fails they are served as `[-1, -1]` without labels.
    public init(session: ORTSession, name: String, versions: [String] = ["1"]) throws(InferenceError) {
        self.session = session
        var inputs: [TensorMetadata] = []
        for info in session.inputs {
            guard let tensor = info.type.tensorInfo, let type = TensorDataType(tensor.elementType) else {
                throw InferenceError(.internal, "model '\(name)': input '\(info.name)' has unsupported type \(info.type)")
            }
            inputs.append(TensorMetadata(name: info.name, datatype: type, shape: tensor.shape))
        }
        var zipMaps: [String: ZipMapOutput] = [:]
        for info in session.outputs { zipMaps[info.name] = ZipMapOutput(info) }
        if !zipMaps.isEmpty {
            let probe = try? Self.probe(session, inputs: inputs, outputs: zipMaps.keys.sorted())
            for (name, value) in probe ?? [:] { zipMaps[name]?.labels = ZipMapOutput.labels(of: value) }
        }
        var outputs: [TensorMetadata] = []
        for info in session.outputs {
            if let zipMap = zipMaps[info.name] {
                outputs.append(zipMap.metadata)
            } else if let tensor = info.type.tensorInfo, let type = TensorDataType(tensor.elementType) {
                outputs.append(TensorMetadata(name: info.name, datatype: type, shape: tensor.shape))
            }
        }
        guard !outputs.isEmpty else { throw InferenceError(.internal, "model '\(name)': no output is a tensor or a ZipMap") }
        metadata = ModelMetadata(name: name, versions: versions, inputs: inputs, outputs: outputs)
        outputNames = outputs.map(\.name)
        self.zipMaps = zipMaps
    }

    /// Runs `outputs` on the warm-up inputs.
    private static func probe(_ session: ORTSession, inputs: [TensorMetadata], outputs: [String]) throws -> [String: ORTValue] {
        var feeds: [String: Tensor] = [:]
        for input in WarmUp.inputs(for: ModelMetadata(name: "probe", inputs: inputs, outputs: [])) { feeds[input.name] = try input.ortTensor() }
        return try session.runValues(inputs: feeds, outputNames: outputs)
    }

    /// Runs the session; `outputs` empty means every served output, in model order.
    public func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor] {
        var feeds: [String: Tensor] = [:]
        for input in inputs { feeds[input.name] = try input.ortTensor() }
        let names = outputs.isEmpty ? outputNames : outputs
        let results: [String: ORTValue]
        do {
            results = try session.runValues(inputs: feeds, outputNames: names)
        } catch {
            throw InferenceError(.internal, "model '\(metadata.name)': inference failed: \(error)")
        }
        var converted: [InferTensor] = []
        for name in names {
            guard let value = results[name] else { throw InferenceError(.internal, "model '\(metadata.name)': output '\(name)' missing") }
            if let zipMap = zipMaps[name] {
                converted.append(try zipMap.tensor(from: value))
            } else if let tensor = value.tensor {
                converted.append(try InferTensor(name: name, tensor: tensor))
            } else {
                throw InferenceError(.internal, "model '\(metadata.name)': output '\(name)' is not a tensor")
            }
        }
        return converted
    }
}
