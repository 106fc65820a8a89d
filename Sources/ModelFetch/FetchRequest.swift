/// What to fetch, where to, and how hard to try.
public struct FetchRequest: Sendable {
    /// Where the model comes from.
    public var source: FetchSource
    /// The directory the file is written to (created if missing).
    public var directory: String
    /// The file name inside `directory`.
    public var fileName: String
    /// The expected SHA-256 (lowercase hex), or `nil` to accept any content.
    public var sha256: String?
    /// Retries and backoff for http(s) and s3 sources.
    public var retry: RetryPolicy

    /// A request to fetch `uri` into `directory`, under `fileName` (default: the URI's last path
    /// component). Throws `.invalidArgument` for an unusable URI, a file name that is empty, `.`,
    /// `..` or contains `/`, or a checksum that is not 64 hex digits.
    public init(
        uri: String, directory: String, fileName: String? = nil, sha256: String? = nil, retry: RetryPolicy = RetryPolicy()
    ) throws(FetchError) {
        source = try FetchSource(parsing: uri)
        guard !directory.isEmpty else { throw .invalidArgument("the target directory is empty") }
        self.directory = directory
        guard let name = fileName ?? source.defaultFileName else {
            throw .invalidArgument("'\(uri)' has no file name at the end of its path; give one with --name")
        }
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw .invalidArgument("file name '\(name)' is not a plain file name")
        }
        self.fileName = name
        if let sha256 {
            let lower = sha256.lowercased()
            guard lower.utf8.count == 64, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw .invalidArgument("--sha256 '\(sha256)' is not a SHA-256 digest (64 hexadecimal digits)")
            }
            self.sha256 = lower
        } else {
            self.sha256 = nil
        }
        self.retry = retry
    }
}

/// What a completed fetch did.
public struct FetchReport: Sendable, Equatable {
    /// Whether bytes were transferred or the file was already there.
    public enum Outcome: Sendable, Equatable {
        /// The file was downloaded or copied and renamed into place.
        case fetched
        /// `DIR/FILE` already had the expected SHA-256 (or, with no checksum given, existed); nothing
        /// was transferred.
        case alreadyPresent
    }

    /// What happened.
    public var outcome: Outcome
    /// The final file's path.
    public var path: String
    /// The file's SHA-256 (lowercase hex).
    public var sha256: String
    /// The file's size in bytes.
    public var bytes: Int
    /// Requests made (1 without retries; 0 for file:// and already present files).
    public var attempts: Int
    /// The offsets each resumed request started at (a `Range: bytes=N-` answered with 206).
    public var resumedAt: [Int]
    /// How often a server answered a resumed request from byte 0 (200 instead of 206).
    public var restarts: Int
    /// The delays waited before each retry.
    public var retryDelays: [Duration]
    /// The largest body chunk held in memory at once: memory stays bounded by the transport's
    /// stream buffer, whatever the file's size.
    public var largestChunk: Int
}
