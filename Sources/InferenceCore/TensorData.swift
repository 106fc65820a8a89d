/// The elements of a tensor in row-major order, held in typed contiguous storage.
///
/// FP16 elements are IEEE binary16 bit patterns (see ``Float16Bits``); BYTES elements are raw byte
/// strings (UTF-8 when they came from JSON strings). The case decides the ``TensorDataType``.
public enum TensorData: Sendable, Equatable {
    case bool([Bool])
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case fp16([UInt16])
    case fp32([Float])
    case fp64([Double])
    case bytes([[UInt8]])

    /// The protocol datatype of these elements.
    public var datatype: TensorDataType {
        switch self {
        case .bool: return .bool
        case .uint8: return .uint8
        case .uint16: return .uint16
        case .uint32: return .uint32
        case .uint64: return .uint64
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .fp16: return .fp16
        case .fp32: return .fp32
        case .fp64: return .fp64
        case .bytes: return .bytes
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .bool(let a): return a.count
        case .uint8(let a): return a.count
        case .uint16(let a), .fp16(let a): return a.count
        case .uint32(let a): return a.count
        case .uint64(let a): return a.count
        case .int8(let a): return a.count
        case .int16(let a): return a.count
        case .int32(let a): return a.count
        case .int64(let a): return a.count
        case .fp32(let a): return a.count
        case .fp64(let a): return a.count
        case .bytes(let a): return a.count
        }
    }

    /// No elements of the given type.
    public static func empty(_ datatype: TensorDataType) -> TensorData {
        switch datatype {
        case .bool: return .bool([])
        case .uint8: return .uint8([])
        case .uint16: return .uint16([])
        case .uint32: return .uint32([])
        case .uint64: return .uint64([])
        case .int8: return .int8([])
        case .int16: return .int16([])
        case .int32: return .int32([])
        case .int64: return .int64([])
        case .fp16: return .fp16([])
        case .fp32: return .fp32([])
        case .fp64: return .fp64([])
        case .bytes: return .bytes([])
        }
    }

    /// The elements in `range` (which must lie within `0..<count`), same type.
    public func slice(_ range: Range<Int>) -> TensorData {
        switch self {
        case .bool(let a): return .bool(Array(a[range]))
        case .uint8(let a): return .uint8(Array(a[range]))
        case .uint16(let a): return .uint16(Array(a[range]))
        case .uint32(let a): return .uint32(Array(a[range]))
        case .uint64(let a): return .uint64(Array(a[range]))
        case .int8(let a): return .int8(Array(a[range]))
        case .int16(let a): return .int16(Array(a[range]))
        case .int32(let a): return .int32(Array(a[range]))
        case .int64(let a): return .int64(Array(a[range]))
        case .fp16(let a): return .fp16(Array(a[range]))
        case .fp32(let a): return .fp32(Array(a[range]))
        case .fp64(let a): return .fp64(Array(a[range]))
        case .bytes(let a): return .bytes(Array(a[range]))
        }
    }

    /// Appends `other`'s elements; returns `false` (and changes nothing) when the types differ.
    @discardableResult
    public mutating func append(contentsOf other: TensorData) -> Bool {
        switch (self, other) {
        case (.bool(var a), .bool(let b)): a += b; self = .bool(a)
        case (.uint8(var a), .uint8(let b)): a += b; self = .uint8(a)
        case (.uint16(var a), .uint16(let b)): a += b; self = .uint16(a)
        case (.uint32(var a), .uint32(let b)): a += b; self = .uint32(a)
        case (.uint64(var a), .uint64(let b)): a += b; self = .uint64(a)
        case (.int8(var a), .int8(let b)): a += b; self = .int8(a)
        case (.int16(var a), .int16(let b)): a += b; self = .int16(a)
        case (.int32(var a), .int32(let b)): a += b; self = .int32(a)
        case (.int64(var a), .int64(let b)): a += b; self = .int64(a)
        case (.fp16(var a), .fp16(let b)): a += b; self = .fp16(a)
        case (.fp32(var a), .fp32(let b)): a += b; self = .fp32(a)
        case (.fp64(var a), .fp64(let b)): a += b; self = .fp64(a)
        case (.bytes(var a), .bytes(let b)): a += b; self = .bytes(a)
        default: return false
        }
        return true
    }

    /// The elements as `Double`s when numeric (FP16 decoded; UINT64/INT64 rounded); `nil` for BOOL and BYTES.
    public var doubles: [Double]? {
        switch self {
        case .bool, .bytes: return nil
        case .uint8(let a): return a.map(Double.init)
        case .uint16(let a): return a.map(Double.init)
        case .uint32(let a): return a.map(Double.init)
        case .uint64(let a): return a.map(Double.init)
        case .int8(let a): return a.map(Double.init)
        case .int16(let a): return a.map(Double.init)
        case .int32(let a): return a.map(Double.init)
        case .int64(let a): return a.map(Double.init)
        case .fp16(let a): return a.map { Double(Float16Bits.toFloat($0)) }
        case .fp32(let a): return a.map(Double.init)
        case .fp64(let a): return a
        }
    }
}
