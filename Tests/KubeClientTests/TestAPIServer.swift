import Foundation
import Testing

/// A real `stockade apiserver` process on 127.0.0.1 (port 0) with its own data directory.
final class TestAPIServer: Sendable {
    let dataDirectory: String
    let kubeconfig: String
    let url: String
    let token: String
    let caPEM: String
    private let process: Process
    private let ownsDirectory: Bool

    /// `$STOCKADE_BINARY`, or `<repo>/.build/debug/stockade` where the repo root is the first directory
    /// above this file (symlinks resolved) that holds a Package.swift.
    static var executable: String {
        if let path = ProcessInfo.processInfo.environment["STOCKADE_BINARY"], !path.isEmpty { return path }
        return TestFiles.repositoryRoot + "/.build/debug/stockade"
    }

    /// Starts a server (reusing `dataDirectory` when given) and waits for its `ready` line.
    init(dataDirectory: String? = nil) throws {
        let directory = dataDirectory ?? TestFiles.makeTemporaryDirectory(prefix: "kubeclient-api")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestAPIServer.executable)
        process.arguments = ["apiserver", "--data-dir", directory, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = ""
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line += String(decoding: byte, as: UTF8.self)
        }
        guard line.hasPrefix("ready ") else {
            process.terminate()
            throw TestFailure("apiserver \(TestAPIServer.executable) did not become ready: \(line)")
        }
        var fields: [String: String] = [:]
        for part in line.dropFirst(6).split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        self.process = process
        self.dataDirectory = directory
        ownsDirectory = dataDirectory == nil
        kubeconfig = fields["kubeconfig"] ?? ""
        url = fields["url"] ?? ""
        token = try String(contentsOfFile: directory + "/token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        caPEM = try String(contentsOfFile: directory + "/ca.crt", encoding: .utf8)
    }

    /// SIGTERM, then SIGKILL after `seconds`.
    func stop(seconds: Double = 10) {
        TestProcess.terminate(process, seconds: seconds)
    }

    deinit {
        TestProcess.terminate(process, seconds: 5)
        if ownsDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }
}

enum TestProcess {
    /// Terminates `process` and waits up to `seconds` (polling), then kills it.
    static func terminate(_ process: Process, seconds: Double) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum TestFiles {
    /// The repository root: the nearest directory above this source file (symlinks resolved) with a
    /// Package.swift.
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return "."
    }

    static func makeTemporaryDirectory(prefix: String) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `path` (replacing it) and returns the path.
    @discardableResult
    static func write(_ text: String, to path: String, executable: Bool = false) throws -> String {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }
}

/// A directory removed when released.
final class TemporaryDirectory: Sendable {
    let path: String
    init(_ prefix: String = "kubeclient") { path = TestFiles.makeTemporaryDirectory(prefix: prefix) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}
