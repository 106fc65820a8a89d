/// How ONNX Runtime should build and run a session. The defaults match ONNX Runtime's own.
public struct SessionOptions: Sendable, Equatable {
    /// How much ONNX Runtime rewrites the graph before running it.
    public enum GraphOptimizationLevel: Sendable, Equatable, CaseIterable {
        /// No graph optimizations.
        case disabled
        /// Semantics-preserving node removals and constant folding.
        case basic
        /// Basic plus complex node fusions.
        case extended
        /// Everything, including layout optimizations.
        case all
    }

    /// Whether independent graph nodes may run concurrently (on the inter-op thread pool).
    public enum ExecutionMode: Sendable, Equatable {
        /// One node at a time (ONNX Runtime's default; usually fastest).
        case sequential
        /// Independent branches concurrently.
        case parallel
    }

    /// Where the session's nodes run.
    public enum Device: Sendable, Equatable {
        /// ONNX Runtime's CPU execution provider.
        case cpu
        /// The CUDA execution provider on the GPU with this device ID, falling back to CPU for nodes
        /// CUDA cannot run.
        case cuda(deviceID: Int)
    }

    /// Threads used inside one operator; 0 lets ONNX Runtime choose (one per physical core).
    public var intraOpThreads: Int
    /// Threads used across operators in `.parallel` mode; 0 lets ONNX Runtime choose.
    public var interOpThreads: Int
    /// Graph optimization level; default `.all`.
    public var graphOptimization: GraphOptimizationLevel
    /// Whether the CPU memory arena is used (faster repeated runs, memory is held); default `true`.
    public var cpuMemoryArena: Bool
    /// Sequential or parallel execution; default `.sequential`.
    public var executionMode: ExecutionMode
    /// The execution provider; default `.cpu`.
    public var device: Device
    /// Extra session configuration entries (`AddSessionConfigEntry`), e.g.
    /// `["session.intra_op.allow_spinning": "0"]`.
    public var configEntries: [String: String]

    /// Creates options; every parameter defaults to ONNX Runtime's default.
    public init(
        intraOpThreads: Int = 0, interOpThreads: Int = 0, graphOptimization: GraphOptimizationLevel = .all,
        cpuMemoryArena: Bool = true, executionMode: ExecutionMode = .sequential, device: Device = .cpu,
        configEntries: [String: String] = [:]
    ) {
        self.intraOpThreads = intraOpThreads
        self.interOpThreads = interOpThreads
        self.graphOptimization = graphOptimization
        self.cpuMemoryArena = cpuMemoryArena
        self.executionMode = executionMode
        self.device = device
        self.configEntries = configEntries
    }
}

extension SessionOptions {
    /// Throws ``ORTError/invalidOptions(_:)`` for values ONNX Runtime would silently accept but
    /// cannot honour: negative thread counts or a negative CUDA device id.
    public func validate() throws(ORTError) {
        if intraOpThreads < 0 {
            throw .invalidOptions("intra-op threads must be 0 (ONNX Runtime's choice) or more, got \(intraOpThreads)")
        }
        if interOpThreads < 0 {
            throw .invalidOptions("inter-op threads must be 0 (ONNX Runtime's choice) or more, got \(interOpThreads)")
        }
        if case let .cuda(deviceID) = device, deviceID < 0 {
            throw .invalidOptions("the CUDA device id must be 0 or more, got \(deviceID)")
        }
    }
}
