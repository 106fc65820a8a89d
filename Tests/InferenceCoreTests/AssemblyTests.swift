import InferenceCore
import Testing
import SeededRandom

@Suite struct AssemblyTests {
    @Test func splitOfConcatenateGivesEachCallerItsOwnRows() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let requestCount = Int.random(in: 1...6, using: &rng)
            let inner = Int.random(in: 1...3, using: &rng)
            var requests: [[InferTensor]] = []
            for _ in 0..<requestCount {
                let rows = Int.random(in: 0...4, using: &rng)
                let floats = (0..<(rows * inner)).map { _ in Float.random(in: -1...1, using: &rng) }
                let words = (0..<rows).map { _ in (0..<Int.random(in: 0...3, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
                requests.append([
                    InferTensor(name: "x", shape: [rows, inner], data: .fp32(floats)),
                    InferTensor(name: "s", shape: [rows], data: .bytes(words)),
                ])
            }
            let merged = try BatchAssembly.concatenate(requests)
            let rows = requests.map { $0[0].shape[0] }
            #expect(merged[0].shape == [rows.reduce(0, +), inner])
            #expect(merged[0].data.count == rows.reduce(0, +) * inner)
            #expect(try BatchAssembly.split(merged, rows: rows) == requests)
        }
    }

    @Test func concatenateMatchesInputsByNameNotPosition() throws {
        let a = [InferTensor(name: "x", shape: [1], data: .int64([1])), InferTensor(name: "y", shape: [1], data: .int8([2]))]
        let b = [InferTensor(name: "y", shape: [2], data: .int8([3, 4])), InferTensor(name: "x", shape: [2], data: .int64([5, 6]))]
        let merged = try BatchAssembly.concatenate([a, b])
        #expect(merged == [InferTensor(name: "x", shape: [3], data: .int64([1, 5, 6])), InferTensor(name: "y", shape: [3], data: .int8([2, 3, 4]))])
    }

    @Test func incompatibleRequestsAndMismatchedOutputsAreInternalErrors() {
        let a = [InferTensor(name: "x", shape: [1, 2], data: .fp32([1, 2]))]
        let b = [InferTensor(name: "x", shape: [1, 3], data: .fp32([1, 2, 3]))]
        #expect(throws: InferenceError(.internal, "request 1 in the batch has different inputs, datatypes or inner dimensions")) {
            try BatchAssembly.concatenate([a, b])
        }
        #expect(throws: InferenceError(.internal, "output 'x' has shape [1, 2] but the batch has 3 rows")) {
            try BatchAssembly.split(a, rows: [1, 2])
        }
    }

    @Test func batchItemRequiresAgreeingDimensionZero() throws {
        let inputs = [InferTensor(name: "a", shape: [2], data: .int32([1, 2])), InferTensor(name: "b", shape: [3], data: .int32([1, 2, 3]))]
        #expect(throws: InferenceError(.badRequest, "inputs disagree on dimension 0 (batch size): 'a' has 2, 'b' has 3")) {
            try BatchItem<TestInstant>(id: RequestTicket(1), inputs: inputs, batched: true)
        }
        let item = try BatchItem<TestInstant>(id: RequestTicket(1), inputs: [inputs[1]], batched: true)
        #expect(item.rows == 3)
        #expect(try BatchItem<TestInstant>(id: RequestTicket(1), inputs: inputs, batched: false).rows == 1)
    }
}
