internal import Foundation
import Curl
import YAML

/// Merges parsed kubeconfig files and resolves one context into a `ClientConfiguration`.
struct KubeConfigResolver {
    /// Where a named entry was found: which file and which index in its list.
    struct Located<Entry> {
        var entry: Entry
        var source: KubeConfigSource
        var index: Int
    }

    var sources: [KubeConfigSource]

    private func first<Entry>(
        _ list: (KubeConfigFile) -> [Entry]?, named name: String, _ entryName: (Entry) -> String
    ) -> Located<Entry>? {
        for source in sources {
            for (index, entry) in (list(source.config) ?? []).enumerated() where entryName(entry) == name {
                return Located(entry: entry, source: source, index: index)
            }
        }
        return nil
    }

    func resolve(context explicit: String?) throws(KubeConfigError) -> ClientConfiguration {
        let contextName: String
        if let explicit {
            contextName = explicit
        } else if let source = sources.first(where: { !($0.config.currentContext ?? "").isEmpty }) {
            contextName = source.config.currentContext!
        } else {
            throw KubeConfigError(
                file: sources.first?.path, field: "current-context",
                message: "no current context is set; pass --context or set current-context")
        }
        guard let context = first(\.contexts, named: contextName, \.name) else {
            let known = sources.flatMap { ($0.config.contexts ?? []).map(\.name) }
            let knownText = known.isEmpty ? "the file defines no contexts" : "known contexts: \(known.joined(separator: ", "))"
            if explicit == nil, let source = sources.first(where: { $0.config.currentContext == contextName }) {
                throw source.error([.key("current-context")], "context \"\(contextName)\" not found (\(knownText))")
            }
            throw KubeConfigError(file: sources.first?.path, message: "context \"\(contextName)\" not found (\(knownText))")
        }
        let contextPath: YAMLPath = [.key("contexts"), .index(context.index), .key("context")]
        let clusterName = context.entry.context.cluster
        guard let cluster = first(\.clusters, named: clusterName, \.name) else {
            throw context.source.error(contextPath.appending(.key("cluster")), "cluster \"\(clusterName)\" not found")
        }
        var configuration = try clusterConfiguration(cluster)
        if let userName = context.entry.context.user, !userName.isEmpty {
            guard let user = first(\.users, named: userName, \.name) else {
                throw context.source.error(contextPath.appending(.key("user")), "user \"\(userName)\" not found")
            }
            try applyUser(user, to: &configuration)
        }
        if let namespace = context.entry.context.namespace, !namespace.isEmpty {
            configuration.namespace = namespace
        }
        return configuration
    }

    private func clusterConfiguration(_ located: Located<KubeConfigFile.NamedCluster>) throws(KubeConfigError)
        -> ClientConfiguration
    {
        let cluster = located.entry.cluster
        let base: YAMLPath = [.key("clusters"), .index(located.index), .key("cluster")]
        let source = located.source
        guard cluster.server.hasPrefix("https://") || cluster.server.hasPrefix("http://") else {
            throw source.error(base.appending(.key("server")), "server must be an http:// or https:// URL, got \"\(cluster.server)\"")
        }
        var tls = TLSConfiguration(serverName: cluster.tlsServerName)
        if let data = cluster.certificateAuthorityData {
            tls.trustRoots = .data(try decodeBase64(data, source, base.appending(.key("certificate-authority-data"))))
        } else if let file = cluster.certificateAuthority {
            tls.trustRoots = .file(try existingFile(file, source, base.appending(.key("certificate-authority"))))
        }
        var warnings: [String] = []
        if cluster.insecureSkipTLSVerify == true {
            if tls.trustRoots != nil {
                throw source.error(
                    base.appending(.key("insecure-skip-tls-verify")),
                    "specifying a root certificate authority together with insecure-skip-tls-verify is not allowed")
            }
            tls.insecureSkipVerify = true
            warnings.append("TLS verification of \(cluster.server) is disabled (insecure-skip-tls-verify); the connection can be intercepted")
        }
        var configuration = ClientConfiguration(server: cluster.server, tls: tls)
        if let proxy = cluster.proxyURL, !proxy.isEmpty { configuration.proxy = .url(proxy) }
        configuration.warnings = warnings
        configuration.baseDirectory = source.directory
        return configuration
    }

