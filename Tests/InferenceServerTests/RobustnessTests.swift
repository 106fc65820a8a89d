import Curl
import Foundation
import InferenceCore
import InferenceServer
import SeededRandom
import Testing


@Suite("Robustness: fuzzed bodies", .timeLimit(.minutes(3)))
struct RobustnessTests {
    /// Random bytes, truncations and single-byte corruptions of valid JSON and binary requests: every
    /// answer is a 4xx with an error message (or a 200 where the mutation kept the request valid), never
    /// a 5xx or a dropped connection, and the server still answers a valid request afterwards.
    @Test func fuzzedBodiesGet4xxAndTheServerKeepsServing() async throws {
        let valid = try #require(try ExpectedOutputs.cases(for: "mlp").first).request
        let json = valid.encoded()
        let binary = valid.encoded(binaryInputs: Set(valid.inputs.map(\.name)))
        var random = SeededGenerator(seed: 0x5eed)
        try await TestServer.with(model: "mlp") { s in
            for round in 0..<240 {
                let base = round % 2 == 0 ? json : binary
                var body = base.bytes
                switch round % 4 {
                case 0: body = (0..<Int.random(in: 0...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                case 1: body = Array(body.prefix(Int.random(in: 0..<body.count, using: &random)))
                case 2:
                    for _ in 0...Int.random(in: 0...3, using: &random) {
                        body[Int.random(in: 0..<body.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                default:
                    body.insert(contentsOf: [UInt8]("[[[[{\"".utf8), at: Int.random(in: 0...body.count, using: &random))
                }
                var headers = [("Content-Type", "application/json")]
                if let length = base.headerLength {
                    headers.append(("Inference-Header-Content-Length", String(round % 8 == 1 ? Int.random(in: -5...10_000, using: &random) : length)))
                }
                let response = try await s.post("/v2/models/mlp/infer", body: body, headers: headers)
                #expect(response.status == 200 || (400..<500).contains(response.status), "round \(round): \(response.status) \(response.errorMessage)")
                if response.status != 200 { #expect(!response.errorMessage.isEmpty, "round \(round)") }
            }
            let after = try await s.infer("mlp", valid)
            #expect(after.status == 200)
            #expect(try await s.get("/v2/health/ready").status == 200)
        }
    }
}
