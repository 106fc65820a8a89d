/// A dense, immutable tensor value: an element type, a shape and row-major elements.
///
/// Invariants (checked by every initializer): every dimension is >= 0, the element count equals the
/// product of the shape (1 for a scalar shape `[]`), and `bool` elements are stored as 0 or 1.
/// Numeric elements are stored as contiguous native-endian bytes; strings as Swift strings (UTF-8 in
/// ONNX Runtime). Copies share storage; `Tensor` is `Sendable` and can cross threads freely.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The element type.
    public let elementType: TensorElementType
    /// The dimensions, outermost first.
    public let shape: [Int]
    let data: TensorData

    /// The number of elements: the product of ``shape``.
    public var elementCount: Int { shape.reduce(1, *) }

    init(elementType: TensorElementType, shape: [Int], data: TensorData) {
        self.elementType = elementType
        self.shape = shape
        self.data = data
    }

    /// Creates a tensor from row-major `values`.
    ///
    /// - Throws: ``ORTError/invalidTensor(_:)`` when a dimension is negative or `values.count` is not
    ///   the product of `shape`.
    public init<T: TensorElement>(_ values: [T], shape: [Int]) throws(ORTError) {
        let type = T.tensorElementType
        try Self.validate(shape: shape, count: values.count, type: type)
        if T.self == String.self {
            self.init(elementType: type, shape: shape, data: .strings(values as! [String]))
            return
        }
        guard let width = type.byteWidth, MemoryLayout<T>.stride == width else {
            throw .invalidTensor("\(T.self) is not a supported tensor element type")
        }
        let storage = values.withUnsafeBytes { ByteStorage(copying: $0.baseAddress, count: $0.count) }
        if type == .bool { Self.normalizeBools(storage) }
        self.init(elementType: type, shape: shape, data: .bytes(storage))
    }

    /// Creates a one-dimensional tensor of shape `[values.count]`.
    public init<T: TensorElement>(_ values: [T]) throws(ORTError) {
        try self.init(values, shape: [values.count])
    }

    /// Creates a `float16` tensor by rounding each `Float` to half precision (ties to even).
    public init(float16Values values: [Float], shape: [Int]) throws(ORTError) {
        try self.init(values.map(ORTFloat16.init), shape: shape)
    }

    /// Creates a tensor of any fixed-width element type from its raw native-endian bytes.
    ///
    /// - Throws: ``ORTError/invalidTensor(_:)`` when `elementType` is `string`, `int4` or `uint4`, a
    ///   dimension is negative, or `bytes.count` is not element count × ``TensorElementType/byteWidth``.
    ///   Nonzero `bool` bytes are stored as 1.
    public init(elementType: TensorElementType, shape: [Int], bytes: [UInt8]) throws(ORTError) {
        guard let width = elementType.byteWidth else {
            throw .invalidTensor("\(elementType) tensors cannot be created from raw bytes")
        }
        guard bytes.count % width == 0 else {
            throw .invalidTensor("\(bytes.count) bytes is not a whole number of \(width)-byte \(elementType) elements")
        }
        try Self.validate(shape: shape, count: bytes.count / width, type: elementType)
        let storage = bytes.withUnsafeBytes { ByteStorage(copying: $0.baseAddress, count: $0.count) }
        if elementType == .bool { Self.normalizeBools(storage) }
        self.init(elementType: elementType, shape: shape, data: .bytes(storage))
    }

    /// The elements as a Swift array of `T`.
    ///
    /// - Throws: ``ORTError/typeMismatch(expected:actual:)`` when `T` does not match ``elementType``.
    public func values<T: TensorElement>(as type: T.Type = T.self) throws(ORTError) -> [T] {
        guard T.tensorElementType == elementType else {
            throw .typeMismatch(expected: "\(T.tensorElementType)", actual: "\(elementType)")
        }
        switch data {
        case let .strings(strings):
            guard T.self == String.self else {
                throw .typeMismatch(expected: "\(T.self)", actual: "String")
            }
            return strings as! [T]
        case let .bytes(storage):
            guard MemoryLayout<T>.stride == elementType.byteWidth else {
                throw .invalidTensor("\(T.self) is not a supported tensor element type")
            }
            let count = storage.count / MemoryLayout<T>.stride
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: storage.bytes)
                initialized = count
            }
        }
    }

    /// The elements of a `float32` or `float16` tensor as `Float` (half values widen exactly).
    ///
    /// - Throws: ``ORTError/typeMismatch(expected:actual:)`` for any other element type.
    public func floatValues() throws(ORTError) -> [Float] {
        switch elementType {
        case .float32: return try values(as: Float.self)
        case .float16: return try values(as: ORTFloat16.self).map(\.floatValue)
        default: throw .typeMismatch(expected: "tensor(float) or tensor(float16)", actual: "\(elementType)")
        }
    }

    /// The elements of a `string` tensor.
    public func strings() throws(ORTError) -> [String] {
        try values(as: String.self)
    }

    /// A copy of the raw native-endian element bytes of a fixed-width tensor.
    ///
    /// - Throws: ``ORTError/typeMismatch(expected:actual:)`` for a `string` tensor.
    public func rawBytes() throws(ORTError) -> [UInt8] {
        guard case let .bytes(storage) = data else {
            throw .typeMismatch(expected: "a fixed-width element type", actual: "\(elementType)")
        }
        return Array(storage.bytes)
    }

    /// The same elements with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws(ORTError) -> Tensor {
        try Self.validate(shape: newShape, count: elementCount, type: elementType)
        return Tensor(elementType: elementType, shape: newShape, data: data)
    }

    /// `tensor(<type>)[d0,d1,...]`.
    public var description: String {
        "\(elementType)[\(shape.map(String.init).joined(separator: ","))]"
    }

    /// Equal when element type, shape and elements are equal (numbers compare bitwise, so NaN equals an
    /// identical NaN and 0.0 differs from -0.0).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.elementType == rhs.elementType, lhs.shape == rhs.shape else { return false }
        switch (lhs.data, rhs.data) {
        case let (.strings(left), .strings(right)):
            return left == right
        case let (.bytes(left), .bytes(right)):
            return left === right || left.bytes.elementsEqual(right.bytes)
        default:
            return false
        }
    }

    static func validate(shape: [Int], count: Int, type: TensorElementType) throws(ORTError) {
        guard type.isSupportedInTensors else {
            throw .invalidTensor("\(type) tensors are not supported")
        }
        var product = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw .invalidTensor("negative dimension in shape \(shape)")
            }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw .invalidTensor("shape \(shape) has too many elements") }
            product = next
        }
        guard product == count else {
            throw .invalidTensor("shape \(shape) needs \(product) elements but \(count) were given")
        }
    }

    static func normalizeBools(_ storage: ByteStorage) {
        let bytes = storage.pointer.assumingMemoryBound(to: UInt8.self)
        for index in 0..<storage.count where bytes[index] > 1 { bytes[index] = 1 }
    }
}
