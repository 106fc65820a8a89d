import Curl
import Foundation
import Testing

@testable import ModelFetch

/// Against fetch_server.py's S3, which serves an object only when its SigV4 signature verifies
/// (an independent implementation of the spec) and the session token matches.
@Suite("ModelFetch from S3")
struct S3FetchTests {
    @Test func downloadsASignedObjectWithASessionToken() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("models-bucket/iris/v1/model 1+2.onnx", size: 700_000)
        let request = try FetchRequest(
            uri: "s3://models-bucket/iris/v1/model 1+2.onnx", directory: fixture.target.path, sha256: file.sha256)
        let report = try await fixture.fetcher(environment: fixture.s3Environment).fetch(request)
        #expect(report.outcome == .fetched)
        #expect(fixture.fetched("model 1+2.onnx") == file.bytes)
    }

    @Test func resumesWithASignedRange() async throws {
        let fixture = try await FetchFixture()
        let file = try fixture.makeFile("bucket/drop-once/model.onnx", size: 500_000)
        let request = try FetchRequest(uri: "s3://bucket/drop-once/model.onnx", directory: fixture.target.path, sha256: file.sha256)
        let report = try await fixture.fetcher(environment: fixture.s3Environment).fetch(request)
        #expect(report.resumedAt == [1000])
        #expect(fixture.fetched("model.onnx") == file.bytes)
    }

    @Test func aWrongSecretShowsS3sErrorAndIsTerminal() async throws {
        let fixture = try await FetchFixture()
        try fixture.makeFile("bucket/model.onnx", size: 1000)
        var environment = fixture.s3Environment
        environment["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
        let request = try FetchRequest(uri: "s3://bucket/model.onnx", directory: fixture.target.path)
        await #expect {
            _ = try await fixture.fetcher(environment: environment).fetch(request)
        } throws: { error in
            guard case .http(403, _, let detail, _) = error as? FetchError else { return false }
            return detail.hasPrefix("SignatureDoesNotMatch: The request signature we calculated does not match")
        }
    }

    @Test func theSessionTokenIsSentAndChecked() async throws {
        let fixture = try await FetchFixture()
        try fixture.makeFile("bucket/model.onnx", size: 1000)
        var environment = fixture.s3Environment
        environment["AWS_SESSION_TOKEN"] = nil
        let request = try FetchRequest(uri: "s3://bucket/model.onnx", directory: fixture.target.path)
        await #expect {
            _ = try await fixture.fetcher(environment: environment).fetch(request)
        } throws: { error in
            "\(error)".hasSuffix("HTTP 403: InvalidToken: The provided token is malformed or otherwise invalid.")
        }
    }

    @Test func aMissingKeyIsNoSuchKey() async throws {
        let fixture = try await FetchFixture()
        let request = try FetchRequest(uri: "s3://bucket/absent.onnx", directory: fixture.target.path)
        await #expect {
            _ = try await fixture.fetcher(environment: fixture.s3Environment).fetch(request)
        } throws: { error in
            "\(error)".hasSuffix("HTTP 404: NoSuchKey: The specified key does not exist.")
        }
    }
}
