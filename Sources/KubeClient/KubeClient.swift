public import Curl
public import JSON
public import KubeCore

/// A Kubernetes API client over libcurl for one server and identity.
///
/// Every request passes the client-side token bucket, carries the configured credentials and the
/// `stockade-operator/<version>` User-Agent, and fails with a `KubeAPIError` naming the verb, resource,
/// object key, HTTP status and API reason. Throttled (429), timed-out and 5xx responses and transient
/// transport failures are retried within `configuration.retry`'s budget, honouring `Retry-After` — but
/// only for idempotent requests (a 429 for any request). A 401 with refreshable credentials (token file,
/// exec plugin) re-reads them and tries once more. A 429 also holds every request of the client for the
/// `Retry-After` delay (API Priority and Fairness asks clients to slow down as a whole).
public final class KubeClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: ClientConfiguration
    let transport: CurlTransport
    let credentials: CredentialProvider
    let limiter: RateLimiter

    /// A client for `configuration`; starts the transport's thread.
    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
        var transportConfiguration = CurlTransport.Configuration(userAgent: configuration.userAgent)
        transportConfiguration.http2 = configuration.http2
        transport = CurlTransport(configuration: transportConfiguration)
        credentials = CredentialProvider(configuration.authentication)
        limiter = RateLimiter(qps: configuration.qps, burst: configuration.burst)
    }

    /// Stops the transport; pending requests and watches fail with a transport error.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// Performs `request` (with retries as described on the type) and returns the parsed JSON body of a
    /// 2xx response (`.null` for an empty body). Any other status throws the decoded Status error.
    public func send(_ request: APIRequest) async throws(KubeAPIError) -> JSONValue {
        let response = try await sendChecked(request)
        if response.body.isEmpty { return .null }
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw KubeAPIError.invalidResponse("response is not JSON: \(error)", status: response.status, request: request)
        }
    }

    /// Performs `request` once (no retries, no status interpretation) and returns the response as it came:
    /// for `/version`, `/healthz`, or servers that do not speak the API.
    public func sendRaw(_ request: APIRequest) async throws(KubeAPIError) -> HTTPResponse {
        try await perform(request)
    }

    /// Performs `request` with retries; a non-2xx final status throws.
    func sendChecked(_ request: APIRequest) async throws(KubeAPIError) -> HTTPResponse {
        let policy = configuration.retry
        var attempt = 1
        var waited = Duration.zero
        while true {
            let error: KubeAPIError
            do throws(KubeAPIError) {
                let response = try await perform(request)
                if (200..<300).contains(response.status) { return response }
                error = KubeAPIError.fromResponse(
                    status: response.status, body: response.body,
                    retryAfterHeader: response.headers["Retry-After"], request: request)
            } catch let failure {
                error = failure
            }
            let throttled = if case .tooManyRequests = error.kind { true } else { false }
            guard error.isRetryable, request.isIdempotent || throttled, attempt < policy.maxAttempts else { throw error }
            let delay = policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
            guard waited + delay <= policy.budget else { throw error }
            if throttled { await limiter.backOff(for: delay) }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw KubeAPIError.transport(curlCode: 42, retryable: false, message: "cancelled", request: request)
            }
            waited += delay
            attempt += 1
        }
    }

    /// One attempt: rate limit, credentials, transport; a 401 with refreshable credentials is repeated once
    /// with fresh ones.
    func perform(_ request: APIRequest) async throws(KubeAPIError) -> HTTPResponse {
        var response = try await performOnce(request)
        if response.status == 401, credentials.canRefresh {
            await credentials.invalidate()
            response = try await performOnce(request)
        }
        return response
    }

    private func performOnce(_ request: APIRequest) async throws(KubeAPIError) -> HTTPResponse {
        let http = try await httpRequest(for: request)
        do {
            return try await transport.send(http)
        } catch {
            throw KubeAPIError.transport(
                curlCode: error.curlCode, retryable: error.isRetryable, message: "\(error.kind) error: \(error.message)",
                request: request)
        }
    }

    /// The libcurl request for `request`: after the rate limiter, with credentials, TLS and timeouts
    /// (no total limit for watches).
    func httpRequest(for request: APIRequest) async throws(KubeAPIError) -> HTTPRequest {
        do {
            try await limiter.acquire()
        } catch {
            throw KubeAPIError.transport(curlCode: 42, retryable: false, message: "cancelled", request: request)
        }
        let credentials = try await credentials.credentials(for: request)
        var headers = request.headers.map { ($0.name, $0.value) }
        if let token = credentials.bearerToken { headers.append(("Authorization", "Bearer \(token)")) }
        var tls = configuration.tls
        if let certificate = credentials.clientCertificate, let key = credentials.clientKey {
            tls.clientCertificate = certificate
            tls.clientKey = key
        }
        var timeouts = configuration.timeouts
        if request.isWatch { timeouts.total = nil }
        return HTTPRequest(
            method: HTTPMethod(rawValue: request.method.rawValue), url: configuration.server + request.pathAndQuery,
            headers: headers, body: request.body, timeouts: timeouts, tls: tls, proxy: configuration.proxy)
    }
}
