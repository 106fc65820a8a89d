internal import CONNXRuntime

/// Conversions between ``Tensor``/``ORTValue`` and `OrtValue*`.
///
/// Unsafe code. Ownership: `makeOrtValue` returns an `OrtValue` the caller must release with
/// `ReleaseValue`; for numeric tensors it points into the tensor's storage, which the caller must keep
/// alive until the value is released. `readValue` only borrows the `OrtValue` it is given and copies
/// everything out.
extension ORTAPI {
    func makeOrtValue(_ tensor: Tensor, memoryInfo: OpaquePointer) throws(ORTError) -> OpaquePointer {
        let table = table.pointee
        let shape = tensor.shape.map { Int64($0) }
        var value: OpaquePointer?
        switch tensor.data {
        case let .bytes(storage):
            try check(
                table.CreateTensorWithDataAsOrtValue!(
                    memoryInfo, storage.pointer, storage.count, shape, shape.count, tensor.elementType.cValue, &value),
                "CreateTensorWithDataAsOrtValue")
            guard let value else { throw Self.missing("CreateTensorWithDataAsOrtValue") }
            return value
        case let .strings(strings):
            let allocator = try defaultAllocator()
            try check(
                table.CreateTensorAsOrtValue!(allocator, shape, shape.count, tensor.elementType.cValue, &value),
                "CreateTensorAsOrtValue")
            guard let value else { throw Self.missing("CreateTensorAsOrtValue") }
            do throws(ORTError) {
                for (index, string) in strings.enumerated() {
                    var utf8 = string
                    let status = utf8.withUTF8 { bytes -> OpaquePointer? in
                        var buffer: UnsafeMutablePointer<CChar>?
                        let status = table.GetResizedStringTensorElementBuffer!(value, index, bytes.count, &buffer)
                        if status == nil, let buffer, let source = bytes.baseAddress {
                            UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: bytes.count)
                        }
                        return status
                    }
                    try check(status, "GetResizedStringTensorElementBuffer")
                }
            } catch {
                table.ReleaseValue!(value)
                throw error
            }
            return value
        }
    }

    /// Copies a borrowed `OrtValue` (tensor, sequence or map, nested) into an ``ORTValue``.
    func readValue(_ value: OpaquePointer) throws(ORTError) -> ORTValue {
        let table = table.pointee
        var kind = ONNX_TYPE_UNKNOWN
        try check(table.GetValueType!(value, &kind), "GetValueType")
        switch kind {
        case ONNX_TYPE_TENSOR:
            return .tensor(try readTensor(value))
        case ONNX_TYPE_SEQUENCE:
            var count = 0
            try check(table.GetValueCount!(value, &count), "GetValueCount")
            var elements: [ORTValue] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                elements.append(try readElement(of: value, at: index))
            }
            return .sequence(elements)
        case ONNX_TYPE_MAP:
            guard case let .tensor(keys) = try readElement(of: value, at: 0),
                  case let .tensor(values) = try readElement(of: value, at: 1) else {
                throw .unsupportedValue("map whose keys or values are not tensors")
            }
            return .map(keys: keys, values: values)
        case ONNX_TYPE_OPTIONAL:
            throw .unsupportedValue("optional values are not supported")
        case ONNX_TYPE_SPARSETENSOR:
            throw .unsupportedValue("sparse tensors are not supported")
        default:
            throw .unsupportedValue("ONNX value kind \(kind.rawValue) is not supported")
        }
    }

    /// Element `index` of a sequence, or the keys (0) / values (1) of a map.
    private func readElement(of value: OpaquePointer, at index: Int) throws(ORTError) -> ORTValue {
        let allocator = try defaultAllocator()
        var element: OpaquePointer?
        try check(table.pointee.GetValue!(value, Int32(index), allocator, &element), "GetValue")
        guard let element else { throw Self.missing("GetValue") }
        defer { table.pointee.ReleaseValue!(element) }
        return try readValue(element)
    }

    private func readTensor(_ value: OpaquePointer) throws(ORTError) -> Tensor {
        let table = table.pointee
        var info: OpaquePointer?
        try check(table.GetTensorTypeAndShape!(value, &info), "GetTensorTypeAndShape")
        guard let info else { throw Self.missing("GetTensorTypeAndShape") }
        defer { table.ReleaseTensorTypeAndShapeInfo!(info) }
        guard case let .tensor(described) = try SessionIntrospection.tensorType(info, api: self) else {
            throw .unsupportedValue("tensor output of an element type this wrapper does not know")
        }
        let elementType = described.elementType
        let shape = described.shape
        var count = 0
        try check(table.GetTensorShapeElementCount!(info, &count), "GetTensorShapeElementCount")
        if elementType == .string {
            return Tensor(elementType: .string, shape: shape, data: .strings(try readStrings(value, count: count)))
        }
        guard let width = elementType.byteWidth else {
            throw .unsupportedValue("\(elementType) outputs are not supported")
        }
        var data: UnsafeMutableRawPointer?
        try check(table.GetTensorMutableData!(value, &data), "GetTensorMutableData")
        let byteCount = count * width
        guard data != nil || byteCount == 0 else { throw Self.missing("GetTensorMutableData") }
        let storage = ByteStorage(copying: data, count: byteCount)
        if elementType == .bool { Tensor.normalizeBools(storage) }
        return Tensor(elementType: elementType, shape: shape, data: .bytes(storage))
    }

    private func readStrings(_ value: OpaquePointer, count: Int) throws(ORTError) -> [String] {
        guard count > 0 else { return [] }
        let table = table.pointee
        var length = 0
        try check(table.GetStringTensorDataLength!(value, &length), "GetStringTensorDataLength")
        var content = [UInt8](repeating: 0, count: Swift.max(length, 1))
        var offsets = [Int](repeating: 0, count: count)
        try check(table.GetStringTensorContent!(value, &content, length, &offsets, count), "GetStringTensorContent")
        return (0..<count).map { index in
            let start = offsets[index]
            let end = index + 1 < count ? offsets[index + 1] : length
            return String(decoding: content[start..<end], as: UTF8.self)
        }
    }

    private static func missing(_ operation: String) -> ORTError {
        .runtime(code: .fail, message: "returned no value", operation: operation)
    }
}
