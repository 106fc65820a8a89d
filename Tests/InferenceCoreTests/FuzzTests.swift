import InferenceCore
import JSON
import Testing
import SeededRandom

/// Random, truncated and mutated bodies must decode or fail with a typed 4xx error — never trap.
@Suite struct FuzzTests {
    static let validJSON = InferenceRequest(id: "f", inputs: sampleTensors, outputs: [RequestedOutput(name: "y")]).encoded()
    static let validBinary = InferenceRequest(id: "f", inputs: sampleTensors).encoded(binaryInputs: Set(sampleTensors.map(\.name)))

    static func expectClientError(_ bytes: [UInt8], headerLength: Int?) {
        if let error = decodeError(bytes, headerLength: headerLength) {
            #expect([400, 413].contains(error.httpStatus), "\(error)")
        }
    }

    @Test func everyTruncationOfAJSONBodyFails() {
        let bytes = Self.validJSON.bytes
        var failures = 0
        for end in 0..<bytes.count where decodeError(Array(bytes[0..<end])) != nil { failures += 1 }
        #expect(failures == bytes.count)
    }

    @Test func everyTruncationOfABinaryBodyFailsWith400() throws {
        let full = Self.validBinary
        let headerLength = try #require(full.headerLength)
        for end in 0..<full.bytes.count {
            let error = decodeError(Array(full.bytes[0..<end]), headerLength: min(headerLength, end))
            #expect(error?.httpStatus == 400, "truncated at \(end)")
        }
        #expect(decodeError(full.bytes, headerLength: headerLength) == nil)
    }

    @Test func randomBytes() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<256, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let header = Bool.random(using: &rng) ? Int.random(in: -2...(count + 2), using: &rng) : nil
            Self.expectClientError(bytes, headerLength: header)
        }
    }

    @Test func randomMutationsOfValidBodies() {
        var rng = SeededGenerator(seed: 2)
        let alphabet = Array(#"{}[]",:0123456789-.eE truefalsn\"#.utf8)
        for round in 0..<3000 {
            let source = round % 2 == 0 ? Self.validJSON : Self.validBinary
            var bytes = source.bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[index] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: index)
                }
            }
            Self.expectClientError(bytes, headerLength: source.headerLength.map { min($0, bytes.count) })
        }
    }

    @Test func hugeDeclaredSizesAndShapesFailCleanly() {
        let cases = [
            #"{"inputs":[{"name":"x","shape":[9223372036854775807,2],"datatype":"FP32","data":[1]}]}"#,
            #"{"inputs":[{"name":"x","shape":[4611686018427387904],"datatype":"FP64","parameters":{"binary_data_size":8}}]}"#,
            #"{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","parameters":{"binary_data_size":9223372036854775807}}]}"#,
            #"{"inputs":[{"name":"x","shape":[1e300],"datatype":"FP32","data":[1]}]}"#,
        ]
        for text in cases {
            let bytes = body(text) + Array(repeating: 0, count: 8)
            #expect(decodeError(bytes, headerLength: text.utf8.count)?.httpStatus == 400, "\(text)")
        }
    }
}
