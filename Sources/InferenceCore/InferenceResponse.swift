public import JSON

/// An Open Inference Protocol v2 inference response.
public struct InferenceResponse: Sendable, Equatable {
    public var modelName: String
    public var modelVersion: String?
    /// The request's `id`, echoed.
    public var id: String?
    public var parameters: JSONObject
    /// The output tensors, names unique; classification outputs are BYTES tensors of protocol strings.
    public var outputs: [InferTensor]

    public init(modelName: String, modelVersion: String? = nil, id: String? = nil, parameters: JSONObject = [:], outputs: [InferTensor]) {
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.id = id
        self.parameters = parameters
        self.outputs = outputs
    }

    /// Encodes the response; outputs named in `binaryOutputs` go to the binary section with
    /// `parameters.binary_data_size`, and `headerLength` is then the `Inference-Header-Content-Length`.
    public func encoded(binaryOutputs: Set<String> = []) -> EncodedBody {
        var header: JSONObject = ["model_name": .string(modelName)]
        if let modelVersion { header["model_version"] = .string(modelVersion) }
        if let id { header["id"] = .string(id) }
        if !parameters.isEmpty { header["parameters"] = .object(parameters) }
        return WireBody.body(leading: header, tensorsKey: "outputs", tensors: outputs, binary: binaryOutputs)
    }

    /// Encodes the response choosing binary outputs as `request` asked (``InferenceRequest/wantsBinary(output:)``).
    public func encoded(for request: InferenceRequest) -> EncodedBody {
        encoded(binaryOutputs: Set(outputs.map(\.name).filter(request.wantsBinary(output:))))
    }

    /// Decodes a response body as a client does; the inverse of ``encoded(binaryOutputs:)``.
    /// Fails with typed errors, like ``InferenceRequest/decode(body:headerLength:limits:)``.
    public static func decode(body: [UInt8], headerLength: Int? = nil, limits: DecodingLimits = DecodingLimits()) throws(InferenceError) -> InferenceResponse {
        var wire = try WireBody(body: body, headerLength: headerLength, limits: limits, what: "response", tensorsKey: "outputs")
        let header = wire.header
        guard let modelName = try WireBody.string(header, "model_name", "response") else {
            throw .badRequest("response: 'model_name' is required")
        }
        var outputs: [InferTensor] = []
        for (i, object) in try WireBody.objects(header, "outputs", "response").enumerated() {
            outputs.append(try wire.tensor(object, role: "output", index: i))
        }
        try wire.finish()
        try checkUnique(outputs, role: "output")
        return InferenceResponse(
            modelName: modelName, modelVersion: try WireBody.string(header, "model_version", "response"),
            id: try WireBody.string(header, "id", "response"),
            parameters: try WireBody.object(header, "parameters", "response"), outputs: outputs)
    }
}

extension InferenceError {
    /// The protocol's error body: `{"error": "<message>"}`.
    public var body: [UInt8] { JSONValue.object(["error": .string(message)]).serialized() }
}
