internal import CONNXRuntime

/// Reads a session's inputs, outputs and model metadata into Swift values.
///
/// Unsafe code: every `OrtTypeInfo`, `OrtModelMetadata` and allocator-owned string obtained here is
/// released before the function that obtained it returns.
struct SessionIntrospection {
    let api: ORTAPI
    let session: OpaquePointer
    let allocator: UnsafeMutablePointer<OrtAllocator>

    init(api: ORTAPI, session: OpaquePointer) throws(ORTError) {
        self.api = api
        self.session = session
        allocator = try api.defaultAllocator()
    }

    func inputs() throws(ORTError) -> [ORTValueInfo] {
        var count = 0
        try api.check(api.table.pointee.SessionGetInputCount!(session, &count), "SessionGetInputCount")
        var result: [ORTValueInfo] = []
        for index in 0..<count {
            var name: UnsafeMutablePointer<CChar>?
            try api.check(api.table.pointee.SessionGetInputName!(session, index, allocator, &name), "SessionGetInputName")
            let inputName = api.takeString(name, allocator: allocator)
            var typeInfo: OpaquePointer?
            try api.check(
                api.table.pointee.SessionGetInputTypeInfo!(session, index, &typeInfo), "SessionGetInputTypeInfo")
            result.append(ORTValueInfo(name: inputName, type: try takeValueType(typeInfo)))
        }
        return result
    }

    func outputs() throws(ORTError) -> [ORTValueInfo] {
        var count = 0
        try api.check(api.table.pointee.SessionGetOutputCount!(session, &count), "SessionGetOutputCount")
        var result: [ORTValueInfo] = []
        for index in 0..<count {
            var name: UnsafeMutablePointer<CChar>?
            try api.check(
                api.table.pointee.SessionGetOutputName!(session, index, allocator, &name), "SessionGetOutputName")
            let outputName = api.takeString(name, allocator: allocator)
            var typeInfo: OpaquePointer?
            try api.check(
                api.table.pointee.SessionGetOutputTypeInfo!(session, index, &typeInfo), "SessionGetOutputTypeInfo")
            result.append(ORTValueInfo(name: outputName, type: try takeValueType(typeInfo)))
        }
        return result
    }

    /// Converts an owned `OrtTypeInfo` and releases it.
    private func takeValueType(_ typeInfo: OpaquePointer?) throws(ORTError) -> ORTValueType {
        guard let typeInfo else { return .other("unknown") }
        defer { api.table.pointee.ReleaseTypeInfo!(typeInfo) }
        return try valueType(typeInfo)
    }

    private func valueType(_ typeInfo: OpaquePointer) throws(ORTError) -> ORTValueType {
        let table = api.table.pointee
        var kind = ONNX_TYPE_UNKNOWN
        try api.check(table.GetOnnxTypeFromTypeInfo!(typeInfo, &kind), "GetOnnxTypeFromTypeInfo")
        switch kind {
        case ONNX_TYPE_TENSOR:
            var tensorInfo: OpaquePointer?
            try api.check(table.CastTypeInfoToTensorInfo!(typeInfo, &tensorInfo), "CastTypeInfoToTensorInfo")
            guard let tensorInfo else { return .other("tensor") }
            return try Self.tensorType(tensorInfo, api: api)
        case ONNX_TYPE_SEQUENCE:
            var sequenceInfo: OpaquePointer?
            try api.check(table.CastTypeInfoToSequenceTypeInfo!(typeInfo, &sequenceInfo), "CastTypeInfoToSequenceTypeInfo")
            guard let sequenceInfo else { return .other("seq") }
            var element: OpaquePointer?
            try api.check(table.GetSequenceElementType!(sequenceInfo, &element), "GetSequenceElementType")
            return .sequence(try takeValueType(element))
        case ONNX_TYPE_MAP:
            var mapInfo: OpaquePointer?
            try api.check(table.CastTypeInfoToMapTypeInfo!(typeInfo, &mapInfo), "CastTypeInfoToMapTypeInfo")
            guard let mapInfo else { return .other("map") }
            var keyType = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED
            try api.check(table.GetMapKeyType!(mapInfo, &keyType), "GetMapKeyType")
            var value: OpaquePointer?
            try api.check(table.GetMapValueType!(mapInfo, &value), "GetMapValueType")
            let valueType = try takeValueType(value)
            guard let key = TensorElementType(cRawValue: keyType.rawValue) else {
                return .other("map(\(keyType.rawValue),\(valueType))")
            }
            return .map(key: key, value: valueType)
        case ONNX_TYPE_OPTIONAL:
            var optionalInfo: OpaquePointer?
            try api.check(table.CastTypeInfoToOptionalTypeInfo!(typeInfo, &optionalInfo), "CastTypeInfoToOptionalTypeInfo")
            guard let optionalInfo else { return .other("optional") }
            var contained: OpaquePointer?
            try api.check(table.GetOptionalContainedTypeInfo!(optionalInfo, &contained), "GetOptionalContainedTypeInfo")
            return .optional(try takeValueType(contained))
        case ONNX_TYPE_SPARSETENSOR:
            return .other("sparse_tensor")
        case ONNX_TYPE_OPAQUE:
            return .other("opaque")
        default:
            return .other("unknown")
        }
    }

