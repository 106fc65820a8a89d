import Testing
@testable import Curl

@Suite("Transport errors", .timeLimit(.minutes(2)))
struct ErrorTests {
    @Test("a refused connection is a retryable connect error")
    func refused() async throws {
        try await withTransport { transport, servers in
            let error = try await #require(throws: TransportError.self) {
                try await transport.send(HTTPRequest(url: "https://127.0.0.1:\(servers.closed)/", tls: servers.certificates.trusted))
            }
            #expect(error.kind == .connect)
            #expect(error.curlCode == 7)
            #expect(error.isRetryable)
            #expect(error.method == "GET")
        }
    }

    @Test("an unresolvable host is a DNS error")
    func dns() async throws {
        try await withTransport { transport, _ in
            let error = try await #require(throws: TransportError.self) {
                try await transport.send(HTTPRequest(url: "https://no-such-host.invalid/", timeouts: .init(connect: .seconds(20))))
            }
            #expect(error.kind == .dns, "\(error)")
            #expect(error.curlCode == 6)
        }
    }

    @Test("a stalled TLS handshake hits the connect timeout")
    func connectTimeout() async throws {
        try await withTransport { transport, servers in
            let request = HTTPRequest(
                url: "https://127.0.0.1:\(servers.stall)/", timeouts: .init(connect: .milliseconds(300)),
                tls: servers.certificates.trusted)
            let error = try await #require(throws: TransportError.self) { try await transport.send(request) }
            #expect(error.kind == .timeout, "\(error)")
            #expect(error.curlCode == 28)
            #expect(error.isRetryable)
        }
    }

    @Test("slow and stalled responses hit the total timeout", arguments: ["/slow?ms=5000", "/stall?id=timeout"])
    func totalTimeout(_ path: String) async throws {
        try await withTransport { transport, servers in
            let request = servers.request(path, timeouts: .init(connect: .seconds(10), total: .milliseconds(300)))
            let error = try await #require(throws: TransportError.self) { try await transport.send(request) }
            #expect(error.kind == .timeout, "\(error)")
            #expect(error.curlCode == 28)
        }
    }

    @Test("a malformed URL is a terminal error")
    func malformedURL() async throws {
        try await withTransport { transport, _ in
            for url in ["ht tp://bad", "https://[::1/"] {
                let error = try await #require(throws: TransportError.self) { try await transport.send(HTTPRequest(url: url)) }
                #expect(error.kind == .other, "\(error)")
                #expect(!error.isRetryable)
            }
            let withServerName = HTTPRequest(url: "https://[::1/", tls: TLSConfiguration(serverName: "x.test"))
            let error = try await #require(throws: TransportError.self) { try await transport.send(withServerName) }
            #expect(error.curlCode == 3, "\(error)")
        }
    }

    @Test("cancelling the task aborts a request promptly and closes its connection")
    func cancelSend() async throws {
        try await withTransport { transport, servers in
            let id = uniqueName("cancel-send")
            let pending = Task { try await transport.send(servers.request("/stall?id=\(id)")) }
            // Cancel only once the server holds the request.
            try await expectStatus(await transport.send(servers.request("/gate-wait?gate=stall-\(id)&count=1")), 200)
            pending.cancel()
            let result = await pending.result
            #expect(throws: TransportError.self) { try result.get() }
            if case .failure(let error as TransportError) = result {
                #expect(error.kind == .aborted)
                #expect(!error.isRetryable)
            }
            try await expectStatus(await transport.send(servers.request("/closed?id=\(id)")), 200)
        }
    }

    @Test("a task cancelled before sending fails as aborted")
    func cancelledBeforeSend() async throws {
        try await withTransport { transport, servers in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(servers.request("/status/200"))
            }
            let result = await task.result
            if case .failure(let error as TransportError) = result {
                #expect(error.kind == .aborted)
            } else {
                Issue.record("expected an aborted error, got \(result)")
            }
        }
    }

    @Test("shutdown fails pending requests and open streams; later requests fail at once")
    func shutdown() async throws {
        let servers = try await TestServers.shared()
        let transport = CurlTransport(configuration: .init(userAgent: "shutdown-test"))
        let id = uniqueName("shutdown")
        let pending = Task { try await transport.send(servers.request("/stall?id=\(id)")) }
        let (_, body) = try await transport.stream(servers.request("/infinite?id=\(id)-stream"))
        try await expectStatus(await transport.send(servers.request("/gate-wait?gate=stall-\(id)&count=1")), 200)

        try await withTimeout(seconds: 30, "shutdown") { await transport.shutdown() }
        let result = await pending.result
        if case .failure(let error as TransportError) = result {
            #expect(error.kind == .aborted)
        } else {
            Issue.record("expected an aborted error, got \(result)")
        }
        await #expect(throws: TransportError.self) {
            for try await _ in body {}
        }
        let later = try await #require(throws: TransportError.self) { try await transport.send(servers.request("/status/200")) }
        #expect(later.kind == .aborted)
        await transport.shutdown()  // idempotent

        let checker = CurlTransport(configuration: .init(userAgent: "checker"))
        try await expectStatus(await checker.send(servers.request("/closed?id=\(id)")), 200)
        try await expectStatus(await checker.send(servers.request("/closed?id=\(id)-stream")), 200)
        await checker.shutdown()
    }

    @Test("releasing the transport shuts it down: its open streams fail as aborted")
    func releaseShutsDown() async throws {
        let servers = try await TestServers.shared()
        let id = uniqueName("release")
        var body: AsyncThrowingStream<[UInt8], any Error>?
        do {
            let transport = CurlTransport(configuration: .init(userAgent: "release-test"))
            body = try await transport.stream(servers.request("/infinite?id=\(id)")).body
        }
        let stream = try #require(body)
        let error = try await #require(throws: TransportError.self) {
            try await withTimeout(seconds: 30, "draining") { for try await _ in stream {} }
        }
        #expect(error.kind == .aborted)
        let checker = CurlTransport(configuration: .init(userAgent: "checker"))
        try await expectStatus(await checker.send(servers.request("/closed?id=\(id)")), 200)
        await checker.shutdown()
    }
}
