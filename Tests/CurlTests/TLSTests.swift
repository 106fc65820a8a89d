import Testing
@testable import Curl

@Suite("TLS", .timeLimit(.minutes(2)))
struct TLSTests {
    private func request(_ servers: TestServers, port: Int? = nil, host: String = "127.0.0.1", tls: TLSConfiguration) -> HTTPRequest {
        HTTPRequest(
            url: "https://\(host):\(port ?? servers.https)/echo",
            timeouts: .init(connect: .seconds(10), total: .seconds(30)), tls: tls)
    }

    @Test("the server verifies against the right CA, given as PEM data or as a file")
    func rightCA() async throws {
        try await withTransport { transport, servers in
            let certs = servers.certificates
            let asData = try await transport.send(request(servers, tls: certs.trusted))
            #expect(asData.status == 200)
            let asFile = try await transport.send(request(servers, host: "localhost", tls: TLSConfiguration(trustRoots: .file(certs.path("ca.pem")))))
            #expect(asFile.status == 200)
        }
    }

    @Test("the wrong CA, or the system store, fails verification with a clear TLS error")
    func wrongCA() async throws {
        try await withTransport { transport, servers in
            let certs = servers.certificates
            for tls in [TLSConfiguration(trustRoots: certs.pem("other-ca.pem")), TLSConfiguration()] {
                let error = try await #require(throws: TransportError.self) {
                    try await transport.send(request(servers, tls: tls))
                }
                #expect(error.kind == .tls)
                #expect(error.curlCode == 60)
                #expect(error.message.contains("certificate"), "\(error.message)")
                #expect(!error.isRetryable)
                #expect(error.url == servers.url("/echo"))
            }
        }
    }

    @Test("insecureSkipVerify accepts an untrusted server")
    func insecure() async throws {
        try await withTransport { transport, servers in
            let tls = TLSConfiguration(trustRoots: servers.certificates.pem("other-ca.pem"), insecureSkipVerify: true)
            #expect(tls.insecureSkipVerify)
            let response = try await transport.send(request(servers, tls: tls))
            #expect(response.status == 200)
        }
    }

    @Test("serverName overrides the name verified (and sent) while connecting to the URL's host")
    func serverNameOverride() async throws {
        try await withTransport { transport, servers in
            var tls = servers.certificates.trusted
            tls.serverName = "api.stockade.test"  // in the certificate; does not resolve
            let response = try await transport.send(request(servers, tls: tls))
            #expect(response.status == 200)
            #expect(try Echo(response).values("Host") == ["api.stockade.test:\(servers.https)"])

            tls.serverName = "other.stockade.test"  // not in the certificate
            let error = try await #require(throws: TransportError.self) {
                try await transport.send(request(servers, tls: tls))
            }
            #expect(error.kind == .tls)
        }
    }

    @Test("a client certificate from the CA is accepted, as PEM data or files")
    func clientCertificate() async throws {
        try await withTransport { transport, servers in
            let certs = servers.certificates
            var tls = certs.trusted
            tls.clientCertificate = certs.pem("client.pem")
            tls.clientKey = certs.pem("client-key.pem")
            let inline = try await transport.send(request(servers, port: servers.mtls, tls: tls))
            #expect(inline.status == 200)
            #expect(try Echo(inline).client == "stockade-test-client")

            tls.clientCertificate = .file(certs.path("client.pem"))
            tls.clientKey = .file(certs.path("client-key.pem"))
            let files = try await transport.send(request(servers, port: servers.mtls, tls: tls))
            #expect(try Echo(files).client == "stockade-test-client")
        }
    }

    @Test("a missing or foreign client certificate is rejected as a TLS error")
    func clientCertificateRejected() async throws {
        try await withTransport { transport, servers in
            let certs = servers.certificates
            var foreign = certs.trusted
            foreign.clientCertificate = certs.pem("other-client.pem")
            foreign.clientKey = certs.pem("other-client-key.pem")
            for tls in [certs.trusted, foreign] {
                let error = try await #require(throws: TransportError.self) {
                    try await transport.send(request(servers, port: servers.mtls, tls: tls))
                }
                #expect(error.kind == .tls, "\(error)")
                #expect(!error.isRetryable)
            }
        }
    }

    @Test("unreadable TLS material is a TLS error")
    func badMaterial() async throws {
        try await withTransport { transport, servers in
            let tls = TLSConfiguration(trustRoots: .file("/nonexistent/ca.pem"))
            let error = try await #require(throws: TransportError.self) {
                try await transport.send(request(servers, tls: tls))
            }
            #expect(error.kind == .tls, "\(error)")
        }
    }
}
