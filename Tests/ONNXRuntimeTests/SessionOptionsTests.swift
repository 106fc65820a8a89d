import ONNXRuntime
import Testing

@Suite("Session options")
struct SessionOptionsTests {
    @Test("every graph optimisation level loads the CNN and gives ONNX Runtime's expected outputs",
          arguments: SessionOptions.GraphOptimizationLevel.allCases)
    func optimisationLevels(level: SessionOptions.GraphOptimizationLevel) throws {
        var options = Fixtures.options
        options.graphOptimization = level
        let session = try Fixtures.session(Fixtures.model("cnn"), options: options)
        #expect(session.options.graphOptimization == level)
        let expected = try ExpectedCases.named("cnn/batch2")
        let image = try #require(expected.inputs["image"]).tensor()
        let scores = try #require(try session.run(inputs: ["image": image])["scores"])
        guard case let .numbers(want) = try #require(expected.outputs["scores"]).data else {
            Issue.record("expected numbers")
            return
        }
        expectClose(try scores.values(), want.map { Float($0) }, tolerance: 1e-4)
    }

    @Test("inter-op threads with parallel execution and the arena off are accepted and change nothing in the results")
    func interOpThreads() throws {
        let options = SessionOptions(intraOpThreads: 1, interOpThreads: 2, graphOptimization: .all, cpuMemoryArena: false, executionMode: .parallel)
        let session = try Fixtures.session(Fixtures.model("mlp"), options: options)
        let expected = try ExpectedCases.named("mlp/batch7")
        let input = try #require(expected.inputs["input"]).tensor()
        for _ in 0..<3 {
            let logits = try #require(try session.run(inputs: ["input": input])["logits"])
            guard case let .numbers(want) = try #require(expected.outputs["logits"]).data else { return }
            expectClose(try logits.values(), want.map { Float($0) })
        }
    }

    @Test("a session configuration ONNX Runtime rejects is its typed error naming the operation")
    func rejectedConfigEntry() throws {
        var options = Fixtures.options
        // Claims the .onnx file is in ORT format: ONNX Runtime refuses to load it.
        options.configEntries = ["session.load_model_format": "ORT"]
        #expect {
            try Fixtures.session(Fixtures.model("mlp"), options: options)
        } throws: { error in
            guard let error = error as? ORTError, case let .runtime(_, _, operation) = error else { return false }
            return operation.hasPrefix("CreateSession(")
        }
    }

    @Test("negative thread counts and device ids are rejected before ONNX Runtime sees them", arguments: [
        (SessionOptions(intraOpThreads: -2), "intra-op threads must be 0 (ONNX Runtime's choice) or more, got -2"),
        (SessionOptions(interOpThreads: -1), "inter-op threads must be 0 (ONNX Runtime's choice) or more, got -1"),
        (SessionOptions(device: .cuda(deviceID: -1)), "the CUDA device id must be 0 or more, got -1"),
    ])
    func negativeCounts(options: SessionOptions, message: String) throws {
        #expect(throws: ORTError.invalidOptions(message)) {
            try Fixtures.session(Fixtures.model("mlp"), options: options)
        }
        #expect(ORTError.invalidOptions(message).description == "invalid session options: " + message)
    }
}