    /// Describes a borrowed `OrtTensorTypeAndShapeInfo` (not released here).
    static func tensorType(_ info: OpaquePointer, api: ORTAPI) throws(ORTError) -> ORTValueType {
        let table = api.table.pointee
        var elementType = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED
        try api.check(table.GetTensorElementType!(info, &elementType), "GetTensorElementType")
        var rank = 0
        try api.check(table.GetDimensionsCount!(info, &rank), "GetDimensionsCount")
        var dimensions = [Int64](repeating: 0, count: rank)
        try api.check(table.GetDimensions!(info, &dimensions, rank), "GetDimensions")
        var symbols = [UnsafePointer<CChar>?](repeating: nil, count: rank)
        try api.check(table.GetSymbolicDimensions!(info, &symbols, rank), "GetSymbolicDimensions")
        let names = symbols.map { symbol -> String? in
            guard let symbol, symbol.pointee != 0 else { return nil }
            return String(cString: symbol)
        }
        guard let element = TensorElementType(cRawValue: elementType.rawValue) else {
            return .other("tensor(element type \(elementType.rawValue))")
        }
        return .tensor(ORTTensorInfo(elementType: element, shape: dimensions.map { Int($0) }, dimensionNames: names))
    }

    func metadata() throws(ORTError) -> ORTModelMetadata {
        let table = api.table.pointee
        var metadata: OpaquePointer?
        try api.check(table.SessionGetModelMetadata!(session, &metadata), "SessionGetModelMetadata")
        guard let metadata else {
            throw .runtime(code: .fail, message: "no model metadata", operation: "SessionGetModelMetadata")
        }
        defer { table.ReleaseModelMetadata!(metadata) }
        typealias Getter = @convention(c) (
            OpaquePointer?, UnsafeMutablePointer<OrtAllocator>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        ) -> OpaquePointer?
        func string(_ getter: Getter?, _ operation: String) throws(ORTError) -> String {
            var value: UnsafeMutablePointer<CChar>?
            try api.check(getter!(metadata, allocator, &value), operation)
            return api.takeString(value, allocator: allocator)
        }
        var version: Int64 = 0
        try api.check(table.ModelMetadataGetVersion!(metadata, &version), "ModelMetadataGetVersion")
        return ORTModelMetadata(
            producerName: try string(table.ModelMetadataGetProducerName, "ModelMetadataGetProducerName"),
            graphName: try string(table.ModelMetadataGetGraphName, "ModelMetadataGetGraphName"),
            graphDescription: try string(table.ModelMetadataGetGraphDescription, "ModelMetadataGetGraphDescription"),
            domain: try string(table.ModelMetadataGetDomain, "ModelMetadataGetDomain"),
            description: try string(table.ModelMetadataGetDescription, "ModelMetadataGetDescription"),
            version: version,
            customMetadata: try customMetadata(metadata))
    }

    private func customMetadata(_ metadata: OpaquePointer) throws(ORTError) -> [String: String] {
        let table = api.table.pointee
        var keys: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var count: Int64 = 0
        try api.check(
            table.ModelMetadataGetCustomMetadataMapKeys!(metadata, allocator, &keys, &count),
            "ModelMetadataGetCustomMetadataMapKeys")
        guard let keys else { return [:] }
        // Free every key and the key array even when a lookup fails.
        let names = (0..<Int(count)).map { api.takeString(keys[$0], allocator: allocator) }
        try? api.check(table.AllocatorFree!(allocator, keys), "AllocatorFree")
        var result: [String: String] = [:]
        for name in names {
            var value: UnsafeMutablePointer<CChar>?
            try api.check(
                table.ModelMetadataLookupCustomMetadataMap!(metadata, allocator, name, &value),
                "ModelMetadataLookupCustomMetadataMap")
            result[name] = api.takeString(value, allocator: allocator)
        }
        return result
    }
}
