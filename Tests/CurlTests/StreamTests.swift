import Synchronization
import Testing
@testable import Curl

@Suite("Streaming responses", .timeLimit(.minutes(2)))
struct StreamTests {
    @Test("body bytes arrive as sent: the first line before the server can finish")
    func incremental() async throws {
        try await withTransport { transport, servers in
            let gate = uniqueName("incremental")
            let (head, body) = try await transport.stream(servers.request("/stream?lines=4&gate=\(gate)"))
            #expect(head.status == 200)
            #expect(head.version == .http1_1)
            #expect(head.headers["transfer-encoding"] == "chunked")
            var iterator = body.makeAsyncIterator()
            // The server holds lines 1... until the gate opens, which happens only after this.
            let first = try #require(try await iterator.next())
            #expect(String(decoding: first, as: UTF8.self) == "line 0\n")
            try await expectStatus(await transport.send(servers.request("/release?gate=\(gate)")), 200)
            var rest: [UInt8] = []
            while let chunk = try await iterator.next() { rest += chunk }
            #expect(String(decoding: rest, as: UTF8.self) == "line 1\nline 2\nline 3\n")
            #expect(try await iterator.next() == nil)
        }
    }

    @Test("a chunked body cut off midway ends the stream with a retryable error")
    func cutOff() async throws {
        try await withTransport { transport, servers in
            let (_, body) = try await transport.stream(servers.request("/stream?lines=5&close_after=2"))
            var received: [UInt8] = []
            let error = try await #require(throws: TransportError.self) {
                for try await chunk in body { received += chunk }
            }
            #expect(String(decoding: received, as: UTF8.self) == "line 0\nline 1\n")
            #expect(error.curlCode == 18, "\(error)")
            #expect(error.isRetryable)
        }
    }

    @Test("a close-delimited body ends cleanly when the server closes")
    func closeDelimited() async throws {
        try await withTransport { transport, servers in
            let (head, body) = try await transport.stream(servers.request("/close-delimited?lines=3"))
            #expect(head.status == 200)
            var received: [UInt8] = []
            for try await chunk in body { received += chunk }
            #expect(String(decoding: received, as: UTF8.self) == "line 0\nline 1\nline 2\n")
        }
    }

    @Test("an error status streams its body")
    func errorStatus() async throws {
        try await withTransport { transport, servers in
            let (head, body) = try await transport.stream(servers.request("/status/404"))
            #expect(head.status == 404)
            var received: [UInt8] = []
            for try await chunk in body { received += chunk }
            #expect(String(decoding: received, as: UTF8.self) == "status 404")
        }
    }

    @Test("a failure before the head throws from stream()")
    func failureBeforeHead() async throws {
        try await withTransport { transport, servers in
            let error = try await #require(throws: TransportError.self) {
                try await transport.stream(HTTPRequest(url: "https://127.0.0.1:\(servers.closed)/", tls: servers.certificates.trusted))
            }
            #expect(error.kind == .connect)
        }
    }

    @Test("cancelling the consuming task ends its stream and aborts the transfer")
    func cancelConsumer() async throws {
        try await withTransport { transport, servers in
            let id = uniqueName("cancel-stream")
            let (_, body) = try await transport.stream(servers.request("/infinite?id=\(id)"))
            let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                var chunks = 0
                for try await _ in body {
                    chunks += 1
                    if chunks == 1 { startedContinuation.yield() }
                }
                return chunks
            }
            for await _ in started { break }
            consumer.cancel()
            // The infinite body ends (no error) only because of the cancellation.
            let chunks = try await consumer.value
            #expect(chunks >= 1)
            try await expectStatus(await transport.send(servers.request("/closed?id=\(id)")), 200)
        }
    }

    @Test("cancelling a consumer that waits for bytes ends its stream and aborts the transfer")
    func cancelWaitingConsumer() async throws {
        try await withTransport { transport, servers in
            let id = uniqueName("cancel-waiting")
            let (head, body) = try await transport.stream(servers.request("/stall?id=\(id)"))
            #expect(head.headers["content-length"] == "10")
            let consumer = Task {
                for try await _ in body { Issue.record("the stalled body sent bytes") }
            }
            // The server sent the head and holds the body; the consumer is (or will be) waiting.
            try await expectStatus(await transport.send(servers.request("/gate-wait?gate=stall-\(id)&count=1")), 200)
            consumer.cancel()
            try await consumer.value
            try await expectStatus(await transport.send(servers.request("/closed?id=\(id)")), 200)
        }
    }

    @Test("dropping the body stream before its end aborts the transfer")
    func dropStream() async throws {
        try await withTransport { transport, servers in
            let id = uniqueName("drop-stream")
            do {
                let (_, body) = try await transport.stream(servers.request("/infinite?id=\(id)"))
                for try await chunk in body {
                    #expect(!chunk.isEmpty)
                    break
                }
            }
            try await expectStatus(await transport.send(servers.request("/closed?id=\(id)")), 200)
        }
    }

    @Test("a slow consumer pauses the transfer at the buffer bound; no byte is lost or reordered")
    func backpressure() async throws {
        let (events, eventContinuation) = AsyncStream.makeStream(of: Int.self)
        let resumes = Atomic<Int>(0)
        let limit = 64 << 10
        var configuration = CurlTransport.Configuration(userAgent: "backpressure", streamBufferLimit: limit)
        configuration.hooks.onPause = { eventContinuation.yield($0) }
        configuration.hooks.onResume = { resumes.add(1, ordering: .relaxed) }
        try await withTransport(configuration: configuration) { transport, servers in
            let size = 4 << 20
            let (_, body) = try await transport.stream(servers.request("/bytes?n=\(size)&chunked=1"))
            // Nothing is consumed until the transfer has paused.
            var pauses = events.makeAsyncIterator()
            let buffered = try #require(await pauses.next())
            #expect(buffered >= limit)
            #expect(buffered < limit + 16 << 10, "at most one libcurl write (16 KiB) past the bound")
            var received: [UInt8] = []
            received.reserveCapacity(size)
            for try await chunk in body {
                #expect(chunk.count < limit + 16 << 10)
                received += chunk
            }
            #expect(received.count == size)
            #expect(received == pattern(size))
            #expect(resumes.load(ordering: .relaxed) >= 1)
        }
        eventContinuation.finish()
    }
}
