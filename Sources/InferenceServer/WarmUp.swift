import InferenceCore

/// The warm-up request run before the server reports ready: every input filled with zeros (empty
/// strings for BYTES, false for BOOL), dynamic dimensions set to 1.
enum WarmUp {
    static func inputs(for metadata: ModelMetadata) -> [InferTensor] {
        metadata.inputs.map { spec in
            let shape = spec.shape.map { $0 < 0 ? 1 : $0 }
            let count = shape.reduce(1, *)
            return InferTensor(name: spec.name, shape: shape, data: zeros(spec.datatype, count))
        }
    }

    private static func zeros(_ type: TensorDataType, _ n: Int) -> TensorData {
        switch type {
        case .bool: return .bool(Array(repeating: false, count: n))
        case .uint8: return .uint8(Array(repeating: 0, count: n))
        case .uint16: return .uint16(Array(repeating: 0, count: n))
        case .uint32: return .uint32(Array(repeating: 0, count: n))
        case .uint64: return .uint64(Array(repeating: 0, count: n))
        case .int8: return .int8(Array(repeating: 0, count: n))
        case .int16: return .int16(Array(repeating: 0, count: n))
        case .int32: return .int32(Array(repeating: 0, count: n))
        case .int64: return .int64(Array(repeating: 0, count: n))
        case .fp16: return .fp16(Array(repeating: 0, count: n))
        case .fp32: return .fp32(Array(repeating: 0, count: n))
        case .fp64: return .fp64(Array(repeating: 0, count: n))
        case .bytes: return .bytes(Array(repeating: [], count: n))
        }
    }
}
