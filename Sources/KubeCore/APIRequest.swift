/// A Kubernetes API request described without doing any I/O: method, path, query, headers and body.
///
/// Builders in `APIRequest+Builders.swift` produce requests for every verb; a transport turns
/// `pathAndQuery` into a URL against the configured server. `objectKey` and `resource` are context for
/// error messages.
public struct APIRequest: Sendable, Hashable {
    /// The HTTP method.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// The HTTP method.
    public var method: Method
    /// The absolute path, each segment already percent-encoded.
    public var path: String
    /// Query parameters, unencoded.
    public var query: [QueryItem]
    /// Header fields (name, value) beyond authentication and User-Agent.
    public var headers: [Header]
    /// The body bytes, if any.
    public var body: [UInt8]?
    /// Whether the response is a watch stream of newline-delimited events.
    public var isWatch: Bool
    /// Whether repeating the request after an unknown outcome is safe (GET, PUT, DELETE, merge and apply
    /// patches); only such requests are retried automatically.
    public var isIdempotent: Bool
    /// `namespace/name` (or `name`, or the namespace for collections) for error messages.
    public var objectKey: String?
    /// The resource addressed, for error messages (`deployments.apps`).
    public var resource: String?

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name.
        public var name: String
        /// The field value.
        public var value: String
        /// A field `name: value`.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A request with every part given; `isIdempotent` defaults from the method (all but POST and PATCH).
    public init(
        method: Method, path: String, query: [QueryItem] = [], headers: [Header] = [], body: [UInt8]? = nil,
        isWatch: Bool = false, isIdempotent: Bool? = nil, objectKey: String? = nil, resource: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isWatch = isWatch
        self.isIdempotent = isIdempotent ?? (method != .post && method != .patch)
        self.objectKey = objectKey
        self.resource = resource
    }

    /// `path` followed by `?name=value&...`, values percent-encoded; just `path` without a query.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(QueryItem.percentEncode($0.name))=\(QueryItem.percentEncode($0.value))" }
        return path + "?" + encoded.joined(separator: "&")
    }

    /// The value of header `name` (case-insensitive), if present.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A GET of an arbitrary path (`/version`, `/apis`, `/healthz`).
    public static func raw(_ path: String, query: [QueryItem] = []) -> APIRequest {
        APIRequest(method: .get, path: path, query: query, headers: [Header("Accept", "application/json")])
    }
}
