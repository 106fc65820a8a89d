import InferenceCore
import JSON


/// A manual time value for the batcher: milliseconds since an arbitrary origin.
struct TestInstant: InstantProtocol {
    var offset: Duration
    static func ms(_ n: Int64) -> TestInstant { TestInstant(offset: .milliseconds(n)) }
    func advanced(by duration: Duration) -> TestInstant { TestInstant(offset: offset + duration) }
    func duration(to other: TestInstant) -> Duration { other.offset - offset }
    static func < (a: TestInstant, b: TestInstant) -> Bool { a.offset < b.offset }
}

/// One tensor of every datatype, with edge values.
let sampleTensors: [InferTensor] = [
    InferTensor(name: "b", shape: [2, 2], data: .bool([true, false, false, true])),
    InferTensor(name: "u8", shape: [3], data: .uint8([0, 1, 255])),
    InferTensor(name: "u16", shape: [2], data: .uint16([0, 65535])),
    InferTensor(name: "u32", shape: [2], data: .uint32([7, 4_294_967_295])),
    InferTensor(name: "u64", shape: [2], data: .uint64([0, 9_007_199_254_740_992])),
    InferTensor(name: "i8", shape: [2], data: .int8([-128, 127])),
    InferTensor(name: "i16", shape: [2], data: .int16([-32768, 32767])),
    InferTensor(name: "i32", shape: [1, 2], data: .int32([-2_147_483_648, 2_147_483_647])),
    InferTensor(name: "i64", shape: [2], data: .int64([Int64.min, Int64.max])),
    InferTensor(name: "f16", shape: [4], data: .fp16([0x3C00, 0xC000, 0x7BFF, 0x0001])),
    InferTensor(name: "f32", shape: [2, 1], data: .fp32([0.5, -3.25])),
    InferTensor(name: "f64", shape: [2], data: .fp64([1e300, -0.1])),
    InferTensor(name: "s", shape: [3], data: .bytes([Array("héllo".utf8), [], Array("x".utf8)])),
]

func body(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The error `body` decodes to, or `nil` when it decodes.
func decodeError(_ bytes: [UInt8], headerLength: Int? = nil, limits: DecodingLimits = DecodingLimits()) -> InferenceError? {
    do {
        _ = try InferenceRequest.decode(body: bytes, headerLength: headerLength, limits: limits)
        return nil
    } catch {
        return error
    }
}
