import Foundation
import ONNXRuntime

/// `Tests/Fixtures/models/expected.json`: inputs and ONNX Runtime's (Python) outputs for the models.
struct ExpectedCases: Decodable {
    struct Value: Decodable {
        let type: String
        let shape: [Int]?
        let data: JSONArray
    }

    /// A heterogeneous JSON array (numbers, strings, or nested `[key, value]` pairs).
    enum JSONArray: Decodable {
        case numbers([Double])
        case strings([String])
        case sequenceOfMaps([[[Entry]]])

        enum Entry: Decodable {
            case number(Double)
            case string(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .string(try container.decode(String.self))
                }
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let numbers = try? container.decode([Double].self) {
                self = .numbers(numbers)
            } else if let strings = try? container.decode([String].self) {
                self = .strings(strings)
            } else {
                self = .sequenceOfMaps(try container.decode([[[Entry]]].self))
            }
        }
    }

    struct Case: Decodable {
        let model: String
        let name: String
        let inputs: [String: Value]
        let outputs: [String: Value]
        var id: String { "\(model)/\(name)" }
    }

    let onnxruntime: String
    let cases: [Case]

    static func load() throws -> ExpectedCases {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/models/expected.json")
        return try JSONDecoder().decode(ExpectedCases.self, from: Data(contentsOf: url))
    }

    static func named(_ id: String) throws -> Case {
        guard let found = try load().cases.first(where: { $0.id == id }) else {
            throw ExpectedCaseMissing(id: id)
        }
        return found
    }

    struct ExpectedCaseMissing: Error { let id: String }
}

extension ExpectedCases.Value {
    /// The value as an input tensor.
    func tensor() throws -> Tensor {
        let shape = shape ?? []
        switch (type, data) {
        case let ("float32", .numbers(numbers)): return try Tensor(numbers.map { Float($0) }, shape: shape)
        case let ("int64", .numbers(numbers)): return try Tensor(numbers.map { Int64($0) }, shape: shape)
        case let ("string", .strings(strings)): return try Tensor(strings, shape: shape)
        default: throw UnsupportedFixture(type: type)
        }
    }

    struct UnsupportedFixture: Error { let type: String }
}
