import Foundation
import ONNXRuntime
import Testing

@Suite("Inference")
struct InferenceTests {
    @Test("mul_1 multiplies by its constant [1,2,3,4,5,6]")
    func mul1() throws {
        let session = try Fixtures.session(Fixtures.dataset("mul_1"))
        let x: [Float] = [1, -2, 0.5, 4, 10, -0.25]
        let outputs = try session.run(inputs: ["X": Tensor(x, shape: [3, 2])])
        let y = try #require(outputs["Y"])
        #expect(y.shape == [3, 2])
        #expect(try y.values(as: Float.self) == [1, -4, 1.5, 16, 50, -1.5])
    }

    @Test("sigmoid computes 1 / (1 + e^-x)")
    func sigmoid() throws {
        let session = try Fixtures.session(Fixtures.dataset("sigmoid"))
        let x = (0..<60).map { Float($0 - 30) / 6 }
        let y = try #require(try session.run(inputs: ["x": Tensor(x, shape: [3, 4, 5])])["y"])
        #expect(y.shape == [3, 4, 5])
        expectClose(try y.values(), x.map { 1 / (1 + exp(-$0)) }, tolerance: 1e-6)
    }

    @Test("logreg_iris: label tensor and ZipMap probabilities as [[Int64: Float]]")
    func logregIris() throws {
        let expected = try ExpectedCases.named("logreg_iris/rows3")
        let session = try Fixtures.session(Fixtures.dataset("logreg_iris"))
        let input = try #require(expected.inputs["float_input"]).tensor()
        let outputs = try session.runValues(inputs: ["float_input": input])
        let label = try #require(outputs["label"]).asTensor()
        guard case let .numbers(labels) = try #require(expected.outputs["label"]).data else {
            Issue.record("label fixture is not numeric")
            return
        }
        #expect(try label.values(as: Int64.self) == labels.map { Int64($0) })
        let probabilities = try #require(outputs["probabilities"]).sequenceOfMaps(Int64.self, Float.self)
        guard case let .sequenceOfMaps(rows) = try #require(expected.outputs["probabilities"]).data else {
            Issue.record("probabilities fixture is not a sequence of maps")
            return
        }
        #expect(probabilities.count == rows.count)
        for (actual, row) in zip(probabilities, rows) {
            #expect(Set(actual.keys) == [0, 1, 2])
            for pair in row {
                guard case let .number(key) = pair[0], case let .number(value) = pair[1] else { continue }
                expectClose([actual[Int64(key)] ?? .nan], [Float(value)])
            }
            expectClose([actual.values.reduce(0, +)], [1], tolerance: 1e-5)
        }
    }

    @Test("run(...) insists on tensors but can compute just the tensor output")
    func logregTensorOnly() throws {
        let session = try Fixtures.session(Fixtures.dataset("logreg_iris"))
        let input = try Tensor([Float](repeating: 5, count: 6), shape: [3, 2])
        #expect(throws: ORTError.self) { try session.run(inputs: ["float_input": input]) }
        let outputs = try session.run(inputs: ["float_input": input], outputNames: ["label"])
        #expect(Array(outputs.keys) == ["label"])
        #expect(try outputs["label"]?.values(as: Int64.self).count == 3)
    }

    static let caseIDs = [
        "mlp/batch1", "mlp/batch7", "cnn/batch1", "cnn/batch2", "mixed/batch3", "zipmap_strings/batch2",
    ]

    @Test("expected.json holds exactly the cases these tests run")
    func fixtureCases() throws {
        let cases = try ExpectedCases.load()
        #expect(Set(cases.cases.map(\.id)) == Set(Self.caseIDs + ["logreg_iris/rows3"]))
        #expect(cases.onnxruntime == "1.31.1")
    }

    @Test("generated models match Python ONNX Runtime's outputs", arguments: caseIDs)
    func generatedModel(caseID: String) throws {
        let expected = try ExpectedCases.named(caseID)
        let session = try Fixtures.session(Fixtures.model(expected.model))
        var inputs: [String: Tensor] = [:]
        for (name, value) in expected.inputs { inputs[name] = try value.tensor() }
        let outputs = try session.runValues(inputs: inputs)
        #expect(Set(outputs.keys) == Set(expected.outputs.keys))
        for (name, want) in expected.outputs {
            let got = try #require(outputs[name])
            try compare(got, want, output: name)
        }
    }

    @Test("session options do not change results", arguments: [
        SessionOptions(intraOpThreads: 1, graphOptimization: .disabled, cpuMemoryArena: false),
        SessionOptions(intraOpThreads: 2, interOpThreads: 2, graphOptimization: .basic, executionMode: .parallel),
        SessionOptions(intraOpThreads: 1, graphOptimization: .extended,
                       configEntries: ["session.intra_op.allow_spinning": "0"]),
    ])
    func optionVariants(options: SessionOptions) throws {
        let expected = try ExpectedCases.named("mlp/batch7")
        let session = try Fixtures.session(Fixtures.model("mlp"), options: options)
        #expect(session.options == options)
        let input = try #require(expected.inputs["input"]).tensor()
        let logits = try #require(try session.run(inputs: ["input": input])["logits"])
        guard case let .numbers(want) = try #require(expected.outputs["logits"]).data else { return }
        expectClose(try logits.values(), want.map { Float($0) })
    }

    @Test("only the requested outputs are computed and returned")
    func outputSubset() throws {
        let session = try Fixtures.session(Fixtures.model("mixed"))
        let outputs = try session.run(
            inputs: ["ids": Tensor([Int64(1), 2, 3, 4], shape: [2, 2]), "names": Tensor(["alpha", "x"], shape: [2])],
            outputNames: ["sum_label", "sum"])
        #expect(Set(outputs.keys) == ["sum", "sum_label"])
        #expect(try outputs["sum"]?.values(as: Int64.self) == [3, 7])
        #expect(try outputs["sum_label"]?.strings() == ["three", "other"])
    }

    private func compare(_ got: ORTValue, _ want: ExpectedCases.Value, output: String) throws {
        switch (want.type, want.data) {
        case let ("float32", .numbers(numbers)):
            let tensor = try got.asTensor()
            #expect(tensor.shape == want.shape, "\(output)")
            expectClose(try tensor.values(as: Float.self), numbers.map { Float($0) })
        case let ("int64", .numbers(numbers)):
            let tensor = try got.asTensor()
            #expect(tensor.shape == want.shape, "\(output)")
            #expect(try tensor.values(as: Int64.self) == numbers.map { Int64($0) }, "\(output)")
        case let ("string", .strings(strings)):
            let tensor = try got.asTensor()
            #expect(tensor.shape == want.shape, "\(output)")
            #expect(try tensor.strings() == strings, "\(output)")
        case let ("seq_map", .sequenceOfMaps(rows)):
            let maps = try got.sequenceOfMaps(String.self, Float.self)
            #expect(maps.count == rows.count, "\(output)")
            for (map, row) in zip(maps, rows) {
                #expect(map.count == row.count)
                for pair in row {
                    guard case let .string(key) = pair[0], case let .number(value) = pair[1] else {
                        Issue.record("unexpected map entry in \(output)")
                        continue
                    }
                    expectClose([map[key] ?? .nan], [Float(value)])
                }
            }
        default:
            Issue.record("unsupported expected value type \(want.type) for \(output)")
        }
    }
}
