import ONNXRuntime

/// The start-up check of ``ServerConfiguration/sessionOptions``'s device, run before any model is
/// loaded, so that a server asked for a GPU on a CPU-only ONNX Runtime stops at once with one line
/// that says what to change instead of a model-load error.
enum DevicePreflight {
    /// Does nothing for `.cpu`. For `.cuda`, loads the ONNX Runtime library (on a dedicated thread)
    /// and throws when it does not list `CUDAExecutionProvider`: `--device cuda: the ONNX Runtime
    /// library at PATH has no CUDA execution provider (available: ...); use an onnxruntime-gpu build`.
    /// A library that cannot be loaded at all is reported as such.
    static func check(_ configuration: ServerConfiguration) async throws(ServerStartError) {
        guard case .cuda = configuration.sessionOptions.device else { return }
        let path = configuration.onnxRuntimeLibrary
        try await ComputeWorker.runDetachedThread(name: "stockade-preflight") { () throws(ServerStartError) in
            let library: ORTLibrary
            let providers: [String]
            do {
                library = try ORTLibrary.load(path: path)
                providers = try library.availableExecutionProviders()
            } catch {
                throw ServerStartError(message: "--device cuda: \(error)")
            }
            guard providers.contains("CUDAExecutionProvider") else {
                throw ServerStartError(message: Self.missingCUDAMessage(library: library.path, available: providers))
            }
        }
    }

    /// The one-line error for a library without the CUDA execution provider.
    static func missingCUDAMessage(library: String, available: [String]) -> String {
        "--device cuda: the ONNX Runtime library at \(library) has no CUDA execution provider "
            + "(available: \(available.joined(separator: ", "))); use an onnxruntime-gpu build"
    }
}