    private func applyUser(_ located: Located<KubeConfigFile.NamedUser>, to configuration: inout ClientConfiguration)
        throws(KubeConfigError)
    {
        let user = located.entry.user
        let base: YAMLPath = [.key("users"), .index(located.index), .key("user")]
        let source = located.source
        if user.username != nil || user.password != nil {
            throw source.error(
                base.appending(.key(user.username != nil ? "username" : "password")),
                "basic authentication is not supported; use a token, a client certificate or an exec plugin")
        }
        if let provider = user.authProvider {
            let name = provider["name"]?.stringValue ?? "unknown"
            throw source.error(
                base.appending(.key("auth-provider")),
                "auth-provider \"\(name)\" is not supported; use an exec credential plugin (e.g. kubelogin or gke-gcloud-auth-plugin)")
        }
        if let data = user.clientCertificateData {
            configuration.tls.clientCertificate = .data(try decodeBase64(data, source, base.appending(.key("client-certificate-data"))))
        } else if let file = user.clientCertificate {
            configuration.tls.clientCertificate = .file(try existingFile(file, source, base.appending(.key("client-certificate"))))
        }
        if let data = user.clientKeyData {
            configuration.tls.clientKey = .data(try decodeBase64(data, source, base.appending(.key("client-key-data"))))
        } else if let file = user.clientKey {
            configuration.tls.clientKey = .file(try existingFile(file, source, base.appending(.key("client-key"))))
        }
        if (configuration.tls.clientCertificate == nil) != (configuration.tls.clientKey == nil) {
            let missing = configuration.tls.clientKey == nil ? "client-key" : "client-certificate"
            throw source.error(base, "a client certificate needs both client-certificate and client-key; \(missing) is missing")
        }
        if let token = user.token, !token.isEmpty {
            configuration.authentication = .token(token)
        } else if let file = user.tokenFile, !file.isEmpty {
            configuration.authentication = .tokenFile(try existingFile(file, source, base.appending(.key("tokenFile"))))
        } else if let exec = user.exec {
            let path = base.appending(.key("exec"))
            guard ExecPluginConfig.supportedAPIVersions.contains(exec.apiVersion) else {
                throw source.error(
                    path.appending(.key("apiVersion")),
                    "exec plugin apiVersion \"\(exec.apiVersion)\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)")
            }
            if exec.interactiveMode == "Always" {
                throw source.error(
                    path.appending(.key("interactiveMode")),
                    "exec plugin needs an interactive terminal (interactiveMode: Always), which a controller cannot provide")
            }
            var env: [String: String] = [:]
            for variable in exec.env ?? [] { env[variable.name] = variable.value }
            var command = exec.command
            if command.contains("/") { command = source.absolute(command) }
            configuration.authentication = .exec(
                ExecPluginConfig(apiVersion: exec.apiVersion, command: command, args: exec.args ?? [], env: env))
        }
    }

    private func existingFile(_ reference: String, _ source: KubeConfigSource, _ path: YAMLPath) throws(KubeConfigError)
        -> String
    {
        let absolute = source.absolute(reference)
        guard FileManager.default.isReadableFile(atPath: absolute) else {
            throw source.error(path, "file \"\(absolute)\" does not exist or is not readable")
        }
        return absolute
    }

    private func decodeBase64(_ text: String, _ source: KubeConfigSource, _ path: YAMLPath) throws(KubeConfigError)
        -> [UInt8]
    {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw source.error(path, "not valid base64")
        }
        return Array(data)
    }
}
