import Foundation
import ProcessTesting
import Testing

/// The official Python Open Inference Protocol client (`tritonclient[http]`, installed by
/// scripts/bootstrap) against the built `stockade-serve` binary: health, metadata, and inference
/// with JSON tensors and with binary tensor data (triton_client_check.py does the checking).
@Suite struct TritonClientTests {
    @Test func tritonClientTalksToStockadeServe() async throws {
        let server = try await TritonServeProcess.start(model: "mlp")
        let outcome: Result<(status: Int32, output: String), any Error>
        do {
            outcome = .success(try await TritonScript.run([
                "--url", server.hostAndPort,
                "--model", "mlp",
                "--expected", TritonPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/models/expected.json").path,
            ]))
        } catch {
            outcome = .failure(error)
        }
        let serverLog = await server.stop()
        let (status, output) = try outcome.get()
        #expect(status == 0, "triton_client_check.py exited \(status):\n\(output)\n--- stockade-serve log ---\n\(serverLog)")
    }
}

/// Paths found from this file (never Bundle.module).
private enum TritonPaths {
    /// The directory holding Package.swift, found by walking up from this file.
    static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let script = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("triton_client_check.py")

    /// `stockade-serve` next to the test bundle, else in `<repo>/.build/debug`.
    static func serveBinary() throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["STOCKADE_SERVE"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("stockade-serve").path)
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/stockade-serve").path)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TritonTestFailure(description: "stockade-serve binary not found (build it first); looked at \(candidates)")
    }

    static var onnxRuntimeLibrary: String {
        if let path = ProcessInfo.processInfo.environment["ORT_DYLIB_PATH"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent(".deps/onnxruntime/lib/libonnxruntime.so").path
    }

    /// A fresh, empty log file in the temporary directory.
    static func logFile(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stockade-triton-\(name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        return url
    }
}

private struct TritonTestFailure: Error, CustomStringConvertible {
    let description: String
}

private func readLog(_ url: URL) -> String {
    (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}

/// `stockade-serve serve` as a subprocess on 127.0.0.1 with a free port; output goes to a file.
private final class TritonServeProcess: @unchecked Sendable {
    let process: Process
    let log: URL
    let hostAndPort: String

    private init(process: Process, log: URL, hostAndPort: String) {
        self.process = process
        self.log = log
        self.hostAndPort = hostAndPort
    }

    /// Launches the server and waits (at most 60 s) for its `ready url=http://HOST:PORT` line.
    static func start(model: String) async throws -> TritonServeProcess {
        let binary = try TritonPaths.serveBinary()
        let log = TritonPaths.logFile("serve")
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--model", TritonPaths.repositoryRoot.appendingPathComponent("Tests/Fixtures/models/\(model).onnx").path,
            "--host", "127.0.0.1", "--http-port", "0",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["ORT_DYLIB_PATH"] = TritonPaths.onnxRuntimeLibrary
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try launchSerially { try process.run() }

        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let text = readLog(log)
            if let url = readyURL(in: text) {
                return TritonServeProcess(process: process, log: log, hostAndPort: url)
            }
            if !process.isRunning {
                process.waitUntilExit()
                throw TritonTestFailure(description: "stockade-serve exited \(process.terminationStatus) before it was ready:\n\(readLog(log))")
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        let server = TritonServeProcess(process: process, log: log, hostAndPort: "")
        let text = await server.stop()
        throw TritonTestFailure(description: "stockade-serve printed no 'ready url=' line within 60 s:\n\(text)")
    }

    /// `HOST:PORT` from a complete `ready url=http://HOST:PORT` line.
    private static func readyURL(in text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let range = line.range(of: "ready url=") else { continue }
            var url = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            for scheme in ["http://", "https://"] where url.hasPrefix(scheme) { url.removeFirst(scheme.count) }
            while url.hasSuffix("/") { url.removeLast() }
            if !url.isEmpty { return url }
        }
        return nil
    }

    /// Sends SIGTERM, waits at most 10 s (then SIGKILL, 5 s more), and returns the server's output.
    func stop() async -> String {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                let killDeadline = ContinuousClock.now + .seconds(5)
                while process.isRunning, ContinuousClock.now < killDeadline { try? await Task.sleep(for: .milliseconds(50)) }
            }
        }
        let text = readLog(log)
        try? FileManager.default.removeItem(at: log)
        return text
    }
}

/// Runs `python3 triton_client_check.py ...` (at most 180 s) and returns its status and output.
private enum TritonScript {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = TritonPaths.logFile("client")
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TritonPaths.script.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try launchSerially { try process.run() }
        let deadline = ContinuousClock.now + .seconds(180)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            let killDeadline = ContinuousClock.now + .seconds(5)
            while process.isRunning, ContinuousClock.now < killDeadline { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            return (-1, "triton_client_check.py did not finish within 180 s:\n\(readLog(log))")
        }
        process.waitUntilExit()
        return (process.terminationStatus, readLog(log))
    }
}
