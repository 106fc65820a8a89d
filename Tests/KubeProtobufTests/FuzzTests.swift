import JSON
import KubeProtobuf
import Testing

/// Deterministic fuzzing: mutated kubectl bodies and random bytes must decode or throw a
/// `ProtobufError` whose offset lies inside the body; the decoder must never trap.
@Suite struct FuzzTests {
    /// SplitMix64: a small, seedable generator so every run mutates the same way.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Decodes `body`; returns whether it decoded, and checks any error's offset is in range.
    @discardableResult
    static func decodeChecked(_ body: [UInt8]) -> Bool {
        do {
            let value = try KubeProtobuf.decode(body)
            #expect(value.objectValue != nil)
            _ = value.jsonString()
            return true
        } catch {
            if let offset = error.offset {
                #expect((0...body.count).contains(offset), "\(error) for a \(body.count)-byte body")
            }
            #expect(!error.description.isEmpty)
            return false
        }
    }

    @Test(arguments: KubectlCaptureTests.captures)
    func everyTruncationOfARealBody(_ name: String) throws {
        let body = try Fixtures.hexBytes("kubectl-\(name).pb.hex")
        var decodedPrefixes = 0
        for length in 0..<body.count where Self.decodeChecked(Array(body[..<length])) {
            decodedPrefixes += 1
        }
        // Only cuts at the envelope's trailing fields (contentEncoding, contentType) still decode.
        #expect(decodedPrefixes <= 4)
        #expect(Self.decodeChecked(body))
    }

    @Test(arguments: KubectlCaptureTests.captures)
    func randomMutationsOfARealBody(_ name: String) throws {
        let original = try Fixtures.hexBytes("kubectl-\(name).pb.hex")
        var random = SplitMix64(state: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for _ in 0..<1500 {
            var body = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 4..<body.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: body[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                case 1: body[index] = UInt8.random(in: 0...255, using: &random)
                case 2: body.insert(UInt8.random(in: 0...255, using: &random), at: index)
                default: body.remove(at: index)
                }
                if body.count <= 4 { break }
            }
            Self.decodeChecked(body)
        }
    }

    @Test func randomBodiesAfterTheMagic() {
        var random = SplitMix64(state: 0x5EED)
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<64, using: &random)
            let tail = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.decodeChecked(KubeProtobuf.magic + tail)
        }
    }

    @Test func randomObjectMessagesForEveryKind() {
        var random = SplitMix64(state: 0xC0FFEE)
        for (apiVersion, kind) in KubeProtobuf.supportedKinds {
            for _ in 0..<400 {
                // Random, mostly well-formed fields: plausible tags with random payloads.
                let body = kubeBody(apiVersion: apiVersion, kind: kind) { object in
                    for _ in 0..<Int.random(in: 0..<6, using: &random) {
                        let field = Int.random(in: 1...6, using: &random)
                        switch Int.random(in: 0..<3, using: &random) {
                        case 0: object.varint(field, random.next())
                        case 1: object.bytes(field, (0..<Int.random(in: 0..<24, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
                        default: object.message(field) { nested in
                            for _ in 0..<Int.random(in: 0..<4, using: &random) {
                                nested.bytes(Int.random(in: 1...14, using: &random), [UInt8.random(in: 0...255, using: &random), 0x00])
                            }
                        }
                        }
                    }
                }
                Self.decodeChecked(body)
            }
        }
    }
}
