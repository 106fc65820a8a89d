/// A loaded model that runs inference synchronously. `InferenceServer` adapts ONNX Runtime to it; tests
/// use in-memory fakes.
///
/// Contract: `run` is called on a dedicated compute thread (never the cooperative pool or an event
/// loop), possibly concurrently from up to the configured number of compute instances. Inputs have
/// already passed ``ModelMetadata/validate(_:)`` (merged along dimension 0 when batched). It returns
/// the named outputs (all of the model's outputs when `outputs` is empty) with dimension 0 equal to the
/// inputs' when the model has a batch dimension, or throws an ``InferenceError`` (usually `.internal`).
public protocol InferenceEngine: Sendable {
    /// The model's declared inputs and outputs.
    var metadata: ModelMetadata { get }

    /// Runs the model once on `inputs`, returning the requested `outputs`.
    func run(inputs: [InferTensor], outputs: [String]) throws(InferenceError) -> [InferTensor]
}
