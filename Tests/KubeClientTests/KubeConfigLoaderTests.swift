import Foundation
import KubeClient
import Testing

@Suite struct KubeConfigLoaderTests {
    static let caBase64 = Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()

    static func config(server: String = "https://10.0.0.1:6443", user: String = "    token: abc", current: String = "main", extra: String = "") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c1
          cluster:
            server: \(server)
            certificate-authority-data: \(caBase64)
        users:
        - name: u1
          user:
        \(user)
        contexts:
        - name: main
          context:
            cluster: c1
            user: u1
            namespace: team-a
        - name: other
          context:
            cluster: c1
            user: u1
        current-context: \(current)
        \(extra)
        """
    }

    @Test func loadsCurrentContextWithTokenNamespaceAndCA() throws {
        let dir = TemporaryDirectory()
        let path = try TestFiles.write(Self.config(), to: dir.file("config"))
        let configuration = try KubeConfigLoader.load(path: path)
        #expect(configuration.server == "https://10.0.0.1:6443")
        #expect(configuration.namespace == "team-a")
        #expect(configuration.authentication == .token("abc"))
        #expect(configuration.tls.trustRoots == .data(Array(Data(base64Encoded: Self.caBase64)!)))
        #expect(configuration.userAgent.hasPrefix("stockade-operator/"))
        let other = try KubeConfigLoader.load(path: path, context: "other")
        #expect(other.namespace == "default")
    }

    @Test func mergesKubeconfigListFirstFileWinsPerName() throws {
        let dir = TemporaryDirectory()
        let first = try TestFiles.write("""
            clusters:
            - name: c1
              cluster:
                server: https://first:6443
            """, to: dir.file("a"))
        let second = try TestFiles.write(Self.config(server: "https://second:6443"), to: dir.file("b"))
        let configuration = try KubeConfigLoader.load(
            environment: ["KUBECONFIG": "\(first):\(dir.file("missing")):\(second)", "HOME": dir.path])
        #expect(configuration.server == "https://first:6443")
        #expect(configuration.authentication == .token("abc"))
        #expect(configuration.namespace == "team-a")
    }

    @Test func homeConfigIsTheFallbackAndRelativePathsFollowTheFile() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.file(".kube/certs"), withIntermediateDirectories: true)
        try TestFiles.write("pem", to: dir.file(".kube/certs/ca.crt"))
        try TestFiles.write("tok\n", to: dir.file(".kube/token"))
        try TestFiles.write("""
            clusters:
            - name: c
              cluster: {server: "https://h:1", certificate-authority: certs/ca.crt}
            users:
            - name: u
              user: {tokenFile: token}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """, to: dir.file(".kube/config"))
        let configuration = try KubeConfigLoader.load(environment: ["HOME": dir.path])
        #expect(configuration.tls.trustRoots == .file(dir.file(".kube/certs/ca.crt")))
        #expect(configuration.authentication == .tokenFile(dir.file(".kube/token")))
    }

    /// Each broken kubeconfig gives one line naming the file, and the field and line where there is one.
    @Test(arguments: [
        (Self.config(server: "[unclosed"), "line ", "invalid YAML"),
        (Self.config(server: "123"), "line 6, column 13: clusters[0].cluster.server", "expected"),
        ("clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: true\n", "line 4, column 5: clusters[0].cluster", "server"),
        ("clusters: {a: b}\n", "line 1, column 11: clusters", "expected"),
        (Self.config(user: "    client-certificate: nope.crt\n    client-key: nope.key"), "line 11, column 25: users[0].user.client-certificate", "does not exist"),
        (Self.config(user: "    tokenFile: /no/such/token"), "users[0].user.tokenFile", "does not exist"),
        (Self.config(current: "missing"), "line 22, column 18: current-context", "context \"missing\" not found (known contexts: main, other)"),
        (Self.config(user: "    username: admin\n    password: pw"), "users[0].user.username", "basic authentication is not supported"),
        (Self.config(user: "    auth-provider:\n      name: gcp"), "users[0].user.auth-provider", "auth-provider \"gcp\" is not supported"),
        (Self.config(user: "    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: x"), "users[0].user.exec.apiVersion", "not supported"),
        (Self.config(user: "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: x\n      interactiveMode: Always"), "users[0].user.exec.interactiveMode", "interactive terminal"),
        (Self.config(server: "10.0.0.1:6443"), "clusters[0].cluster.server", "must be an http:// or https:// URL"),
        ("users: []\n", "current-context", "no current context"),
    ])
    func brokenKubeconfigGivesOneLineError(text: String, location: String, message: String) throws {
        let dir = TemporaryDirectory()
        let path = try TestFiles.write(text, to: dir.file("config"))
        let error = #expect(throws: KubeConfigError.self) { try KubeConfigLoader.load(path: path) }
        let line = try #require(error).description
        #expect(line.hasPrefix("kubeconfig \(path): "), "\(line)")
        #expect(line.contains(location), "\(line)")
        #expect(line.contains(message), "\(line)")
        #expect(!line.contains("\n"))
    }

    @Test func unknownExplicitContextAndMissingFileAreReported() throws {
        let dir = TemporaryDirectory()
        let path = try TestFiles.write(Self.config(), to: dir.file("config"))
        let error = #expect(throws: KubeConfigError.self) { try KubeConfigLoader.load(path: path, context: "prod") }
        #expect(error?.description == "kubeconfig \(path): context \"prod\" not found (known contexts: main, other)")
        let missing = #expect(throws: KubeConfigError.self) { try KubeConfigLoader.load(path: dir.file("nope")) }
        #expect(missing?.description == "kubeconfig \(dir.file("nope")): file does not exist")
    }

    @Test func inClusterReadsServiceAccountFiles() throws {
        let dir = TemporaryDirectory()
        try TestFiles.write("sa-token\n", to: dir.file("token"))
        try TestFiles.write("pem", to: dir.file("ca.crt"))
        try TestFiles.write("operators\n", to: dir.file("namespace"))
        let configuration = try KubeConfigLoader.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: dir.path)
        #expect(configuration.server == "https://[fd00::1]:443")
        #expect(configuration.namespace == "operators")
        #expect(configuration.authentication == .tokenFile(dir.file("token")))
        #expect(configuration.tls.trustRoots == .file(dir.file("ca.crt")))
        let outside = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.inCluster(environment: [:], serviceAccountDirectory: dir.path)
        }
        #expect(outside?.description.contains("not running in a cluster") == true)
    }
}
