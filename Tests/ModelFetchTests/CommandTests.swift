import Foundation
import Testing

/// The `stockade-serve fetch` command as the init container runs it.
@Suite("stockade-serve fetch command")
struct CommandTests {
    /// Runs `stockade-serve arguments` with `environment` added; returns the exit status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-fetch-cli-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        return try await runProcess(try MemoryTests.serveBinary(), arguments, environment: environment, log: log)
    }

    @Test func fetchesFromTheEnvironmentAndIsIdempotent() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 100_000)
        let environment = [
            "STOCKADE_FETCH_URI": "\(fixture.httpBase)/plain/model.onnx", "STOCKADE_FETCH_TO": fixture.target.path,
            "STOCKADE_FETCH_SHA256": file.sha256, "STOCKADE_FETCH_NAME": "iris.onnx",
        ]
        let first = try await Self.run(["fetch"], environment: environment)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("fetched \(fixture.target.path)/iris.onnx bytes=100000 sha256=\(file.sha256)"))
        #expect(fixture.fetched("iris.onnx") == file.bytes)
        let second = try await Self.run(["fetch"], environment: environment)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("present \(fixture.target.path)/iris.onnx"))
    }

    @Test func aChecksumMismatchExitsOneWithTheReason() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 10_000)
        let wrong = String(repeating: "a", count: 64)
        let result = try await Self.run(["fetch", "\(fixture.httpBase)/plain/model.onnx", "--to", fixture.target.path, "--sha256", wrong])
        #expect(result.status == 1)
        #expect(result.output.contains(
            "stockade-serve fetch: \(fixture.target.path)/model.onnx: SHA-256 mismatch: expected \(wrong), downloaded \(file.sha256) (partial file removed)"))
        #expect(fixture.targetListing() == [])
    }

    @Test func badArgumentsAreOneLineErrors() async throws {
        let scheme = try await Self.run(["fetch", "gs://bucket/model.onnx", "--to", "/tmp/x"])
        #expect(scheme.status == 1)
        #expect(scheme.output.contains("unsupported scheme 'gs'"))
        #expect(!scheme.output.contains("Stack"))
        let missing = try await Self.run(["fetch", "s3://bucket/model.onnx"])
        #expect(missing.status != 0)
        #expect(missing.output.contains("--to (or STOCKADE_FETCH_TO) is required"))
    }
}
