public import Curl

/// Why a fetch failed. Each case says what failed with its context; `isRetryable` classifies it.
public enum FetchError: Error, Sendable, CustomStringConvertible {
    /// The URI, a flag or the environment is unusable (unknown scheme, missing bucket, half-set
    /// credentials, a malformed checksum). Terminal.
    case invalidArgument(String)
    /// The server answered `status`; `detail` is what it said (for S3 the error Code and Message).
    /// 408, 429 and 5xx are retryable; `retryAfter` is the server's `Retry-After`, if any.
    case http(status: Int, url: String, detail: String, retryAfter: Duration?)
    /// No complete response arrived (connection refused or dropped, timeout, TLS).
    case transport(TransportError)
    /// The server's answer cannot continue the download (a range starting elsewhere, a body
    /// shorter than announced). Retryable: the next attempt starts over or resumes.
    case protocolViolation(url: String, detail: String)
    /// The downloaded bytes do not have the expected SHA-256; the partial file was removed. Terminal.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// Reading or writing a local file failed. Terminal.
    case io(path: String, detail: String)
    /// Every allowed attempt failed; `last` is the final failure.
    indirect case gaveUp(attempts: Int, last: FetchError)
    /// The task was cancelled.
    case cancelled

    /// Whether repeating the request may succeed.
    public var isRetryable: Bool {
        switch self {
        case .http(let status, _, _, _): status == 408 || status == 429 || (500...599).contains(status)
        case .transport(let error): error.isRetryable
        case .protocolViolation: true
        case .invalidArgument, .checksumMismatch, .io, .gaveUp, .cancelled: false
        }
    }

    /// The delay the server asked for, when it did.
    var retryAfter: Duration? {
        if case .http(_, _, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// One line for a user: what failed and why.
    public var description: String {
        switch self {
        case .invalidArgument(let message):
            return message
        case .http(let status, let url, let detail, _):
            return "GET \(url): HTTP \(status)" + (detail.isEmpty ? "" : ": \(detail)")
        case .transport(let error):
            return error.description
        case .protocolViolation(let url, let detail):
            return "GET \(url): \(detail)"
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path): SHA-256 mismatch: expected \(expected), downloaded \(actual) (partial file removed)"
        case .io(let path, let detail):
            return "\(path): \(detail)"
        case .gaveUp(let attempts, let last):
            return "giving up after \(attempts) attempts: \(last)"
        case .cancelled:
            return "cancelled"
        }
    }
}
