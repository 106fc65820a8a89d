import Synchronization
import Foundation
import Hummingbird
import HummingbirdHTTP2
public import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The embedded Kubernetes-compatible API server: HTTPS on 127.0.0.1 with a bearer token or client certificates, state in a
/// data directory. `run` returns after SIGTERM/SIGINT once in-flight requests have finished.
public struct APIServer: Sendable {
    public var dataDirectory: String
    public var port: Int
    public var host: String

    public init(dataDirectory: String, port: Int = 0, host: String = "127.0.0.1") {
        self.dataDirectory = dataDirectory
        self.port = port
        self.host = host
    }

    /// Starts serving. `onReady` receives the kubeconfig path and URL once requests are accepted.
    public func run(logger: Logger, onReady: @escaping @Sendable (_ kubeconfig: String, _ url: String) -> Void) async throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pki = try PKI.loadOrCreate(in: dataDirectory)
        let cluster = try Cluster(dataDirectory: dataDirectory, logger: logger)
        try await cluster.bootstrap()
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem)))
        // x509 client authentication, as kube-apiserver's --client-ca-file: a client certificate is
        // optional, and one that is presented must chain to the cluster CA or the handshake fails.
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pki.caCertificatePEM.utf8)))
        let dataDirectory = self.dataDirectory
        let host = self.host
        let address = ServerAddress("\(host):\(port)")
        let handler = APIHandler(cluster: cluster, authenticator: Authenticator(token: pki.token), serverAddress: address, logger: logger)
        let app = Application(
            responder: handler,
            // HTTP/2 when the client offers it over ALPN (kubectl and client-go do), HTTP/1.1 otherwise.
            // On shutdown, idle HTTP/2 connections get GOAWAY and one second to close.
            server: try .http2Upgrade(tlsConfiguration: tls, configuration: .init(idleTimeout: .seconds(600), gracefulCloseTimeout: .seconds(1))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let boundPort = channel.localAddress?.port ?? 0
                let url = "https://\(host):\(boundPort)"
                address.set("\(host):\(boundPort)")
                let kubeconfig = dataDirectory + "/kubeconfig"
                do {
                    try Kubeconfig.write(to: kubeconfig, server: url, caPEM: pki.caCertificatePEM, token: pki.token)
                    onReady(kubeconfig, url)
                } catch {
                    logger.critical("cannot write kubeconfig", metadata: ["path": "\(kubeconfig)", "error": "\(error)"])
                }
            },
            logger: logger)
        // SIGTERM drains: watches end at once, in-flight requests finish; whatever is still open after
        // five seconds (idle HTTP/2 clients that never answer GOAWAY) is cancelled.
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: app),
                .init(service: WatchDrain(cluster: cluster), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
        await cluster.shutdown()
    }
}

/// The address the server is reachable at, known once the listener is bound (port 0 picks one).
final class ServerAddress: Sendable {
    private let value: Mutex<String>
    init(_ initial: String) { value = Mutex(initial) }
    func set(_ address: String) { value.withLock { $0 = address } }
    var current: String { value.withLock { $0 } }
}

/// On graceful shutdown, ends every open watch so the HTTP server's drain does not wait for watch
/// timeouts (30-60 minutes): in-flight requests finish, watch clients reconnect elsewhere.
struct WatchDrain: Service {
    let cluster: Cluster

    func run() async throws {
        try? await gracefulShutdown()
        await cluster.closeWatches()
    }
}
