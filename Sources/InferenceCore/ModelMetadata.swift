public import JSON

/// The declared name, datatype and shape of a model input or output; `-1` marks a dynamic dimension.
public struct TensorMetadata: Sendable, Equatable {
    public var name: String
    public var datatype: TensorDataType
    /// Dimensions, outermost first; `-1` accepts any size.
    public var shape: [Int]
    /// The class labels of an output's columns (its last dimension), in column order; empty when it
    /// has none. In the metadata JSON as `labels` (only when not empty); `classification` answers with them.
    public var labels: [String]

    public init(name: String, datatype: TensorDataType, shape: [Int], labels: [String] = []) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.labels = labels
    }

    /// Whether a concrete `shape` fits: same rank, and every dimension equal or declared `-1`.
    public func accepts(shape concrete: [Int]) -> Bool {
        concrete.count == shape.count && zip(shape, concrete).allSatisfy { $0 == -1 || $0 == $1 }
    }

    var json: JSONValue {
        var o: JSONObject = ["name": .string(name), "datatype": .string(datatype.rawValue), "shape": .array(shape.map { .int(Int64($0)) })]
        if !labels.isEmpty { o["labels"] = .array(labels.map(JSONValue.string)) }
        return .object(o)
    }

    init(json: JSONValue, subject: String) throws(InferenceError) {
        guard case .object(let o) = json else { throw .badRequest("\(subject) must be an object") }
        guard let name = try WireBody.string(o, "name", subject),
            let type = try WireBody.string(o, "datatype", subject).flatMap(TensorDataType.init(rawValue:)),
            case .array(let dims)? = o["shape"]
        else { throw .badRequest("\(subject) needs 'name', a known 'datatype' and 'shape'") }
        var shape: [Int] = []
        for dim in dims {
            guard let d = dim.intValue, d >= -1, let n = Int(exactly: d) else { throw .badRequest("\(subject): bad dimension \(dim.jsonString())") }
            shape.append(n)
        }
        var labels: [String] = []
        if let list = o["labels"] {
            guard let values = list.arrayValue?.compactMap(\.stringValue), values.count == list.arrayValue?.count else {
                throw .badRequest("\(subject): 'labels' must be an array of strings")
            }
            labels = values
        }
        self.init(name: name, datatype: type, shape: shape, labels: labels)
    }
}

/// What `GET /v2/models/{m}[/versions/{v}]` returns.
public struct ModelMetadata: Sendable, Equatable {
    public var name: String
    public var versions: [String]
    /// E.g. `onnxruntime_onnx`.
    public var platform: String
    public var inputs: [TensorMetadata]
    public var outputs: [TensorMetadata]

    public init(name: String, versions: [String] = [], platform: String = "onnxruntime_onnx", inputs: [TensorMetadata], outputs: [TensorMetadata]) {
        self.name = name
        self.versions = versions
        self.platform = platform
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Whether every input and output has a dynamic (`-1`) first dimension, so requests may be merged
    /// along dimension 0.
    public var hasBatchDimension: Bool {
        !inputs.isEmpty && (inputs + outputs).allSatisfy { $0.shape.first == -1 }
    }

    /// The protocol JSON.
    public var json: JSONValue {
        var o: JSONObject = ["name": .string(name)]
        if !versions.isEmpty { o["versions"] = .array(versions.map(JSONValue.string)) }
        o["platform"] = .string(platform)
        o["inputs"] = .array(inputs.map(\.json))
        o["outputs"] = .array(outputs.map(\.json))
        return .object(o)
    }

    /// Parses the protocol JSON (the inverse of ``json``); fails with 400 naming the bad member.
    public init(json: JSONValue) throws(InferenceError) {
        guard case .object(let o) = json, let name = try WireBody.string(o, "name", "model metadata") else {
            throw .badRequest("model metadata needs a 'name'")
        }
        var versions: [String] = []
        if case .array(let list)? = o["versions"] { versions = list.compactMap(\.stringValue) }
        let platform = try WireBody.string(o, "platform", "model metadata") ?? ""
        var inputs: [TensorMetadata] = []
        var outputs: [TensorMetadata] = []
        for (i, value) in (o["inputs"]?.arrayValue ?? []).enumerated() {
            inputs.append(try TensorMetadata(json: value, subject: "model metadata inputs[\(i)]"))
        }
        for (i, value) in (o["outputs"]?.arrayValue ?? []).enumerated() {
            outputs.append(try TensorMetadata(json: value, subject: "model metadata outputs[\(i)]"))
        }
        self.init(name: name, versions: versions, platform: platform, inputs: inputs, outputs: outputs)
    }
}

/// What `GET /v2` returns.
public struct ServerMetadata: Sendable, Equatable {
    public var name: String
    public var version: String
    /// Protocol extensions supported, e.g. `binary_tensor_data`, `classification`.
    public var extensions: [String]

    public init(name: String, version: String, extensions: [String] = ["binary_tensor_data", "classification"]) {
        self.name = name
        self.version = version
        self.extensions = extensions
    }

    /// The protocol JSON.
    public var json: JSONValue {
        ["name": .string(name), "version": .string(version), "extensions": .array(extensions.map(JSONValue.string))]
    }

    /// Parses the protocol JSON (the inverse of ``json``).
    public init(json: JSONValue) throws(InferenceError) {
        guard case .object(let o) = json, let name = try WireBody.string(o, "name", "server metadata"),
            let version = try WireBody.string(o, "version", "server metadata")
        else { throw .badRequest("server metadata needs 'name' and 'version'") }
        self.init(name: name, version: version, extensions: (o["extensions"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
