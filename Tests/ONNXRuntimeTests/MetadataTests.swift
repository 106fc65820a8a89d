import Foundation
import ONNXRuntime
import Testing

@Suite("Session metadata")
struct MetadataTests {
    @Test("mul_1: fixed-shape float tensors and model metadata")
    func mul1() throws {
        let session = try Fixtures.session(Fixtures.dataset("mul_1"))
        #expect(session.inputs == [ORTValueInfo(name: "X", type: .tensor(ORTTensorInfo(elementType: .float32, shape: [3, 2])))])
        #expect(session.outputs == [ORTValueInfo(name: "Y", type: .tensor(ORTTensorInfo(elementType: .float32, shape: [3, 2])))])
        #expect(session.metadata.producerName == "chenta")
        #expect(session.metadata.graphName == "mul test")
        #expect(session.metadata.version == Int64.max)
        #expect(session.metadata.customMetadata.isEmpty)
    }

    @Test("sigmoid: rank-3 input")
    func sigmoid() throws {
        let session = try Fixtures.session(Fixtures.dataset("sigmoid"))
        #expect(session.inputs.map(\.description) == ["x: tensor(float)[3,4,5]"])
        #expect(session.outputs.map(\.description) == ["y: tensor(float)[3,4,5]"])
    }

    @Test("logreg_iris: int64 label and a sequence-of-maps output")
    func logregIris() throws {
        let session = try Fixtures.session(Fixtures.dataset("logreg_iris"))
        #expect(session.inputs.map(\.description) == ["float_input: tensor(float)[3,2]"])
        #expect(session.outputs.map(\.name) == ["label", "probabilities"])
        #expect(session.outputs[0].type == .tensor(ORTTensorInfo(elementType: .int64, shape: [3])))
        #expect(session.outputs[1].type == .sequence(.map(key: .int64, value: .tensor(ORTTensorInfo(elementType: .float32, shape: [])))))
        #expect(session.outputs[1].type.description == "seq(map(int64,tensor(float)))")
        #expect(session.metadata.producerName == "OnnxMLTools")
        #expect(session.metadata.domain == "onnxml")
    }

    @Test("mlp: dynamic batch dimension with its symbolic name, and custom metadata")
    func mlp() throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let input = try #require(session.input(named: "input")?.type.tensorInfo)
        #expect(input.elementType == .float32)
        #expect(input.shape == [-1, 4])
        #expect(input.dimensionNames == ["batch", nil])
        #expect(input.hasDynamicDimensions)
        #expect(input.description == "tensor(float)[batch,4]")
        #expect(session.outputs.map(\.description) == ["logits: tensor(float)[batch,3]"])
        let metadata = session.metadata
        #expect(metadata.producerName == "stockade-gen-test-models")
        #expect(metadata.graphName == "mlp")
        #expect(metadata.domain == "dev.stockade.test")
        #expect(metadata.description == "two-layer perceptron")
        #expect(metadata.version == 1)
        #expect(metadata.customMetadata == ["purpose": "test", "model": "mlp"])
    }

    @Test("mixed: int64 and string inputs and outputs")
    func mixed() throws {
        let session = try Fixtures.session(Fixtures.model("mixed"))
        #expect(session.inputs.map(\.description) == ["ids: tensor(int64)[batch,2]", "names: tensor(string)[batch]"])
        #expect(session.outputs.map(\.description) == [
            "sum: tensor(int64)[batch]", "sum_label: tensor(string)[batch]", "name_id: tensor(int64)[batch]",
            "names_echo: tensor(string)[batch]",
        ])
    }

    @Test("zipmap_strings: sequence of string-keyed maps")
    func zipmapStrings() throws {
        let session = try Fixtures.session(Fixtures.model("zipmap_strings"))
        #expect(session.outputs.map(\.type.description) == ["seq(map(string,tensor(float)))"])
    }

    @Test("identity_types: every element type is described")
    func identityTypes() throws {
        let session = try Fixtures.session(Fixtures.model("identity_types"))
        let expected: [TensorElementType] = [
            .float32, .float16, .float64, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .bool,
            .string, .bfloat16,
        ]
        #expect(session.inputs.map(\.name) == expected.map { "in_\($0.rawValue)" })
        #expect(session.inputs.map { $0.type.tensorInfo?.elementType } == expected)
        #expect(session.outputs.map { $0.type.tensorInfo?.elementType } == expected)
        #expect(session.inputs.allSatisfy { $0.type.tensorInfo?.dimensionNames == ["n"] })
    }

    @Test("a session from model bytes matches one from the file")
    func fromBytes() throws {
        let path = Fixtures.model("mlp")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try ORTSession(modelData: bytes, environment: Fixtures.environment(), options: Fixtures.options)
        let fromFile = try Fixtures.session(path)
        #expect(fromBytes.inputs == fromFile.inputs)
        #expect(fromBytes.outputs == fromFile.outputs)
        #expect(fromBytes.metadata == fromFile.metadata)
    }
}
