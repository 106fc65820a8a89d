internal import CONNXRuntime

/// A loaded model, ready to run (`OrtSession`).
///
/// Thread safety: a session is immutable after creation and `run`/`runValues` may be called
/// concurrently from any number of threads; ONNX Runtime guarantees that concurrent `Run` calls on one
/// session are safe. `run` blocks the calling thread for the whole inference, so call it from a
/// dedicated thread rather than the Swift cooperative pool or an event loop.
public final class ORTSession: @unchecked Sendable {
    /// The environment the session was created in.
    public let environment: ORTEnvironment
    /// The options the session was created with.
    public let options: SessionOptions
    /// The model's inputs, in model order (inputs with initializer defaults are not listed).
    public let inputs: [ORTValueInfo]
    /// The model's outputs, in model order.
    public let outputs: [ORTValueInfo]
    /// Model-level metadata.
    public let metadata: ORTModelMetadata

    /// `OrtSession*`, released in `deinit`.
    let handle: OpaquePointer
    /// `OrtMemoryInfo*` for CPU input tensors, released in `deinit`.
    let memoryInfo: OpaquePointer
    var api: ORTAPI { environment.library.api }

    /// Loads the ONNX model file at `modelPath`.
    ///
    /// - Throws: ``ORTError/runtime(code:message:operation:)`` when ONNX Runtime cannot load the model
    ///   (e.g. `ORT_NO_SUCHFILE`, `ORT_INVALID_PROTOBUF`, `ORT_INVALID_GRAPH`), or
    ///   ``ORTError/executionProviderUnavailable(provider:library:reason:)`` for an unavailable device.
    public convenience init(
        modelPath: String, environment: ORTEnvironment, options: SessionOptions = SessionOptions()
    ) throws(ORTError) {
        try self.init(environment: environment, options: options) { api, sessionOptions, session in
            api.table.pointee.CreateSession!(environment.handle, modelPath, sessionOptions, &session)
        } operation: { "CreateSession('\(modelPath)')" }
    }

    /// Loads an ONNX model from its serialized bytes (the contents of a `.onnx` file).
    ///
    /// - Throws: as ``init(modelPath:environment:options:)``.
    public convenience init(
        modelData: [UInt8], environment: ORTEnvironment, options: SessionOptions = SessionOptions()
    ) throws(ORTError) {
        try self.init(environment: environment, options: options) { api, sessionOptions, session in
            modelData.withUnsafeBytes { bytes in
                api.table.pointee.CreateSessionFromArray!(
                    environment.handle, bytes.baseAddress, bytes.count, sessionOptions, &session)
            }
        } operation: { "CreateSessionFromArray(\(modelData.count) bytes)" }
    }

    private init(
        environment: ORTEnvironment, options: SessionOptions,
        create: (ORTAPI, OpaquePointer, inout OpaquePointer?) -> OpaquePointer?,
        operation: () -> String
    ) throws(ORTError) {
        let api = environment.library.api
        let sessionOptions = try SessionOptionsBuilder(api: api, library: environment.library).make(options)
        defer { api.table.pointee.ReleaseSessionOptions!(sessionOptions) }
        var created: OpaquePointer?
        try api.check(create(api, sessionOptions, &created), operation())
        guard let session = created else {
            throw .runtime(code: .fail, message: "returned no session", operation: operation())
        }
        var memoryInfo: OpaquePointer?
        do throws(ORTError) {
            try api.check(
                api.table.pointee.CreateCpuMemoryInfo!(OrtArenaAllocator, OrtMemTypeDefault, &memoryInfo),
                "CreateCpuMemoryInfo")
            guard let memoryInfo else {
                throw .runtime(code: .fail, message: "returned no memory info", operation: "CreateCpuMemoryInfo")
            }
            let introspection = try SessionIntrospection(api: api, session: session)
            self.inputs = try introspection.inputs()
            self.outputs = try introspection.outputs()
            self.metadata = try introspection.metadata()
            self.memoryInfo = memoryInfo
        } catch {
            if let memoryInfo { api.table.pointee.ReleaseMemoryInfo!(memoryInfo) }
            api.table.pointee.ReleaseSession!(session)
            throw error
        }
        self.environment = environment
        self.options = options
        self.handle = session
    }

    deinit {
        api.table.pointee.ReleaseMemoryInfo!(memoryInfo)
        api.table.pointee.ReleaseSession!(handle)
    }

    /// The input named `name`, if the model has one.
    public func input(named name: String) -> ORTValueInfo? {
        inputs.first { $0.name == name }
    }

    /// The output named `name`, if the model has one.
    public func output(named name: String) -> ORTValueInfo? {
        outputs.first { $0.name == name }
    }
}
