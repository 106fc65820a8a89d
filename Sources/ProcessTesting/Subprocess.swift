/// Helper processes for component tests: run-to-completion commands, long-running Python helper
/// servers that print their ports, and a bounded wait.
public import Foundation
@_exported public import SerialLaunch
import Synchronization

/// A failure of a helper process the tests depend on.
public struct SubprocessFailure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Runs `executable` with `arguments` (and `environment` added to this process's) to completion,
/// its output and errors going to `log`, without blocking a cooperative thread (the termination
/// handler resumes us). Returns the exit status and what it printed.
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       log: URL) async throws -> (status: Int32, output: String) {
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let output = try FileHandle(forWritingTo: log)
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = output
    process.standardError = output
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try launchSerially { try process.run() }
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}

/// Runs `arguments` (through /usr/bin/env) to completion, output to `log`. Throws if it exits non-zero.
public func runToCompletion(_ arguments: [String], log: URL) async throws {
    let (status, text) = try await runProcess("/usr/bin/env", arguments, log: log)
    guard status == 0 else {
        throw SubprocessFailure(description: "\(arguments.joined(separator: " ")) exited \(status): \(text)")
    }
}

/// A long-running helper server. It prints one JSON line of ports when ready and exits when its
/// standard input closes: when this object is released, or when the test process ends.
public final class ServerProcess: Sendable {
    public let ports: [String: Int]
    private let input: FileHandle
    /// Kept open for the server's lifetime: closing a pipe whose reader still has a readability
    /// source being torn down crashes libdispatch's event loop.
    private let output: Pipe

    private init(ports: [String: Int], input: FileHandle, output: Pipe) {
        self.ports = ports
        self.input = input
        self.output = output
    }

    deinit { try? input.close() }

    /// Launches `python3 SCRIPT arguments...` and waits (bounded) for its ports line.
    public static func launch(script: URL, _ arguments: [String]) async throws -> ServerProcess {
        let name = script.lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let (stdin, stdout) = launchSerially { (Pipe(), Pipe()) }
        process.standardInput = stdin
        process.standardOutput = stdout
        let line = try await withTimeout(seconds: 30, "starting \(name) \(arguments.first ?? "")") {
            try await firstLine(of: stdout.fileHandleForReading, launching: process)
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int] else {
            throw SubprocessFailure(description: "unexpected ports line: \(line)")
        }
        return ServerProcess(ports: object, input: stdin.fileHandleForWriting, output: stdout)
    }

    /// Starts `process` and returns the first line it writes to `handle`, read on Foundation's
    /// reader thread (readabilityHandler), not on the cooperative pool.
    private static func firstLine(of handle: FileHandle, launching process: Process) async throws -> String {
        let reader = LineReader()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                reader.install(continuation)
                handle.readabilityHandler = { handle in
                    let chunk = handle.availableData
                    if reader.deliver(chunk) { handle.readabilityHandler = nil }
                }
                do {
                    try launchSerially { try process.run() }
                } catch {
                    handle.readabilityHandler = nil
                    reader.finish(.failure(error))
                }
            }
        } onCancel: {
            reader.finish(.failure(CancellationError()))
        }
    }
}

/// Accumulates output until the first newline and resumes its waiter exactly once.
private final class LineReader: Sendable {
    struct State {
        var data = Data()
        var continuation: CheckedContinuation<String, any Error>?
        var early: Result<String, any Error>?
        var done = false
    }

    func install(_ continuation: CheckedContinuation<String, any Error>) {
        let early = state.withLock { state -> Result<String, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    let state = Mutex(State())

    /// Adds `chunk` (empty at end of file); returns true once the waiter was resumed.
    func deliver(_ chunk: Data) -> Bool {
        if chunk.isEmpty {
            finish(.failure(SubprocessFailure(description: "the helper server exited before printing its ports")))
            return true
        }
        let line = state.withLock { state -> String? in
            state.data.append(chunk)
            guard let newline = state.data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            return String(decoding: state.data[..<newline], as: UTF8.self)
        }
        guard let line else { return false }
        finish(.success(line))
        return true
    }

    func finish(_ outcome: Result<String, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<String, any Error>? in
            if state.done { return nil }
            guard let continuation = state.continuation else {
                state.early = outcome
                state.done = true
                return nil
            }
            state.done = true
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: outcome)
    }
}

/// The bound on a wait was exceeded.
public struct TimedOut: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Runs `operation`, failing with `TimedOut` (and cancelling it) if it takes longer than
/// `seconds`. A bound against hangs, never a way to wait for a result.
public func withTimeout<T: Sendable>(
    seconds: Double, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut(description: "\(what): no result within \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
