import Testing
@testable import Curl

@Suite("Requests and responses", .timeLimit(.minutes(2)))
struct RequestTests {
    @Test("every method carries its body", arguments: [
        HTTPMethod.get, .post, .put, .patch, .delete, .options, HTTPMethod(rawValue: "PROPFIND"),
    ])
    func methodWithBody(_ method: HTTPMethod) async throws {
        try await withTransport { transport, servers in
            let payload = Array("payload for \(method)".utf8)
            let response = try await transport.send(servers.request("/echo?x=1", method: method, body: payload))
            #expect(response.status == 200)
            let echo = try Echo(response)
            #expect(echo.method == method.rawValue)
            #expect(echo.path == "/echo?x=1")
            #expect(echo.bodyBytes == payload)
            #expect(echo.values("Content-Length") == ["\(payload.count)"])
            #expect(echo.values("Content-Type").isEmpty, "no invented form content type")
            #expect(echo.values("Expect").isEmpty)
        }
    }

    @Test("POST, PUT and PATCH without a body send Content-Length 0; GET sends none")
    func emptyBodies() async throws {
        try await withTransport { transport, servers in
            for method in [HTTPMethod.post, .put, .patch] {
                let echo = try Echo(try await transport.send(servers.request("/echo", method: method)))
                #expect(echo.method == method.rawValue)
                #expect(echo.values("Content-Length") == ["0"])
                #expect(echo.bodyBytes.isEmpty)
            }
            let echo = try Echo(try await transport.send(servers.request("/echo")))
            #expect(echo.method == "GET")
            #expect(echo.values("Content-Length").isEmpty)
        }
    }

    @Test("HEAD returns the head without a body")
    func head() async throws {
        try await withTransport { transport, servers in
            let response = try await transport.send(servers.request("/status/200", method: .head))
            #expect(response.status == 200)
            #expect(response.headers["content-length"] == "10")
            #expect(response.body.isEmpty)
        }
    }

    @Test("request headers round-trip; response headers are case-insensitive and multi-valued")
    func headerRoundTrip() async throws {
        try await withTransport { transport, servers in
            let sent = [
                ("X-Single", "one value"), ("X-Repeated", "first"), ("X-Repeated", "second"),
                ("X-Empty", ""), ("Content-Type", "application/json"),
            ]
            let echo = try Echo(try await transport.send(servers.request("/echo", method: .post, headers: sent, body: [])))
            #expect(echo.values("x-single") == ["one value"])
            #expect(echo.values("X-Repeated") == ["first", "second"])
            #expect(echo.values("X-Empty") == [""])
            #expect(echo.values("Content-Type") == ["application/json"])
            #expect(echo.values("User-Agent") == ["stockade-curl-tests/1"])

            let custom = try Echo(try await transport.send(servers.request("/echo", headers: [("User-Agent", "custom/2")])))
            #expect(custom.values("User-Agent") == ["custom/2"])

            let response = try await transport.send(servers.request("/headers"))
            #expect(response.headers["x-multi"] == "one")
            #expect(response.headers.values(for: "X-MULTI") == ["one", "two"])
            #expect(response.headers.values(for: "set-cookie") == ["a=1", "b=2"])
            #expect(response.headers["mixed-case-header"] == "Value")
            #expect(response.headers["MIXED-CASE-HEADER"] == "Value")
            #expect(response.headers.contains("Content-Length"))
            #expect(!response.headers.contains("X-Absent"))
            #expect(response.headers["X-Absent"] == nil)
        }
    }

    @Test("status codes are responses, not errors", arguments: [200, 201, 204, 301, 400, 404, 409, 500, 503])
    func statusCodes(_ code: Int) async throws {
        try await withTransport { transport, servers in
            let response = try await transport.send(servers.request("/status/\(code)"))
            #expect(response.status == code)
            #expect(response.version == .http1_1)
            #expect(response.text == (code == 204 ? "" : "status \(code)"))
        }
    }

    @Test("429 carries Retry-After")
    func retryAfter() async throws {
        try await withTransport { transport, servers in
            let response = try await transport.send(servers.request("/retry"))
            #expect(response.status == 429)
            #expect(response.headers["retry-after"] == "7")
            #expect(response.text == "slow down")
        }
    }

    @Test("8 MiB bodies upload and download intact")
    func largeBodies() async throws {
        try await withTransport { transport, servers in
            let size = 8 << 20
            let upload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let echoed = try await transport.send(servers.request("/raw", method: .put, body: upload))
            #expect(echoed.status == 200)
            #expect(echoed.body.count == size)
            #expect(echoed.body == upload)

            let download = try await transport.send(servers.request("/bytes?n=\(size)"))
            #expect(download.body.count == size)
            #expect(download.body == pattern(size))
        }
    }

    @Test("HTTP/1.1 connections are kept alive and reused")
    func keepAlive() async throws {
        try await withTransport { transport, servers in
            let first = try await transport.send(servers.request("/status/200"))
            let second = try await transport.send(servers.request("/status/200"))
            #expect(first.connectionsOpened == 1)
            #expect(second.connectionsOpened == 0)
            #expect(second.version == .http1_1)
        }
    }
}
