import ONNXRuntime
import Testing

@Suite("Errors")
struct ErrorTests {
    /// Runs `body` and returns the `ORTError` it throws (recording an issue when it throws nothing).
    private func error(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> ORTError? {
        do {
            try body()
            Issue.record("expected an ORTError", sourceLocation: sourceLocation)
            return nil
        } catch let error as ORTError {
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected an ORTError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    private func invalidInputMessage(_ error: ORTError?) -> String? {
        if case let .invalidInput(message) = error { return message }
        return nil
    }

    @Test("unknown input name")
    func wrongInputName() throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let tensor = try Tensor([Float](repeating: 0, count: 4), shape: [1, 4])
        let message = invalidInputMessage(error { _ = try session.run(inputs: ["nope": tensor]) })
        #expect(message == "unknown input 'nope'; the model's inputs are 'input'")
    }

    @Test("missing input")
    func missingInput() throws {
        let session = try Fixtures.session(Fixtures.model("mixed"))
        let ids = try Tensor([Int64(1), 2], shape: [1, 2])
        let message = invalidInputMessage(error { _ = try session.run(inputs: ["ids": ids]) })
        #expect(message?.hasPrefix("missing input 'names'") == true)
    }

    @Test("wrong element type")
    func wrongType() throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let tensor = try Tensor([Int64](repeating: 0, count: 4), shape: [1, 4])
        let message = invalidInputMessage(error { _ = try session.run(inputs: ["input": tensor]) })
        #expect(message == "input 'input' expects tensor(float) but got tensor(int64)")
    }

    @Test("wrong rank and wrong fixed dimension", arguments: [[4], [1, 1, 4], [2, 5]])
    func wrongShape(shape: [Int]) throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let tensor = try Tensor([Float](repeating: 0, count: shape.reduce(1, *)), shape: shape)
        let message = invalidInputMessage(error { _ = try session.run(inputs: ["input": tensor]) })
        #expect(message == "input 'input' expects shape tensor(float)[batch,4] (rank 2) but got \(shape)")
    }

    @Test("unknown and duplicate output names")
    func wrongOutputs() throws {
        let session = try Fixtures.session(Fixtures.model("mlp"))
        let inputs = ["input": try Tensor([Float](repeating: 0, count: 4), shape: [1, 4])]
        #expect(invalidInputMessage(error { _ = try session.run(inputs: inputs, outputNames: ["nope"]) })
            == "unknown output 'nope'; the model's outputs are 'logits'")
        #expect(invalidInputMessage(error { _ = try session.run(inputs: inputs, outputNames: ["logits", "logits"]) })
            == "output 'logits' requested twice")
        #expect(invalidInputMessage(error { _ = try session.run(inputs: inputs, outputNames: []) }) == "no outputs requested")
    }

    @Test("bad model bytes carry ONNX Runtime's error code")
    func badModelBytes() throws {
        let environment = try Fixtures.environment()
        let failure = error { _ = try ORTSession(modelData: Array("not an onnx model".utf8), environment: environment) }
        guard case let .runtime(code, message, operation) = failure else {
            Issue.record("expected a runtime error, got \(String(describing: failure))")
            return
        }
        #expect(code == .invalidProtobuf)
        #expect(!message.isEmpty)
        #expect(operation == "CreateSessionFromArray(17 bytes)")
        #expect(failure?.description.hasPrefix("ONNX Runtime CreateSessionFromArray(17 bytes) failed: ORT_INVALID_PROTOBUF: ") == true)
    }

    @Test("a missing model file is ORT_NO_SUCHFILE")
    func missingModelFile() throws {
        let failure = error { _ = try Fixtures.session("/nonexistent/model.onnx") }
        guard case let .runtime(code, _, operation) = failure else {
            Issue.record("expected a runtime error, got \(String(describing: failure))")
            return
        }
        #expect(code == .noSuchFile)
        #expect(operation == "CreateSession('/nonexistent/model.onnx')")
    }

    @Test("error codes have ONNX Runtime's names")
    func codeNames() {
        #expect(ORTErrorCode.invalidArgument.name == "ORT_INVALID_ARGUMENT")
        #expect(ORTErrorCode.epFail.name == "ORT_EP_FAIL")
        #expect(ORTErrorCode(rawValue: 99).name == "ORT_ERROR_99")
    }

    @Test("descriptions are one line even when messages are not")
    func oneLineDescriptions() {
        let error = ORTError.runtime(code: .fail, message: "first line\n second line\n", operation: "Run")
        #expect(error.description == "ONNX Runtime Run failed: ORT_FAIL: first line second line")
    }
}
