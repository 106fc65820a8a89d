import Foundation
import ProcessTesting
import KubeTesting
import Testing

/// `stockade check` (the real binary) against the embedded API server.
@Suite struct StockadeCheckTests {
    static let modelDeploymentCRD = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata: {name: modeldeployments.serving.stockade.dev}
    spec:
      group: serving.stockade.dev
      scope: Namespaced
      names: {plural: modeldeployments, singular: modeldeployment, kind: ModelDeployment, shortNames: [md]}
      versions:
      - name: v1alpha1
        served: true
        storage: true
        schema:
          openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    """

    struct Run {
        var status: Int32
        var output: String
    }

    static func check(_ arguments: String..., environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestAPIServer.executable)
        process.arguments = ["check"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = nil
        env["KUBERNETES_SERVICE_HOST"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = launchSerially { Pipe() }
        let buffer = OutputBuffer()
        out.fileHandleForReading.readabilityHandler = { handle in buffer.append(String(decoding: handle.availableData, as: UTF8.self)) }
        process.standardOutput = out
        process.standardError = out
        try launchSerially { try process.run() }
        let status = TestAPIServer.wait(process, seconds: 60)
        out.fileHandleForReading.readabilityHandler = nil
        buffer.append(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        return Run(status: status ?? -1, output: buffer.text)
    }

    @Test func reportsAMissingCRDThenPassesOnceInstalled() throws {
        let server = try TestAPIServer()
        let before = try Self.check("--kubeconfig", server.kubeconfig)
        #expect(before.status == 1)
        #expect(before.output.contains("✔ connected: Kubernetes v1.36.0+stockade"))
        #expect(before.output.contains("✔ authenticated as stockade-admin (system:masters) with a bearer token"), "\(before.output)")
        #expect(before.output.contains("✘ serving.stockade.dev/v1alpha1 modeldeployments is not served: install the ModelDeployment CRD"))
        #expect(before.output.contains("– gateway.networking.k8s.io/v1 httproutes is not served: optional"))
        #expect(try server.kubectl("apply", "-f", "-", stdin: Self.modelDeploymentCRD).succeeded)
        let after = try Self.check("--kubeconfig", server.kubeconfig)
        #expect(after.status == 0, "\(after.output)")
        #expect(after.output.contains("✔ list-then-watch round trip"))
        #expect(after.output.hasSuffix("cluster is ready for Stockade\n"))
    }

    /// A kubeconfig for the server with `user` as the users[0].user body.
    static func kubeconfig(_ server: TestAPIServer, user: String, directory: TemporaryDirectory) throws -> String {
        let ca = try TestFiles.write(server.caPEM, to: directory.file("ca.crt"))
        let text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "\(server.url)", certificate-authority: \(ca)}
        users:
        - name: u
          user:
        \(user.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        current-context: ctx
        """
        return try TestFiles.write(text, to: directory.file("kubeconfig"))
    }

    @Test func authenticatesWithATokenFileAndAnExecPlugin() throws {
        let server = try TestAPIServer()
        let directory = TemporaryDirectory("check")
        let tokenFile = try TestFiles.write(server.token, to: directory.file("token"))
        let viaFile = try Self.check("--kubeconfig", try Self.kubeconfig(server, user: "tokenFile: \(tokenFile)", directory: directory))
        #expect(viaFile.output.contains("✔ authenticated as stockade-admin (system:masters) with a token file (\(tokenFile))"), "\(viaFile.output)")
        let plugin = try TestFiles.write("""
        #!/bin/sh
        echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(server.token)"}}'
        """, to: directory.file("plugin.sh"), executable: true)
        let exec = "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: \(plugin)\n  interactiveMode: Never"
        let viaExec = try Self.check("--kubeconfig", try Self.kubeconfig(server, user: exec, directory: directory))
        #expect(viaExec.output.contains("✔ authenticated as stockade-admin (system:masters) with the exec credential plugin \(plugin)"), "\(viaExec.output)")
        let wrong = try Self.check("--kubeconfig", try Self.kubeconfig(server, user: "token: not-the-token", directory: directory))
        #expect(wrong.status == 1 && wrong.output.contains("✘ authentication with a bearer token: the server rejected the credentials"), "\(wrong.output)")
    }

    /// x509 authentication: the server's admin certificate, a certificate for another user signed by the
    /// cluster CA (its CN and O become the user and groups), and one from a foreign CA (rejected in the
    /// TLS handshake, reported as a connection failure).
    @Test func authenticatesWithClientCertificates() throws {
        let server = try TestAPIServer()
        let directory = TemporaryDirectory("check-x509")
        let admin = "client-certificate: \(server.dataDirectory)/admin.crt\nclient-key: \(server.dataDirectory)/admin.key"
        let viaAdmin = try Self.check("--kubeconfig", try Self.kubeconfig(server, user: admin, directory: directory))
        #expect(viaAdmin.output.contains("✔ authenticated as stockade-admin (system:masters) with a client certificate"), "\(viaAdmin.output)")

        let ca = (cert: server.dataDirectory + "/ca.crt", key: server.dataDirectory + "/ca.key")
        let alice = try OpenSSLFixture.clientCertificate(subject: "/O=ml-team/O=auditors/CN=alice", signedBy: ca, in: directory)
        let viaAlice = try Self.check("--kubeconfig", try Self.kubeconfig(
            server, user: "client-certificate: \(alice.cert)\nclient-key: \(alice.key)", directory: directory))
        #expect(viaAlice.output.contains("✔ authenticated as alice (ml-team, auditors) with a client certificate"), "\(viaAlice.output)")

        let foreignCA = try OpenSSLFixture.certificateAuthority(in: directory)
        let mallory = try OpenSSLFixture.clientCertificate(subject: "/O=system:masters/CN=mallory", signedBy: foreignCA, in: directory)
        let viaMallory = try Self.check("--kubeconfig", try Self.kubeconfig(
            server, user: "client-certificate: \(mallory.cert)\nclient-key: \(mallory.key)", directory: directory))
        #expect(viaMallory.status == 1 && !viaMallory.output.contains("authenticated as"), "\(viaMallory.output)")
        #expect(viaMallory.output.contains("✘ cannot reach the API server"), "\(viaMallory.output)")
    }

    @Test func brokenKubeconfigsFailWithOneLineNamingTheProblem() throws {
        let directory = TemporaryDirectory("check-broken")
        let missing = try Self.check("--kubeconfig", directory.file("absent"))
        #expect(missing.status == 1 && missing.output == "✘ kubeconfig \(directory.file("absent")): file does not exist\n")
        let invalid = try TestFiles.write("clusters: [\n  - name: x\n", to: directory.file("invalid"))
        let parsed = try Self.check("--kubeconfig", invalid)
        #expect(parsed.status == 1 && parsed.output.hasPrefix("✘ kubeconfig \(invalid): line "), "\(parsed.output)")
        let server = try TestAPIServer()
        let context = try Self.check("--kubeconfig", server.kubeconfig, "--context", "nope")
        #expect(context.status == 1 && context.output.contains("nope"), "\(context.output)")
        #expect(context.output.split(separator: "\n").count == 1)
    }
}
