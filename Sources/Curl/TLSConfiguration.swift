/// TLS settings for one request. The defaults verify the server against the system trust store.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM-encoded material, given inline or as a file path read by libcurl when connecting.
    public enum PEM: Sendable, Equatable {
        /// The PEM text's bytes.
        case data([UInt8])
        /// A path to a PEM file.
        case file(String)

        /// PEM text given as a string.
        public static func text(_ pem: String) -> PEM { .data(Array(pem.utf8)) }
    }

    /// The certificate authorities to trust instead of the system store; `nil` uses the system store.
    /// When set, only these CAs are trusted (no system CA directory is consulted).
    public var trustRoots: PEM?
    /// A client certificate for mutual TLS. If `clientKey` is `nil`, the key is read from this PEM.
    public var clientCertificate: PEM?
    /// The private key of `clientCertificate`, unencrypted.
    public var clientKey: PEM?
    /// Skips verification of the server's certificate chain and name. Insecure: anyone on the path
    /// can impersonate the server. The transport does not log; callers should warn when this is set.
    public var insecureSkipVerify: Bool
    /// The name sent in SNI and checked against the server certificate instead of the URL's host
    /// (kubeconfig `tls-server-name`). The connection still goes to the URL's host and port; the
    /// request's `Host`/`:authority` carries this name.
    public var serverName: String?

    /// TLS settings; with no arguments, verification against the system trust store.
    public init(
        trustRoots: PEM? = nil,
        clientCertificate: PEM? = nil,
        clientKey: PEM? = nil,
        insecureSkipVerify: Bool = false,
        serverName: String? = nil
    ) {
        self.trustRoots = trustRoots
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }
}
