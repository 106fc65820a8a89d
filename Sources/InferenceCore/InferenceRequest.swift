public import JSON

/// An Open Inference Protocol v2 inference request: `POST /v2/models/{m}/infer`.
public struct InferenceRequest: Sendable, Equatable {
    /// Client-chosen identifier, echoed in the response.
    public var id: String?
    /// Request-level `parameters` (e.g. `binary_data_output`, `timeout`).
    public var parameters: JSONObject
    /// The input tensors; names are unique.
    public var inputs: [InferTensor]
    /// The outputs the client asked for; empty means all of the model's outputs.
    public var outputs: [RequestedOutput]

    public init(id: String? = nil, parameters: JSONObject = [:], inputs: [InferTensor], outputs: [RequestedOutput] = []) {
        self.id = id
        self.parameters = parameters
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The client's deadline from `parameters.timeout`, in microseconds as Triton defines it; `nil` when
    /// absent or not a positive integer.
    public var timeout: Duration? {
        guard let micros = parameters["timeout"]?.intValue, micros > 0 else { return nil }
        return .microseconds(micros)
    }

    /// Whether the response should carry output `name` in the binary section: the output's own
    /// `binary_data` parameter when set, otherwise the request's `binary_data_output` (default false).
    public func wantsBinary(output name: String) -> Bool {
        if let own = outputs.first(where: { $0.name == name })?.parameters["binary_data"]?.boolValue { return own }
        return parameters["binary_data_output"]?.boolValue ?? false
    }
}

/// One entry of a request's `outputs`: an output the client wants, with its parameters.
public struct RequestedOutput: Sendable, Equatable {
    public var name: String
    /// Output parameters, e.g. `binary_data` (bool) and `classification` (top-k count).
    public var parameters: JSONObject

    public init(name: String, parameters: JSONObject = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The `classification` parameter: how many top classes to return instead of the raw tensor;
    /// `nil` when absent. Validation rejects values that are not positive integers.
    public var classification: Int? {
        parameters["classification"]?.intValue.flatMap { Int(exactly: $0) }
    }
}

extension InferenceRequest {
    /// Decodes a request body: JSON, or with `headerLength` (the `Inference-Header-Content-Length` value)
    /// a JSON header followed by the binary tensor data of the inputs with `binary_data_size`, in order.
    ///
    /// Fails with 413 when the body exceeds `limits.maxBodyBytes`, and with 400 — naming the input — for
    /// malformed JSON, too-deep nesting, missing or mistyped members, duplicate names, bad shapes or
    /// datatypes, data that does not match its shape or datatype, and binary sections that are short or
    /// have bytes left over. Never traps on any input.
    public static func decode(body: [UInt8], headerLength: Int? = nil, limits: DecodingLimits = DecodingLimits()) throws(InferenceError) -> InferenceRequest {
        var wire = try WireBody(body: body, headerLength: headerLength, limits: limits, what: "request", tensorsKey: "inputs")
        let header = wire.header
        let id = try WireBody.string(header, "id", "request")
        let parameters = try WireBody.object(header, "parameters", "request")
        guard let inputsValue = header["inputs"], case .array = inputsValue else {
            throw .badRequest("request: 'inputs' is required and must be an array")
        }
        var inputs: [InferTensor] = []
        for (i, object) in try WireBody.objects(header, "inputs", "request").enumerated() {
            inputs.append(try wire.tensor(object, role: "input", index: i))
        }
        try wire.finish()
        try checkUnique(inputs, role: "input")
        var outputs: [RequestedOutput] = []
        for (i, object) in try WireBody.objects(header, "outputs", "request").enumerated() {
            guard let name = try WireBody.string(object, "name", "output \(i)") else {
                throw .badRequest("output \(i): 'name' is required")
            }
            outputs.append(RequestedOutput(name: name, parameters: try WireBody.object(object, "parameters", "output '\(name)'")))
        }
        var seen = Set<String>()
        for output in outputs where !seen.insert(output.name).inserted {
            throw .badRequest("output '\(output.name)' is requested more than once")
        }
        return InferenceRequest(id: id, parameters: parameters, inputs: inputs, outputs: outputs)
    }

    /// Encodes the request as a client would send it; inputs named in `binaryInputs` go to the binary
    /// section. `decode(body:headerLength:)` of the result gives back an equal request.
    public func encoded(binaryInputs: Set<String> = []) -> EncodedBody {
        var header: JSONObject = [:]
        if let id { header["id"] = .string(id) }
        if !parameters.isEmpty { header["parameters"] = .object(parameters) }
        var requested: JSONObject = [:]
        if !outputs.isEmpty {
            requested["outputs"] = .array(outputs.map { output in
                var object: JSONObject = ["name": .string(output.name)]
                if !output.parameters.isEmpty { object["parameters"] = .object(output.parameters) }
                return .object(object)
            })
        }
        return WireBody.body(leading: header, tensorsKey: "inputs", tensors: inputs, binary: binaryInputs, trailing: requested)
    }
}
