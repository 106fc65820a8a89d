import ONNXRuntime
import Testing

@Suite("Tensor values (no ONNX Runtime needed)")
struct TensorTests {
    @Test("typed arrays round-trip and shapes are checked")
    func roundTrip() throws {
        let tensor = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(tensor.elementType == .float32)
        #expect(tensor.shape == [2, 3])
        #expect(tensor.elementCount == 6)
        #expect(try tensor.values(as: Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(try tensor.rawBytes().count == 24)
        #expect(tensor.description == "tensor(float)[2,3]")
        #expect(try Tensor([Int64(7)], shape: []).elementCount == 1)
    }

    @Test("element count must match the shape", arguments: [[4], [2, 2, 2], [-1, 3], [0]])
    func countMismatch(shape: [Int]) {
        #expect(throws: ORTError.self) { try Tensor([Float](repeating: 0, count: 3), shape: shape) }
    }

    @Test("reading the wrong type is a type mismatch")
    func wrongTypeRead() throws {
        let tensor = try Tensor([Int32(1), 2])
        #expect(throws: ORTError.typeMismatch(expected: "tensor(int64)", actual: "tensor(int32)")) {
            try tensor.values(as: Int64.self)
        }
        #expect(throws: ORTError.self) { try tensor.strings() }
        #expect(throws: ORTError.self) { try tensor.floatValues() }
        #expect(throws: ORTError.self) { try Tensor(["a"]).rawBytes() }
    }

    @Test("empty arrays keep their element type")
    func emptyArrays() throws {
        #expect(try Tensor([Float](), shape: [0, 4]).elementType == .float32)
        #expect(try Tensor([String](), shape: [0]).elementType == .string)
        #expect(try Tensor([Float](), shape: [0, 4]).values(as: Float.self) == [])
    }

    @Test("raw bytes: width checked, bools normalized, packed 4-bit types refused")
    func rawBytes() throws {
        #expect(throws: ORTError.self) { try Tensor(elementType: .int32, shape: [1], bytes: [1, 2, 3]) }
        #expect(throws: ORTError.self) { try Tensor(elementType: .int32, shape: [2], bytes: [1, 0, 0, 0]) }
        #expect(throws: ORTError.self) { try Tensor(elementType: .string, shape: [1], bytes: [65]) }
        #expect(throws: ORTError.self) { try Tensor(elementType: .int4, shape: [2], bytes: [0x21]) }
        let bools = try Tensor(elementType: .bool, shape: [3], bytes: [0, 1, 7])
        #expect(try bools.values(as: Bool.self) == [false, true, true])
        #expect(try bools.rawBytes() == [0, 1, 1])
        let int16 = try Tensor(elementType: .int16, shape: [2], bytes: [0x01, 0x00, 0xFF, 0xFF])
        #expect(try int16.values(as: Int16.self) == [1, -1])
    }

    @Test("reshaping keeps elements and checks the count")
    func reshape() throws {
        let tensor = try Tensor([Int8](1...6), shape: [6])
        let reshaped = try tensor.reshaped([3, 2])
        #expect(reshaped.shape == [3, 2])
        #expect(try reshaped.values(as: Int8.self) == [1, 2, 3, 4, 5, 6])
        #expect(throws: ORTError.self) { try tensor.reshaped([4]) }
    }

    @Test("equality compares type, shape and elements")
    func equality() throws {
        #expect(try Tensor([Float(1), 2]) == Tensor([Float(1), 2]))
        #expect(try Tensor([Float(1), 2]) != Tensor([Float(1), 3]))
        #expect(try Tensor([Float(1), 2]) != Tensor([Float(1), 2], shape: [1, 2]))
        #expect(try Tensor([Int32(1)]) != Tensor([UInt32(1)]))
        #expect(try Tensor(["a"]) == Tensor(["a"]))
    }

    @Test("float16 conversions of known values")
    func float16Known() {
        #expect(ORTFloat16(1).bitPattern == 0x3C00)
        #expect(ORTFloat16(-2).bitPattern == 0xC000)
        #expect(ORTFloat16(65504).bitPattern == 0x7BFF)
        #expect(ORTFloat16(65520).bitPattern == 0x7C00)  // rounds up to infinity
        #expect(ORTFloat16(0.1).bitPattern == 0x2E66)
        #expect(ORTFloat16(Float(sign: .plus, exponent: -24, significand: 1)).bitPattern == 0x0001)
        #expect(ORTFloat16(Float(sign: .plus, exponent: -25, significand: 1)).bitPattern == 0x0000)  // tie to even
        #expect(ORTFloat16(Float(sign: .plus, exponent: -25, significand: 1.5)).bitPattern == 0x0001)
        #expect(ORTFloat16(1 + Float(sign: .plus, exponent: -11, significand: 1)).bitPattern == 0x3C00)  // tie to even
        #expect(ORTFloat16(1 + Float(sign: .plus, exponent: -11, significand: 1.5)).bitPattern == 0x3C01)
        #expect(ORTFloat16(-.infinity).bitPattern == 0xFC00)
        #expect(ORTFloat16(.nan).floatValue.isNaN)
        #expect(ORTFloat16(bitPattern: 0x3555).floatValue == 0.333251953125)
    }

    @Test("every half value survives Float and back")
    func float16Exhaustive() {
        var failures: [UInt16] = []
        for bits in UInt16.min...UInt16.max {
            let half = ORTFloat16(bitPattern: bits)
            let back = ORTFloat16(half.floatValue)
            if half.floatValue.isNaN ? !back.floatValue.isNaN : back.bitPattern != bits { failures.append(bits) }
        }
        #expect(failures == [])
    }

    @Test("float16 tensors from and to Float")
    func float16Tensor() throws {
        let tensor = try Tensor(float16Values: [0.5, -1, 1000], shape: [3])
        #expect(tensor.elementType == .float16)
        #expect(try tensor.floatValues() == [0.5, -1, 1000])
        #expect(try tensor.values(as: ORTFloat16.self).map(\.bitPattern) == [0x3800, 0xBC00, 0x63D0])
    }

    @Test("sequence-of-maps conversion and its type checks")
    func sequenceOfMaps() throws {
        let map = ORTValue.map(keys: try Tensor([Int64(0), 1]), values: try Tensor([Float(0.25), 0.75]))
        let value = ORTValue.sequence([map, map])
        #expect(try value.sequenceOfMaps(Int64.self, Float.self) == [[0: 0.25, 1: 0.75], [0: 0.25, 1: 0.75]])
        #expect(throws: ORTError.self) { try value.sequenceOfMaps(String.self, Float.self) }
        #expect(throws: ORTError.self) { try value.asTensor() }
        #expect(throws: ORTError.self) { try map.sequenceOfMaps(Int64.self, Float.self) }
        #expect(value.tensor == nil)
    }

    @Test("declared shapes accept matching actual shapes")
    func tensorInfoAccepts() {
        let info = ORTTensorInfo(elementType: .float32, shape: [-1, 4], dimensionNames: ["batch", nil])
        #expect(info.accepts(shape: [7, 4]))
        #expect(info.accepts(shape: [0, 4]))
        #expect(!info.accepts(shape: [7, 5]))
        #expect(!info.accepts(shape: [4]))
        #expect(ORTTensorInfo(elementType: .int64, shape: [-1]).description == "tensor(int64)[?]")
    }
}
