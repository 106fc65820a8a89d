/// The shape and element type of a tensor input or output as the model declares it.
public struct ORTTensorInfo: Sendable, Equatable, CustomStringConvertible {
    /// The element type.
    public let elementType: TensorElementType
    /// The dimensions; `-1` marks a dynamic dimension. Empty for a scalar.
    public let shape: [Int]
    /// The symbolic name of each dimension (e.g. `batch`), `nil` where the model gives none. Same count
    /// as ``shape``.
    public let dimensionNames: [String?]

    /// Creates a description; `dimensionNames` defaults to no names.
    public init(elementType: TensorElementType, shape: [Int], dimensionNames: [String?]? = nil) {
        self.elementType = elementType
        self.shape = shape
        self.dimensionNames = dimensionNames ?? Array(repeating: nil, count: shape.count)
    }

    /// Whether any dimension is dynamic.
    public var hasDynamicDimensions: Bool { shape.contains(-1) }

    /// Whether `actualShape` fits: same rank, and equal wherever this declares a fixed size.
    public func accepts(shape actualShape: [Int]) -> Bool {
        actualShape.count == shape.count && zip(shape, actualShape).allSatisfy { $0 < 0 || $0 == $1 }
    }

    /// e.g. `tensor(float)[batch,4]`; unnamed dynamic dimensions print as `?`.
    public var description: String {
        let dims = zip(shape, dimensionNames).map { size, name in name ?? (size < 0 ? "?" : String(size)) }
        return "\(elementType)[\(dims.joined(separator: ","))]"
    }
}

/// The ONNX type of a model input or output.
public indirect enum ORTValueType: Sendable, Equatable, CustomStringConvertible {
    /// A dense tensor.
    case tensor(ORTTensorInfo)
    /// A sequence whose elements have the given type.
    case sequence(ORTValueType)
    /// A map from keys of a tensor element type to values of the given type.
    case map(key: TensorElementType, value: ORTValueType)
    /// An optional value of the given type.
    case optional(ORTValueType)
    /// A type this wrapper does not describe further (sparse tensor, opaque, unknown), by ONNX kind name.
    case other(String)

    /// The tensor description when this is a tensor type.
    public var tensorInfo: ORTTensorInfo? {
        if case let .tensor(info) = self { return info }
        return nil
    }

    /// ONNX Runtime's type string, e.g. `tensor(float)` or `seq(map(int64,tensor(float)))`.
    public var description: String {
        switch self {
        case let .tensor(info): "\(info.elementType)"
        case let .sequence(element): "seq(\(element))"
        case let .map(key, value): "map(\(key.onnxName),\(value))"
        case let .optional(wrapped): "optional(\(wrapped))"
        case let .other(kind): kind
        }
    }
}

/// A named model input or output.
public struct ORTValueInfo: Sendable, Equatable, CustomStringConvertible {
    /// The name used in `run` inputs and outputs.
    public let name: String
    /// The declared type.
    public let type: ORTValueType

    /// Creates an input/output description.
    public init(name: String, type: ORTValueType) {
        self.name = name
        self.type = type
    }

    /// `name: type`.
    public var description: String {
        if case let .tensor(info) = type { return "\(name): \(info)" }
        return "\(name): \(type)"
    }
}

/// Model-level metadata from the ONNX file (`ModelProto` fields and `metadata_props`).
public struct ORTModelMetadata: Sendable, Equatable {
    /// `producer_name`, e.g. `pytorch` or `skl2onnx`.
    public let producerName: String
    /// The graph's name.
    public let graphName: String
    /// The graph's doc string.
    public let graphDescription: String
    /// The model's `domain`.
    public let domain: String
    /// The model's doc string.
    public let description: String
    /// `model_version` (ONNX Runtime reports an unset version as `Int64.max`).
    public let version: Int64
    /// `metadata_props`: free-form key/value pairs.
    public let customMetadata: [String: String]

    /// Creates metadata (mostly for tests and fakes).
    public init(
        producerName: String, graphName: String, graphDescription: String, domain: String, description: String,
        version: Int64, customMetadata: [String: String]
    ) {
        self.producerName = producerName
        self.graphName = graphName
        self.graphDescription = graphDescription
        self.domain = domain
        self.description = description
        self.version = version
        self.customMetadata = customMetadata
    }
}
