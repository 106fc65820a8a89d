import Foundation
import ProcessTesting
import Synchronization

/// A process whose output is collected while it runs (for `kubectl get -w`).
public final class BackgroundProcess: Sendable {
    private let process: Process
    private let collected = OutputBuffer()

    public init(executable: String, arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = launchSerially { Pipe() }
        process.standardOutput = out
        process.standardError = out
        out.fileHandleForReading.readabilityHandler = { [collected] handle in
            let data = handle.availableData
            if !data.isEmpty { collected.append(String(decoding: data, as: UTF8.self)) }
        }
        try launchSerially { try process.run() }
    }

    public var output: String { collected.text }

    /// Polls the collected output (every 50 ms) until it contains `text` or `seconds` pass.
    public func waitForOutput(containing text: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return output.contains(text)
    }

    public func waitForExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return false
        }
        return true
    }

    deinit { if process.isRunning { process.terminate() } }
}

extension TestAPIServer {
    public func startKubectl(_ arguments: String...) throws -> BackgroundProcess {
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = kubeconfig
        env["HOME"] = dataDirectory
        return try BackgroundProcess(executable: "/usr/bin/env", arguments: ["kubectl"] + arguments, environment: env)
    }
}

/// Text appended from a reader thread and read from the test.
public final class OutputBuffer: Sendable {
    private let storage = Mutex<String>("")
    public init() {}
    public func append(_ text: String) { storage.withLock { $0 += text } }
    public var text: String { storage.withLock { $0 } }
}
