import Foundation
import Hummingbird
import JSON
import NIOCore
import NIOSSL
import X509

/// Who made a request, as kube-apiserver's authenticators report it (`SelfSubjectReview.status.userInfo`).
struct UserInfo: Sendable, Equatable {
    var username: String
    var groups: [String]

    /// The holder of the admin bearer token: a cluster admin, like kubeadm's admin credentials.
    static let tokenAdmin = UserInfo(username: "stockade-admin", groups: ["system:masters", "system:authenticated"])

    var json: JSONValue {
        ["username": .string(username), "groups": .array(groups.map(JSONValue.string))]
    }
}

/// The request context of the embedded API server: Hummingbird's basic context plus the connection,
/// so that the handler can read the client certificate the TLS layer verified.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// kube-apiserver's union of authenticators, for the two the embedded server has:
///
/// - x509 client certificates: the TLS layer asks for one (optionally) and verifies any presented
///   certificate against the cluster CA (`ca.crt`); the user is its subject CommonName and the groups are
///   its Organization values, plus `system:authenticated`.
/// - the admin bearer token (`token`), which authenticates as ``UserInfo/tokenAdmin``.
///
/// As in kube-apiserver's union, the request is authenticated when either succeeds. The token is tried
/// first: it needs no trip to the connection's event loop, and it is what kubectl sends. A request with
/// neither a valid token nor a verified certificate is unauthenticated. There is no authorization: every authenticated user may do everything.
struct Authenticator: Sendable {
    let token: String

    func authenticate(_ request: Request, channel: any Channel) async -> UserInfo? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           constantTimeEqual(String(header.dropFirst(7)), token) {
            return .tokenAdmin
        }
        return await Self.certificateUser(channel)
    }

    /// The user named by the verified client certificate of the connection (for an HTTP/2 stream, of
    /// its parent connection), or nil when the client presented none.
    static func certificateUser(_ channel: any Channel) async -> UserInfo? {
        for candidate in [channel, channel.parent].compactMap({ $0 }) {
            guard let certificate = try? await candidate.nioSSL_peerCertificate().get() else { continue }
            return try? user(certificateDER: certificate.toDERBytes())
        }
        return nil
    }

    /// The user a DER certificate names: subject CN as username, subject O values as groups.
    static func user(certificateDER: [UInt8]) throws -> UserInfo? {
        let subject = try Certificate(derEncoded: certificateDER).subject
        let attributes = subject.flatMap { $0 }
        guard let name = attributes.first(where: { $0.type == .RDNAttributeType.commonName }).flatMap({ String($0.value) }),
              !name.isEmpty else { return nil }
        let groups = attributes.filter { $0.type == .RDNAttributeType.organizationName }.compactMap { String($0.value) }
        return UserInfo(username: name, groups: groups + ["system:authenticated"])
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
