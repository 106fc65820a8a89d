internal import CONNXRuntime

extension ORTSession {
    /// Runs the model and returns tensor outputs by name.
    ///
    /// - Parameters:
    ///   - inputs: one tensor per model input, by input name; every input must be given.
    ///   - outputNames: the outputs to compute; `nil` means all outputs.
    /// - Returns: exactly the requested outputs.
    /// - Throws: ``ORTError/invalidInput(_:)`` for unknown, missing, mistyped or misshapen inputs and
    ///   unknown or non-tensor outputs (use ``runValues(inputs:outputNames:)`` for sequences and maps);
    ///   ``ORTError/runtime(code:message:operation:)`` when ONNX Runtime fails.
    ///
    /// Safe to call concurrently from many threads; blocks the calling thread until inference ends.
    public func run(inputs: [String: Tensor], outputNames: [String]? = nil) throws(ORTError) -> [String: Tensor] {
        let names = outputNames ?? outputs.map(\.name)
        for name in names {
            if let info = output(named: name), info.type.tensorInfo == nil {
                throw .invalidInput(
                    "output '\(name)' is \(info.type), not a tensor; use runValues(inputs:outputNames:) to read it")
            }
        }
        var result: [String: Tensor] = [:]
        for (name, value) in try runValues(inputs: inputs, outputNames: names) {
            guard case let .tensor(tensor) = value else {
                throw .unsupportedValue("output '\(name)' is a \(value.kind), not a tensor")
            }
            result[name] = tensor
        }
        return result
    }

    /// Runs the model and returns outputs of any supported kind (tensors, sequences, maps) by name.
    ///
    /// Same contract as ``run(inputs:outputNames:)`` except that non-tensor outputs are allowed.
    public func runValues(inputs: [String: Tensor], outputNames: [String]? = nil) throws(ORTError) -> [String: ORTValue] {
        try validate(inputs: inputs)
        let names = outputNames ?? outputs.map(\.name)
        try validate(outputNames: names)
        let ordered = inputs.sorted { $0.key < $1.key }
        let api = api
        let table = api.table.pointee

        var inputValues: [OpaquePointer?] = []
        inputValues.reserveCapacity(ordered.count)
        defer {
            for value in inputValues { if let value { table.ReleaseValue!(value) } }
        }
        for (_, tensor) in ordered {
            inputValues.append(try api.makeOrtValue(tensor, memoryInfo: memoryInfo))
        }
        let inputNames = CStringArray(ordered.map(\.key))
        let outputCNames = CStringArray(names)
        var outputValues = [OpaquePointer?](repeating: nil, count: names.count)
        defer {
            for value in outputValues { if let value { table.ReleaseValue!(value) } }
        }
        // The input tensors' storage backs the input OrtValues, so it must outlive the Run call.
        let status = withExtendedLifetime((ordered, inputNames, outputCNames)) {
            table.Run!(
                handle, nil, inputNames.pointers, inputValues, inputValues.count,
                outputCNames.pointers, names.count, &outputValues)
        }
        try api.check(status, "Run")

        var result: [String: ORTValue] = [:]
        for (index, name) in names.enumerated() {
            guard let value = outputValues[index] else {
                throw .runtime(code: .fail, message: "produced no value for output '\(name)'", operation: "Run")
            }
            result[name] = try api.readValue(value)
        }
        return result
    }

    private func validate(inputs given: [String: Tensor]) throws(ORTError) {
        for name in given.keys.sorted() where input(named: name) == nil {
            throw .invalidInput(
                "unknown input '\(name)'; the model's inputs are \(inputs.map { "'\($0.name)'" }.joined(separator: ", "))")
        }
        for info in inputs {
            guard let tensor = given[info.name] else {
                throw .invalidInput("missing input '\(info.name)' (\(info))")
            }
            guard let expected = info.type.tensorInfo else {
                throw .invalidInput("input '\(info.name)' is \(info.type); only tensor inputs are supported")
            }
            guard tensor.elementType == expected.elementType else {
                throw .invalidInput(
                    "input '\(info.name)' expects \(expected.elementType) but got \(tensor.elementType)")
            }
            guard expected.accepts(shape: tensor.shape) else {
                throw .invalidInput(
                    "input '\(info.name)' expects shape \(expected) (rank \(expected.shape.count)) but got \(tensor.shape)")
            }
        }
    }

    private func validate(outputNames names: [String]) throws(ORTError) {
        guard !names.isEmpty else { throw .invalidInput("no outputs requested") }
        var seen = Set<String>()
        for name in names {
            guard output(named: name) != nil else {
                throw .invalidInput(
                    "unknown output '\(name)'; the model's outputs are \(outputs.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw .invalidInput("output '\(name)' requested twice") }
        }
    }
}
