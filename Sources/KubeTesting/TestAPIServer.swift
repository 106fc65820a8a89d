public import Foundation
import ProcessTesting

/// A real `stockade apiserver` process on 127.0.0.1 (port 0) with its own data directory, and a way to
/// run the real kubectl against it.
public final class TestAPIServer: Sendable {
    public let dataDirectory: String
    public let kubeconfig: String
    public let url: String
    public let token: String
    public let caPEM: String
    private let process: Process
    /// True when this instance made the data directory (and so removes it when released).
    private let ownsDirectory: Bool

    /// The `stockade` executable: `$STOCKADE_BINARY`, else the one built next to the test bundle, else
    /// `<repo>/.build/debug/stockade` (the repo being the nearest directory above this file with a Package.swift).
    public static var executable: String {
        if let path = ProcessInfo.processInfo.environment["STOCKADE_BINARY"], !path.isEmpty { return path }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("stockade").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/", !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent(".build/debug/stockade").path
    }

    public static func makeDataDirectory() -> String {
        let path = NSTemporaryDirectory() + "stockade-test-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts a server (reusing `dataDirectory` when given) and waits for its `ready` line.
    public init(dataDirectory: String? = nil) throws {
        let directory = dataDirectory ?? TestAPIServer.makeDataDirectory()
        let (process, line, errors) = try TestAPIServer.launch(directory)
        guard let line, line.hasPrefix("ready ") else {
            throw TestFailure("apiserver did not become ready: \(errors)")
        }
        let fields = Dictionary(uniqueKeysWithValues: line.dropFirst(6).split(separator: " ").compactMap { part -> (String, String)? in
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            return kv.count == 2 ? (kv[0], kv[1]) : nil
        })
        self.process = process
        self.dataDirectory = directory
        ownsDirectory = dataDirectory == nil
        kubeconfig = fields["kubeconfig"] ?? ""
        url = fields["url"] ?? ""
        token = (try String(contentsOfFile: directory + "/token", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        caPEM = try String(contentsOfFile: directory + "/ca.crt", encoding: .utf8)
    }

    /// Runs the server binary and returns its first stdout line (nil if it exited first) and its stderr.
    public static func launch(_ directory: String) throws -> (Process, String?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["apiserver", "--data-dir", directory, "--port", "0"]
        let (out, err) = launchSerially { (Pipe(), Pipe()) }
        process.standardOutput = out
        process.standardError = err
        try launchSerially { try process.run() }
        var line = ""
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            if byte.first == UInt8(ascii: "\n") { break }
            line += String(decoding: byte, as: UTF8.self)
        }
        if line.isEmpty {
            process.waitUntilExit()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process, nil, errors)
        }
        return (process, line, "")
    }

    /// SIGTERM and wait up to `seconds` (then SIGKILL); returns the exit status, or nil when the
    /// server had to be killed.
    @discardableResult
    public func stop(seconds: Double = 15) -> Int32? {
        TestAPIServer.terminate(process, seconds: seconds)
    }

    public static func terminate(_ process: Process, seconds: Double) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        return wait(process, seconds: seconds)
    }

    deinit {
        _ = TestAPIServer.terminate(process, seconds: 5)
        if ownsDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }

    /// What a kubectl run printed and how it exited.
    public struct KubectlResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var succeeded: Bool { status == 0 }
    }

    /// Runs the real kubectl with this server's kubeconfig. `environment` adds variables (KUBE_EDITOR).
    @discardableResult
    public func kubectl(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> KubectlResult {
        try kubectl(arguments: arguments, stdin: stdin, environment: environment)
    }

    /// Runs kubectl to completion; a kubectl still running after `seconds` is killed and reported as failed.
    public func kubectl(arguments: [String], stdin: String? = nil, environment: [String: String] = [:], seconds: Double = 60) throws -> KubectlResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = kubeconfig
        env["HOME"] = dataDirectory
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let (out, err, input) = launchSerially { (Pipe(), Pipe(), Pipe()) }
        let stdout = OutputBuffer(), stderr = OutputBuffer()
        out.fileHandleForReading.readabilityHandler = { handle in stdout.append(String(decoding: handle.availableData, as: UTF8.self)) }
        err.fileHandleForReading.readabilityHandler = { handle in stderr.append(String(decoding: handle.availableData, as: UTF8.self)) }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try launchSerially { try process.run() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let status = TestAPIServer.wait(process, seconds: seconds)
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        stdout.append(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        stderr.append(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        return KubectlResult(status: status ?? -1, stdout: stdout.text, stderr: stderr.text + (status == nil ? "\n(killed after \(seconds)s)" : ""))
    }

    /// Waits for exit up to `seconds`, then kills; nil when killed.
    public static func wait(_ process: Process, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// A failed test precondition, with a message.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
