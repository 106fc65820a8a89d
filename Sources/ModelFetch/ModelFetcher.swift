public import Curl
public import Logging

/// Downloads a model file into a directory: streamed to disk with bounded memory, SHA-256
/// computed on the way, written to `DIR/.FILE.partial`, synced, verified, then renamed to
/// `DIR/FILE` atomically. A `DIR/FILE` that already has the expected checksum is kept without a
/// download, so an init container can be restarted safely.
///
/// http(s) and s3 downloads retry dropped connections, timeouts, 408, 429 and 5xx answers with
/// exponential backoff (honouring `Retry-After`), resuming with `Range: bytes=N-` where the server
/// answers 206 and starting over where it answers 200. A partial file left by an earlier run is
/// resumed only when a checksum is given (it then guards the result). http(s) redirects are
/// followed (up to 10, to http and https only). Other 4xx answers are
/// terminal, with the server's explanation (S3's error Code and Message) in the error.
public struct ModelFetcher: Sendable {
    let transport: CurlTransport
    let environment: [String: String]
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void

    /// Redirects followed for http(s) sources (model hubs answer with a redirect to a CDN).
    static let maxRedirects = 10

    /// A fetcher sending its requests through `transport`; S3 settings are read from
    /// `environment`. `sleep` waits between retries (the default sleeps on the continuous clock;
    /// tests pass one that records the delays).
    public init(
        transport: CurlTransport, environment: [String: String], logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.transport = transport
        self.environment = environment
        self.logger = logger
        self.sleep = sleep
    }

    /// Performs `request`. Throws `FetchError`: `.checksumMismatch` (partial file removed),
    /// `.gaveUp` when retries ran out, or the terminal error that stopped it.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchReport {
        let file = DownloadFile(directory: request.directory, name: request.fileName)
        var metadata: Logger.Metadata = ["path": "\(file.finalPath)"]
        if let present = try await file.existingFinal() {
            if let expected = request.sha256 {
                if present.sha256 == expected {
                    logger.info("already present with the expected SHA-256", metadata: metadata)
                    return FetchReport(
                        outcome: .alreadyPresent, path: file.finalPath, sha256: present.sha256, bytes: present.bytes,
                        attempts: 0, resumedAt: [], restarts: 0, retryDelays: [], largestChunk: 0)
                }
                metadata["found"] = "\(present.sha256)"
                logger.notice("present with another SHA-256; fetching again", metadata: metadata)
            } else {
                logger.info("already present (no checksum given to verify it)", metadata: metadata)
                return FetchReport(
                    outcome: .alreadyPresent, path: file.finalPath, sha256: present.sha256, bytes: present.bytes,
                    attempts: 0, resumedAt: [], restarts: 0, retryDelays: [], largestChunk: 0)
            }
        }

        var progress = Progress()
        switch request.source {
        case .file(let path):
            _ = try await file.open(resume: false)
            do {
                try await file.copy(from: path)
            } catch {
                await file.discard()
                throw error
            }
        case .http(let url):
            try await download(into: file, request: request, progress: &progress) { headers in
                var request = HTTPRequest(url: url, headers: headers)
                request.maxRedirects = Self.maxRedirects
                return request
            }
        case .s3(let bucket, let key):
            let settings = try S3Settings(environment: environment)
            if settings.credentials == nil { logger.notice("no AWS credentials in the environment; requesting anonymously") }
            try await download(into: file, request: request, progress: &progress) { headers in
                settings.request(bucket: bucket, key: key, extraHeaders: headers)
            }
        }

        let bytes = file.size
        let digest = try await file.finish()
        if let expected = request.sha256, digest != expected {
            await file.discard()
            throw .checksumMismatch(path: file.finalPath, expected: expected, actual: digest)
        }
        try await file.commit()
        logger.info("fetched", metadata: ["path": "\(file.finalPath)", "bytes": "\(bytes)", "sha256": "\(digest)"])
        return FetchReport(
            outcome: .fetched, path: file.finalPath, sha256: digest, bytes: bytes, attempts: progress.attempts,
            resumedAt: progress.resumedAt, restarts: progress.restarts, retryDelays: progress.retryDelays,
            largestChunk: progress.largestChunk)
    }

    /// The attempts of one download, for the report.
    struct Progress {
        var attempts = 0
        var resumedAt: [Int] = []
        var restarts = 0
        var retryDelays: [Duration] = []
        var largestChunk = 0
        /// The validator (strong ETag or Last-Modified) of the first full response, sent as
        /// `If-Range` when resuming so a changed object is sent whole.
        var validator: String?
    }

    /// Runs attempts until one completes the body, a terminal error, or the retries run out.
    private func download(
        into file: DownloadFile, request: FetchRequest, progress: inout Progress,
        makeRequest: ([(String, String)]) -> HTTPRequest
    ) async throws(FetchError) {
        let leftover = try await file.open(resume: request.sha256 != nil)
        if leftover > 0 {
            logger.info("resuming a partial file left by an earlier run", metadata: ["bytes": "\(leftover)"])
        }
        while true {
            progress.attempts += 1
            do {
                try await attempt(file: file, progress: &progress, makeRequest: makeRequest)
                return
            } catch {
                guard let delay = request.retry.delay(afterAttempt: progress.attempts, error: error) else {
                    if error.isRetryable { throw .gaveUp(attempts: progress.attempts, last: error) }
                    throw error
                }
                logger.warning("attempt failed; retrying", metadata: [
                    "attempt": "\(progress.attempts)", "error": "\(error)", "delay": "\(delay)", "have": "\(file.size)",
                ])
                progress.retryDelays.append(delay)
                do {
                    try await sleep(delay)
                } catch {
                    throw .cancelled
                }
            }
        }
    }
}
