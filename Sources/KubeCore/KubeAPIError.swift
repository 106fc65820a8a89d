/// A failed Kubernetes API call: a `metav1.Status` failure from the server, or a transport failure.
///
/// `description` is one line with the verb, resource, object key, HTTP status, API reason and message,
/// e.g. `GET configmaps default/web: 404 NotFound: configmaps "web" not found`.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure, from the Status `reason` and the HTTP status code.
    public enum Kind: Sendable, Hashable {
        /// 404: the object (or resource) does not exist.
        case notFound
        /// 409 AlreadyExists: create of an existing name.
        case alreadyExists
        /// 409 Conflict: stale resourceVersion or an apply conflict.
        case conflict
        /// 422 Invalid, with the per-field causes.
        case invalid(causes: [StatusCause])
        /// 410 Expired/Gone: the resourceVersion is too old; relist.
        case expired
        /// 429: throttled by API Priority and Fairness; retry after the given delay (if sent).
        case tooManyRequests(retryAfter: Duration?)
        /// 401: the credentials were missing or rejected.
        case unauthorized
        /// 403: authenticated but not allowed.
        case forbidden
        /// 504 or reason Timeout/ServerTimeout: the server gave up; the request may be repeated.
        case timeout
        /// Another 5xx.
        case serverError
        /// 400: malformed request.
        case badRequest
        /// 415: the body's media type is not accepted (e.g. strategic merge on a custom resource).
        case unsupportedMediaType
        /// No HTTP response: libcurl failed with `curlCode`; `retryable` is the transport's classification.
        case transport(curlCode: Int, retryable: Bool)
        /// A 2xx response whose body was not the expected JSON/type.
        case invalidResponse
        /// No credentials could be obtained (unreadable token file, failing exec plugin).
        case credentials
        /// Any other failure status (405, 406, 413, ...).
        case other
    }

    /// The class of failure.
    public let kind: Kind
    /// The HTTP status; 0 for transport failures.
    public let httpStatus: Int
    /// The Status `reason` (`NotFound`), or a short word for non-Status failures.
    public let reason: String
    /// The server's (or transport's) message.
    public let message: String
    /// The HTTP method.
    public let method: String
    /// The resource addressed (`deployments.apps`), if known.
    public let resource: String?
    /// The object key (`namespace/name`), if known.
    public let objectKey: String?

    /// An error with every part given.
    public init(
        kind: Kind, httpStatus: Int, reason: String, message: String, method: String, resource: String? = nil,
        objectKey: String? = nil
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.reason = reason
        self.message = message
        self.method = method
        self.resource = resource
        self.objectKey = objectKey
    }

    /// Whether repeating the request later may succeed: 429, timeouts, 5xx other than 501, and
    /// transient transport failures. Expired needs a relist, not a retry, so it is terminal here.
    public var isRetryable: Bool {
        switch kind {
        case .tooManyRequests, .timeout: true
        case .serverError: httpStatus != 501
        case .transport(_, let retryable): retryable
        default: false
        }
    }

    /// The delay the server asked for (429/503 `Retry-After` or `details.retryAfterSeconds`).
    public var retryAfter: Duration? {
        if case .tooManyRequests(let delay) = kind { return delay }
        return serverRetryAfter
    }

    /// A retry delay carried by a non-429 status (503 with Retry-After); set by the decoder.
    public internal(set) var serverRetryAfter: Duration?

    /// One line: `METHOD resource key: STATUS Reason: message`.
    public var description: String {
        var target = [resource, objectKey].compactMap { $0 }.joined(separator: " ")
        if !target.isEmpty { target = " " + target }
        let status = httpStatus == 0 ? "transport error" : "\(httpStatus) \(reason)"
        var line = "\(method)\(target): \(status): \(message)"
        if case .invalid(let causes) = kind, !causes.isEmpty {
            line += " [" + causes.map(\.description).joined(separator: "; ") + "]"
        }
        return line
    }
}

/// One cause of an `Invalid` (or other) Status: which field failed and why.
public struct StatusCause: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable reason, e.g. `FieldValueRequired`.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// The field path, e.g. `spec.replicas`.
    public var field: String?

    /// A cause with the given parts.
    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }

    /// `field: message`.
    public var description: String {
        [field, message ?? reason].compactMap { $0 }.joined(separator: ": ")
    }
}
