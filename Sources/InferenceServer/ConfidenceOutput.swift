public import InferenceCore

/// Which model output feeds the `stockade_prediction_confidence` histogram (the top score of each
/// row served), set with `--confidence-output`.
///
/// - ``automatic`` (the default): the model's only floating-point output shaped `[batch, classes]`
///   with a fixed `classes > 1`; a row is recorded only when it looks like a probability
///   distribution (every score in [0, 1], summing to 1 within 0.001), so models that answer with
///   logits record nothing unless the output is named explicitly. Models with no such output, or
///   several, record nothing.
/// - ``named(_:)``: that output; the top score of every row is recorded, whatever its range (rows
///   are along dimension 0; a rank-0 or rank-1 output gives one score per element).
/// - ``off``: nothing is recorded.
///
/// A ZipMap output (scikit-learn's class probabilities) is served as an `[N, C]` float tensor, so it
/// qualifies like any other. Outputs of other types, and responses that did not include the output
/// because the client asked for other outputs, record nothing.
public enum ConfidenceOutput: Sendable, Equatable {
    case automatic
    case off
    case named(String)

    /// `auto` (or empty) for ``automatic``, `none` or `off` for ``off``, anything else names the output.
    public init(flag: String) {
        switch flag {
        case "", "auto": self = .automatic
        case "none", "off": self = .off
        default: self = .named(flag)
        }
    }

    /// The output to read for a model with `outputs`, and whether rows must look like probabilities.
    func selection(for outputs: [TensorMetadata]) -> (name: String, probabilitiesOnly: Bool)? {
        switch self {
        case .off: return nil
        case let .named(name): return (name, false)
        case .automatic:
            let candidates = outputs.filter { output in
                [.fp16, .fp32, .fp64].contains(output.datatype) && output.shape.count == 2 && output.shape[1] > 1
            }
            guard candidates.count == 1 else { return nil }
            return (candidates[0].name, true)
        }
    }

    /// The recorded score of each row of `tensor`: its largest element, for rows that qualify.
    static func topScores(of tensor: InferTensor, probabilitiesOnly: Bool) -> [Double] {
        guard let values = tensor.data.doubles, !values.isEmpty else { return [] }
        let rowLength = tensor.shape.count >= 2 ? tensor.shape.dropFirst().reduce(1, *) : 1
        guard rowLength > 0, values.count % rowLength == 0 else { return [] }
        var scores: [Double] = []
        scores.reserveCapacity(values.count / rowLength)
        var start = 0
        while start < values.count {
            let row = values[start..<(start + rowLength)]
            start += rowLength
            guard let top = row.max(), top.isFinite else { continue }
            if probabilitiesOnly {
                guard row.allSatisfy({ $0 >= 0 && $0 <= 1 }), abs(row.reduce(0, +) - 1) <= 0.001 else { continue }
            }
            scores.append(top)
        }
        return scores
    }
}
