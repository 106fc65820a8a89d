import Foundation
import InferenceCore

/// The numeric cases of `Tests/Fixtures/models/expected.json` (ONNX Runtime's own outputs).
struct ExpectedOutputs: Decodable {
    struct Value: Decodable {
        let type: String
        let shape: [Int]?
        let data: [Double]?

        enum CodingKeys: String, CodingKey { case type, shape, data }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = try c.decode(String.self, forKey: .type)
            shape = try c.decodeIfPresent([Int].self, forKey: .shape)
            data = try? c.decode([Double].self, forKey: .data)
        }
    }

    struct Case: Decodable {
        let model: String
        let name: String
        let inputs: [String: Value]
        let outputs: [String: Value]
    }

    let cases: [Case]

    /// The float32 cases of `model`.
    static func cases(for model: String) throws -> [Case] {
        let url = Paths.repositoryRoot.appendingPathComponent("Tests/Fixtures/models/expected.json")
        return try JSONDecoder().decode(ExpectedOutputs.self, from: Data(contentsOf: url)).cases.filter { $0.model == model }
    }
}

extension ExpectedOutputs.Case {
    /// The case's inputs as a protocol request.
    var request: InferenceRequest {
        InferenceRequest(id: name, inputs: inputs.sorted { $0.key < $1.key }.map { name, value in
            InferTensor(name: name, shape: value.shape ?? [], data: .fp32((value.data ?? []).map { Float($0) }))
        })
    }
}
