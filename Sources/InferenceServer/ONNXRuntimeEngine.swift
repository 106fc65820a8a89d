public import InferenceCore
public import ONNXRuntime

/// An ``InferenceEngine`` over one ONNX Runtime session.
///
/// Metadata comes from the session: every tensor input and every tensor output (non-tensor outputs
/// such as ZipMap's sequences of maps are not served). `run` blocks the calling thread in ORT `Run`
/// and is safe to call concurrently (ORT allows concurrent `Run` on one session); callers keep it off
/// the cooperative pool and event loops.
public struct ONNXRuntimeEngine: InferenceEngine {
    public let session: ORTSession
    public let metadata: ModelMetadata
    private let outputNames: [String]

    /// Wraps `session`, serving it as model `name` with `versions`. Fails with 500 naming the tensor
    /// when an input is not a tensor of a protocol datatype, or the model has no tensor output.
    public init(session: ORTSession, name: String, versions: [String] = ["1"]) throws(InferenceError) {
        self.session = session
        var inputs: [TensorMetadata] = []
        for info in session.inputs {
            guard let tensor = info.type.tensorInfo, let type = TensorDataType(tensor.elementType) else {
                throw InferenceError(.internal, "model '\(name)': input '\(info.name)' has unsupported type \(info.type)")
            }
            inputs.append(TensorMetadata(name: info.name, datatype: type, shape: tensor.shape))
        }
        var outputs: [TensorMetadata] = []
        for info in session.outputs {
            guard let tensor = info.type.tensorInfo, let type = TensorDataType(tensor.elementType) else { continue }
            outputs.append(TensorMetadata(name: info.name, datatype: type, shape: tensor.shape))
        }
        guard !outputs.isEmpty else { throw InferenceError(.internal, "model '\(name)': no output is a tensor") }
        metadata = ModelMetadata(name: name, versions: versions, inputs: inputs, outputs: outputs)
        outputNames = outputs.map(\.name)
    }

    /// Runs the session; `outputs` empty means every served output, in model order.
    public func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor] {
        var feeds: [String: Tensor] = [:]
        for input in inputs { feeds[input.name] = try input.ortTensor() }
        let names = outputs.isEmpty ? outputNames : outputs
        let results: [String: Tensor]
        do {
            results = try session.run(inputs: feeds, outputNames: names)
        } catch {
            throw InferenceError(.internal, "model '\(metadata.name)': inference failed: \(error)")
        }
        var converted: [InferTensor] = []
        for name in names {
            guard let tensor = results[name] else { throw InferenceError(.internal, "model '\(metadata.name)': output '\(name)' missing") }
            converted.append(try InferTensor(name: name, tensor: tensor))
        }
        return converted
    }
}
