/// The HTTP protocol version a response was received with.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1
    case http2
    case http3
    case unknown

    /// The version as written in a status line, e.g. `HTTP/1.1`.
    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        case .http2: "HTTP/2"
        case .http3: "HTTP/3"
        case .unknown: "HTTP/?"
        }
    }
}

/// The status line and header fields of a final (non-1xx) response.
public struct HTTPResponseHead: Sendable, Equatable {
    /// The status code, e.g. 200.
    public var status: Int
    /// The response's header fields (trailers are not included).
    public var headers: HTTPHeaders
    /// The protocol version negotiated for this exchange.
    public var version: HTTPVersion

    /// A head with these parts.
    public init(status: Int, headers: HTTPHeaders, version: HTTPVersion) {
        self.status = status
        self.headers = headers
        self.version = version
    }
}

/// A complete response: head and the whole body. Any status code is a response, not an error.
public struct HTTPResponse: Sendable, Equatable {
    /// Status, headers and protocol version.
    public var head: HTTPResponseHead
    /// The body bytes exactly as received (no content decoding is requested or applied).
    public var body: [UInt8]
    /// How many new connections this request opened: 0 means it reused a pooled connection or
    /// was multiplexed onto an existing HTTP/2 connection.
    public var connectionsOpened: Int

    /// A response with these parts.
    public init(head: HTTPResponseHead, body: [UInt8], connectionsOpened: Int = 0) {
        self.head = head
        self.body = body
        self.connectionsOpened = connectionsOpened
    }

    /// The status code, e.g. 200.
    public var status: Int { head.status }
    /// The response's header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The protocol version negotiated for this exchange.
    public var version: HTTPVersion { head.version }
}
