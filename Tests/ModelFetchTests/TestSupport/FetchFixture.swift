import Crypto
import Curl
import Foundation
import Logging
import Synchronization

@testable import ModelFetch
import SeededRandom

/// A temporary directory with a document root served by fetch_server.py (http and an S3 that
/// verifies SigV4) and an empty target directory; removed when released.
final class FetchFixture: Sendable {
    static let accessKey = "AKIDTESTSTOCKADE"
    static let secretKey = "test/secret+key"
    static let sessionToken = "session-token-123"
    static let region = "eu-central-1"

    let root: URL
    let docroot: URL
    let target: URL
    let server: ServerProcess
    let transport = CurlTransport(configuration: .init(userAgent: "stockade-fetch-tests"))

    init() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-fetch-\(UUID().uuidString)")
        docroot = root.appendingPathComponent("docroot")
        target = root.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: docroot, withIntermediateDirectories: true)
        server = try await ServerProcess.launch([docroot.path, Self.accessKey, Self.secretKey, Self.sessionToken, Self.region])
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var httpBase: String { "http://127.0.0.1:\(server.ports["http"]!)" }
    var s3Endpoint: String { "http://127.0.0.1:\(server.ports["s3"]!)" }

    /// The environment of a client with the test's S3 credentials and endpoint.
    var s3Environment: [String: String] {
        [
            "AWS_ACCESS_KEY_ID": Self.accessKey, "AWS_SECRET_ACCESS_KEY": Self.secretKey,
            "AWS_SESSION_TOKEN": Self.sessionToken, "AWS_REGION": Self.region, "AWS_ENDPOINT_URL_S3": s3Endpoint,
        ]
    }

    /// Writes `size` pseudo-random bytes to `docroot/name` and returns them with their SHA-256.
    @discardableResult
    func makeFile(_ name: String, size: Int, seed: UInt64 = 1) throws -> (bytes: [UInt8], sha256: String) {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: size)
        var index = 0
        while index < size {
            var word = generator.next()
            for _ in 0..<8 where index < size {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        let url = docroot.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return (bytes, SHA256.hash(data: bytes).hexString)
    }

    /// A fetcher that records retry delays instead of sleeping.
    func fetcher(environment: [String: String] = [:]) -> ModelFetcher {
        var logger = Logger(label: "fetch-test")
        logger.logLevel = .error
        return ModelFetcher(transport: transport, environment: environment, logger: logger, sleep: { _ in })
    }

    /// The bytes of `target/name`, or nil.
    func fetched(_ name: String) -> [UInt8]? {
        (try? Data(contentsOf: target.appendingPathComponent(name))).map { [UInt8]($0) }
    }

    /// The names in the target directory (hidden partial files included).
    func targetListing() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).sorted()
    }

    /// The requests fetch_server.py logged under `key`: each one's Range and If-Range headers.
    func log(_ key: String) async throws -> [[String: String]] {
        let response = try await transport.send(HTTPRequest(url: "\(httpBase)/log?key=\(key)"))
        let entries = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return entries.map { entry in entry.compactMapValues { $0 as? String } }
    }
}

