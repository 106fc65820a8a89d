import Testing
@testable import Curl

@Suite("Value types")
struct UnitTests {
    @Test("the head parser skips 1xx blocks and ignores trailers")
    func headParser() throws {
        var parser = ResponseHeadParser()
        let lines = [
            "HTTP/1.1 100 Continue\r\n", "\r\n",
            "HTTP/1.1 201 Created\r\n", "Location: /x\r\n", "X-Folded: a\r\n", "  b\r\n", "set-cookie: 1\r\n",
            "Set-Cookie: 2\r\n", "\r\n",
            "X-Trailer: t\r\n", "\r\n",
        ]
        var completed: [HTTPResponseHead] = []
        for line in lines { if let head = parser.consume(line) { completed.append(head) } }
        #expect(completed.count == 1)
        let head = try #require(completed.first)
        #expect(head.status == 201)
        #expect(head.version == .http1_1)
        #expect(head.headers["LOCATION"] == "/x")
        #expect(head.headers["x-folded"] == "a b")
        #expect(head.headers.values(for: "Set-Cookie") == ["1", "2"])
        #expect(head.headers["X-Trailer"] == nil)
    }

    @Test("status lines give the protocol version", arguments: [
        ("HTTP/1.0 200 OK", HTTPVersion.http1_0), ("HTTP/1.1 200 OK", .http1_1), ("HTTP/2 200", .http2),
        ("HTTP/3 200", .http3),
    ])
    func versions(_ line: String, _ version: HTTPVersion) {
        var parser = ResponseHeadParser()
        _ = parser.consume(line + "\r\n")
        #expect(parser.consume("\r\n")?.version == version)
    }

    @Test("headers keep order and compare names case-insensitively")
    func headers() {
        var headers: HTTPHeaders = [("Accept", "a"), ("accept", "b")]
        headers.add(name: "X-One", value: "1")
        #expect(headers.count == 3)
        #expect(headers["ACCEPT"] == "a")
        #expect(headers.values(for: "Accept") == ["a", "b"])
        #expect(headers.map(\.name) == ["Accept", "accept", "X-One"])
        #expect(!headers.contains("Accep"))
    }

    @Test("curl codes are classified", arguments: [
        (28, "", TransportError.Kind.timeout, true), (7, "", .connect, true), (6, "", .dns, true),
        (5, "", .dns, true), (60, "", .tls, false), (35, "", .tls, false), (58, "", .tls, false),
        (56, "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required", .tls, false),
        (56, "Recv failure: Connection reset by peer", .other, true), (18, "", .other, true),
        (52, "", .other, true), (3, "", .other, false), (42, "", .aborted, false),
    ])
    func classification(_ code: Int, _ message: String, _ kind: TransportError.Kind, _ retryable: Bool) {
        let error = TransportError.curl(code, message: message, method: "GET", url: "https://x/")
        #expect(error.kind == kind)
        #expect(error.isRetryable == retryable)
        #expect(error.description.hasPrefix("GET https://x/: "))
    }

    @Test("durations become at least 1 ms for libcurl")
    func milliseconds() {
        #expect(Duration.zero.curlMilliseconds == 1)
        #expect(Duration.milliseconds(1500).curlMilliseconds == 1500)
        #expect(Duration.microseconds(2500).curlMilliseconds == 2)
        #expect(Duration.seconds(Int64.max / 2).curlMilliseconds == Int.max)
    }
}
