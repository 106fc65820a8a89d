import Foundation
import InferenceCore
import InferenceServer
import JSON
import Testing

/// One HTTP/1.x response exactly as a ``RawConnection`` received it.
struct RawResponse {
    var statusLine: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    var status: Int { statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0 }

    /// The first value of the header `name` (case-insensitive).
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The `error` of a `{"error": ...}` body, or "".
    var errorMessage: String { (try? JSONValue.parse(body))?["error"]?.stringValue ?? "" }

    /// The complete responses at the start of `bytes`, in order (a body is framed by its
    /// Content-Length, none without one); an incomplete last response is left out.
    static func parse(_ bytes: [UInt8]) -> [RawResponse] {
        var responses: [RawResponse] = []
        var start = 0
        while let headEnd = (start..<max(start, bytes.count - 3)).first(where: { bytes[$0..<$0 + 4].elementsEqual("\r\n\r\n".utf8) }) {
            let lines = String(decoding: bytes[start..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
            let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var response = RawResponse(statusLine: lines[0], headers: headers, body: [])
            let bodyStart = headEnd + 4
            let length = response.header("Content-Length").flatMap { Int($0) } ?? 0
            guard bytes.count - bodyStart >= length else { break }
            response.body = Array(bytes[bodyStart..<bodyStart + length])
            responses.append(response)
            start = bodyStart + length
        }
        return responses
    }
}

/// The contracts of `HTTP1Handler` (see its doc comment), checked on the wire: raw bytes over real
/// TCP to an in-process server on 127.0.0.1 serving `mlp` (body limit 1 MiB).
@Suite("HTTP/1.1 connection handling", .timeLimit(.minutes(2)))
struct HTTP1ConnectionTests {
    static let limit = 1 << 20  // TestServer.configuration's maxBodyBytes
    static let inferPath = "/v2/models/mlp/infer"

    /// A valid inference request body for `mlp` and its id (echoed as the response's `id`).
    static func validBody() throws -> (bytes: [UInt8], id: String) {
        let c = try #require(try ExpectedOutputs.cases(for: "mlp").first)
        return (c.request.encoded().bytes, c.name)
    }

    /// A request in HTTP/1.x wire form: the request line, `Host`, `headers` (each `Name: value`), a
    /// blank line, then `body`.
    static func request(_ method: String, _ target: String, version: String = "HTTP/1.1", _ headers: [String] = [], body: [UInt8] = []) -> [UInt8] {
        Array("\(method) \(target) \(version)\r\nHost: test\r\n\(headers.map { $0 + "\r\n" }.joined())\r\n".utf8) + body
    }

    /// An inference POST of `body` (with its Content-Length) to `mlp`.
    static func infer(_ body: [UInt8], version: String = "HTTP/1.1", _ headers: [String] = []) -> [UInt8] {
        request("POST", inferPath, version: version, ["Content-Type: application/json", "Content-Length: \(body.count)"] + headers, body: body)
    }

    /// Waits (bounded) until `client` has received `count` complete responses; returns all received.
    static func responses(_ client: RawConnection, count: Int) async throws -> [RawResponse] {
        try await ClientDisconnectTests.eventually("\(count) response(s); got \(client.text.debugDescription)") {
            RawResponse.parse(Array(client.text.utf8)).count >= count
        }
        return RawResponse.parse(Array(client.text.utf8))
    }

    /// Waits (bounded) for the one answer on `client`, checks its status line and `Connection: close`,
    /// then waits for the server to close the connection; returns the answer.
    static func closingAnswer(_ client: RawConnection, _ statusLine: String) async throws -> RawResponse {
        let answer = try #require(try await responses(client, count: 1).first)
        #expect(answer.statusLine == statusLine)
        #expect(answer.header("Connection") == "close")
        try await serverCloses(client)
        return answer
    }

    /// Waits (bounded) until the server has closed `client`'s connection.
    static func serverCloses(_ client: RawConnection) async throws {
        try await ClientDisconnectTests.eventually("the server to close the connection") { !client.isActive }
    }

    @Test("Expect: 100-continue gets `100 Continue` before the body is sent, then the answer once it is")
    func expectContinue() async throws {
        let (body, id) = try Self.validBody()
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            let head = Self.request("POST", Self.inferPath, ["Content-Type: application/json", "Content-Length: \(body.count)", "Expect: 100-continue"])
            try await client.send(head)
            try await ClientDisconnectTests.eventually("the interim answer") { client.text.contains("\r\n\r\n") }
            #expect(client.text == "HTTP/1.1 100 Continue\r\n\r\n")
            try await client.send(body)
            let responses = try await Self.responses(client, count: 2)
            #expect(responses.map(\.status) == [100, 200])
            #expect(try InferenceResponse.decode(body: responses[1].body).id == id)
            #expect(client.isActive)
        }
    }

    @Test("Expect: 100-continue answered from the head (404 for an unknown model): Connection: close, no 100, and the server closes")
    func expectContinueAnsweredFromTheHead() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("POST", "/v2/models/nope/infer", ["Content-Type: application/json", "Content-Length: 100", "Expect: 100-continue"]))
            let answer = try await Self.closingAnswer(client, "HTTP/1.1 404 Not Found")
            #expect(answer.errorMessage.contains("unknown model 'nope'"))
        }
    }

    @Test("HTTP/1.0 with Expect: 100-continue: no interim answer (RFC 9110 10.1.1), the request is answered once its body arrives")
    func expectContinueIgnoredOnHTTP10() async throws {
        let (body, id) = try Self.validBody()
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            // Head and body in two writes; were a 100 sent, it would precede the 200 in the bytes.
            try await client.send(Self.request("POST", Self.inferPath, version: "HTTP/1.0",
                                               ["Content-Type: application/json", "Content-Length: \(body.count)", "Expect: 100-continue"]))
            try await client.send(body)
            let responses = try await Self.responses(client, count: 1)
            #expect(responses.map(\.statusLine) == ["HTTP/1.0 200 OK"])
            #expect(try InferenceResponse.decode(body: responses[0].body).id == id)
        }
    }

    @Test("a chunked body with broken framing gets 400 naming the parse error, and the connection closes")
    func malformedChunkedBody() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("POST", Self.inferPath, ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
            try await client.send(Array("4\r\n{\"a\"\r\nnot-a-chunk-size\r\n".utf8))
            let answer = try await Self.closingAnswer(client, "HTTP/1.1 400 Bad Request")
            #expect(answer.errorMessage.hasPrefix("malformed HTTP request body: "), "\(answer)")
        }
    }

    @Test("pipelined requests followed by a half-close are all answered in order, then the server closes")
    func pipelinedThenHalfClosed() async throws {
        let (body, id) = try Self.validBody()
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.infer(body) + Self.request("GET", "/v2/health/live") + Self.infer(body) + Self.request("GET", "/nowhere"))
            try await client.halfClose()
            let responses = try await Self.responses(client, count: 4)
            #expect(responses.map(\.status) == [200, 200, 200, 404])
            #expect(try InferenceResponse.decode(body: responses[0].body).id == id)
            #expect(String(decoding: responses[1].body, as: UTF8.self) == #"{"live":true}"#)
            #expect(try InferenceResponse.decode(body: responses[2].body).id == id)
            // The last answer says `Connection: close` only when the half-close arrived before it was
            // written; either way the server closes once everything is answered.
            try await Self.serverCloses(client)
        }
    }

    @Test("HEAD is answered as GET would be, without the body; the next request on the socket is answered normally")
    func headRequest() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("HEAD", "/v2/health/live") + Self.request("GET", "/v2/health/live"))
            try await ClientDisconnectTests.eventually("both answers") { client.text.components(separatedBy: "HTTP/1.1 200 OK").count == 3 }
            let answers = client.text.components(separatedBy: "HTTP/1.1 200 OK").dropFirst().map { $0 }
            #expect(answers[0].contains("Content-Length: 13\r\n") && answers[0].hasSuffix("\r\n\r\n"), "HEAD: headers only, \(answers[0].debugDescription)")
            #expect(answers[1].hasSuffix(#"{"live":true}"#))
        }
    }

    @Test("a chunked body that grows past the limit gets 413 naming the limit, Connection: close, and the server closes")
    func chunkedBodyOverTheLimit() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("POST", Self.inferPath, ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
            let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 64 * 1024)
            for _ in 0..<(Self.limit / chunk.count) {  // exactly the limit
                try await client.send(Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + Array("\r\n".utf8))
            }
            // One byte more. The chunk stays unterminated, so the server has read all that was sent
            // when it answers (its close cannot turn into a reset that loses the answer).
            try await client.send(Array("1\r\n ".utf8))
            let answer = try await Self.closingAnswer(client, "HTTP/1.1 413 Payload Too Large")
            #expect(answer.errorMessage.contains("limit of \(Self.limit) bytes"))
        }
    }

    @Test("an announced Content-Length over the limit gets 413 at once, without 100 Continue, and the server closes")
    func announcedLengthOverTheLimit() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request(
                "POST", Self.inferPath, ["Content-Type: application/json", "Content-Length: \(Self.limit + 1)", "Expect: 100-continue"]))
            let answer = try await Self.closingAnswer(client, "HTTP/1.1 413 Payload Too Large")  // no body byte was sent
            #expect(answer.errorMessage.contains("limit of \(Self.limit) bytes"))
        }
    }

    @Test("a client that sends all of a refused body before reading gets its 413: the server lingers instead of resetting the connection")
    func refusedBodyStillBeingSent() async throws {
        try await TestServer.with(model: "mlp") { s in
            // This client reads nothing until its whole request is written. Were the server to close
            // with the body unread, the connection would be reset: the write fails and the 413 is lost.
            let client = try await RawConnection.connect(s.url, autoRead: false)
            try await client.send(Self.infer([UInt8](repeating: UInt8(ascii: " "), count: 8 * Self.limit)))
            client.read()
            let answers = try await Self.responses(client, count: 1)
            #expect(answers.map(\.statusLine) == ["HTTP/1.1 413 Payload Too Large"])
            #expect(answers.first?.header("Connection") == "close")
            try await client.close()
        }
    }

    @Test("Connection: close on a request: the answer says so and the server closes")
    func connectionClose() async throws {
        let (body, _) = try Self.validBody()
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.infer(body, ["Connection: close"]))
            _ = try await Self.closingAnswer(client, "HTTP/1.1 200 OK")
        }
    }

    @Test("HTTP/1.0 without keep-alive: the server closes after the answer")
    func http10Closes() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("GET", "/v2/health/live", version: "HTTP/1.0"))
            _ = try await Self.closingAnswer(client, "HTTP/1.0 200 OK")
        }
    }

    @Test("HTTP/1.0 with Connection: keep-alive: the answer says keep-alive and the next request on the socket is answered")
    func http10KeepAlive() async throws {
        let (body, id) = try Self.validBody()
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("GET", "/v2/health/live", version: "HTTP/1.0", ["Connection: keep-alive"]))
            let first = try await Self.responses(client, count: 1)
            #expect(first.map(\.statusLine) == ["HTTP/1.0 200 OK"])
            #expect(first.first?.header("Connection") == "keep-alive")
            try await client.send(Self.infer(body, version: "HTTP/1.0", ["Connection: keep-alive"]))
            let both = try await Self.responses(client, count: 2)
            #expect(both.map(\.statusLine) == ["HTTP/1.0 200 OK", "HTTP/1.0 200 OK"])
            #expect(both.last?.header("Connection") == "keep-alive")
            #expect(try InferenceResponse.decode(body: both[1].body).id == id)
            #expect(client.isActive)
        }
    }

    @Test("a malformed request gets a JSON 400 and its connection closes; other connections are still served")
    func malformedRequest() async throws {
        try await TestServer.with(model: "mlp") { s in
            let other = try await RawConnection.connect(s.url)
            try await other.send(Self.request("GET", "/v2/health/live"))
            _ = try await Self.responses(other, count: 1)

            let bad = try await RawConnection.connect(s.url)
            try await bad.send(Array("GARBAGE\r\n\r\n".utf8))
            let answer = try await Self.closingAnswer(bad, "HTTP/1.1 400 Bad Request")
            #expect(answer.errorMessage.hasPrefix("malformed HTTP request: "))

            try await other.send(Self.request("GET", "/v2/health/ready"))
            #expect(try await Self.responses(other, count: 2).map(\.status) == [200, 200])
            #expect(try await s.get("/v2/health/live").status == 200)
        }
    }

    @Test("a client that leaves mid-body ends its request: 499 counted, in-flight back to 0, the server keeps serving")
    func clientLeavesMidBody() async throws {
        let (body, _) = try Self.validBody()
        let inFlight = { (n: Int) in "stockade_inference_in_flight{model=\"mlp\",version=\"1\"} \(n)" }
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Array(Self.infer(body).dropLast(body.count / 2)))
            try await ClientDisconnectTests.eventually("the request to be in flight") {
                try await s.metric("stockade_inference_in_flight{") == [inFlight(1)]
            }
            try await client.close()
            try await ClientDisconnectTests.eventually("the 499 to be counted and in-flight to drop to 0") {
                let codes = try await s.metric("stockade_inference_requests_total{")
                let gauge = try await s.metric("stockade_inference_in_flight{")
                return codes == ["stockade_inference_requests_total{model=\"mlp\",version=\"1\",code=\"499\"} 1"] && gauge == [inFlight(0)]
            }
            #expect(try await s.infer("mlp", try ExpectedOutputs.cases(for: "mlp")[0].request).status == 200)
        }
    }

    /// What each kind of answer is asked by, given the request id to send (nil: none).
    static let answers: [(status: Int, request: @Sendable (String?) throws -> [UInt8])] = [
        (200, { id in infer(try validBody().bytes, id.map { ["X-Request-Id: \($0)"] } ?? []) }),
        (404, { id in request("GET", "/v2/nope", id.map { ["X-Request-Id: \($0)"] } ?? []) }),
        (400, { id in infer(Array("{".utf8), id.map { ["X-Request-Id: \($0)"] } ?? []) }),
        (413, { id in request("POST", inferPath, ["Content-Length: \(limit + 1)"] + (id.map { ["X-Request-Id: \($0)"] } ?? [])) }),
    ]

    @Test("every answer (200, 404, 400, 413) carries X-Request-Id: the client's echoed, else a generated one",
          arguments: answers.indices)
    func requestIDs(answer: Int) async throws {
        let (status, request) = Self.answers[answer]
        try await TestServer.with(model: "mlp") { s in
            for id in ["rid-\(status)", nil] {
                let client = try await RawConnection.connect(s.url)
                try await client.send(try request(id))
                let response = try #require(try await Self.responses(client, count: 1).first)
                #expect(response.status == status)
                let echoed = try #require(response.header("X-Request-Id"), "\(response.statusLine) without X-Request-Id")
                if let id {
                    #expect(echoed == id)
                } else {
                    #expect(echoed.count == 32 && echoed.allSatisfy(\.isHexDigit), "\(echoed)")
                }
                try? await client.close()  // the 413 closed it already
            }
        }
    }

    @Test("a GET with a query string is routed by its path")
    func queryString() async throws {
        try await TestServer.with(model: "mlp") { s in
            let client = try await RawConnection.connect(s.url)
            try await client.send(Self.request("GET", "/v2/health/ready?x=1"))
            try await client.send(Self.request("GET", "/v2/models/mlp/ready?x=1&y=/2"))
            let responses = try await Self.responses(client, count: 2)
            #expect(responses.map(\.status) == [200, 200])
            #expect(try JSONValue.parse(responses[0].body)["ready"] == .bool(true))
            #expect(try JSONValue.parse(responses[1].body)["name"] == .string("mlp"))
        }
    }
}
