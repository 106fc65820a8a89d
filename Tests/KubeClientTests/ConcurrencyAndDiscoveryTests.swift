import Foundation
import KubeTesting
import JSON
import KubeClient
import KubeCore
import Synchronization
import Testing

@Suite(.serialized) struct ConcurrencyAndDiscoveryTests {
    @Test func discoveryTellsWhichResourcesAreServed() async throws {
        let server = try TestAPIServer()
        let client = server.client()
        #expect(try await client.isServed(.deployments))
        #expect(try await client.isServed(.leases))
        #expect(try await client.isServed(.configMaps))
        #expect(try await !client.isServed(GroupVersionResource(group: "apps", version: "v1", resource: "nopes")))
        #expect(try await !client.isServed(GroupVersionResource(group: "gateway.networking.k8s.io", version: "v1", resource: "httproutes")))
        let version = try await client.serverVersion()
        #expect(version["gitVersion"]?.hasPrefix("v") == true)
    }

    /// 200 concurrent GETs and 50 open watches all complete while a canary task on the cooperative pool
    /// keeps ticking (no pool thread is blocked by libcurl).
    @Test(.timeLimit(.minutes(1))) func concurrentGetsAndWatchesMakeProgress() async throws {
        let server = try TestAPIServer()
        let client = server.client { $0.qps = 0 }
        _ = try await client.create(.configMaps, object: ["metadata": ["name": "shared"], "data": ["a": "b"]])
        let ticks = Atomic<Int>(0)
        let canary = Task {
            while !Task.isCancelled {
                ticks.add(1, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        defer { canary.cancel() }
        let before = ticks.load(ordering: .relaxed)
        let (gets, watches) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for _ in 0..<50 {
                group.addTask {
                    var events = client.watch(.configMaps).makeAsyncIterator()
                    let first = try await events.next()
                    return (0, first?.object[path: ["metadata", "name"]] == "shared" ? 1 : 0)
                }
            }
            for _ in 0..<200 {
                group.addTask {
                    let object = try await client.get(.configMaps, name: "shared")
                    return (object["data"]?["a"] == "b" ? 1 : 0, 0)
                }
            }
            var totals = (0, 0)
            for try await (g, w) in group {
                totals.0 += g
                totals.1 += w
            }
            return totals
        }
        #expect(gets == 200)
        #expect(watches == 50)
        #expect(ticks.load(ordering: .relaxed) > before)
    }
}
