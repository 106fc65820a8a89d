/// A model output: a tensor, or one of ONNX's non-tensor values (sequences and maps, e.g. the
/// `seq(map(int64,tensor(float)))` that scikit-learn classifiers' ZipMap produces).
public indirect enum ORTValue: Sendable, Equatable {
    /// A dense tensor.
    case tensor(Tensor)
    /// An ONNX sequence.
    case sequence([ORTValue])
    /// An ONNX map as two one-dimensional tensors of equal length: `keys[i]` maps to `values[i]`.
    case map(keys: Tensor, values: Tensor)

    /// The tensor, or `nil` when this is not a tensor.
    public var tensor: Tensor? {
        if case let .tensor(tensor) = self { return tensor }
        return nil
    }

    /// The tensor.
    ///
    /// - Throws: ``ORTError/unsupportedValue(_:)`` when this is a sequence or map.
    public func asTensor() throws(ORTError) -> Tensor {
        guard case let .tensor(tensor) = self else {
            throw .unsupportedValue("expected a tensor, got \(kind)")
        }
        return tensor
    }

    /// The map as a Swift dictionary.
    ///
    /// - Throws: ``ORTError/unsupportedValue(_:)`` when this is not a map, or
    ///   ``ORTError/typeMismatch(expected:actual:)`` when its key or value type is not `Key`/`Value`.
    public func asMap<Key: TensorElement & Hashable, Value: TensorElement>(
        _ keyType: Key.Type = Key.self, _ valueType: Value.Type = Value.self
    ) throws(ORTError) -> [Key: Value] {
        guard case let .map(keys, values) = self else {
            throw .unsupportedValue("expected a map, got \(kind)")
        }
        let typedKeys = try keys.values(as: Key.self)
        let typedValues = try values.values(as: Value.self)
        guard typedKeys.count == typedValues.count else {
            throw .unsupportedValue("map has \(typedKeys.count) keys but \(typedValues.count) values")
        }
        return Dictionary(zip(typedKeys, typedValues), uniquingKeysWith: { _, last in last })
    }

    /// A `seq(map(Key, Value))` value as an array of dictionaries, e.g.
    /// `try value.sequenceOfMaps(Int64.self, Float.self)` for scikit-learn class probabilities.
    ///
    /// - Throws: ``ORTError/unsupportedValue(_:)`` when this is not a sequence of maps, or
    ///   ``ORTError/typeMismatch(expected:actual:)`` when key or value types differ.
    public func sequenceOfMaps<Key: TensorElement & Hashable, Value: TensorElement>(
        _ keyType: Key.Type = Key.self, _ valueType: Value.Type = Value.self
    ) throws(ORTError) -> [[Key: Value]] {
        guard case let .sequence(elements) = self else {
            throw .unsupportedValue("expected a sequence of maps, got \(kind)")
        }
        var result: [[Key: Value]] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            result.append(try element.asMap(Key.self, Value.self))
        }
        return result
    }

    /// `tensor`, `sequence` or `map`, for messages.
    var kind: String {
        switch self {
        case let .tensor(tensor): "tensor \(tensor)"
        case let .sequence(elements): "sequence of \(elements.count)"
        case let .map(keys, values): "map(\(keys.elementType.onnxName),\(values.elementType))"
        }
    }
}
