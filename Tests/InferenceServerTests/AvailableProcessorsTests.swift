import Foundation
@testable import InferenceServer
import JSON
import Testing

@Suite("CPUs the server sizes itself by")
struct AvailableProcessorsTests {
    @Test("Cpus_allowed_list values", arguments: [
        ("0", 1), ("0-1", 2), ("0-3,8,10-11", 7), (" 2-2 ", 1), ("0-63", 64),
    ])
    func allowedList(text: String, expected: Int) {
        #expect(AvailableProcessors.count(allowedList: Substring(text)) == expected)
    }

    @Test("malformed lists are not guessed at", arguments: ["", "x", "3-1", "1-2-3", "-1", "0,,1", "0-"])
    func malformedList(text: String) {
        #expect(AvailableProcessors.count(allowedList: Substring(text)) == nil)
    }

    @Test("this process's count is at least 1 and at most its affinity")
    func thisProcess() throws {
        let affinity = try #require(AvailableProcessors.affinityCount())
        #expect(AvailableProcessors.count >= 1 && AvailableProcessors.count <= affinity)
    }

    /// The real binary pinned to one CPU (the first this process may use) logs `cpus=1` and sizes its ORT
    /// threads by it; the model path does not exist, so it exits 1 right after the session line.
    @Test("stockade-serve under taskset -c CPU counts one CPU",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func tasksetPinnedServer() async throws {
        let allowed = try #require(AvailableProcessors.allowedList())
        let firstCPU = try #require(allowed.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "," || $0 == "-" }).first)
        var environment = ProcessInfo.processInfo.environment
        environment["STOCKADE_LOG_FORMAT"] = "json"
        let arguments = ["serve", "--model", "/nonexistent/model.onnx", "--onnxruntime-library", Paths.library,
                         "--host", "127.0.0.1", "--http-port", "0"]
        let pinned = try await ChildProcess.run("/usr/bin/taskset", ["-c", String(firstCPU), try ChildProcess.serveBinary()] + arguments,
                                                environment: environment)
        let free = try await ChildProcess.run(try ChildProcess.serveBinary(), arguments, environment: environment)
        #expect(pinned.status == 1 && free.status == 1)
        #expect(try Self.sessionLine(pinned.stderr)["cpus"] == "1", "\(pinned.stderr)")
        #expect(try Self.sessionLine(free.stderr)["cpus"] == .string("\(AvailableProcessors.count)"), "\(free.stderr)")
    }

    private static func sessionLine(_ output: String) throws -> JSONValue {
        let line = try #require(output.split(separator: "\n").first { $0.contains("onnx runtime session") })
        return try JSONValue.parse(Array(line.utf8))
    }
}
