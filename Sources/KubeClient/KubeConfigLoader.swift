internal import Foundation
import JSON
import YAML

/// Loads a `ClientConfiguration` from kubeconfig files the way kubectl does.
///
/// Files: an explicit `path` (which must exist); otherwise every entry of `KUBECONFIG` (separated by `:`,
/// missing files skipped); otherwise `~/.kube/config`. Several files are merged: for each named cluster,
/// user and context the first file that defines the name wins, and `current-context` comes from the
/// first file that sets it. Relative file references are relative to the file that holds them.
/// Every failure is a `KubeConfigError` naming the file, line and field.
public enum KubeConfigLoader {
    /// The configuration of `context` (or the current context) from the files selected as described on
    /// the type. `environment` (default: the process environment) supplies `KUBECONFIG` and `HOME`.
    public static func load(
        path: String? = nil, context: String? = nil,
        environment: [String: String]? = nil
    ) throws(KubeConfigError) -> ClientConfiguration {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let paths = try filePaths(explicit: path, environment: environment)
        var sources: [KubeConfigSource] = []
        for path in paths { sources.append(try KubeConfigSource.read(path)) }
        return try KubeConfigResolver(sources: sources).resolve(context: context)
    }

    /// The files `load` reads, in precedence order.
    static func filePaths(explicit: String?, environment: [String: String]) throws(KubeConfigError) -> [String] {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw KubeConfigError(file: explicit, message: "file does not exist")
            }
            return [explicit]
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            let existing = list.split(separator: ":").map(String.init)
                .filter { !$0.isEmpty && FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
            guard !existing.isEmpty else {
                throw KubeConfigError(file: nil, message: "none of the files in KUBECONFIG=\(list) exist")
            }
            return existing
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = home + "/.kube/config"
        guard FileManager.default.fileExists(atPath: path) else {
            throw KubeConfigError(
                file: path, message: "file does not exist; pass --kubeconfig or set KUBECONFIG")
        }
        return [path]
    }

    /// The in-cluster configuration: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`, the
    /// service account's `token` (re-read whenever it changes, as projected tokens rotate), `ca.crt` and
    /// `namespace` from `serviceAccountDirectory`.
    public static func inCluster(
        environment: [String: String]? = nil,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws(KubeConfigError) -> ClientConfiguration {
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeConfigError(
                file: nil,
                message: "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let tokenPath = serviceAccountDirectory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeConfigError(file: tokenPath, message: "service account token is missing or unreadable")
        }
        let caPath = serviceAccountDirectory + "/ca.crt"
        guard FileManager.default.isReadableFile(atPath: caPath) else {
            throw KubeConfigError(file: caPath, message: "service account CA certificate is missing or unreadable")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var namespace = "default"
        if let text = try? String(contentsOfFile: serviceAccountDirectory + "/namespace", encoding: .utf8) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { namespace = trimmed }
        }
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)", tls: .init(trustRoots: .file(caPath)),
            authentication: .tokenFile(tokenPath), namespace: namespace)
    }
}

/// One parsed kubeconfig file with the positions of its nodes.
struct KubeConfigSource {
    var path: String
    var document: YAMLDocument
    var config: KubeConfigFile

    /// The directory relative references are resolved against.
    var directory: String { (path as NSString).deletingLastPathComponent }

    static func read(_ path: String) throws(KubeConfigError) -> KubeConfigSource {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeConfigError(file: path, message: "cannot read file: \(error.localizedDescription)")
        }
        let document: YAMLDocument
        do {
            document = try YAML.parseWithPositions(text)
        } catch {
            throw KubeConfigError(file: path, line: error.line, column: error.column, message: "invalid YAML: \(error.message)")
        }
        if document.value.isNull {
            return KubeConfigSource(path: path, document: document, config: KubeConfigFile())
        }
        do {
            let config = try YAMLDecoder().decode(KubeConfigFile.self, from: document)
            return KubeConfigSource(path: path, document: document, config: config)
        } catch let error as YAMLDecodingError {
            throw KubeConfigError(
                file: path, line: error.line, column: error.column, field: error.path.description, message: error.message)
        } catch {
            throw KubeConfigError(file: path, message: "\(error)")
        }
    }

    /// An error about the node at `path` in this file.
    func error(_ path: YAMLPath, _ message: String) -> KubeConfigError {
        let mark = document.position(of: path)
        return KubeConfigError(file: self.path, line: mark?.line, column: mark?.column, field: path.description, message: message)
    }

    /// `reference` made absolute against this file's directory.
    func absolute(_ reference: String) -> String {
        if reference.hasPrefix("/") { return reference }
        if reference.hasPrefix("~/") { return NSHomeDirectory() + reference.dropFirst(1) }
        return directory + "/" + reference
    }
}
