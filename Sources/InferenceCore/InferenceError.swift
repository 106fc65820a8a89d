/// Why an inference request failed, with the HTTP status the server answers and a message meant for
/// the client (it names the input or output involved). Never carries a Swift backtrace.
public struct InferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; each maps to one HTTP status.
    public enum Code: Sendable, Equatable {
        /// Malformed or invalid request (400).
        case badRequest
        /// Unknown model or version (404).
        case notFound
        /// Body larger than the configured limit (413).
        case payloadTooLarge
        /// Queue full or model not ready; retry after the given delay when known (503).
        case unavailable(retryAfter: Duration?)
        /// The request's deadline passed before it ran (504).
        case deadlineExceeded
        /// A server-side failure such as an engine error (500).
        case `internal`
        /// The client closed its connection (or stream) while the request waited in the queue, so it
        /// was dropped without running (499, nginx's "client closed request", for metrics and logs;
        /// only a client that merely half-closed still reads the answer).
        case clientClosedRequest
    }

    /// The class of failure, deciding ``httpStatus``.
    public var code: Code
    /// What failed, for the client (sent as `{"error": message}`); names the tensor involved.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status code for `code`.
    public var httpStatus: Int {
        switch code {
        case .badRequest: return 400
        case .notFound: return 404
        case .payloadTooLarge: return 413
        case .unavailable: return 503
        case .deadlineExceeded: return 504
        case .internal: return 500
        case .clientClosedRequest: return 499
        }
    }

    /// Whether the client may retry the same request later and expect success.
    public var isRetryable: Bool {
        switch code {
        case .unavailable, .deadlineExceeded: return true
        default: return false
        }
    }

    public var description: String { "\(httpStatus): \(message)" }

    static func badRequest(_ message: String) -> InferenceError { InferenceError(.badRequest, message) }
}
