import Foundation
import JSON
import KubeClient
import KubeCore
import Testing

@Suite struct RetryAndFailureTests {
    static let configMap = #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"default","resourceVersion":"3"}}"#
    static func status(_ code: Int, _ reason: String) -> String {
        #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"\#(reason) now","reason":"\#(reason)","code":\#(code)}"#
    }

    func client(_ server: FakeHTTPServer, configure: (inout ClientConfiguration) -> Void = { _ in }) -> KubeClient {
        var configuration = ClientConfiguration(server: server.url, authentication: .token("t"))
        configuration.proxy = .direct
        configuration.retry = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10), maxBackoff: .seconds(2))
        configure(&configuration)
        return KubeClient(configuration: configuration)
    }

    @Test func tooManyRequestsIsRetriedAfterRetryAfter() async throws {
        let server = try FakeHTTPServer([
            .respond(status: 429, headers: [("Retry-After", "1")], body: Self.status(429, "TooManyRequests")),
            .respond(status: 200, body: Self.configMap),
        ])
        let started = ContinuousClock.now
        let object = try await client(server).get(.configMaps, name: "a")
        #expect(object[path: ["metadata", "name"]] == "a")
        #expect(server.requests.count == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(900))
    }

    @Test func serverErrorsAreRetriedForGetWithinTheAttemptBudget() async throws {
        let server = try FakeHTTPServer([.respond(status: 503, body: Self.status(503, "ServiceUnavailable"))])
        let error = await #expect(throws: KubeAPIError.self) { _ = try await client(server).get(.configMaps, name: "a") }
        #expect(error?.kind == .serverError)
        #expect(error?.httpStatus == 503)
        #expect(server.requests.count == 3)
    }

    @Test func nonIdempotentCreateIsNotRetriedAfter5xxButIsAfter429() async throws {
        let failing = try FakeHTTPServer([.respond(status: 500, body: Self.status(500, "InternalError"))])
        await #expect(throws: KubeAPIError.self) {
            _ = try await client(failing).create(.configMaps, object: ["metadata": ["name": "a"]])
        }
        #expect(failing.requests.count == 1)

        let throttled = try FakeHTTPServer([
            .respond(status: 429, headers: [("Retry-After", "0")], body: Self.status(429, "TooManyRequests")),
            .respond(status: 201, body: Self.configMap),
        ])
        _ = try await client(throttled).create(.configMaps, object: ["metadata": ["name": "a"]])
        #expect(throttled.requests.map { $0.hasPrefix("POST ") } == [true, true])
    }

    @Test func stalledServerGivesATimeoutError() async throws {
        let server = try FakeHTTPServer([.stall])
        let client = client(server) {
            $0.timeouts = .init(connect: .seconds(5), total: .milliseconds(500))
            $0.retry = RetryPolicy(maxAttempts: 1)
        }
        let error = await #expect(throws: KubeAPIError.self) { _ = try await client.get(.configMaps, name: "a") }
        #expect(error?.kind == .transport(curlCode: 28, retryable: true))
    }

    @Test(.timeLimit(.minutes(1))) func watchCutMidStreamResumesFromTheLastResourceVersion() async throws {
        let event = { (name: String, rv: String) in
            #"{"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"\#(name)","resourceVersion":"\#(rv)"}}}"# + "\n"
        }
        let server = try FakeHTTPServer([
            .chunkedThenClose(event("a", "5")),
            .respond(status: 200, body: event("b", "6")),
            .respond(status: 200, body: #"{"type":"ERROR","object":"# + Self.status(410, "Expired") + "}\n"),
        ])
        var events = client(server).watch(.configMaps, options: WatchOptions(resourceVersion: "4")).makeAsyncIterator()
        #expect(try await events.next()?.object[path: ["metadata", "name"]] == "a")
        #expect(try await events.next()?.object[path: ["metadata", "name"]] == "b")
        let error = await #expect(throws: KubeAPIError.self) { _ = try await events.next() }
        #expect(error?.kind == .expired)
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests[0].contains("resourceVersion=4"))
        #expect(requests[1].contains("resourceVersion=5"))
        #expect(requests[2].contains("resourceVersion=6"))
        #expect(events.connections == 3)
    }
}
