import InferenceCore
import JSON
import SeededRandom
import Testing

/// Flat numeric `data` written after `datatype` is read straight into typed storage; written before it,
/// it goes through the JSON tree. Both paths must accept the same requests with the same tensors and
/// reject the same requests with the same message.
@Suite struct TypedDataReadTests {
    /// A one-input request body with the tensor's members in the given order.
    private func body(datatype: String, shape: String, data: String, dataFirst: Bool) -> [UInt8] {
        let members = dataFirst
            ? [#""data": \#(data)"#, #""name": "x""#, #""shape": \#(shape)"#, #""datatype": "\#(datatype)""#]
            : [#""name": "x""#, #""shape": \#(shape)"#, #""datatype": "\#(datatype)""#, #""data": \#(data)"#]
        return Array(#"{"id": "r", "inputs": [{\#(members.joined(separator: ", "))}]}"#.utf8)
    }

    private func outcome(_ body: [UInt8]) -> Result<InferenceRequest, InferenceError> {
        Result { () throws(InferenceError) in try InferenceRequest.decode(body: body) }
    }

    @Test func bothMemberOrdersGiveTheSameTensorOrTheSameError() {
        let cases: [(datatype: String, shape: String, data: String)] = [
            ("FP32", "[2, 2]", "[0.5, -3.25, 1e-3, 7]"),
            ("FP32", "[2, 2]", "[[0.5, -3.25], [1, 2]]"),
            ("FP32", "[3]", "[0.13436424411240122, 0.8474337369372327, -0.000000000000000000000000000001]"),
            ("FP32", "[1]", "[1e39]"),
            ("FP32", "[2]", "[1, \"2\"]"),
            ("FP32", "[3]", "[1, 2]"),
            ("FP32", "[2]", "[1, 2, ]"),
            ("FP32", "[2]", "[1, -]"),
            ("FP32", "[2]", "[1, 2"),
            ("FP32", "[0]", "[]"),
            ("FP64", "[2]", "[1e300, -0.1]"),
            ("FP16", "[3]", "[1, -2, 65504]"),
            ("FP16", "[1]", "[65505]"),
            ("INT32", "[3]", "[1, -2, 3]"),
            ("INT32", "[2]", "[1, 2.5]"),
            ("INT32", "[2]", "[1, 2.0]"),
            ("INT32", "[1]", "[2147483648]"),
            ("UINT8", "[3]", "[0, 255, 256]"),
            ("UINT8", "[2]", "[0, -1]"),
            ("INT64", "[2]", "[-9223372036854775808, 9223372036854775807]"),
            ("UINT64", "[1]", "[18446744073709551615]"),
            ("INT8", "[2]", "[true, 1]"),
            ("BOOL", "[2]", "[true, false]"),
            ("BYTES", "[1]", "[\"abc\"]"),
            ("FP32", "[2]", "{\"a\": 1}"),
            ("FP32", "[2]", "null"),
        ]
        for c in cases {
            let typedBody = body(datatype: c.datatype, shape: c.shape, data: c.data, dataFirst: false)
            let typed = outcome(typedBody)
            let tree = outcome(body(datatype: c.datatype, shape: c.shape, data: c.data, dataFirst: true))
            if case .failure(let error) = tree, error.message.contains("not valid JSON") {
                // The syntax error's position differs between the orders: compare with the parser's own.
                let parseError = #expect(throws: JSONParseError.self) { try JSONValue.parse(typedBody) }
                #expect(typed == .failure(InferenceError(.badRequest, "request body is not valid JSON: \(parseError?.description ?? "")")), "\(c)")
            } else {
                #expect(typed == tree, "\(c)")
            }
        }
    }

    @Test func randomFloatTensorsDecodeAsTheirJSONTreeDoes() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let count = Int.random(in: 1...64, using: &generator)
            let values = (0..<count).map { _ in Double.random(in: -1e6...1e6, using: &generator) / Double(Int.random(in: 1...100_000, using: &generator)) }
            let data = "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
            let typed = try InferenceRequest.decode(body: body(datatype: "FP32", shape: "[\(count)]", data: data, dataFirst: false))
            let tree = try InferenceRequest.decode(body: body(datatype: "FP32", shape: "[\(count)]", data: data, dataFirst: true))
            #expect(typed.inputs[0] == tree.inputs[0])
            #expect(typed.inputs[0].data == .fp32(values.map { Float($0) }))
        }
    }

    @Test func aRepeatedMemberKeepsTheLastValueAsJSONDoes() throws {
        let twiceData = #"{"inputs": [{"name": "x", "shape": [2], "datatype": "INT32", "data": [1, 2], "data": [3, 4]}]}"#
        #expect(try InferenceRequest.decode(body: Array(twiceData.utf8)).inputs[0].data == .int32([3, 4]))
        let treeThenTyped = #"{"inputs": [{"name": "x", "data": [1, 2], "shape": [2], "datatype": "INT32", "data": [5, 6]}]}"#
        #expect(try InferenceRequest.decode(body: Array(treeThenTyped.utf8)).inputs[0].data == .int32([5, 6]))
        let typedThenTree = #"{"inputs": [{"name": "x", "shape": [2], "datatype": "INT32", "data": [1, 2], "data": [[7], [8]]}]}"#
        #expect(throws: InferenceError(.badRequest, "input 'x': nested data has dimensions [2, 1] but shape is [2]")) {
            try InferenceRequest.decode(body: Array(typedThenTree.utf8))
        }
        let twiceInputs = #"{"inputs": [{"name": "a", "shape": [1], "datatype": "FP32", "data": [1]}], "inputs": [{"name": "b", "shape": [1], "datatype": "FP32", "data": [2]}]}"#
        #expect(try InferenceRequest.decode(body: Array(twiceInputs.utf8)).inputs == [InferTensor(name: "b", shape: [1], data: .fp32([2]))])
    }

    @Test func aDatatypeRepeatedAfterTypedDataIsNamed() {
        let text = #"{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [1, 2], "datatype": "INT64"}]}"#
        #expect(throws: InferenceError(.badRequest, "input 'x': 'datatype' is INT64 but 'data' was read as FP32 (a repeated 'datatype' member)")) {
            try InferenceRequest.decode(body: Array(text.utf8))
        }
    }

    @Test func responsesReadTheirOutputsTheSameWay() throws {
        let text = #"{"model_name": "m", "outputs": [{"name": "y", "shape": [1, 3], "datatype": "FP32", "data": [0.25, 0.5, 0.25]}]}"#
        let response = try InferenceResponse.decode(body: Array(text.utf8))
        #expect(response.outputs == [InferTensor(name: "y", shape: [1, 3], data: .fp32([0.25, 0.5, 0.25]))])
    }

    /// Reserving what the shape claims (2^62 doubles) would trap; the read reserves at most what the
    /// body can hold and the count check names the mismatch.
    @Test func aHugeAnnouncedShapeDoesNotReserveMemoryForIt() throws {
        let text = #"{"inputs": [{"name": "x", "shape": [4611686018427387903], "datatype": "FP64", "data": [1, 2]}]}"#
        #expect(throws: InferenceError(.badRequest, "input 'x': shape [4611686018427387903] has 4611686018427387903 elements but data has 2")) {
            try InferenceRequest.decode(body: Array(text.utf8))
        }
    }
}
