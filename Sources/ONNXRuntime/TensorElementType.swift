internal import CONNXRuntime

/// An ONNX tensor element type.
///
/// All ONNX types appear so that model metadata can describe any model. Tensors can carry every type
/// except the packed 4-bit ones (`int4`, `uint4`); typed Swift access (``TensorElement``) exists for
/// float32, float16, float64, int8/16/32/64, uint8/16/32/64, bool and string, and the remaining
/// fixed-width types (bfloat16, float8 variants, complex) are exchanged as raw bytes.
public enum TensorElementType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, uint8, int8, uint16, int16, int32, int64, string, bool, float16, float64, uint32, uint64
    case complex64, complex128, bfloat16
    case float8e4m3fn, float8e4m3fnuz, float8e5m2, float8e5m2fnuz
    case uint4, int4

    /// Bytes per element for fixed-width types; `nil` for `string` and the packed `int4`/`uint4`.
    public var byteWidth: Int? {
        switch self {
        case .uint8, .int8, .bool, .float8e4m3fn, .float8e4m3fnuz, .float8e5m2, .float8e5m2fnuz: 1
        case .uint16, .int16, .float16, .bfloat16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64, .complex64: 8
        case .complex128: 16
        case .string, .uint4, .int4: nil
        }
    }

    /// Whether ``Tensor`` can hold this type (everything but `int4` and `uint4`).
    public var isSupportedInTensors: Bool { self == .string || byteWidth != nil }

    /// The name ONNX uses in type strings, e.g. `float` in `tensor(float)`.
    public var onnxName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        default: rawValue
        }
    }

    /// Same as ``onnxName`` wrapped as a tensor type, e.g. `tensor(float)`.
    public var description: String { "tensor(\(onnxName))" }

    /// `ONNXTensorElementDataType` value, in enumeration order of the C header.
    var cRawValue: UInt32 {
        UInt32(Self.allCases.firstIndex(of: self)! + 1)
    }

    init?(cRawValue: UInt32) {
        let index = Int(cRawValue) - 1
        guard index >= 0, index < Self.allCases.count else { return nil }
        self = Self.allCases[index]
    }

    var cValue: ONNXTensorElementDataType { ONNXTensorElementDataType(rawValue: cRawValue) }
}
