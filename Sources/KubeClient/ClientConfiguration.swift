public import Curl

/// Everything a `KubeClient` needs to reach one API server as one identity, resolved from a kubeconfig
/// context or the in-cluster service account.
public struct ClientConfiguration: Sendable {
    /// The server's base URL (`https://host:port`, no trailing slash).
    public var server: String
    /// Trust roots, client certificate and key, `insecure-skip-tls-verify`, `tls-server-name`.
    public var tls: TLSConfiguration
    /// How requests are authenticated (a client certificate is part of `tls`).
    public var authentication: Authentication
    /// The namespace of the selected context (or the service account's), `default` when unset.
    public var namespace: String
    /// The proxy (kubeconfig `proxy-url`), or the environment's `HTTPS_PROXY`/`NO_PROXY`.
    public var proxy: ProxyConfiguration
    /// The `User-Agent` of every request.
    public var userAgent: String
    /// Client-side rate limit: sustained requests per second.
    public var qps: Double
    /// Client-side rate limit: requests allowed in a burst above `qps`.
    public var burst: Int
    /// Retries of throttled and failed requests.
    public var retry: RetryPolicy
    /// Use HTTP/2 (multiplexed) when the server offers it over ALPN, as client-go does; false for HTTP/1.1.
    public var http2 = true
    /// Connect limit and total limit of non-watch requests.
    public var timeouts: HTTPRequest.Timeouts
    /// Where relative exec plugin commands are resolved (the kubeconfig's directory).
    public var baseDirectory: String?
    /// Warnings found while resolving (e.g. TLS verification disabled); callers should log them.
    public var warnings: [String]

    /// A configuration for `server` with the given TLS and authentication, namespace `default`, the
    /// `stockade-operator/<version>` User-Agent, 100 QPS with a burst of 200, the default retry policy,
    /// a 30 s connect limit and a 60 s total limit for non-watch requests.
    public init(
        server: String, tls: TLSConfiguration = TLSConfiguration(), authentication: Authentication = .none,
        namespace: String = "default"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.authentication = authentication
        self.namespace = namespace
        proxy = .environment
        userAgent = "stockade-operator/\(StockadeVersion.current)"
        qps = 100
        burst = 200
        retry = RetryPolicy()
        timeouts = HTTPRequest.Timeouts(connect: .seconds(30), total: .seconds(60))
        baseDirectory = nil
        warnings = []
    }
}

/// The version reported in the User-Agent.
public enum StockadeVersion {
    /// The Stockade release this client belongs to.
    public static let current = "0.1.0"
}

/// How requests are authenticated.
public enum Authentication: Sendable, Hashable {
    /// No `Authorization` header (client certificates, if any, are in the TLS settings).
    case none
    /// A fixed bearer token.
    case token(String)
    /// A bearer token read from a file and re-read whenever the file changes (rotated tokens).
    case tokenFile(String)
    /// A `client.authentication.k8s.io` exec credential plugin.
    case exec(ExecPluginConfig)
}

/// An exec credential plugin as configured in a kubeconfig `users[].user.exec`.
public struct ExecPluginConfig: Sendable, Hashable {
    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    public var apiVersion: String
    /// The program; a path with a `/` is relative to the kubeconfig's directory, a bare name is looked up
    /// on `PATH`.
    public var command: String
    /// Its arguments.
    public var args: [String]
    /// Variables added to the inherited environment.
    public var env: [String: String]

    /// A plugin with the given parts.
    public init(apiVersion: String, command: String, args: [String] = [], env: [String: String] = [:]) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
    }

    /// The plugin API versions this client speaks.
    public static let supportedAPIVersions: Set<String> = [
        "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
    ]
}

/// Bounds on automatic retries. Only idempotent requests are retried after 5xx, timeouts and transient
/// transport failures; a 429 (the server did not process the request) is retried for any request.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 disables retries.
    public var maxAttempts: Int
    /// The first backoff delay, doubled after each failure.
    public var initialBackoff: Duration
    /// The largest single delay (a longer `Retry-After` is capped to it).
    public var maxBackoff: Duration
    /// The most time spent waiting between attempts of one request.
    public var budget: Duration

    /// A policy with the given bounds (defaults: 5 attempts, 200 ms doubling to 5 s, 30 s in all).
    public init(
        maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maxBackoff: Duration = .seconds(5),
        budget: Duration = .seconds(30)
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.budget = budget
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1), honouring `retryAfter`, capped.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxBackoff) }
        var delay = initialBackoff
        for _ in 1..<max(1, attempt) { delay = min(delay * 2, maxBackoff) }
        return min(delay, maxBackoff)
    }
}
