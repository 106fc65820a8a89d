import ONNXRuntime

extension ServerConfiguration {
    /// Applies `stockade-serve serve`'s ONNX Runtime flags to ``sessionOptions``; `nil` keeps the
    /// current value. Values: `graphOptimization` `disable|basic|extended|all`, `cpuMemoryArena`
    /// `on|off`, `intraOpSpinning` `on|off`, `executionMode` `sequential|parallel`, `device` `cpu|cuda`; thread counts and the
    /// device id are 0 or more, and a device id needs `cuda`.
    ///
    /// - Throws: a one-line message naming the flag and the accepted values.
    public mutating func applySessionFlags(
        intraOpThreads: Int? = nil, interOpThreads: Int? = nil, graphOptimization: String? = nil,
        cpuMemoryArena: String? = nil, intraOpSpinning: String? = nil, executionMode: String? = nil,
        device: String? = nil, deviceID: Int? = nil
    ) throws(ServerStartError) {
        func count(_ value: Int?, _ flag: String) throws(ServerStartError) -> Int? {
            guard let value else { return nil }
            guard value >= 0 else { throw ServerStartError(message: "\(flag) must be 0 (ONNX Runtime's choice) or more, got \(value)") }
            return value
        }
        if let n = try count(intraOpThreads, "--intra-op-threads") { sessionOptions.intraOpThreads = n }
        if let n = try count(interOpThreads, "--inter-op-threads") { sessionOptions.interOpThreads = n }
        if let graphOptimization {
            sessionOptions.graphOptimization = switch graphOptimization.lowercased() {
            case "disable", "disabled", "none": .disabled
            case "basic": .basic
            case "extended": .extended
            case "all": .all
            default: throw ServerStartError(message: "--graph-optimization must be disable, basic, extended or all, got '\(graphOptimization)'")
            }
        }
        if let cpuMemoryArena { sessionOptions.cpuMemoryArena = try Self.onOff(cpuMemoryArena, "--cpu-memory-arena") }
        if let intraOpSpinning { self.intraOpSpinning = try Self.onOff(intraOpSpinning, "--intra-op-spinning") }
        if let executionMode {
            sessionOptions.executionMode = switch executionMode.lowercased() {
            case "sequential": .sequential
            case "parallel": .parallel
            default: throw ServerStartError(message: "--execution-mode must be sequential or parallel, got '\(executionMode)'")
            }
        }
        if let device {
            switch device.lowercased() {
            case "cpu":
                if let deviceID {
                    throw ServerStartError(message: "--device-id \(deviceID) selects a GPU and needs --device cuda (the device is cpu)")
                }
                sessionOptions.device = .cpu
            case "cuda":
                sessionOptions.device = .cuda(deviceID: try count(deviceID, "--device-id") ?? 0)
            default: throw ServerStartError(message: "--device must be cpu or cuda, got '\(device)'")
            }
        } else if let deviceID {
            guard case .cuda = sessionOptions.device else {
                throw ServerStartError(message: "--device-id \(deviceID) selects a GPU and needs --device cuda (the device is cpu)")
            }
            if let id = try count(deviceID, "--device-id") { sessionOptions.device = .cuda(deviceID: id) }
        }
    }

    private static func onOff(_ value: String, _ flag: String) throws(ServerStartError) -> Bool {
        switch value.lowercased() {
        case "on", "true", "1", "yes": true
        case "off", "false", "0", "no": false
        default: throw ServerStartError(message: "\(flag) must be on or off, got '\(value)'")
        }
    }

    /// A readable summary of ``sessionOptions`` for the start-up log line, e.g.
    /// `device=cpu intra_op_threads=0 intra_op_spinning=off inter_op_threads=0 graph_optimization=all cpu_memory_arena=on execution_mode=sequential`.
    public var sessionSummary: String {
        let options = sessionOptions
        let device = switch options.device {
        case .cpu: "cpu"
        case let .cuda(id): "cuda:\(id)"
        }
        let level = switch options.graphOptimization {
        case .disabled: "disable"
        case .basic: "basic"
        case .extended: "extended"
        case .all: "all"
        }
        return "device=\(device) intra_op_threads=\(options.intraOpThreads) intra_op_spinning=\(intraOpSpinning ? "on" : "off") inter_op_threads=\(options.interOpThreads) "
            + "graph_optimization=\(level) cpu_memory_arena=\(options.cpuMemoryArena ? "on" : "off") "
            + "execution_mode=\(options.executionMode == .parallel ? "parallel" : "sequential")"
    }
}
