import Foundation
import KubeTesting
import JSON
@testable import KubeClient
import KubeCore
import Testing

@Suite(.serialized) struct WatchTests {
    /// Reads events until one matches, skipping bookmarks; fails after `limit` events.
    func next(_ iterator: inout WatchEvents.AsyncIterator, limit: Int = 50) async throws -> WatchEvent {
        for _ in 0..<limit {
            let event = try #require(try await iterator.next())
            if event.type != .bookmark { return event }
        }
        throw TestFailure("only bookmarks")
    }

    @Test(.timeLimit(.minutes(1))) func seesAddedModifiedDeletedAndResumesAfterTheStreamEnds() async throws {
        let server = try TestAPIServer()
        let client = server.client()
        let listed = try await client.listAll(.configMaps)
        // The server ends each stream after 1 s; the watch must reopen from its last resourceVersion.
        var events = client.watch(.configMaps, options: WatchOptions(resourceVersion: listed.resourceVersion, timeoutSeconds: 1))
            .makeAsyncIterator()

        _ = try await client.create(.configMaps, object: ["metadata": ["name": "w"], "data": ["v": "1"]])
        let added = try await next(&events)
        #expect(added.type == .added)
        #expect(added.object[path: ["metadata", "name"]] == "w")
        _ = try await client.patch(.configMaps, name: "w", type: .merge, patch: ["data": ["v": "2"]])
        let modified = try await next(&events)
        #expect(modified.type == .modified)
        #expect(modified.object["data"]?["v"] == "2")
        try await client.delete(.configMaps, name: "w")
        let deleted = try await next(&events)
        #expect(deleted.type == .deleted)
        #expect(events.resourceVersion == deleted.resourceVersion)

        // Keep making changes until one arrives over a reopened stream; every change is seen exactly once.
        var seen: [String] = []
        var i = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while events.connections < 2 || seen.count < 2 {
            try #require(ContinuousClock.now < deadline, "the watch was never reopened")
            _ = try await client.create(.configMaps, object: ["metadata": ["name": .string("r\(i)")]])
            let event = try await next(&events)
            #expect(event.type == .added)
            seen.append(event.object[path: ["metadata", "name"]]?.stringValue ?? "?")
            i += 1
            if events.connections < 2 { try await Task.sleep(for: .milliseconds(200)) }  // pacing, not waiting
        }
        #expect(seen == (0..<i).map { "r\($0)" })
        #expect(events.connections >= 2)
    }

    @Test(.timeLimit(.minutes(1))) func tooOldResourceVersionAfterRestartIsTypedExpired() async throws {
        let first = try TestAPIServer()
        let directory = first.dataDirectory
        let client1 = first.client()
        let created = try await client1.create(.configMaps, object: ["metadata": ["name": "old"]])
        let oldVersion = try #require(created[path: ["metadata", "resourceVersion"]]?.stringValue)
        _ = try await client1.patch(.configMaps, name: "old", type: .merge, patch: ["data": ["a": "b"]])
        first.stop()

        let second = try TestAPIServer(dataDirectory: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let client2 = second.client()
        var events = client2.watch(.configMaps, options: WatchOptions(resourceVersion: oldVersion)).makeAsyncIterator()
        let error = await #expect(throws: KubeAPIError.self) {
            while try await events.next() != nil {}
        }
        #expect(error?.kind == .expired)
        #expect(error?.httpStatus == 410)
        #expect(error?.isRetryable == false)
        // and a fresh list + watch from its version works
        let listed = try await client2.listAll(.configMaps)
        #expect(listed.items.contains { $0[path: ["metadata", "name"]] == "old" })
    }

    @Test func splitsOnNewlinesNotChunks() throws {
        let line = #"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"#
        let request = APIRequest.watch(.configMaps, namespace: "ns")
        var splitter = LineSplitter()
        let bytes = Array((line + "\n" + line + "\r\n\n").utf8)
        var lines: [[UInt8]] = []
        for byte in bytes { lines += splitter.feed([byte]) }
        #expect(lines.count == 2)
        #expect(try WatchLineDecoder.decode(lines[0], request: request).resourceVersion == "5")
    }
}
