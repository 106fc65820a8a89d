internal import CONNXRuntime

/// Severity threshold for ONNX Runtime's own log messages (written to standard error by ONNX Runtime).
public enum ORTLogLevel: Int, Sendable, CaseIterable, Comparable {
    case verbose = 0
    case info = 1
    case warning = 2
    case error = 3
    case fatal = 4

    /// Less severe sorts first (`.verbose < .fatal`).
    public static func < (lhs: ORTLogLevel, rhs: ORTLogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    var cValue: OrtLoggingLevel { OrtLoggingLevel(rawValue: UInt32(rawValue)) }
}

/// The process's single ONNX Runtime environment (`OrtEnv`), which owns logging and global state.
///
/// ONNX Runtime allows one environment per process; ``shared(library:logLevel:)`` creates it on first
/// use and returns the same instance afterwards, from any thread. Sessions keep it alive.
public final class ORTEnvironment: @unchecked Sendable {
    /// The library this environment belongs to.
    public let library: ORTLibrary
    /// `OrtEnv*`; immutable after init, thread-safe per ONNX Runtime.
    let handle: OpaquePointer

    private init(library: ORTLibrary, handle: OpaquePointer) {
        self.library = library
        self.handle = handle
    }

    deinit {
        library.api.table.pointee.ReleaseEnv!(handle)
    }

    /// Returns the process's environment, creating it on the first call.
    ///
    /// - Parameter logLevel: ONNX Runtime's log threshold. On the first call `nil` means `.warning`; on
    ///   later calls a non-nil level replaces the current one and `nil` leaves it unchanged.
    /// - Throws: ``ORTError/runtime(code:message:operation:)`` when ONNX Runtime cannot create it.
    public static func shared(library: ORTLibrary, logLevel: ORTLogLevel? = nil) throws(ORTError) -> ORTEnvironment {
        try library.environmentSlot.withLock { (slot: inout ORTEnvironment?) throws(ORTError) -> ORTEnvironment in
            if let existing = slot {
                if let logLevel { try existing.setLogLevel(logLevel) }
                return existing
            }
            let api = library.api
            var env: OpaquePointer?
            try api.check(
                api.table.pointee.CreateEnv!((logLevel ?? .warning).cValue, "stockade", &env), "CreateEnv")
            guard let env else {
                throw .runtime(code: .fail, message: "CreateEnv returned no environment", operation: "CreateEnv")
            }
            let created = ORTEnvironment(library: library, handle: env)
            slot = created
            return created
        }
    }

    /// Changes ONNX Runtime's log threshold for this process.
    public func setLogLevel(_ level: ORTLogLevel) throws(ORTError) {
        let api = library.api
        try api.check(api.table.pointee.UpdateEnvWithCustomLogLevel!(handle, level.cValue), "UpdateEnvWithCustomLogLevel")
    }
}
