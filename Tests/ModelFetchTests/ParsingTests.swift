import Curl
import Testing

@testable import ModelFetch

@Suite("ModelFetch parsing")
struct ParsingTests {
    @Test func parsesTheThreeSchemes() throws {
        #expect(try FetchSource(parsing: "file:///models/iris.onnx") == .file(path: "/models/iris.onnx"))
        #expect(try FetchSource(parsing: "file:///models/a%20b.onnx") == .file(path: "/models/a b.onnx"))
        #expect(try FetchSource(parsing: "https://example.com/m/model.onnx?x=1") == .http(url: "https://example.com/m/model.onnx?x=1"))
        #expect(try FetchSource(parsing: "s3://bucket/dir/model.onnx") == .s3(bucket: "bucket", key: "dir/model.onnx"))
        #expect(try FetchSource(parsing: "https://example.com/m/model.onnx?x=1#f").defaultFileName == "model.onnx")
        #expect(try FetchSource(parsing: "https://example.com/m/a%20b.onnx").defaultFileName == "a b.onnx")
        #expect(try FetchSource(parsing: "s3://bucket/dir/model.onnx").defaultFileName == "model.onnx")
        #expect(try FetchSource(parsing: "https://example.com").defaultFileName == nil)
    }

    @Test(arguments: [
        ("ftp://host/x", "unsupported scheme 'ftp'"),
        ("model.onnx", "is not a URI"),
        ("file://relative/x", "absolute path"),
        ("s3:///key", "needs a bucket"),
        ("s3://bucket", "needs an object key"),
        ("s3://bucket/prefix/", "needs an object key"),
        ("http:///path", "has no host"),
    ])
    func rejectsBadURIsNamingTheProblem(uri: String, message: String) {
        #expect {
            _ = try FetchSource(parsing: uri)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func validatesNameAndChecksum() throws {
        #expect(throws: FetchError.self) { _ = try FetchRequest(uri: "https://h/", directory: "/tmp") }
        #expect(throws: FetchError.self) { _ = try FetchRequest(uri: "https://h/x", directory: "/tmp", fileName: "a/b") }
        #expect(throws: FetchError.self) { _ = try FetchRequest(uri: "https://h/x", directory: "/tmp", sha256: "abc") }
        let request = try FetchRequest(uri: "https://h/x", directory: "/tmp", sha256: String(repeating: "AB", count: 32))
        #expect(request.sha256 == String(repeating: "ab", count: 32))
        #expect(request.fileName == "x")
    }

    @Test func contentRange() {
        let range = ContentRange("bytes 10-19/20")
        #expect(range?.first == 10 && range?.last == 19 && range?.total == 20)
        #expect(ContentRange("bytes 10-19/*")?.total == nil)
        let unsatisfied = ContentRange("bytes */20")
        #expect(unsatisfied != nil && unsatisfied?.first == nil && unsatisfied?.total == 20)
        #expect(ContentRange("bytes 10-25/20") == nil)
        #expect(ContentRange("items 1-2/3") == nil)
        #expect(ContentRange("bytes 5-4/20") == nil)
    }

    @Test func backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        let policy = RetryPolicy(retries: 6, initialBackoff: .seconds(1), maxBackoff: .seconds(5))
        let dropped = FetchError.transport(TransportError(kind: .other, curlCode: 18, message: "cut", method: "GET", url: "u"))
        #expect((1...6).map { policy.delay(afterAttempt: $0, error: dropped) } == [1, 2, 4, 5, 5, 5].map { Duration.seconds($0) })
        #expect(policy.delay(afterAttempt: 7, error: dropped) == nil)
        let busy = FetchError.http(status: 503, url: "u", detail: "", retryAfter: .seconds(9))
        #expect(policy.delay(afterAttempt: 1, error: busy) == .seconds(9))
        let long = FetchError.http(status: 429, url: "u", detail: "", retryAfter: .seconds(3600))
        #expect(policy.delay(afterAttempt: 1, error: long) == .seconds(300))
        #expect(policy.delay(afterAttempt: 1, error: .http(status: 404, url: "u", detail: "", retryAfter: nil)) == nil)
        #expect(policy.delay(afterAttempt: 1, error: .http(status: 408, url: "u", detail: "", retryAfter: nil)) == .seconds(1))
        #expect(RetryPolicy.parseRetryAfter("7") == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    @Test func s3Settings() throws {
        let aws = try S3Settings(environment: ["AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK", "AWS_DEFAULT_REGION": "eu-west-1"])
        #expect(aws.url(bucket: "b", key: "dir/a b+c.onnx") == "https://b.s3.eu-west-1.amazonaws.com/dir/a%20b%2Bc.onnx")
        let minio = try S3Settings(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9000/", "AWS_REGION": "r", "AWS_DEFAULT_REGION": "x"])
        #expect(minio.region == "r")
        #expect(minio.credentials == nil)
        #expect(minio.url(bucket: "b", key: "k") == "http://127.0.0.1:9000/b/k")
        let specific = try S3Settings(environment: ["AWS_ENDPOINT_URL": "http://a", "AWS_ENDPOINT_URL_S3": "http://s3"])
        #expect(specific.endpoint == "http://s3")
        #expect(throws: FetchError.self) { _ = try S3Settings(environment: ["AWS_ACCESS_KEY_ID": "AK"]) }
        #expect(throws: FetchError.self) { _ = try S3Settings(environment: ["AWS_ENDPOINT_URL": "minio:9000"]) }
        let body = Array("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".utf8)
        #expect(S3Settings.errorDetail(body) == "AccessDenied: Access Denied")
    }
}
