/// Merging requests' inputs into one batch along dimension 0, and splitting a batch's outputs back so
/// that each caller gets exactly its own rows.
public enum BatchAssembly {
    /// Concatenates each input across `requests` (one array of inputs per request, all with the same
    /// ``BatchSignature``) along dimension 0. The result has the first request's input order.
    ///
    /// Fails with `.internal` when the requests are not compatible (a batcher bug, never a client error)
    /// or `requests` is empty.
    public static func concatenate(_ requests: [[InferTensor]]) throws(InferenceError) -> [InferTensor] {
        guard let first = requests.first else { throw InferenceError(.internal, "cannot assemble an empty batch") }
        let signature = BatchSignature(inputs: first)
        var merged = first
        for (position, inputs) in requests.enumerated().dropFirst() {
            guard BatchSignature(inputs: inputs) == signature else {
                throw InferenceError(.internal, "request \(position) in the batch has different inputs, datatypes or inner dimensions")
            }
            for index in merged.indices {
                let name = merged[index].name
                guard let input = inputs.first(where: { $0.name == name }), let rows = input.shape.first else {
                    throw InferenceError(.internal, "input '\(name)' cannot be batched")
                }
                merged[index].data.append(contentsOf: input.data)
                merged[index].shape[0] += rows
            }
        }
        return merged
    }

    /// Splits each batch output along dimension 0 into consecutive slices of `rows[i]` rows, one array of
    /// outputs per request, in order. Requests get their own rows and shapes with dimension 0 = `rows[i]`.
    ///
    /// Fails with `.internal` when an output's dimension 0 is not the sum of `rows` or its element count
    /// does not match its shape.
    public static func split(_ outputs: [InferTensor], rows: [Int]) throws(InferenceError) -> [[InferTensor]] {
        let total = rows.reduce(0, +)
        var result = Array(repeating: [InferTensor](), count: rows.count)
        for output in outputs {
            guard let batch = output.shape.first, batch == total else {
                throw InferenceError(.internal, "output '\(output.name)' has shape \(describe(shape: output.shape)) but the batch has \(total) rows")
            }
            guard let rowSize = InferTensor.elementCount(of: Array(output.shape.dropFirst())), rowSize * total == output.data.count else {
                throw InferenceError(.internal, "output '\(output.name)' has \(output.data.count) elements for shape \(describe(shape: output.shape))")
            }
            var start = 0
            for (i, n) in rows.enumerated() {
                var part = output
                part.shape[0] = n
                part.data = output.data.slice(start..<(start + n * rowSize))
                result[i].append(part)
                start += n * rowSize
            }
        }
        return result
    }
}
