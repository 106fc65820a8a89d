/// Why a request produced no (complete) response. HTTP error statuses are responses, not errors.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, for retry decisions and user messages.
    public enum Kind: Sendable, Hashable {
        /// A connect or total time limit passed.
        case timeout
        /// No connection could be made (refused, unreachable).
        case connect
        /// TLS failed: unverifiable or mismatched server certificate, a bad or rejected client
        /// certificate, unreadable TLS material, or a handshake failure. (A TLS 1.3 server rejects a
        /// client certificate after the client's handshake is done; that is `.tls` when the server's
        /// alert is read, but `.other` if the server resets the connection before it can be.)
        case tls
        /// The host or proxy name did not resolve.
        case dns
        /// The request was cancelled by its task or its stream's consumer, or the transport shut down.
        case aborted
        /// Anything else: a connection dropped mid-response, a malformed reply or URL, a bad option.
        case other
    }

    /// The class of failure.
    public let kind: Kind
    /// The libcurl `CURLcode` (e.g. 28 for a timeout). Cancellation and shutdown use 42
    /// (`CURLE_ABORTED_BY_CALLBACK`).
    public let curlCode: Int
    /// libcurl's detailed message for this transfer (its error buffer), or the generic text of the code.
    public let message: String
    /// The request's method, for context.
    public let method: String
    /// The request's URL, for context.
    public let url: String

    /// An error with these parts, as given (no classification is applied).
    public init(kind: Kind, curlCode: Int, message: String, method: String, url: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
        self.method = method
        self.url = url
    }

    /// Whether the failure is transient, so that repeating the request may succeed: timeouts,
    /// connect and DNS failures, and connections that broke or returned nothing. TLS, aborted and
    /// malformed-request failures are terminal. Whether a non-idempotent request may be repeated
    /// is the caller's decision.
    public var isRetryable: Bool {
        switch kind {
        case .timeout, .connect, .dns: true
        case .tls, .aborted: false
        case .other: Self.transientCodes.contains(curlCode)
        }
    }

    /// `METHOD URL: kind error (curl N): message`.
    public var description: String {
        "\(method) \(url): \(kind) error (curl \(curlCode)): \(message)"
    }

    /// CURLE_HTTP2 (16), PARTIAL_FILE (18), GOT_NOTHING (52), SEND_ERROR (55), RECV_ERROR (56),
    /// HTTP2_STREAM (92), WEIRD_SERVER_REPLY (8).
    static let transientCodes: Set<Int> = [8, 16, 18, 52, 55, 56, 92]

    /// The kind of a libcurl result code; `message` refines receive/send errors caused by a TLS alert.
    static func classify(curlCode: Int, message: String) -> Kind {
        switch curlCode {
        case 28: return .timeout
        case 7: return .connect
        case 5, 6: return .dns
        case 42: return .aborted
        // SSL_ENGINE_* (53, 54, 66), SSL_CERTPROBLEM (58), SSL_CIPHER (59), PEER_FAILED_VERIFICATION
        // (60), SSL_CONNECT_ERROR (35), SSL_CACERT_BADFILE (77), SSL_SHUTDOWN_FAILED (80),
        // SSL_CRL_BADFILE (82), SSL_ISSUER_ERROR (83), SSL_PINNEDPUBKEYNOTMATCH (90),
        // SSL_INVALIDCERTSTATUS (91), SSL_CLIENTCERT (98).
        case 35, 53, 54, 58, 59, 60, 66, 77, 80, 82, 83, 90, 91, 98: return .tls
        case 55, 56:
            // With TLS 1.3 a server rejects a client certificate only after the client finished
            // its handshake, so the rejection arrives as an alert on the first read or write.
            return message.contains(" alert ") ? .tls : .other
        default: return .other
        }
    }

    /// An error for libcurl result `curlCode`, classified.
    static func curl(_ curlCode: Int, message: String, method: String, url: String) -> TransportError {
        TransportError(
            kind: classify(curlCode: curlCode, message: message),
            curlCode: curlCode, message: message, method: method, url: url)
    }

    /// An error for a request that was cancelled or cut off by shutdown.
    static func aborted(_ reason: String, method: String, url: String) -> TransportError {
        TransportError(kind: .aborted, curlCode: 42, message: reason, method: method, url: url)
    }
}
