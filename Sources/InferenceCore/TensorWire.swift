import JSON

/// Limits applied while decoding a request or response body.
public struct DecodingLimits: Sendable, Equatable {
    /// Largest accepted body (JSON header plus binary section); larger bodies fail with 413.
    public var maxBodyBytes: Int
    /// Deepest JSON nesting accepted; deeper documents fail with 400.
    public var maxDepth: Int

    public init(maxBodyBytes: Int = 64 << 20, maxDepth: Int = 64) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDepth = maxDepth
    }
}

/// A body ready to send: the bytes, and the length of the JSON header when a binary section follows
/// (the value of `Inference-Header-Content-Length`; `nil` for pure JSON bodies).
public struct EncodedBody: Sendable, Equatable {
    public var bytes: [UInt8]
    public var headerLength: Int?

    public init(bytes: [UInt8], headerLength: Int?) {
        self.bytes = bytes
        self.headerLength = headerLength
    }
}

/// The JSON header and binary section of a body, as split by `Inference-Header-Content-Length`.
struct WireBody {
    let header: JSONObject
    private let bytes: [UInt8]
    private var cursor: Int
    /// The `data` of the tensors under the body's tensors key that were read straight into typed
    /// storage, by position; their `data` member in `header` is an empty placeholder array.
    private let preDecoded: [Int: TensorData]

    /// Checks the size limit, splits the body and parses the header as a JSON object. `tensorsKey`
    /// ("inputs" or "outputs") names the array of tensors whose flat numeric `data` is read without a
    /// ``JSONValue`` per element.
    init(body: [UInt8], headerLength: Int?, limits: DecodingLimits, what: String, tensorsKey: String) throws(InferenceError) {
        guard body.count <= limits.maxBodyBytes else {
            throw InferenceError(.payloadTooLarge, "\(what) body is \(body.count) bytes, more than the limit of \(limits.maxBodyBytes)")
        }
        let jsonEnd = headerLength ?? body.count
        guard jsonEnd >= 0, jsonEnd <= body.count else {
            throw .badRequest("Inference-Header-Content-Length is \(jsonEnd) but the body has \(body.count) bytes")
        }
        var reader = JSONReader(bytes: jsonEnd == body.count ? body : Array(body[0..<jsonEnd]), maxDepth: limits.maxDepth)
        let value: JSONValue
        let preDecoded: [Int: TensorData]
        do {
            // Every element takes at least two bytes ("0,"), which caps what a claimed shape may reserve.
            (value, preDecoded) = try Self.readHeader(&reader, tensorsKey: tensorsKey, maxElements: jsonEnd / 2 + 1)
        } catch {
            throw .badRequest("\(what) body is not valid JSON: \(error.description)")
        }
        guard case .object(let object) = value else {
            throw .badRequest("\(what) body must be a JSON object, got \(value.typeName)")
        }
        header = object
        bytes = body
        cursor = jsonEnd
        self.preDecoded = preDecoded
    }

    /// Reads the header document. Each object in the `tensorsKey` array whose `datatype` precedes a flat
    /// numeric `data` array has that data decoded on the spot (the usual order: tritonclient and
    /// KServe's clients write name, shape, datatype, data); anything else is read as JSON and decoded
    /// later by ``TensorData/decode(json:datatype:shape:subject:)``, which names what is wrong.
    private static func readHeader(_ reader: inout JSONReader, tensorsKey: String, maxElements: Int) throws(JSONParseError) -> (JSONValue, [Int: TensorData]) {
        guard reader.peek() == UInt8(ascii: "{") else {
            let value = try reader.readValue()
            try reader.finish()
            return (value, [:])
        }
        var header = JSONObject()
        var preDecoded: [Int: TensorData] = [:]
        try reader.readObject { reader, key throws(JSONParseError) in
            guard key == tensorsKey, reader.peek() == UInt8(ascii: "[") else {
                header[key] = try reader.readValue()
                return
            }
            preDecoded = [:]
            var tensors: [JSONValue] = []
            try reader.readArray { reader throws(JSONParseError) in
                guard reader.peek() == UInt8(ascii: "{") else {
                    tensors.append(try reader.readValue())
                    return
                }
                let position = tensors.count
                var tensor = JSONObject()
                try reader.readObject { reader, key throws(JSONParseError) in
                    if key == "data" {
                        preDecoded[position] = nil
                        if let datatype = tensor["datatype"]?.stringValue.flatMap(TensorDataType.init(rawValue:)),
                           let data = TensorData.readFlat(&reader, datatype: datatype, capacity: min(expectedCount(tensor), maxElements)) {
                            preDecoded[position] = data
                            tensor[key] = .array([])
                            return
                        }
                    }
                    tensor[key] = try reader.readValue()
                }
                tensors.append(.object(tensor))
            }
            header[key] = .array(tensors)
        }
        try reader.finish()
        return (.object(header), preDecoded)
    }

