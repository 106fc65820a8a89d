import Curl
import Foundation
import Testing

@testable import ModelFetch

@Suite("ModelFetch over HTTP")
struct HTTPFetchTests {
    @Test func downloadsAndVerifiesTheChecksum() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 1_500_000)
        let request = try FetchRequest(uri: "\(fixture.httpBase)/plain/model.onnx", directory: fixture.target.path, sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.outcome == .fetched)
        #expect(report.sha256 == file.sha256)
        #expect(report.bytes == file.bytes.count)
        #expect(report.attempts == 1)
        #expect(fixture.fetched("model.onnx") == file.bytes)
        #expect(fixture.targetListing() == ["model.onnx"])
    }

    @Test func wrongChecksumFailsAndRemovesThePartialFile() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 200_000)
        let wrong = String(repeating: "0", count: 64)
        let request = try FetchRequest(uri: "\(fixture.httpBase)/plain/model.onnx", directory: fixture.target.path, sha256: wrong)
        await #expect {
            _ = try await fixture.fetcher().fetch(request)
        } throws: { error in
            guard case .checksumMismatch(_, let expected, let actual) = error as? FetchError else { return false }
            return expected == wrong && actual == file.sha256 && "\(error)".contains("SHA-256 mismatch")
        }
        #expect(fixture.targetListing() == [])
    }

    @Test func resumesWithRangeAfterADroppedConnection() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 3_000_000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/drop/model.onnx?key=resume&at=1234567", directory: fixture.target.path,
            fileName: "model.onnx", sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.attempts == 2)
        #expect(report.resumedAt == [1_234_567])
        #expect(report.restarts == 0)
        #expect(report.retryDelays == [.seconds(1)])
        #expect(fixture.fetched("model.onnx") == file.bytes)
        let log = try await fixture.log("resume")
        #expect(log.count == 2)
        #expect(log.first?["range"] == nil)
        #expect(log.last?["range"] == "bytes=1234567-")
        #expect(log.last?["if_range"]?.hasPrefix("\"") == true)
    }

    @Test func startsOverWhenTheServerIgnoresRange() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 2_000_000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/drop-norange/model.onnx?key=norange&at=700000", directory: fixture.target.path,
            fileName: "model.onnx", sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.attempts == 2)
        #expect(report.resumedAt == [])
        #expect(report.restarts == 1)
        #expect(fixture.fetched("model.onnx") == file.bytes)
        #expect(try await fixture.log("norange").last?["range"] == "bytes=700000-")
    }

    @Test func retries503HonouringRetryAfter() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 100_000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/flaky/model.onnx?key=busy&fail=2&status=503&retry_after=7", directory: fixture.target.path,
            fileName: "model.onnx", sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.attempts == 3)
        #expect(report.retryDelays == [.seconds(7), .seconds(7)])
        #expect(fixture.fetched("model.onnx") == file.bytes)
    }

    @Test func givesUpAfterTheRetriesWithTheLastError() async throws {
        let fixture = try await FetchFixture()
        try fixture.makeFile("model.onnx", size: 1000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/flaky/model.onnx?key=down&fail=100&status=500", directory: fixture.target.path,
            fileName: "model.onnx", retry: RetryPolicy(retries: 2))
        await #expect {
            _ = try await fixture.fetcher().fetch(request)
        } throws: { error in
            guard case .gaveUp(3, .http(500, _, let detail, _)) = error as? FetchError else { return false }
            return detail == "try again later" && "\(error)".hasPrefix("giving up after 3 attempts: GET ")
        }
        #expect(try await fixture.log("down").count == 3)
        #expect(fixture.targetListing() == [".model.onnx.partial"])
    }

    @Test func notFoundIsTerminal() async throws {
        let fixture = try await FetchFixture()
        try fixture.makeFile("model.onnx", size: 1000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/flaky/model.onnx?key=gone&fail=5&status=404", directory: fixture.target.path, fileName: "m.onnx")
        await #expect {
            _ = try await fixture.fetcher().fetch(request)
        } throws: { error in
            guard case .http(404, _, "try again later", _) = error as? FetchError else { return false }
            return "\(error)".contains("HTTP 404")
        }
        #expect(try await fixture.log("gone").count == 1)
        let missing = try FetchRequest(uri: "\(fixture.httpBase)/plain/nothing.onnx", directory: fixture.target.path)
        await #expect {
            _ = try await fixture.fetcher().fetch(missing)
        } throws: { error in
            "\(error)".hasSuffix("HTTP 404: no such model: nothing.onnx")
        }
    }

    @Test func aConnectionRefusedIsRetriedThenReported() async throws {
        let fixture = try await FetchFixture()
        let request = try FetchRequest(uri: "http://127.0.0.1:1/model.onnx", directory: fixture.target.path, retry: RetryPolicy(retries: 1))
        await #expect {
            _ = try await fixture.fetcher().fetch(request)
        } throws: { error in
            guard case .gaveUp(2, .transport(let transport)) = error as? FetchError else { return false }
            return transport.kind == .connect
        }
    }

    @Test func anExistingFileWithTheChecksumIsNotDownloadedAgain() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 300_000)
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/flaky/model.onnx?key=once&fail=0&status=500", directory: fixture.target.path,
            fileName: "model.onnx", sha256: file.sha256)
        #expect(try await fixture.fetcher().fetch(request).outcome == .fetched)
        let again = try await fixture.fetcher().fetch(request)
        #expect(again.outcome == .alreadyPresent)
        #expect(again.attempts == 0)
        #expect(again.sha256 == file.sha256)
        #expect(try await fixture.log("once").count == 1)

        // Different content under the name is replaced.
        try Data("stale".utf8).write(to: fixture.target.appendingPathComponent("model.onnx"))
        #expect(try await fixture.fetcher().fetch(request).outcome == .fetched)
        #expect(fixture.fetched("model.onnx") == file.bytes)
        #expect(try await fixture.log("once").count == 2)
    }

    @Test func resumesAPartialFileLeftByAnEarlierRun() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 1_000_000)
        try FileManager.default.createDirectory(at: fixture.target, withIntermediateDirectories: true)
        try Data(file.bytes[..<400_000]).write(to: fixture.target.appendingPathComponent(".model.onnx.partial"))
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/plain/model.onnx", directory: fixture.target.path, sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.resumedAt == [400_000])
        #expect(fixture.fetched("model.onnx") == file.bytes)
        #expect(fixture.targetListing() == ["model.onnx"])
    }

    @Test func followsRedirectsAndResumesThroughThem() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("model.onnx", size: 800_000)
        let target = "/drop/model.onnx?key=moved%26at=300000"
        let request = try FetchRequest(
            uri: "\(fixture.httpBase)/redirect/x?to=\(target)", directory: fixture.target.path, fileName: "model.onnx",
            sha256: file.sha256)
        let report = try await fixture.fetcher().fetch(request)
        #expect(report.resumedAt == [300_000])
        #expect(fixture.fetched("model.onnx") == file.bytes)
        #expect(try await fixture.log("moved").map { $0["range"] ?? "-" } == ["-", "bytes=300000-"])
    }

    @Test func copiesAFileURI() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("local model.onnx", size: 2_500_000)
        let uri = "file://" + fixture.docroot.appendingPathComponent("local%20model.onnx").path
        let report = try await fixture.fetcher().fetch(
            try FetchRequest(uri: uri, directory: fixture.target.path, sha256: file.sha256))
        #expect(report.outcome == .fetched)
        #expect(report.path.hasSuffix("/local model.onnx"))
        #expect(fixture.fetched("local model.onnx") == file.bytes)
        let missing = try FetchRequest(uri: "file:///nonexistent/model.onnx", directory: fixture.target.path)
        await #expect {
            _ = try await fixture.fetcher().fetch(missing)
        } throws: { error in
            "\(error)".contains("/nonexistent/model.onnx") && "\(error)".contains("opening for reading failed")
        }
        #expect(!fixture.targetListing().contains(".model.onnx.partial"))
    }
}
