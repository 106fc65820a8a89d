import Foundation
import ONNXRuntime
import Synchronization
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("8 threads running one session concurrently get their own correct results")
    func eightThreads() throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let threadCount = 8
        let iterations = 25
        // Distinct input per thread; the expected output comes from a serial run first.
        let inputs = try (0..<threadCount).map { thread in
            try Tensor((0..<12).map { Float(thread * 12 + $0) / 10 - 4 }, shape: [3, 4])
        }
        let expected = try inputs.map { try session.run(inputs: ["input": $0])["logits"] }

        let mismatches = Mutex<[String]>([])
        let group = DispatchGroup()
        for thread in 0..<threadCount {
            group.enter()
            let worker = Thread {
                defer { group.leave() }
                for iteration in 0..<iterations {
                    do {
                        let output = try session.run(inputs: ["input": inputs[thread]])["logits"]
                        if output != expected[thread] {
                            mismatches.withLock { $0.append("thread \(thread) iteration \(iteration): wrong logits") }
                        }
                    } catch {
                        mismatches.withLock { $0.append("thread \(thread) iteration \(iteration): \(error)") }
                    }
                }
            }
            worker.start()
        }
        group.wait()
        #expect(mismatches.withLock { $0 } == [])
    }
}
