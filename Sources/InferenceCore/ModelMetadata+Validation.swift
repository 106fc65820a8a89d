extension ModelMetadata {
    /// Checks a decoded request against this model's declared inputs and outputs.
    ///
    /// Fails with 400 and a message naming the tensor when an input is unknown or missing, its datatype
    /// differs, its rank differs or a fixed dimension differs (declared `-1` dimensions accept any size),
    /// a requested output is unknown, `binary_data` is not a boolean, or `classification` is not a
    /// positive integer on a numeric output. Succeeding means the tensors can be handed to the engine.
    public func validate(_ request: InferenceRequest) throws(InferenceError) {
        let declared = NameLookup(inputs, name: \.name)
        for input in request.inputs {
            guard let spec = declared[input.name] else {
                throw .badRequest("unknown input '\(input.name)'; model '\(name)' has inputs \(names(inputs))")
            }
            if input.datatype != spec.datatype {
                throw .badRequest("input '\(input.name)': datatype \(input.datatype.rawValue) does not match the model's \(spec.datatype.rawValue)")
            }
            if input.shape.count != spec.shape.count {
                throw .badRequest("input '\(input.name)': shape \(describe(shape: input.shape)) has rank \(input.shape.count) but the model expects rank \(spec.shape.count) \(describe(shape: spec.shape))")
            }
            for (axis, (want, got)) in zip(spec.shape, input.shape).enumerated() where want != -1 && want != got {
                throw .badRequest("input '\(input.name)': dimension \(axis) is \(got) but the model expects \(want) (shape \(describe(shape: spec.shape)))")
            }
        }
        let given = NameLookup(request.inputs, name: \.name)
        for spec in inputs where given[spec.name] == nil {
            throw .badRequest("missing input '\(spec.name)' (\(spec.datatype.rawValue) \(describe(shape: spec.shape)))")
        }
        let declaredOutputs = NameLookup(outputs, name: \.name)
        for output in request.outputs {
            guard let spec = declaredOutputs[output.name] else {
                throw .badRequest("unknown output '\(output.name)'; model '\(name)' has outputs \(names(outputs))")
            }
            if let flag = output.parameters["binary_data"], flag.boolValue == nil {
                throw .badRequest("output '\(output.name)': binary_data must be a boolean, got \(flag.typeName)")
            }
            if let k = output.parameters["classification"] {
                guard let count = k.intValue, count > 0 else {
                    throw .badRequest("output '\(output.name)': classification must be a positive integer, got \(k.jsonString())")
                }
                guard spec.datatype.isNumeric else {
                    throw .badRequest("output '\(output.name)': classification needs a numeric output, the model's is \(spec.datatype.rawValue)")
                }
            }
        }
        if let flag = request.parameters["binary_data_output"], flag.boolValue == nil {
            throw .badRequest("request: binary_data_output must be a boolean, got \(flag.typeName)")
        }
    }

    private func names(_ tensors: [TensorMetadata]) -> String {
        tensors.map { "'\($0.name)'" }.joined(separator: ", ")
    }
}

/// Elements by name, the first of a name winning: a linear scan for the handful of tensors most
/// models and requests have, a dictionary beyond 16, so that validating a request hashes nothing in
/// the common case.
private struct NameLookup<Element> {
    private let elements: [Element]
    private let name: KeyPath<Element, String>
    private let byName: [String: Element]?

    init(_ elements: [Element], name: KeyPath<Element, String>) {
        self.elements = elements
        self.name = name
        byName = elements.count > 16 ? Dictionary(elements.map { ($0[keyPath: name], $0) }, uniquingKeysWith: { first, _ in first }) : nil
    }

    subscript(key: String) -> Element? {
        if let byName { return byName[key] }
        return elements.first { $0[keyPath: name] == key }
    }
}
