/// An HTTP request method. Any token is allowed; the common ones are provided as constants.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token exactly as sent on the wire (methods are case-sensitive).
    public let rawValue: String

    /// Wraps a method token; it is sent unchanged.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `GET`; sent without a body unless one is given.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`; the response has no body and a request body is not sent.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`; always sends a `Content-Length` (0 without a body).
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`; always sends a `Content-Length` (0 without a body).
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`; always sends a `Content-Length` (0 without a body).
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`; sent without a body unless one is given.
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `OPTIONS`; sent without a body unless one is given.
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    /// The method token.
    public var description: String { rawValue }
}

/// How a request reaches its server through a proxy.
public enum ProxyConfiguration: Sendable, Equatable {
    /// libcurl's own environment lookup (the default): `https_proxy`/`HTTPS_PROXY` for https URLs,
    /// `http_proxy` (lower case only) for http URLs, `all_proxy`/`ALL_PROXY` as a fallback, and hosts
    /// listed in `no_proxy`/`NO_PROXY` (comma-separated names, domain suffixes, IPs/CIDRs, or `*`) are
    /// reached directly. The variables are read when a connection is made, not when the transport starts.
    case environment
    /// Always connect directly, ignoring any proxy environment variables.
    case direct
    /// Use `url` (e.g. `http://proxy:3128`; https URLs are tunnelled with CONNECT), except for the hosts
    /// in `noProxy` (same syntax as `NO_PROXY`). The proxy environment variables are ignored.
    case url(String, noProxy: String = "")
}

/// A complete HTTP request: what to send, where, and under which limits and TLS settings.
public struct HTTPRequest: Sendable {
    /// Limits on how long a request may take. A `nil` limit means none.
    public struct Timeouts: Sendable, Equatable {
        /// Limit on establishing the connection, TLS handshake included. `nil` leaves libcurl's
        /// built-in connect limit (300 s) in place; libcurl cannot wait for a connection forever.
        public var connect: Duration?
        /// Limit on the whole exchange, from start to the last body byte. `nil` means no limit,
        /// which long-lived responses such as Kubernetes watches need.
        public var total: Duration?

        /// Limits of `connect` (default 30 s) and `total` (default none).
        public init(connect: Duration? = .seconds(30), total: Duration? = nil) {
            self.connect = connect
            self.total = total
        }
    }

    /// The request method, sent as given.
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL, already percent-encoded.
    public var url: String
    /// Header fields sent in this order. A `User-Agent` here overrides the transport's default.
    /// libcurl's `Expect: 100-continue` is suppressed unless an `Expect` header is given, and no
    /// `Content-Type` is invented for a body unless one is given.
    public var headers: [(String, String)]
    /// The request body. `nil` sends none (but POST, PUT and PATCH always carry a
    /// `Content-Length`, 0 without a body). Ignored for HEAD.
    public var body: [UInt8]?
    /// Connect and total time limits.
    public var timeouts: Timeouts
    /// Trust roots, client certificate and verification settings for https URLs.
    public var tls: TLSConfiguration
    /// Whether and how to reach the server through a proxy.
    public var proxy: ProxyConfiguration
    /// Sign the request with AWS Signature Version 4 (libcurl computes the signature); `nil`, the
    /// default, sends no authorization of its own.
    public var awsSigV4: AWSSigV4? = nil
    /// How many redirects (301, 302, 303, 307, 308 with a `Location`) to follow, to http and https
    /// URLs only; the response returned is the final one. 0, the default, returns a redirect as the
    /// response. Request headers are sent again to each location (libcurl does not send credentials
    /// of its own to another host).
    public var maxRedirects = 0

    /// A request; every part but the URL has a default (GET, no headers or body, a 30 s connect
    /// limit and no total limit, system trust roots, proxies from the environment).
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeouts: Timeouts = Timeouts(),
        tls: TLSConfiguration = TLSConfiguration(),
        proxy: ProxyConfiguration = .environment
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.tls = tls
        self.proxy = proxy
    }
}
