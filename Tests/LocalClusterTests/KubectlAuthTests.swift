import Foundation
import KubeTesting
import JSON
import Testing

/// Authentication as kube-apiserver does it: the admin bearer token and x509 client certificates
/// signed by the cluster CA, seen through `kubectl auth whoami` (a SelfSubjectReview).
@Suite struct KubectlAuthTests {
    static func whoami(_ server: TestAPIServer, _ extra: [String] = []) throws -> TestAPIServer.KubectlResult {
        try server.kubectl(arguments: ["auth", "whoami", "-o", "json"] + extra)
    }

    /// A kubeconfig for `server`'s cluster whose user is `user` (a YAML flow mapping).
    static func kubeconfig(_ server: TestAPIServer, user: String) throws -> String {
        let path = server.dataDirectory + "/kubeconfig-\(UUID().uuidString.prefix(8))"
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "\(server.url)", certificate-authority: \(server.dataDirectory)/ca.crt}}]
        users: [{name: u, user: \(user)}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func whoamiWithTheTokenAndWithTheAdminCertificate() throws {
        let server = try TestAPIServer()
        let token = try Self.whoami(server)
        #expect(token.succeeded, "\(token.stderr)")
        let review = try JSONValue.parse(token.stdout)
        #expect(review["kind"] == "SelfSubjectReview")
        #expect(review[path: ["status", "userInfo", "username"]] == "stockade-admin")
        #expect(review[path: ["status", "userInfo", "groups"]] == ["system:masters", "system:authenticated"])

        // The same cluster with the admin certificate and no token.
        let kubeconfig = try Self.kubeconfig(server, user: "{client-certificate: \(server.dataDirectory)/admin.crt, client-key: \(server.dataDirectory)/admin.key}")
        let certificate = try Self.whoami(server, ["--kubeconfig", kubeconfig])
        #expect(certificate.succeeded, "\(certificate.stderr)")
        let viaCertificate = try JSONValue.parse(certificate.stdout)
        #expect(viaCertificate[path: ["status", "userInfo", "username"]] == "stockade-admin")
        let listed = try server.kubectl(arguments: ["--kubeconfig", kubeconfig, "get", "ns", "default", "-o", "name"])
        #expect(listed.stdout == "namespace/default\n", "\(listed.stderr)")
    }

    @Test func aWrongTokenIsUnauthorizedAndReviewsAreCreateOnly() throws {
        let server = try TestAPIServer()
        let anonymous = try server.kubectl(arguments: ["--kubeconfig", try Self.kubeconfig(server, user: "{token: not-the-token}"), "get", "ns"])
        #expect(!anonymous.succeeded && anonymous.stderr.contains("the server has asked for the client to provide credentials"), "\(anonymous.stderr)")
        let list = try server.kubectl(arguments: ["get", "--raw", "/apis/authentication.k8s.io/v1/selfsubjectreviews"])
        #expect(!list.succeeded && list.stderr.contains("MethodNotAllowed"), "\(list.stderr)")
        let resources = try server.kubectl("api-resources", "--api-group=authentication.k8s.io", "-o", "wide")
        #expect(resources.stdout.contains("selfsubjectreviews") && resources.stdout.contains("SelfSubjectReview   create"), "\(resources.stdout)")
    }
}
