import Foundation
import Synchronization
import Testing
@testable import Curl

// nghttpd (Debian package nghttp2-server, installed by scripts/bootstrap) serves HTTP/2 over TLS.

/// An nghttpd instance with the test server certificate, serving a document root with
/// index.html ("hello h2\n") and big.bin (2 MiB of the i % 251 pattern), echoing POST/PUT bodies.
private struct H2Server: Sendable {
    let servers: TestServers
    let process: ServerProcess

    static let bigSize = 2 << 20

    private static let startup = Task { () throws -> H2Server in
        let servers = try await TestServers.shared()
        let docroot = servers.certificates.directory.appendingPathComponent("h2-docroot")
        try FileManager.default.createDirectory(at: docroot, withIntermediateDirectories: true)
        try Data("hello h2\n".utf8).write(to: docroot.appendingPathComponent("index.html"))
        try Data(pattern(bigSize)).write(to: docroot.appendingPathComponent("big.bin"))
        let process = try await ServerProcess.launch(["nghttpd", servers.certificates.directory.path, docroot.path])
        return H2Server(servers: servers, process: process)
    }

    static func shared() async throws -> H2Server { try await startup.value }

    func request(_ path: String, method: HTTPMethod = .get, body: [UInt8]? = nil) -> HTTPRequest {
        HTTPRequest(
            method: method, url: "https://localhost:\(process.ports["h2"]!)\(path)", body: body,
            timeouts: .init(connect: .seconds(10), total: .seconds(60)), tls: servers.certificates.trusted)
    }
}

@Suite("HTTP/2", .timeLimit(.minutes(2)))
struct HTTP2Tests {
    @Test("HTTP/2 is negotiated with ALPN when the server offers it")
    func negotiated() async throws {
        let server = try await H2Server.shared()
        try await withTransport { transport, _ in
            let response = try await transport.send(server.request("/index.html"))
            #expect(response.version == .http2)
            #expect(response.status == 200)
            #expect(response.text == "hello h2\n")
            #expect(response.headers["content-length"] == "9")

            let payload = Array("echo over h2".utf8)
            let echoed = try await transport.send(server.request("/upload", method: .post, body: payload))
            #expect(echoed.body == payload)
        }
    }

    @Test("concurrent requests are multiplexed onto one connection")
    func multiplexed() async throws {
        let server = try await H2Server.shared()
        try await withTransport { transport, _ in
            let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<20 { group.addTask { try await transport.send(server.request("/index.html")) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.count == 20)
            #expect(responses.allSatisfy { $0.version == .http2 && $0.status == 200 })
            #expect(responses.map(\.connectionsOpened).reduce(0, +) == 1)
        }
    }

    @Test("a paused HTTP/2 stream resumes intact, and other streams on the connection keep flowing")
    func streamBackpressure() async throws {
        let server = try await H2Server.shared()
        let (pauses, pauseContinuation) = AsyncStream.makeStream(of: Int.self)
        var configuration = CurlTransport.Configuration(userAgent: "h2", streamBufferLimit: 64 << 10)
        configuration.hooks.onPause = { pauseContinuation.yield($0) }
        try await withTransport(configuration: configuration) { transport, _ in
            let (head, body) = try await transport.stream(server.request("/big.bin"))
            #expect(head.version == .http2)
            var pauseEvents = pauses.makeAsyncIterator()
            #expect(await pauseEvents.next() != nil)
            // While the big stream is paused, the shared connection still serves requests.
            let other = try await transport.send(server.request("/index.html"))
            #expect(other.text == "hello h2\n")
            #expect(other.connectionsOpened == 0)

            var received: [UInt8] = []
            for try await chunk in body { received += chunk }
            #expect(received == pattern(H2Server.bigSize))
        }
        pauseContinuation.finish()
    }
}
