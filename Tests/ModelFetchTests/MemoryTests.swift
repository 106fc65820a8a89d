import Foundation
import Testing

@testable import ModelFetch

/// A model far larger than any buffer is streamed to disk: memory use stays bounded.
@Suite("ModelFetch memory")
struct MemoryTests {
    static let size = 64 << 20

    @Test func a64MiBDownloadHoldsOnlySmallChunks() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("big.onnx", size: Self.size)
        let request = try FetchRequest(uri: "\(fixture.httpBase)/plain/big.onnx", directory: fixture.target.path, sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.bytes == Self.size)
        // The transport's stream buffer (1 MiB) plus one libcurl callback's worth.
        #expect(report.largestChunk > 0)
        #expect(report.largestChunk <= (1 << 20) + (64 << 10))
    }

    /// The `stockade-serve fetch` process's peak RSS (ru_maxrss of the child, read by a Python
    /// parent) grows far less than the file between a 1 KiB and a 64 MiB download.
    @Test func stockadeServeFetchPeakRSSStaysFarBelowTheFileSize() async throws {
        let binary = try Self.serveBinary()
        let fixture = try await FetchFixture()
        let small = try fixture.makeFile("small.onnx", size: 1024)
        let big = try fixture.makeFile("big.onnx", size: Self.size)
        let smallPeak = try await Self.peakRSS(binary, ["fetch", "\(fixture.httpBase)/plain/small.onnx", "--to", fixture.target.path, "--sha256", small.sha256])
        let bigPeak = try await Self.peakRSS(binary, ["fetch", "\(fixture.httpBase)/plain/big.onnx", "--to", fixture.target.path, "--sha256", big.sha256])
        #expect(fixture.fetched("big.onnx")?.count == Self.size)
        #expect(bigPeak - smallPeak < 16 << 20, "peak RSS \(smallPeak) B for 1 KiB, \(bigPeak) B for 64 MiB")
    }

    /// Runs `binary arguments` under a Python parent that prints the child's peak RSS in bytes.
    static func peakRSS(_ binary: String, _ arguments: [String]) async throws -> Int {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-fetch-rss-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let script = """
            import resource, subprocess, sys
            code = subprocess.run(sys.argv[1:]).returncode
            print("peak", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
            sys.exit(code)
            """
        try await runToCompletion(["python3", "-c", script, binary] + arguments, log: log)
        let text = try String(contentsOf: log, encoding: .utf8)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("peak ") }), let peak = Int(line.dropFirst(5)) else {
            throw SubprocessFailure(description: "no peak RSS in: \(text)")
        }
        return peak
    }

    /// `stockade-serve` next to the test bundle, else in `<repo>/.build/debug`.
    static func serveBinary() throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["STOCKADE_SERVE"], !explicit.isEmpty { candidates.append(explicit) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stockade-serve").path)
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                candidates.append(directory.appendingPathComponent(".build/debug/stockade-serve").path)
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        throw SubprocessFailure(description: "stockade-serve binary not found (build it first); looked at \(candidates)")
    }
}
