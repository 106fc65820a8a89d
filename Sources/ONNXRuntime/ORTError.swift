/// A code from ONNX Runtime's `OrtErrorCode` enumeration.
///
/// Codes this wrapper does not know (added by a newer ONNX Runtime) keep their numeric value and are
/// named `ORT_ERROR_<n>`.
public struct ORTErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric `OrtErrorCode` value.
    public let rawValue: Int32

    /// Creates a code from its numeric `OrtErrorCode` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `ORT_FAIL`.
    public static let fail = ORTErrorCode(rawValue: 1)
    /// `ORT_INVALID_ARGUMENT`.
    public static let invalidArgument = ORTErrorCode(rawValue: 2)
    /// `ORT_NO_SUCHFILE`.
    public static let noSuchFile = ORTErrorCode(rawValue: 3)
    /// `ORT_NO_MODEL`.
    public static let noModel = ORTErrorCode(rawValue: 4)
    /// `ORT_ENGINE_ERROR`.
    public static let engineError = ORTErrorCode(rawValue: 5)
    /// `ORT_RUNTIME_EXCEPTION`.
    public static let runtimeException = ORTErrorCode(rawValue: 6)
    /// `ORT_INVALID_PROTOBUF`.
    public static let invalidProtobuf = ORTErrorCode(rawValue: 7)
    /// `ORT_MODEL_LOADED`.
    public static let modelLoaded = ORTErrorCode(rawValue: 8)
    /// `ORT_NOT_IMPLEMENTED`.
    public static let notImplemented = ORTErrorCode(rawValue: 9)
    /// `ORT_INVALID_GRAPH`.
    public static let invalidGraph = ORTErrorCode(rawValue: 10)
    /// `ORT_EP_FAIL`.
    public static let epFail = ORTErrorCode(rawValue: 11)

    private static let names = [
        "ORT_OK", "ORT_FAIL", "ORT_INVALID_ARGUMENT", "ORT_NO_SUCHFILE", "ORT_NO_MODEL", "ORT_ENGINE_ERROR",
        "ORT_RUNTIME_EXCEPTION", "ORT_INVALID_PROTOBUF", "ORT_MODEL_LOADED", "ORT_NOT_IMPLEMENTED",
        "ORT_INVALID_GRAPH", "ORT_EP_FAIL", "ORT_MODEL_LOAD_CANCELED", "ORT_MODEL_REQUIRES_COMPILATION",
        "ORT_NOT_FOUND",
    ]

    /// The C enumerator's name, e.g. `ORT_INVALID_ARGUMENT`.
    public var name: String {
        let index = Int(rawValue)
        return index >= 0 && index < Self.names.count ? Self.names[index] : "ORT_ERROR_\(rawValue)"
    }

    /// Same as ``name``.
    public var description: String { name }
}

/// Everything that can go wrong in the `ONNXRuntime` module.
///
/// ``description`` is always a single line that names what failed and why, suitable for a log line or
/// a user-facing error message.
public enum ORTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ONNX Runtime shared library at `path` could not be loaded or is not usable (missing file,
    /// not ONNX Runtime, or too old for the C API version this wrapper needs).
    case libraryUnavailable(path: String, reason: String)
    /// ONNX Runtime returned a non-OK `OrtStatus` from the C API function `operation`.
    case runtime(code: ORTErrorCode, message: String, operation: String)
    /// The session asked for an execution provider (e.g. `CUDA`) that the loaded library cannot provide.
    case executionProviderUnavailable(provider: String, library: String, reason: String)
    /// A tensor's shape, element count or bytes are inconsistent, or an element type is not supported
    /// for data exchange.
    case invalidTensor(String)
    /// Values of one element type were read from (or combined with) a tensor of another.
    case typeMismatch(expected: String, actual: String)
    /// The inputs or output names given to `ORTSession.run` do not fit the model.
    case invalidInput(String)
    /// A value of a kind this wrapper cannot convert (e.g. an opaque or sparse tensor output, or a
    /// non-tensor output requested from ``ORTSession/run(inputs:outputNames:)``).
    case unsupportedValue(String)
    /// ``SessionOptions`` that cannot work (e.g. a negative thread count), caught before ONNX Runtime
    /// sees them.
    case invalidOptions(String)

    /// One line saying what failed and why.
    public var description: String {
        switch self {
        case let .libraryUnavailable(path, reason):
            return "cannot load ONNX Runtime library '\(path)': \(oneLine(reason))"
        case let .runtime(code, message, operation):
            return "ONNX Runtime \(operation) failed: \(code.name): \(oneLine(message))"
        case let .executionProviderUnavailable(provider, library, reason):
            return "\(provider) execution provider is not available in \(library): \(oneLine(reason))"
        case let .invalidTensor(reason):
            return "invalid tensor: \(oneLine(reason))"
        case let .typeMismatch(expected, actual):
            return "type mismatch: expected \(expected), got \(actual)"
        case let .invalidInput(reason):
            return "invalid inference request: \(oneLine(reason))"
        case let .unsupportedValue(reason):
            return "unsupported value: \(oneLine(reason))"
        case let .invalidOptions(reason):
            return "invalid session options: \(oneLine(reason))"
        }
    }
}

/// Collapses line breaks (ONNX Runtime messages often contain them) and trims trailing blanks.
func oneLine(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for character in text {
        if character.isNewline {
            pendingSpace = !result.isEmpty
            continue
        }
        if pendingSpace {
            if character != " " { result.append(" ") }
            pendingSpace = false
        }
        result.append(character)
    }
    while result.last == " " { result.removeLast() }
    return result
}
