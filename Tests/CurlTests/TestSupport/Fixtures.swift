import Foundation
import Testing
@testable import Curl

/// TLS material made by make_certs.sh (openssl CLI) in a fresh temporary directory.
struct TestCertificates: Sendable {
    let directory: URL

    static func make() async throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("curl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await runToCompletion(
            ["sh", supportDirectory.appendingPathComponent("make_certs.sh").path, directory.path],
            log: directory.appendingPathComponent("make_certs.log"))
        return TestCertificates(directory: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func pem(_ name: String) -> TLSConfiguration.PEM {
        .data(Array(FileManager.default.contents(atPath: path(name)) ?? Data()))
    }

    /// Trusts the test CA (given as PEM data).
    var trusted: TLSConfiguration { TLSConfiguration(trustRoots: pem("ca.pem")) }
}

/// The shared test_server.py process (started once per test process; see its header for endpoints).
struct TestServers: Sendable {
    let certificates: TestCertificates
    let process: ServerProcess

    var https: Int { process.ports["https"]! }
    var mtls: Int { process.ports["mtls"]! }
    var stall: Int { process.ports["stall"]! }
    var proxy: Int { process.ports["proxy"]! }
    var closed: Int { process.ports["closed"]! }

    /// `https://127.0.0.1:<https port><path>`.
    func url(_ path: String) -> String { "https://127.0.0.1:\(https)\(path)" }

    /// A request to the main HTTPS server that trusts the test CA.
    func request(
        _ path: String, method: HTTPMethod = .get, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeouts: HTTPRequest.Timeouts = .init(connect: .seconds(10), total: .seconds(30))
    ) -> HTTPRequest {
        HTTPRequest(
            method: method, url: url(path), headers: headers, body: body, timeouts: timeouts,
            tls: certificates.trusted)
    }

    private static let startup = Task { () throws -> TestServers in
        let certificates = try await TestCertificates.make()
        let process = try await ServerProcess.launch(["servers", certificates.directory.path])
        return TestServers(certificates: certificates, process: process)
    }

    /// The shared servers, started on first use.
    static func shared() async throws -> TestServers { try await startup.value }
}

/// A unique name for server-side gates and connection ids.
func uniqueName(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString)" }

/// Runs `body` with a fresh transport (bounded by `seconds`), then shuts the transport down.
func withTransport(
    seconds: Double = 60,
    configuration: CurlTransport.Configuration = CurlTransport.Configuration(userAgent: "stockade-curl-tests/1"),
    _ body: @escaping @Sendable (CurlTransport, TestServers) async throws -> Void
) async throws {
    let servers = try await TestServers.shared()
    let transport = CurlTransport(configuration: configuration)
    do {
        try await withTimeout(seconds: seconds, "test body") { try await body(transport, servers) }
    } catch {
        await transport.shutdown()
        throw error
    }
    await transport.shutdown()
}

extension HTTPResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The decoded document of the /echo endpoint.
struct Echo: Decodable {
    let method: String
    let path: String
    let headers: [[String]]
    let body: String
    let client: String?

    init(_ response: HTTPResponse) throws {
        self = try JSONDecoder().decode(Echo.self, from: Data(response.body))
    }

    var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }

    /// All values of request header `name` (case-insensitive), in order.
    func values(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }
}

/// The byte pattern served by /bytes: i % 251.
func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

/// Expects `response` (awaited here, outside an expectation macro) to have status `expected`.
func expectStatus(
    _ response: @autoclosure () async throws -> HTTPResponse, _ expected: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let status = try await response().status
    #expect(status == expected, sourceLocation: sourceLocation)
}
