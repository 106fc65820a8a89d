/// One entry of a top-k classification.
public struct ClassificationResult: Sendable, Equatable {
    /// The class's score (the output value).
    public var score: Double
    /// The class's index along the last dimension of the output.
    public var index: Int
    /// The class's label when a label list covers `index`.
    public var label: String?

    public init(score: Double, index: Int, label: String? = nil) {
        self.score = score
        self.index = index
        self.label = label
    }

    /// The protocol's `classification` string: `"score:index:label"`, or `"score:index"` without a label;
    /// the score has six decimals as Triton prints it.
    public var protocolString: String {
        let text = Self.format(score)
        return label.map { "\(text):\(index):\($0)" } ?? "\(text):\(index)"
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let scaled = (abs(value) * 1_000_000).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = UInt64(scaled)
        let fraction = String(units % 1_000_000)
        let sign = value < 0 && units != 0 ? "-" : ""
        return "\(sign)\(units / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}

/// Top-k post-processing of an output tensor, per the protocol's classification extension.
public enum Classification {
    /// The `k` highest-scoring classes of each row of `output`. Rows run along the last dimension: a
    /// `[N, C]` output gives N rows of min(k, C) results; a `[C]` output gives one row. Ties keep the
    /// lower index first. `labels[i]` labels class `i` when present.
    ///
    /// Fails with 400 when the output is not numeric or `k` is not positive.
    public static func topK(_ output: InferTensor, k: Int, labels: [String] = []) throws(InferenceError) -> [[ClassificationResult]] {
        guard k > 0 else { throw .badRequest("output '\(output.name)': classification must be a positive integer, got \(k)") }
        guard let values = output.data.doubles else {
            throw .badRequest("output '\(output.name)': classification needs a numeric output, got \(output.datatype.rawValue)")
        }
        let classes = output.shape.last ?? values.count
        guard classes > 0 else { return [] }
        var rows: [[ClassificationResult]] = []
        var start = 0
        while start < values.count {
            let row = values[start..<min(start + classes, values.count)]
            let ranked = row.indices.sorted { a, b in
                let (x, y) = (row[a], row[b])
                if x != y { return x > y || (y.isNaN && !x.isNaN) }
                return a < b
            }
            rows.append(ranked.prefix(k).map { i in
                let index = i - start
                return ClassificationResult(score: row[i], index: index, label: labels.indices.contains(index) ? labels[index] : nil)
            })
            start += classes
        }
        return rows
    }

    /// The output tensor that replaces `output` when the client asks for `classification: k`: BYTES of
    /// protocol strings, shape `[N, k']` (or `[k']` for a 1-D output) where k' = min(k, classes).
    public static func classificationTensor(_ output: InferTensor, k: Int, labels: [String] = []) throws(InferenceError) -> InferTensor {
        let rows = try topK(output, k: k, labels: labels)
        let width = rows.first?.count ?? 0
        let strings = rows.flatMap { $0.map { Array($0.protocolString.utf8) } }
        let shape = output.shape.count <= 1 ? [width] : Array(output.shape.dropLast()) + [width]
        return InferTensor(name: output.name, shape: shape, data: .bytes(strings), parameters: output.parameters)
    }
}
