import InferenceCore
import Synchronization
import Testing

@Suite struct ModelRegistryTests {
    @Test func unversionedRequestsFollowTheSwitch() throws {
        let registry = ModelRegistry<String>(name: "m")
        registry.add(version: "1", model: "one")
        #expect(throws: InferenceError.self) { try registry.acquire(version: nil) }  // nothing serves yet
        #expect(registry.serve(version: "1"))
        let first = try registry.acquire(version: nil)
        #expect(first.model == "one")
        registry.add(version: "2", model: "two")
        #expect(try registry.acquire(version: nil).version == "1")  // added, not yet serving
        #expect(try registry.acquire(version: "2").model == "two")  // but addressable by version
        #expect(registry.serve(version: "2"))
        #expect(try registry.acquire(version: nil).model == "two")
        #expect(registry.servingVersion == "2")
        #expect(registry.versions == ["1", "2"])
        #expect(!registry.serve(version: "9"))
    }

    @Test func unknownVersionIsA404NamingTheAvailableOnes() {
        let registry = ModelRegistry<String>(name: "iris")
        for v in ["10", "2"] { registry.add(version: v, model: v) }
        registry.serve(version: "10")
        #expect(registry.versions == ["2", "10"])  // numeric order
        do {
            _ = try registry.acquire(version: "3")
            Issue.record("version 3 is not loaded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.message == "model 'iris' has no loaded version '3'; available: '2', '10'")
        }
    }

    @Test func retireWithoutLeasesReturnsAtOnce() async {
        let registry = ModelRegistry<String>(name: "m")
        registry.add(version: "1", model: "one")
        #expect(await registry.retire(version: "1") == "one")
        #expect(registry.versions.isEmpty)
        #expect(await registry.retire(version: "1") == nil)
    }

    @Test func retireRefusesNewRequestsAndWaitsForInFlightOnes() async throws {
        let registry = ModelRegistry<String>(name: "m")
        registry.add(version: "1", model: "one")
        registry.serve(version: "1")
        let a = try registry.acquire(version: nil)
        let b = try registry.acquire(version: "1")
        registry.add(version: "2", model: "two")
        registry.serve(version: "2")
        let retired = Atomic<Bool>(false)
        let retiring = Task {
            let model = await registry.retire(version: "1")
            retired.store(true, ordering: .releasing)
            return model
        }
        // Wait for the retirement to begin (a condition, bounded): version 1 stops being listed.
        for _ in 0..<10_000 where registry.versions != ["2"] { await Task.yield() }
        try #require(registry.versions == ["2"])
        #expect(throws: InferenceError.self) { try registry.acquire(version: "1") }
        #expect(try registry.acquire(version: nil).model == "two")
        for _ in 0..<100 { await Task.yield() }
        let early = retired.load(ordering: .acquiring)
        #expect(!early)
        registry.release(a)
        for _ in 0..<100 { await Task.yield() }
        let stillEarly = retired.load(ordering: .acquiring)
        #expect(!stillEarly)
        registry.release(b)
        #expect(await retiring.value == "one")
        #expect(registry.allModels == ["two"])
    }

    @Test func aVersionNumberCanBeReloadedWhileItsOldCopyDrains() async throws {
        let registry = ModelRegistry<String>(name: "m")
        registry.add(version: "1", model: "old")
        registry.serve(version: "1")
        let lease = try registry.acquire(version: nil)
        let retiring = Task { await registry.retire(version: "1") }
        for _ in 0..<10_000 where !registry.versions.isEmpty { await Task.yield() }
        registry.add(version: "1", model: "new")
        #expect(registry.serve(version: "1"))
        #expect(try registry.acquire(version: "1").model == "new")
        registry.release(lease)
        #expect(await retiring.value == "old")
        #expect(registry.allModels == ["new"])
    }
}
