/// The element type of a tensor, spelled as the Open Inference Protocol (KServe v2) spells it.
///
/// The raw value is the protocol's `datatype` string. `BYTES` elements are variable-length byte strings;
/// every other type has a fixed little-endian width in the binary tensor data extension.
public enum TensorDataType: String, Sendable, Hashable, CaseIterable {
    case bool = "BOOL"
    case uint8 = "UINT8"
    case uint16 = "UINT16"
    case uint32 = "UINT32"
    case uint64 = "UINT64"
    case int8 = "INT8"
    case int16 = "INT16"
    case int32 = "INT32"
    case int64 = "INT64"
    case fp16 = "FP16"
    case fp32 = "FP32"
    case fp64 = "FP64"
    case bytes = "BYTES"

    /// Bytes per element in the binary encoding; `nil` for `BYTES`, whose elements are 4-byte
    /// little-endian length prefixes followed by the element's bytes.
    public var elementSize: Int? {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .uint16, .int16, .fp16: return 2
        case .uint32, .int32, .fp32: return 4
        case .uint64, .int64, .fp64: return 8
        case .bytes: return nil
        }
    }

    /// Whether elements are numbers (integers or floating point); `BOOL` and `BYTES` are not.
    public var isNumeric: Bool { self != .bool && self != .bytes }
}
