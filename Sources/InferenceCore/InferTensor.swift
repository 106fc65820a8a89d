public import JSON

/// A named tensor as the protocol carries it: an input of a request or an output of a response.
///
/// Invariant kept by every decoder in this module: `data.count` equals the product of `shape`.
/// The datatype is always `data.datatype`, so the two cannot disagree.
public struct InferTensor: Sendable, Equatable {
    /// The tensor's name, unique within its request or response.
    public var name: String
    /// Dimensions, outermost first; every dimension is non-negative (no `-1` in concrete tensors).
    public var shape: [Int]
    /// Protocol `parameters` other than those the codec manages (`binary_data_size`).
    public var parameters: JSONObject
    /// The elements, row-major.
    public var data: TensorData

    public init(name: String, shape: [Int], data: TensorData, parameters: JSONObject = [:]) {
        self.name = name
        self.shape = shape
        self.data = data
        self.parameters = parameters
    }

    /// The protocol datatype of the elements.
    public var datatype: TensorDataType { data.datatype }

    /// The product of `shape` (1 for a scalar), or `nil` when it overflows `Int`.
    public static func elementCount(of shape: [Int]) -> Int? {
        var total = 1
        for dimension in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            if overflow || dimension < 0 { return nil }
            total = product
        }
        return total
    }
}

/// Formats a shape the way messages show it: `[2, 3]`.
func describe(shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
