/// A Swift type whose arrays convert to and from ``Tensor`` storage.
///
/// The conformances in this module are the complete set: `Float`, `Double`, `Int8`...`Int64`,
/// `UInt8`...`UInt64`, `Bool`, `String` and ``ORTFloat16``. Do not add conformances; ``Tensor`` checks
/// that a conforming type's memory size matches its element type and rejects others.
public protocol TensorElement: Sendable {
    /// The ONNX element type arrays of this Swift type are stored as.
    static var tensorElementType: TensorElementType { get }
}

extension Float: TensorElement { public static var tensorElementType: TensorElementType { .float32 } }
extension Double: TensorElement { public static var tensorElementType: TensorElementType { .float64 } }
extension Int8: TensorElement { public static var tensorElementType: TensorElementType { .int8 } }
extension Int16: TensorElement { public static var tensorElementType: TensorElementType { .int16 } }
extension Int32: TensorElement { public static var tensorElementType: TensorElementType { .int32 } }
extension Int64: TensorElement { public static var tensorElementType: TensorElementType { .int64 } }
extension UInt8: TensorElement { public static var tensorElementType: TensorElementType { .uint8 } }
extension UInt16: TensorElement { public static var tensorElementType: TensorElementType { .uint16 } }
extension UInt32: TensorElement { public static var tensorElementType: TensorElementType { .uint32 } }
extension UInt64: TensorElement { public static var tensorElementType: TensorElementType { .uint64 } }
extension Bool: TensorElement { public static var tensorElementType: TensorElementType { .bool } }
extension String: TensorElement { public static var tensorElementType: TensorElementType { .string } }
extension ORTFloat16: TensorElement { public static var tensorElementType: TensorElementType { .float16 } }
