import Foundation
import Testing
@testable import Curl

@Suite("Proxies", .timeLimit(.minutes(2)))
struct ProxyTests {
    /// The test proxy tunnels only *.stockade.test names (to 127.0.0.1) and refuses others with 403.
    private func proxied(_ servers: TestServers, host: String, proxy: ProxyConfiguration) -> HTTPRequest {
        HTTPRequest(
            url: "https://\(host):\(servers.https)/echo", timeouts: .init(connect: .seconds(10), total: .seconds(30)),
            tls: servers.certificates.trusted, proxy: proxy)
    }

    @Test("an explicit proxy tunnels HTTPS with CONNECT")
    func explicitProxy() async throws {
        try await withTransport { transport, servers in
            // proxied.stockade.test does not resolve here: only the proxy can reach it.
            let proxy = ProxyConfiguration.url("http://127.0.0.1:\(servers.proxy)")
            let response = try await transport.send(proxied(servers, host: "proxied.stockade.test", proxy: proxy))
            #expect(response.status == 200)
            #expect(try Echo(response).values("Host") == ["proxied.stockade.test:\(servers.https)"])
        }
    }

    @Test("hosts in noProxy bypass the proxy; others go through it")
    func noProxy() async throws {
        try await withTransport { transport, servers in
            let bypass = ProxyConfiguration.url("http://127.0.0.1:\(servers.proxy)", noProxy: "localhost,127.0.0.1")
            try await expectStatus(await transport.send(proxied(servers, host: "127.0.0.1", proxy: bypass)), 200)

            let through = ProxyConfiguration.url("http://127.0.0.1:\(servers.proxy)")
            let error = try await #require(throws: TransportError.self) {
                try await transport.send(proxied(servers, host: "127.0.0.1", proxy: through))
            }
            #expect(error.message.contains("403"), "the proxy refused the tunnel: \(error)")
        }
    }

    @Test("direct ignores the proxy environment")
    func direct() async throws {
        try await withTransport { transport, servers in
            try await expectStatus(await transport.send(proxied(servers, host: "127.0.0.1", proxy: .direct)), 200)
        }
    }

    /// libcurl reads HTTPS_PROXY/NO_PROXY itself. Changing the environment would race with every
    /// other test in this process, so this runs only on request, alone:
    /// `CURL_TESTS_PROXY_ENV=1 swift test --filter environmentProxy`.
    @Test("HTTPS_PROXY and NO_PROXY from the environment are honoured",
          .enabled(if: ProcessInfo.processInfo.environment["CURL_TESTS_PROXY_ENV"] == "1"))
    func environmentProxy() async throws {
        let servers = try await TestServers.shared()
        setenv("HTTPS_PROXY", "http://127.0.0.1:\(servers.proxy)", 1)
        setenv("NO_PROXY", "localhost", 1)
        defer {
            unsetenv("HTTPS_PROXY")
            unsetenv("NO_PROXY")
        }
        try await withTransport { transport, servers in
            let tunnelled = try await transport.send(proxied(servers, host: "proxied.stockade.test", proxy: .environment))
            #expect(tunnelled.status == 200)
            let bypassed = try await transport.send(proxied(servers, host: "localhost", proxy: .environment))
            #expect(bypassed.status == 200)
            let refused = try await #require(throws: TransportError.self) {
                try await transport.send(proxied(servers, host: "127.0.0.1", proxy: .environment))
            }
            #expect(refused.message.contains("403"))
            try await expectStatus(await transport.send(proxied(servers, host: "127.0.0.1", proxy: .direct)), 200)
        }
    }
}