    /// The element count a tensor object's `shape` announces so far (0 when absent or not a shape).
    private static func expectedCount(_ tensor: JSONObject) -> Int {
        guard let dims = tensor["shape"]?.arrayValue else { return 0 }
        let shape = dims.compactMap { $0.intValue.flatMap { Int(exactly: $0) } }
        guard shape.count == dims.count else { return 0 }
        return InferTensor.elementCount(of: shape) ?? 0
    }

    /// The next `count` bytes of the binary section.
    mutating func take(_ count: Int, for subject: String) throws(InferenceError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - cursor >= count else {
            throw .badRequest("\(subject): binary_data_size is \(count) but only \(bytes.count - cursor) bytes of binary data remain")
        }
        defer { cursor += count }
        return bytes[cursor..<(cursor + count)]
    }

    /// Fails when binary bytes were left unread.
    func finish() throws(InferenceError) {
        if cursor != bytes.count {
            throw .badRequest("\(bytes.count - cursor) bytes of binary data follow the tensors' binary_data_size")
        }
    }

    /// The optional member `key` of `object`, which must be a string when present.
    static func string(_ object: JSONObject, _ key: String, _ subject: String) throws(InferenceError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard case .string(let s) = value else { throw .badRequest("\(subject): '\(key)' must be a string, got \(value.typeName)") }
        return s
    }

    /// The optional member `key` of `object`, which must be an object when present (empty when absent).
    static func object(_ object: JSONObject, _ key: String, _ subject: String) throws(InferenceError) -> JSONObject {
        guard let value = object[key], !value.isNull else { return [:] }
        guard case .object(let o) = value else { throw .badRequest("\(subject): '\(key)' must be an object, got \(value.typeName)") }
        return o
    }

    /// The optional member `key` of `object` as an array of objects (empty when absent).
    static func objects(_ object: JSONObject, _ key: String, _ subject: String) throws(InferenceError) -> [JSONObject] {
        guard let value = object[key], !value.isNull else { return [] }
        guard case .array(let elements) = value else { throw .badRequest("\(subject): '\(key)' must be an array, got \(value.typeName)") }
        var out: [JSONObject] = []
        for (i, element) in elements.enumerated() {
            guard case .object(let o) = element else { throw .badRequest("\(subject): \(key)[\(i)] must be an object, got \(element.typeName)") }
            out.append(o)
        }
        return out
    }

