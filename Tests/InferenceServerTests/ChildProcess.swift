import Foundation
import ProcessTesting

/// Runs a program to completion for tests, collecting its output, without blocking a Swift thread
/// while it runs.
struct ChildProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> ChildProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        // Output goes to files, read after the exit: reading pipes would block threads of the
        // cooperative pool, which an in-process server under test needs to answer the child.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try launchSerially { try process.run() } } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return ChildProcess(status: status, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// The `stockade-serve` binary: `$STOCKADE_SERVE`, else next to the test bundle, else `.build/debug`.
    static func serveBinary() throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["STOCKADE_SERVE"], !explicit.isEmpty { candidates.append(explicit) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stockade-serve").path)
        candidates.append(Paths.repositoryRoot.appendingPathComponent(".build/debug/stockade-serve").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BinaryMissing(candidates: candidates)
        }
        return found
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        let candidates: [String]
        var description: String { "stockade-serve binary not found (build it first); looked at \(candidates)" }
    }
}
