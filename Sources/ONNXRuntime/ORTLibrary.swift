internal import CONNXRuntime
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A loaded ONNX Runtime shared library (loaded at run time with `dlopen`; there is no link-time
/// dependency on ONNX Runtime).
///
/// A process uses one ONNX Runtime: the first successful ``load(path:)`` fixes it, and later calls
/// return the same instance. The library is never unloaded. Instances are immutable and thread-safe.
public final class ORTLibrary: Sendable {
    /// The path (or soname) the library was loaded from.
    public let path: String
    /// ONNX Runtime's version string, e.g. `1.31.1`.
    public let version: String
    /// The C API version this wrapper uses (`ORT_API_VERSION` of the bundled header).
    public static var apiVersion: Int { Int(cort_api_version()) }

    let api: ORTAPI
    /// The address of the library's `OrtGetApiBase`: equal for every load of the same library.
    private let identity: UInt
    /// The process's single environment, created on first use.
    let environmentSlot = Mutex<ORTEnvironment?>(nil)

    private static let loaded = Mutex<ORTLibrary?>(nil)

    /// Environment variable naming the library when ``load(path:)`` gets no explicit path.
    public static let pathEnvironmentVariable = "ORT_DYLIB_PATH"

    /// Names tried on the system search path when neither a path nor `ORT_DYLIB_PATH` is given.
    public static let systemLibraryNames: [String] = {
        #if os(macOS)
        return ["libonnxruntime.dylib"]
        #else
        return ["libonnxruntime.so.1", "libonnxruntime.so"]
        #endif
    }()

    private init(path: String, version: String, api: ORTAPI, identity: UInt) {
        self.path = path
        self.version = version
        self.api = api
        self.identity = identity
    }

    /// Loads ONNX Runtime, or returns the library this process already loaded.
    ///
    /// Resolution: `path` when given (e.g. from `--onnxruntime-library`); else the `ORT_DYLIB_PATH`
    /// environment variable when set and non-empty; else ``systemLibraryNames`` on the dynamic linker's
    /// search path, in order. With no explicit `path`, an already loaded library is returned as is.
    ///
    /// - Throws: ``ORTError/libraryUnavailable(path:reason:)`` naming the path tried and why it failed
    ///   (file missing, not ONNX Runtime, C API version not supported, or a different ONNX Runtime
    ///   already loaded in this process).
    public static func load(path: String? = nil) throws(ORTError) -> ORTLibrary {
        try loaded.withLock { (current: inout ORTLibrary?) throws(ORTError) -> ORTLibrary in
            if let current, path == nil || path == current.path { return current }
            let candidates = candidatePaths(for: path)
            var failures: [String] = []
            for candidate in candidates {
                switch openLibrary(candidate) {
                case let .success(library):
                    if let current {
                        guard current.identity == library.identity else {
                            throw .libraryUnavailable(
                                path: candidate,
                                reason: "a different ONNX Runtime is already loaded in this process from '\(current.path)'")
                        }
                        return current
                    }
                    current = library
                    return library
                case let .failure(reason):
                    failures.append(reason)
                }
            }
            if path == nil, candidates == systemLibraryNames {
                throw .libraryUnavailable(
                    path: candidates.joined(separator: "' or '"),
                    reason: "\(failures.last ?? "not found") (set \(pathEnvironmentVariable) to the library's path)")
            }
            let origin = path == nil ? " (path from \(pathEnvironmentVariable))" : ""
            throw .libraryUnavailable(path: candidates[0], reason: (failures.first ?? "unknown error") + origin)
        }
    }

    /// The paths ``load(path:)`` tries, in order, when no library is loaded yet: `[path]` when given,
    /// else `[$ORT_DYLIB_PATH]` when that is set and non-empty, else ``systemLibraryNames``.
    public static func candidatePaths(for path: String?) -> [String] {
        if let path { return [path] }
        if let fromEnvironment = getenv(pathEnvironmentVariable).map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return [fromEnvironment]
        }
        return systemLibraryNames
    }

    private enum OpenResult {
        case success(ORTLibrary)
        case failure(String)
    }

    private static func openLibrary(_ path: String) -> OpenResult {
        var message = [CChar](repeating: 0, count: 1024)
        let result = cort_load(path, &message, message.count)
        guard let table = result.api, let identity = result.identity else {
            let reason = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(reason.isEmpty ? "unknown error" : reason)
        }
        let version = result.version.map { String(cString: $0) } ?? "unknown"
        return .success(ORTLibrary(
            path: path, version: version, api: ORTAPI(table: table), identity: UInt(bitPattern: identity)))
    }

    /// The execution providers compiled into this library, e.g. `["CPUExecutionProvider"]` (names as
    /// ONNX Runtime spells them). Being listed does not guarantee the provider's own runtime
    /// dependencies (CUDA, cuDNN) are installed.
    public func availableExecutionProviders() throws(ORTError) -> [String] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var count: Int32 = 0
        try api.check(api.table.pointee.GetAvailableProviders!(&names, &count), "GetAvailableProviders")
        guard let names else { return [] }
        defer { try? api.check(api.table.pointee.ReleaseAvailableProviders!(names, count), "ReleaseAvailableProviders") }
        return (0..<Int(count)).compactMap { names[$0].map { String(cString: $0) } }
    }
}
