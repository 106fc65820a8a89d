import Synchronization
import Testing
@testable import Curl

@Suite("Concurrency", .timeLimit(.minutes(2)))
struct ConcurrencyTests {
    /// 200 requests and 50 streams are all held open by the server at once; while they are, a
    /// canary task on the cooperative pool must keep ticking. If waiting on a transfer occupied a
    /// cooperative thread, the pool (one thread per core) would be exhausted and the canary, the
    /// gate checks and this test would stall until the time bound fails it.
    @Test("200 requests and 50 streams in flight at once never block the cooperative pool")
    func manyInFlight() async throws {
        try await withTransport(seconds: 100) { transport, servers in
            let requestGate = uniqueName("many-requests")
            let streamGate = uniqueName("many-streams")
            let ticks = Atomic<Int>(0)
            let (tickEvents, tickContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            let canary = Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(1))
                    tickContinuation.yield(ticks.add(1, ordering: .relaxed).newValue)
                }
            }

            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await transport.send(servers.request("/held?gate=\(requestGate)")).text }
                }
                for _ in 0..<50 {
                    group.addTask {
                        let (_, body) = try await transport.stream(servers.request("/stream?lines=3&gate=\(streamGate)"))
                        var text: [UInt8] = []
                        for try await chunk in body { text += chunk }
                        return String(decoding: text, as: UTF8.self)
                    }
                }

                // Everything is in flight: the server holds 200 requests and 50 streams.
                try await expectStatus(await transport.send(servers.request("/gate-wait?gate=\(requestGate)&count=200")), 200)
                try await expectStatus(await transport.send(servers.request("/gate-wait?gate=\(streamGate)&count=50")), 200)
                let ticksBefore = ticks.load(ordering: .relaxed)
                var events = tickEvents.makeAsyncIterator()
                while let tick = await events.next(), tick < ticksBefore + 100 {}
                #expect(ticks.load(ordering: .relaxed) >= ticksBefore + 100, "the canary ticked while all 250 were in flight")

                try await expectStatus(await transport.send(servers.request("/release?gate=\(requestGate)")), 200)
                try await expectStatus(await transport.send(servers.request("/release?gate=\(streamGate)")), 200)
                var released = 0
                var streamed = 0
                for try await text in group {
                    if text == "released" { released += 1 }
                    if text == "line 0\nline 1\nline 2\n" { streamed += 1 }
                }
                #expect(released == 200)
                #expect(streamed == 50)
            }
            canary.cancel()
            tickContinuation.finish()
            #expect(ticks.load(ordering: .relaxed) >= 100)
        }
    }
}
