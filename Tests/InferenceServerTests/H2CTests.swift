import Curl
import Foundation
import InferenceCore
import InferenceServer
import JSON
import Testing

/// HTTP/2 with prior knowledge (h2c) and HTTP/1.1 on the same port. The h2c client is the curl
/// command line (libcurl + nghttp2, installed by scripts/bootstrap), since clients choose
/// prior-knowledge HTTP/2 themselves.
@Suite("h2c: HTTP/2 with prior knowledge on the HTTP/1.1 port", .timeLimit(.minutes(2)))
struct H2CTests {
    static func curl(_ arguments: [String]) async throws -> ChildProcess {
        try await ChildProcess.run("/usr/bin/curl", arguments)
    }

    @Test("inference over h2c: answers equal ONNX Runtime's, with the request id echoed; HTTP/1.1 still works on the port")
    func inferOverH2C() async throws {
        let cases = try ExpectedOutputs.cases(for: "mlp")
        try #require(!cases.isEmpty)
        try await TestServer.with(model: "mlp") { s in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-h2c-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            // One curl per request: curl 7.88 cannot reuse a prior-knowledge connection (it fails the
            // second transfer with "Error in the HTTP2 framing layer" against any h2c server).
            for (index, c) in cases.enumerated() {
                let body = directory.appendingPathComponent("request\(index).json")
                let output = directory.appendingPathComponent("response\(index).json")
                try Data(c.request.encoded().bytes).write(to: body)
                let run = try await Self.curl([
                    "--silent", "--show-error", "--http2-prior-knowledge", "-H", "Content-Type: application/json",
                    "-H", "X-Request-Id: h2c-\(index)", "--data-binary", "@\(body.path)", "-o", output.path,
                    "-w", "%{http_version} %{response_code} %header{x-request-id}", s.url + "/v2/models/mlp/infer",
                ])
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout == "2 200 h2c-\(index)")
                let decoded = try InferenceResponse.decode(body: Array(try Data(contentsOf: output)))
                let want = try #require(c.outputs["logits"]?.data)
                expectClose(try #require(decoded.outputs.first?.data.doubles), want)
            }
            // The same port still speaks HTTP/1.1 (libcurl through the Curl target).
            let http1 = try await s.get("/v2/health/ready")
            #expect(http1.status == 200)
            #expect(http1.version == .http1_1)
        }
    }

    @Test("h2c errors keep the protocol's status and body; an HTTP/1.1 look-alike of the preface stays HTTP/1.1")
    func errorsAndTruncatedPreface() async throws {
        try await TestServer.with(model: "mlp") { s in
            let run = try await Self.curl(["--silent", "--http2-prior-knowledge", "-w", "\\n%{http_version} %{response_code}",
                                           s.url + "/v2/models/nope"])
            #expect(run.status == 0, "\(run.stderr)")
            let parts = run.stdout.split(separator: "\n")
            #expect(parts.last == "2 404")
            #expect(try JSONValue.parse(Array(parts[0].utf8))["error"]?.stringValue?.contains("nope") == true)

            // An HTTP/1.1 request whose first bytes match the preface up to the version is served as HTTP/1.1.
            let lookalike = try await Self.curl(["--silent", "--http1.1", "-X", "PRI", "--request-target", "*",
                                                 "-w", "\\n%{http_version} %{response_code}", s.url])
            #expect(lookalike.status == 0, "\(lookalike.stderr)")
            #expect(lookalike.stdout.split(separator: "\n").last?.hasPrefix("1.1 4") == true, "\(lookalike.stdout)")
            #expect(try await s.get("/v2/health/live").status == 200)
        }
    }
}
