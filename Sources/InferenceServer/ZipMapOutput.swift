import InferenceCore
import ONNXRuntime

/// A ZipMap output, `seq(map(int64|string, float|double))` (the class probabilities of scikit-learn
/// classifiers converted by skl2onnx or onnxmltools), served as a dense tensor.
///
/// A sequence of N maps becomes an FP32 (float values) or FP64 (double values) tensor of shape `[N, C]`:
/// row `i` is map `i`, column `j` the value of class ``labels``[j]. Columns follow ONNX Runtime's key
/// order, which is ascending (ZipMap builds ordered maps): numeric for int64 keys, bytewise for string
/// keys — the order of scikit-learn's `classes_`. Labels are the keys as text (`"0"`, `"1"`, ... for
/// int64 keys). Rows therefore split along dimension 0 like any batched output.
struct ZipMapOutput: Sendable {
    let name: String
    /// FP32 or FP64, from the maps' value type.
    let datatype: TensorDataType
    /// The class labels in column order; empty when not known, and then every response takes its
    /// columns from its first map.
    var labels: [String] = []

    /// The description of output `info` when it is a sequence of maps from int64 or string keys to
    /// float or double values; `nil` for anything else.
    init?(_ info: ORTValueInfo) {
        guard case let .sequence(.map(key, value)) = info.type, key == .int64 || key == .string,
              let element = value.tensorInfo?.elementType else { return nil }
        switch element {
        case .float32: datatype = .fp32
        case .float64: datatype = .fp64
        default: return nil
        }
        name = info.name
    }

    /// The served metadata: `[-1, C]` with the labels when they are known, `[-1, -1]` otherwise.
    var metadata: TensorMetadata {
        TensorMetadata(name: name, datatype: datatype, shape: [-1, labels.isEmpty ? -1 : labels.count], labels: labels)
    }

    /// The labels of `value`'s first map in column order; empty when it has no maps or is not a ZipMap value.
    static func labels(of value: ORTValue) -> [String] {
        guard case let .sequence(maps) = value, case let .map(keys, _)? = maps.first else { return [] }
        return (try? text(of: keys)) ?? []
    }

    /// `value` (this output's sequence of maps) as the `[N, C]` tensor. Fails with 500 when it is not a
    /// sequence of maps of this output's types, or a map's keys are not the classes (``labels``, or
    /// the first map's keys when those are unknown).
    func tensor(from value: ORTValue) throws(InferenceError) -> InferTensor {
        guard case let .sequence(maps) = value else { throw failure("expected a sequence of maps, got \(value)") }
        var classes = labels
        var scores: [Double] = []
        do {
            for (row, map) in maps.enumerated() {
                guard case let .map(keyTensor, valueTensor) = map else { throw failure("element \(row) is not a map") }
                let keys = try Self.text(of: keyTensor)
                let values: [Double] = switch valueTensor.elementType {
                case .float32: try valueTensor.values(as: Float.self).map(Double.init)
                case .float64: try valueTensor.values(as: Double.self)
                default: throw failure("map \(row) has \(valueTensor.elementType) values")
                }
                if row == 0 && classes.isEmpty { classes = keys }
                guard keys.count == values.count else { throw failure("map \(row) has \(keys.count) keys but \(values.count) values") }
                if keys == classes {
                    scores += values
                    continue
                }
                let byKey = Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first })
                guard byKey.count == classes.count, Set(byKey.keys) == Set(classes) else {
                    throw failure("map \(row) has classes \(keys), expected \(classes)")
                }
                scores += classes.map { byKey[$0]! }
            }
        } catch let error as InferenceError {
            throw error
        } catch {
            throw failure("\(error)")
        }
        let data: TensorData = datatype == .fp64 ? .fp64(scores) : .fp32(scores.map(Float.init))
        return InferTensor(name: name, shape: [maps.count, classes.count], data: data)
    }

    /// A map's keys (int64 or string) as text.
    private static func text(of keys: Tensor) throws(ORTError) -> [String] {
        keys.elementType == .string ? try keys.strings() : try keys.values(as: Int64.self).map { String($0) }
    }

    private func failure(_ detail: String) -> InferenceError {
        InferenceError(.internal, "output '\(name)': \(detail)")
    }
}
