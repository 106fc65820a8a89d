import ONNXRuntime
import Testing

@Suite("Element types through an Identity model")
struct ElementTypeTests {
    /// One input per type, with extreme and awkward values.
    static func inputs() throws -> [String: Tensor] {
        [
            "in_float32": try Tensor([Float.pi, -0.0, .infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude]),
            "in_float16": try Tensor(float16Values: [1, -2.5, 65504, 0.000061035156, 0.1], shape: [5]),
            "in_float64": try Tensor([Double.pi, -.infinity, .leastNormalMagnitude, 1e300, -0.0]),
            "in_int8": try Tensor([Int8.min, -1, 0, 1, .max]),
            "in_int16": try Tensor([Int16.min, -1, 0, 1, .max]),
            "in_int32": try Tensor([Int32.min, -1, 0, 1, .max]),
            "in_int64": try Tensor([Int64.min, -1, 0, 1 << 53 + 1, .max]),
            "in_uint8": try Tensor([UInt8.min, 1, 127, 128, .max]),
            "in_uint16": try Tensor([UInt16.min, 1, 0x7FFF, 0x8000, .max]),
            "in_uint32": try Tensor([UInt32.min, 1, 0x7FFF_FFFF, 0x8000_0000, .max]),
            "in_uint64": try Tensor([UInt64.min, 1, 1 << 63, .max - 1, .max]),
            "in_bool": try Tensor([true, false, true, true, false]),
            "in_string": try Tensor(["", "ascii", "grüße 🚀", "tab\there", "nul\u{0}inside"]),
            "in_bfloat16": try Tensor(elementType: .bfloat16, shape: [5], bytes: [0x80, 0x3F, 0x00, 0xC0, 0, 0, 0x80, 0x7F, 1, 2]),
        ]
    }

    @Test("every element type round-trips unchanged")
    func roundTrip() throws {
        let session = try Fixtures.session(Fixtures.model("identity_types"))
        let inputs = try Self.inputs()
        let outputs = try session.run(inputs: inputs)
        #expect(outputs.count == inputs.count)
        for (name, tensor) in inputs {
            let output = "out_" + name.dropFirst("in_".count)
            #expect(outputs[output] == tensor, "\(output)")
        }
        #expect(try outputs["out_float16"]?.floatValues() == [1, -2.5, 65504, 0.000061035156, 0.099975586])
        #expect(try outputs["out_string"]?.strings().last == "nul\u{0}inside")
        #expect(try outputs["out_bool"]?.values(as: Bool.self) == [true, false, true, true, false])
        #expect(try outputs["out_uint64"]?.values(as: UInt64.self).last == .max)
    }

    @Test("empty tensors round-trip")
    func emptyTensors() throws {
        let session = try Fixtures.session(Fixtures.model("identity_types"))
        var inputs: [String: Tensor] = [:]
        for info in session.inputs {
            let type = try #require(info.type.tensorInfo?.elementType)
            inputs[info.name] = type == .string
                ? try Tensor([String](), shape: [0]) : try Tensor(elementType: type, shape: [0], bytes: [])
        }
        let outputs = try session.run(inputs: inputs)
        for info in session.outputs {
            let tensor = try #require(outputs[info.name])
            #expect(tensor.shape == [0])
            #expect(tensor.elementType == info.type.tensorInfo?.elementType)
            #expect(tensor.elementCount == 0)
        }
    }
}
