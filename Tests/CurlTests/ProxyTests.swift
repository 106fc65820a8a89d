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
}
