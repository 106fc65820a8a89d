import Curl
import Foundation
import InferenceCore
import InferenceServer
import JSON
import Logging
import Testing

/// Paths of the ONNX Runtime library and the committed test models.
enum Paths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var library: String {
        if let path = ProcessInfo.processInfo.environment["ORT_DYLIB_PATH"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent(".deps/onnxruntime/lib/libonnxruntime.so").path
    }

    static func model(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/models/\(name).onnx").path
    }
}

/// A server running in-process on 127.0.0.1 with a free port, driven over real HTTP with libcurl.
/// `with` stops it (cancelling its task) when the body returns.
struct TestServer {
    let server: InferenceServer
    let url: String
    let client = CurlTransport(configuration: .init(userAgent: "stockade-serve-tests/1.0"))

    static func configuration(model: String, batcher: BatcherConfiguration = BatcherConfiguration()) -> ServerConfiguration {
        var configuration = ServerConfiguration(modelPath: Paths.model(model))
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.onnxRuntimeLibrary = Paths.library
        configuration.intraOpThreads = 1
        configuration.batcher = batcher
        configuration.maxBodyBytes = 1 << 20
        return configuration
    }

    static func with<T: Sendable>(
        model: String, batcher: BatcherConfiguration = BatcherConfiguration(), _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let server = try await InferenceServer.load(configuration(model: model, batcher: batcher), logger: Logger(label: "test"))
        return try await with(server, body)
    }

    static func with<T: Sendable>(_ server: InferenceServer, _ body: (TestServer) async throws -> T) async throws -> T {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let task = Task { try await server.run(handleSignals: false) { continuation.yield($0) } }
        var url: String?
        for await first in urls { url = first; break }
        guard let url else {
            task.cancel()
            _ = await task.result
            throw ServerDidNotStart()
        }
        let running = TestServer(server: server, url: url)
        let result: Result<T, any Error>
        do { result = .success(try await body(running)) } catch { result = .failure(error) }
        await running.client.shutdown()
        task.cancel()
        _ = await task.result
        return try result.get()
    }

    struct ServerDidNotStart: Error {}

    /// Sends `request` on a connection of its own (a fresh client), so that it does not wait behind
    /// a request whose answer is being held back.
    func inferAlone(_ model: String, _ request: InferenceRequest) async throws -> HTTPResponse {
        let own = CurlTransport(configuration: .init(userAgent: "stockade-serve-tests/1.0"))
        let result: Result<HTTPResponse, any Error>
        do {
            result = .success(try await own.send(HTTPRequest(method: .post, url: url + "/v2/models/\(model)/infer", body: request.encoded().bytes, proxy: .direct)))
        } catch { result = .failure(error) }
        await own.shutdown()
        return try result.get()
    }

    func get(_ path: String) async throws -> HTTPResponse {
        try await client.send(HTTPRequest(url: url + path, proxy: .direct))
    }

    func post(_ path: String, body: [UInt8], headers: [(String, String)] = [("Content-Type", "application/json")]) async throws -> HTTPResponse {
        try await client.send(HTTPRequest(method: .post, url: url + path, headers: headers, body: body, proxy: .direct))
    }

    func infer(_ model: String, _ request: InferenceRequest) async throws -> HTTPResponse {
        try await post("/v2/models/\(model)/infer", body: request.encoded().bytes)
    }

    func metric(_ prefix: String) async throws -> [String] {
        let text = String(decoding: try await get("/metrics").body, as: UTF8.self)
        return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }
}

extension HTTPResponse {
    var json: JSONValue? { try? JSONValue.parse(body) }
    var errorMessage: String { json?["error"]?.stringValue ?? "" }
}

/// Asserts `actual` and `expected` agree elementwise within `tolerance` (relative above magnitude 1).
func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(a - e) <= tolerance * max(1, abs(e)), "element \(index): \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}