    /// Decodes one tensor object (`name`, `shape`, `datatype`, `parameters`, `data` or binary data).
    /// `role` is "input" or "output"; messages name the tensor.
    mutating func tensor(_ object: JSONObject, role: String, index: Int) throws(InferenceError) -> InferTensor {
        guard let name = try Self.string(object, "name", "\(role) \(index)") else {
            throw .badRequest("\(role) \(index): 'name' is required")
        }
        let subject = "\(role) '\(name)'"
        guard let datatypeName = try Self.string(object, "datatype", subject) else {
            throw .badRequest("\(subject): 'datatype' is required")
        }
        guard let datatype = TensorDataType(rawValue: datatypeName) else {
            throw .badRequest("\(subject): unknown datatype '\(datatypeName)'")
        }
        guard case .array(let dims)? = object["shape"] else {
            throw .badRequest("\(subject): 'shape' is required and must be an array of non-negative integers")
        }
        var shape: [Int] = []
        for dim in dims {
            guard let d = dim.intValue, d >= 0, let n = Int(exactly: d) else {
                throw .badRequest("\(subject): shape has \(dim.jsonString()), expected a non-negative integer")
            }
            shape.append(n)
        }
        guard let count = InferTensor.elementCount(of: shape) else {
            throw .badRequest("\(subject): shape \(describe(shape: shape)) has too many elements")
        }
        var parameters = try Self.object(object, "parameters", subject)
        let data: TensorData
        if let sizeValue = parameters.removeValue(forKey: "binary_data_size") {
            guard let size = sizeValue.intValue, let n = Int(exactly: size), n >= 0 else {
                throw .badRequest("\(subject): binary_data_size must be a non-negative integer")
            }
            if let json = object["data"], !json.isNull {
                throw .badRequest("\(subject): has both 'data' and binary_data_size")
            }
            data = try TensorData.decode(binary: take(n, for: subject), datatype: datatype, count: count, subject: subject)
        } else if let decoded = preDecoded[index] {
            guard decoded.datatype == datatype else {
                throw .badRequest("\(subject): 'datatype' is \(datatype.rawValue) but 'data' was read as \(decoded.datatype.rawValue) (a repeated 'datatype' member)")
            }
            try TensorData.check(decoded.count, count, shape, subject)
            data = decoded
        } else if let json = object["data"], !json.isNull {
            data = try TensorData.decode(json: json, datatype: datatype, shape: shape, subject: subject)
        } else {
            throw .badRequest("\(subject): has neither 'data' nor binary_data_size")
        }
        return InferTensor(name: name, shape: shape, data: data, parameters: parameters)
    }

    /// Serializes `{leading..., "tensorsKey": [tensors...], trailing...}` followed by the binary section:
    /// each tensor named in `binary` puts its data in the section and carries
    /// `parameters.binary_data_size` instead of `data`. Keys keep their order. Writes the bytes directly
    /// (no intermediate ``JSONValue`` tree), as this runs for every response.
    static func body(leading: JSONObject, tensorsKey: String, tensors: [InferTensor], binary: Set<String>,
                     trailing: JSONObject = [:]) -> EncodedBody {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var section: [UInt8] = []
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        for (name, value) in zip(leading.keys, leading.values) {
            key(name)
            value.write(into: &out)
        }
        key(tensorsKey)
        out.append(UInt8(ascii: "["))
        for (index, tensor) in tensors.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(tensor, binary: binary.contains(tensor.name), section: &section, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        for (name, value) in zip(trailing.keys, trailing.values) {
            key(name)
            value.write(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        let length = out.count
        if section.isEmpty { return EncodedBody(bytes: out, headerLength: nil) }
        out.append(contentsOf: section)
        return EncodedBody(bytes: out, headerLength: length)
    }

    /// Appends the protocol JSON object of `tensor` (`name`, `datatype`, `shape`, `parameters`, `data`)
    /// to `out`; when `binary`, its data goes to `section` and `parameters.binary_data_size` replaces `data`.
    private static func write(_ tensor: InferTensor, binary: Bool, section: inout [UInt8], into out: inout [UInt8]) {
        out.append(contentsOf: #"{"name":"#.utf8)
        JSONValue.writeString(tensor.name, into: &out)
        out.append(contentsOf: #","datatype":""#.utf8)
        out.append(contentsOf: tensor.datatype.rawValue.utf8)
        out.append(contentsOf: #"","shape":["#.utf8)
        for (index, dim) in tensor.shape.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: String(dim).utf8)
        }
        out.append(UInt8(ascii: "]"))
        var parameters = tensor.parameters
        if binary {
            let before = section.count
            tensor.data.appendBinary(to: &section)
            parameters["binary_data_size"] = .int(Int64(section.count - before))
        }
        if !parameters.isEmpty {
            out.append(contentsOf: #","parameters":"#.utf8)
            JSONValue.object(parameters).write(into: &out)
        }
        if !binary {
            out.append(contentsOf: #","data":"#.utf8)
            tensor.data.writeJSON(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// Fails when two tensors share a name.
func checkUnique(_ tensors: [InferTensor], role: String) throws(InferenceError) {
    var seen = Set<String>()
    for tensor in tensors where !seen.insert(tensor.name).inserted {
        throw .badRequest("\(role) '\(tensor.name)' appears more than once")
    }
}
