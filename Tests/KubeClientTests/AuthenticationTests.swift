import Foundation
import KubeTesting
import JSON
import KubeClient
import KubeCore
import Testing

@Suite(.serialized) struct AuthenticationTests {
    @Test func tokenFileIsReReadWhenItChanges() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        let tokenFile = try TestFiles.write("wrong-token\n", to: dir.file("token"))
        let client = server.client(.tokenFile(tokenFile))
        let rejected = await #expect(throws: KubeAPIError.self) { _ = try await client.list(.configMaps) }
        #expect(rejected?.kind == .unauthorized)
        #expect(rejected?.description.contains("401 Unauthorized") == true)

        try TestFiles.write(server.token + "\n", to: tokenFile)
        _ = try await client.list(.configMaps)

        try TestFiles.write("rotated-away\n", to: tokenFile)
        let rotated = await #expect(throws: KubeAPIError.self) { _ = try await client.list(.configMaps) }
        #expect(rotated?.kind == .unauthorized)
    }

    @Test func tokenFileFromKubeconfigAndExplicitContext() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        try TestFiles.write(server.token, to: dir.file("token"))
        try TestFiles.write(server.caPEM, to: dir.file("ca.crt"))
        let path = try TestFiles.write("""
            clusters:
            - name: local
              cluster: {server: "\(server.url)", certificate-authority: ca.crt}
            users:
            - name: file
              user: {tokenFile: token}
            contexts:
            - name: via-file
              context: {cluster: local, user: file, namespace: kube-system}
            """, to: dir.file("config"))
        let client = try KubeClient(configuration: KubeConfigLoader.load(path: path, context: "via-file"))
        let list = try await client.list(.configMaps)
        #expect(list["kind"] == "ConfigMapList")
        #expect(client.configuration.namespace == "kube-system")
    }

    /// An exec plugin printing the server's token; its invocations are counted in a file.
    func plugin(in dir: TemporaryDirectory, apiVersion: String, expiration: String?) throws -> ExecPluginConfig {
        let status = expiration.map { #","expirationTimestamp":"\#($0)""# } ?? ""
        let script = """
            #!/bin/sh
            echo run >> "$COUNT_FILE"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_FILE"
            printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"\(status)}}' "\(apiVersion)" "$(cat "$TOKEN_SOURCE")"
            """
        let path = try TestFiles.write(script, to: dir.file("plugin.sh"), executable: true)
        return ExecPluginConfig(
            apiVersion: apiVersion, command: path, args: [],
            env: ["COUNT_FILE": dir.file("count"), "INFO_FILE": dir.file("info"), "TOKEN_SOURCE": dir.file("token")])
    }

    func runs(_ dir: TemporaryDirectory) -> Int {
        ((try? String(contentsOfFile: dir.file("count"), encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func execPluginIsCachedUntilExpiry() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        try TestFiles.write(server.token, to: dir.file("token"))
        let config = try plugin(in: dir, apiVersion: "client.authentication.k8s.io/v1", expiration: "2099-01-01T00:00:00Z")
        let client = server.client(.exec(config))
        for _ in 0..<3 { _ = try await client.list(.configMaps) }
        #expect(runs(dir) == 1)
        let info = try JSONValue.parse(String(contentsOfFile: dir.file("info"), encoding: .utf8))
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info["kind"] == "ExecCredential")
        #expect(info[path: ["spec", "interactive"]] == false)
    }

    @Test func execCredentialRejectedWith401IsRefreshedOnce() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        try TestFiles.write("not-the-token", to: dir.file("token"))
        let config = try plugin(in: dir, apiVersion: "client.authentication.k8s.io/v1", expiration: "2099-01-01T00:00:00Z")
        let client = server.client(.exec(config))
        let rejected = await #expect(throws: KubeAPIError.self) { _ = try await client.list(.configMaps) }
        #expect(rejected?.kind == .unauthorized)
        #expect(runs(dir) == 2)  // first credential, then one refresh after the 401
        try TestFiles.write(server.token, to: dir.file("token"))
        _ = try await client.list(.configMaps)  // cached bad credential -> 401 -> plugin again -> success
        #expect(runs(dir) == 3)
        _ = try await client.list(.configMaps)
        #expect(runs(dir) == 3)
    }

    @Test func expiredExecCredentialRunsThePluginAgainV1beta1() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        try TestFiles.write(server.token, to: dir.file("token"))
        let config = try plugin(in: dir, apiVersion: "client.authentication.k8s.io/v1beta1", expiration: "2000-01-01T00:00:00Z")
        let client = server.client(.exec(config))
        _ = try await client.list(.configMaps)
        _ = try await client.list(.configMaps)
        #expect(runs(dir) == 2)
    }

    @Test func failingExecPluginIsACredentialsError() async throws {
        let server = try TestAPIServer()
        let dir = TemporaryDirectory()
        let path = try TestFiles.write("#!/bin/sh\necho 'login required' >&2\nexit 3\n", to: dir.file("fail.sh"), executable: true)
        let client = server.client(.exec(ExecPluginConfig(apiVersion: "client.authentication.k8s.io/v1", command: path)))
        let error = await #expect(throws: KubeAPIError.self) { _ = try await client.list(.configMaps) }
        #expect(error?.kind == .credentials)
        #expect(error?.description.contains("exited with status 3: login required") == true)
    }

    @Test func clientCertificateIsPresentedFromKubeconfigData() async throws {
        let fixture = try OpenSSLFixture()
        let peer = try OpenSSLFixture.Server(fixture)
        let dir = TemporaryDirectory()
        func base64(_ path: String) throws -> String { try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString() }
        let path = try TestFiles.write("""
            clusters:
            - name: tls
              cluster: {server: "https://127.0.0.1:\(peer.port)", certificate-authority: \(fixture.caPath)}
            users:
            - name: cert
              user: {client-certificate-data: \(try base64(fixture.clientCertPath)), client-key-data: \(try base64(fixture.clientKeyPath))}
            contexts:
            - name: tls
              context: {cluster: tls, user: cert}
            current-context: tls
            """, to: dir.file("config"))
        let client = try KubeClient(configuration: KubeConfigLoader.load(path: path))
        let response = try await client.sendRaw(.raw("/"))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("Subject: CN=stockade-client"))
    }

    @Test func clientCertificateFilesAndAMissingCertificateIsRejected() async throws {
        let fixture = try OpenSSLFixture()
        let peer = try OpenSSLFixture.Server(fixture)
        let withCert = KubeClient(configuration: ClientConfiguration(
            server: "https://127.0.0.1:\(peer.port)",
            tls: .init(trustRoots: .file(fixture.caPath), clientCertificate: .file(fixture.clientCertPath), clientKey: .file(fixture.clientKeyPath))))
        let response = try await withCert.sendRaw(.raw("/"))
        #expect(String(decoding: response.body, as: UTF8.self).contains("Subject: CN=stockade-client"))

        let without = KubeClient(configuration: ClientConfiguration(
            server: "https://127.0.0.1:\(peer.port)", tls: .init(trustRoots: .file(fixture.caPath))))
        let error = await #expect(throws: KubeAPIError.self) { _ = try await without.sendRaw(.raw("/")) }
        guard case .transport? = error?.kind else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
    }
}
