import ArgumentParser
import Curl
import Foundation
import Logging
import ModelFetch

/// `stockade-serve fetch`: downloads one model file into a directory (the operator's init
/// container). Every option falls back to its `STOCKADE_FETCH_*` environment variable.
struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download a model file (file://, http(s)://, s3://) into a directory, verified and atomically.",
        discussion: """
            The file is streamed to DIR/.NAME.partial with bounded memory while its SHA-256 is computed, \
            synced, verified against --sha256, then renamed to DIR/NAME. When DIR/NAME already has the \
            expected checksum (or exists and no checksum is given), nothing is downloaded. Dropped \
            connections, timeouts, 408, 429 and 5xx answers are retried with exponential backoff \
            (1 s doubling to 30 s; Retry-After honoured up to 5 min), resuming with a Range request \
            where the server allows it; a partial file from an earlier run is resumed when --sha256 is given. \
            http(s) redirects are followed (up to 10).

            s3://BUCKET/KEY uses AWS Signature Version 4 with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and \
            AWS_SESSION_TOKEN (anonymous when no keys are set), region AWS_REGION or AWS_DEFAULT_REGION \
            (default us-east-1), and endpoint AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL (path-style, e.g. \
            MinIO), else https://BUCKET.s3.REGION.amazonaws.com/KEY. Proxies come from https_proxy, \
            http_proxy and no_proxy.

            Exit status: 0 when DIR/NAME is in place, 1 on any failure (checksum mismatch, a 4xx \
            answer, retries exhausted), with the reason on standard error.
            """)

    @Argument(help: "file:///path, http(s)://host/path or s3://bucket/key (env STOCKADE_FETCH_URI).")
    var uri: String?
    @Option(name: .customLong("to"), help: "Directory to write the file into, created if missing (env STOCKADE_FETCH_TO).")
    var directory: String?
    @Option(help: "Expected SHA-256 of the file, 64 hex digits (env STOCKADE_FETCH_SHA256).")
    var sha256: String?
    @Option(help: "File name in the directory; default: the URI's last path component (env STOCKADE_FETCH_NAME).")
    var name: String?
    @Option(help: "Retries after the first attempt (env STOCKADE_FETCH_RETRIES; default 5).")
    var retries: Int?

    func run() async throws {
        let env = EnvironmentFallback()
        guard let uri = env.string(uri, "STOCKADE_FETCH_URI") else { throw ValidationError("a URI (or STOCKADE_FETCH_URI) is required") }
        guard let directory = env.string(directory, "STOCKADE_FETCH_TO") else { throw ValidationError("--to (or STOCKADE_FETCH_TO) is required") }
        let retryCount = try env.int(retries, "STOCKADE_FETCH_RETRIES", 5)
        guard retryCount >= 0 else { throw ValidationError("--retries must be 0 or more, got \(retryCount)") }

        let logger = Logger(label: "stockade-serve.fetch")
        let transport = CurlTransport(configuration: .init(userAgent: "stockade-serve-fetch"))
        let outcome: Result<FetchReport, FetchError>
        do {
            let request = try FetchRequest(
                uri: uri, directory: directory, fileName: env.string(name, "STOCKADE_FETCH_NAME"),
                sha256: env.string(sha256, "STOCKADE_FETCH_SHA256"), retry: RetryPolicy(retries: retryCount))
            outcome = .success(try await ModelFetcher(transport: transport, environment: env.environment, logger: logger).fetch(request))
        } catch {
            outcome = .failure(error)
        }
        await transport.shutdown()
        switch outcome {
        case .success(let report):
            let verb = report.outcome == .fetched ? "fetched" : "present"
            FileHandle.standardOutput.write(Data("\(verb) \(report.path) bytes=\(report.bytes) sha256=\(report.sha256)\n".utf8))
        case .failure(let error):
            FileHandle.standardError.write(Data("stockade-serve fetch: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
