import InferenceCore
import Testing

@Suite struct ClassificationTests {
    @Test func topKPerRowWithLabels() throws {
        let output = InferTensor(name: "probs", shape: [2, 3], data: .fp32([0.1, 0.7, 0.2, 0.5, 0.25, 0.25]))
        let rows = try Classification.topK(output, k: 2, labels: ["cat", "dog"])
        #expect(rows[0] == [ClassificationResult(score: Double(Float(0.7)), index: 1, label: "dog"),
                            ClassificationResult(score: Double(Float(0.2)), index: 2, label: nil)])
        #expect(rows[1].map(\.index) == [0, 1])  // tie keeps the lower index first
    }

    @Test func protocolStringsAndTensor() throws {
        let output = InferTensor(name: "probs", shape: [1, 3], data: .fp64([0.125, 0.75, 0.125]))
        let tensor = try Classification.classificationTensor(output, k: 5, labels: ["a", "b", "c"])
        #expect(tensor.shape == [1, 3])
        #expect(tensor.data == .bytes(["0.750000:1:b", "0.125000:0:a", "0.125000:2:c"].map { Array($0.utf8) }))
        let flat = try Classification.classificationTensor(InferTensor(name: "l", shape: [2], data: .int64([-3, 4])), k: 1)
        #expect(flat.shape == [1])
        #expect(flat.data == .bytes([Array("4.000000:1".utf8)]))
        #expect(ClassificationResult(score: -0.0000004, index: 0).protocolString == "0.000000:0")
        #expect(ClassificationResult(score: -1.5, index: 2).protocolString == "-1.500000:2")
    }

    @Test func rejectsNonNumericOutputsAndBadK() {
        #expect(throws: InferenceError(.badRequest, "output 's': classification needs a numeric output, got BYTES")) {
            try Classification.topK(InferTensor(name: "s", shape: [1], data: .bytes([[1]])), k: 1)
        }
        #expect(throws: InferenceError(.badRequest, "output 'p': classification must be a positive integer, got 0")) {
            try Classification.topK(InferTensor(name: "p", shape: [1], data: .fp32([1])), k: 0)
        }
    }
}
