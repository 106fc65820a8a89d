public import InferenceCore
public import ONNXRuntime

/// Conversions between protocol tensors (``InferTensor``) and ONNX Runtime tensors, copying typed
/// storage in bulk (never element by element through JSON).
extension InferTensor {
    /// This tensor as an ORT ``Tensor`` with the same shape and elements (`BYTES` become strings,
    /// decoded as UTF-8 with invalid sequences replaced). Fails with 400 naming the input when the
    /// element count does not match the shape.
    public func ortTensor() throws(InferenceError) -> Tensor {
        do {
            switch data {
            case .bool(let a): return try Tensor(a, shape: shape)
            case .uint8(let a): return try Tensor(a, shape: shape)
            case .uint16(let a): return try Tensor(a, shape: shape)
            case .uint32(let a): return try Tensor(a, shape: shape)
            case .uint64(let a): return try Tensor(a, shape: shape)
            case .int8(let a): return try Tensor(a, shape: shape)
            case .int16(let a): return try Tensor(a, shape: shape)
            case .int32(let a): return try Tensor(a, shape: shape)
            case .int64(let a): return try Tensor(a, shape: shape)
            case .fp16(let a): return try Tensor(a.map(ORTFloat16.init(bitPattern:)), shape: shape)
            case .fp32(let a): return try Tensor(a, shape: shape)
            case .fp64(let a): return try Tensor(a, shape: shape)
            case .bytes(let a): return try Tensor(a.map { String(decoding: $0, as: UTF8.self) }, shape: shape)
            }
        } catch {
            throw InferenceError(.badRequest, "input '\(name)': \(error)")
        }
    }

    /// The protocol tensor named `name` holding `tensor`'s elements. Fails with 500 for element types
    /// the protocol cannot carry (bfloat16, float8, complex, 4-bit).
    public init(name: String, tensor: Tensor) throws(InferenceError) {
        let data: TensorData
        do {
            switch tensor.elementType {
            case .bool: data = .bool(try tensor.values(as: Bool.self))
            case .uint8: data = .uint8(try tensor.values(as: UInt8.self))
            case .uint16: data = .uint16(try tensor.values(as: UInt16.self))
            case .uint32: data = .uint32(try tensor.values(as: UInt32.self))
            case .uint64: data = .uint64(try tensor.values(as: UInt64.self))
            case .int8: data = .int8(try tensor.values(as: Int8.self))
            case .int16: data = .int16(try tensor.values(as: Int16.self))
            case .int32: data = .int32(try tensor.values(as: Int32.self))
            case .int64: data = .int64(try tensor.values(as: Int64.self))
            case .float16: data = .fp16(try tensor.values(as: ORTFloat16.self).map(\.bitPattern))
            case .float32: data = .fp32(try tensor.values(as: Float.self))
            case .float64: data = .fp64(try tensor.values(as: Double.self))
            case .string: data = .bytes(try tensor.strings().map { Array($0.utf8) })
            default: throw InferenceError(.internal, "output '\(name)': element type \(tensor.elementType) is not supported by the protocol")
            }
        } catch let error as InferenceError {
            throw error
        } catch {
            throw InferenceError(.internal, "output '\(name)': \(error)")
        }
        self.init(name: name, shape: tensor.shape, data: data)
    }
}

extension TensorDataType {
    /// The protocol datatype for an ONNX element type; `nil` when the protocol has none.
    public init?(_ type: TensorElementType) {
        switch type {
        case .bool: self = .bool
        case .uint8: self = .uint8
        case .uint16: self = .uint16
        case .uint32: self = .uint32
        case .uint64: self = .uint64
        case .int8: self = .int8
        case .int16: self = .int16
        case .int32: self = .int32
        case .int64: self = .int64
        case .float16: self = .fp16
        case .float32: self = .fp32
        case .float64: self = .fp64
        case .string: self = .bytes
        default: return nil
        }
    }
}
