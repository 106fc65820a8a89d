import Curl
import Foundation
import InferenceCore
import InferenceServer
import Synchronization
import Testing

/// New versions appearing in a watched repository while clients keep sending requests.
@Suite("Hot reload", .timeLimit(.minutes(3)))
struct HotReloadTests {
    static let row = ModelRepositoryTests.row

    /// Shared by the clients and the test: answers so far, and when to stop.
    final class LoadState: Sendable {
        let answered = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
    }

    /// What one client saw: the model version of each answer, and every failure.
    struct ClientLog: Sendable {
        var versions: [String] = []
        var failures: [String] = []
    }

    @Test func newVersionTakesOverUnderLoadWithoutAFailedRequest() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("mlp", version: 1)
        try await TestServer.with(try await repo.load()) { s in
            let load = LoadState()
            let clients = 8
            let logs = try await withThrowingTaskGroup(of: ClientLog.self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        // Each client has its own connection and sends at most 2,000 requests.
                        let own = CurlTransport(configuration: .init(userAgent: "stockade-serve-tests/1.0"))
                        var log = ClientLog()
                        for _ in 0..<2000 where !load.stop.load(ordering: .acquiring) {
                            do {
                                let response = try await own.send(HTTPRequest(
                                    method: .post, url: s.url + "/v2/models/mlp/infer", body: Self.row.encoded().bytes, proxy: .direct))
                                if response.status == 200 {
                                    log.versions.append(try InferenceResponse.decode(body: response.body).modelVersion ?? "?")
                                } else {
                                    log.failures.append("\(response.status): \(response.errorMessage)")
                                }
                            } catch {
                                log.failures.append("\(error)")
                            }
                            load.answered.add(1, ordering: .relaxed)
                        }
                        await own.shutdown()
                        return log
                    }
                }
                // Load is flowing before the new version arrives.
                while load.answered.load(ordering: .relaxed) < 4 * clients { try await Task.sleep(for: .milliseconds(2)) }
                try repo.add("mlp", version: 2)
                await s.server.pollRepository()  // first sighting: may still be being written
                #expect(s.server.models.versions == ["1"])
                await s.server.pollRepository()  // unchanged: loaded, switched, version 1 drained and unloaded
                #expect(s.server.models.versions == ["2"])
                #expect(s.server.models.servingVersion == "2")
                // Keep the load on version 2 for a while before stopping the clients.
                let switched = load.answered.load(ordering: .relaxed)
                while load.answered.load(ordering: .relaxed) < switched + 4 * clients { try await Task.sleep(for: .milliseconds(2)) }
                load.stop.store(true, ordering: .releasing)
                var logs: [ClientLog] = []
                for try await log in group { logs.append(log) }
                return logs
            }
            let failures = logs.flatMap(\.failures)
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            let all = logs.flatMap(\.versions)
            #expect(all.contains("1"))
            #expect(all.contains("2"))
            for log in logs {
                // Once a client saw version 2 it never sees version 1 again.
                let firstTwo = log.versions.firstIndex(of: "2") ?? log.versions.endIndex
                #expect(log.versions[firstTwo...].allSatisfy { $0 == "2" }, "\(log.versions)")
                #expect(log.versions.allSatisfy { $0 == "1" || $0 == "2" })
            }
            #expect(try await s.metricValue("stockade_model_loaded{model=\"mlp\",version=\"1\"}") == 0)
            #expect(try await s.metricValue("stockade_model_loaded{model=\"mlp\",version=\"2\"}") == 1)
            #expect(try await s.metricValue("stockade_model_load_duration_seconds{model=\"mlp\",version=\"2\"}") ?? 0 > 0)
            let gone = try await s.get("/v2/models/mlp/versions/1")
            #expect(gone.status == 404)
            #expect(gone.errorMessage.contains("available: '2'"))
            let metadata = try #require(try await s.get("/v2/models/mlp").json)
            #expect(metadata["versions"]?.arrayValue?.compactMap(\.stringValue) == ["2"])
        }
    }

    @Test func brokenVersionLeavesTheServingVersionAndIsNotRetried() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("mlp", version: 2)
        try await TestServer.with(try await repo.load()) { s in
            try repo.addGarbage("mlp", version: 3)
            await s.server.pollRepository()
            await s.server.pollRepository()
            #expect(try await s.metricValue("stockade_model_load_failures_total{model=\"mlp\",version=\"3\"}") == 1)
            #expect(s.server.models.versions == ["2"])
            let response = try await s.infer("mlp", Self.row)
            #expect(response.status == 200)
            #expect(try InferenceResponse.decode(body: response.body).modelVersion == "2")
            #expect(try await s.get("/v2/health/ready").status == 200)
            #expect(try await s.get("/v2/models/mlp/versions/3").status == 404)
            // Not retried while its file is unchanged.
            await s.server.pollRepository()
            await s.server.pollRepository()
            #expect(try await s.metricValue("stockade_model_load_failures_total{model=\"mlp\",version=\"3\"}") == 1)
            // Fixed: a real model replaces the garbage, and version 3 takes over.
            try repo.delete("mlp", version: 3)
            try repo.add("mlp", version: 3)
            await s.server.pollRepository()
            await s.server.pollRepository()
            #expect(s.server.models.versions == ["3"])
            #expect(try InferenceResponse.decode(body: try await s.infer("mlp", Self.row).body).modelVersion == "3")
        }
    }

    @Test func periodicWatchPicksUpANewVersion() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("mlp", version: 1)
        var configuration = repo.configuration()
        configuration.repositoryPollInterval = .milliseconds(20)
        let server = try await InferenceServer.load(configuration, logger: .init(label: "test"))
        try await TestServer.with(server) { s in
            try repo.add("mlp", version: 2)
            // Wait for the condition (bounded), not for a fixed time.
            for _ in 0..<1000 where s.server.models.servingVersion != "2" {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(s.server.models.servingVersion == "2")
            #expect(try InferenceResponse.decode(body: try await s.infer("mlp", Self.row).body).modelVersion == "2")
        }
    }
}
