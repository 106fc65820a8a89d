import ArgumentParser
import Foundation
import KubeClient

/// `stockade check`: preflight a cluster before installing Stockade.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a cluster can run Stockade (connectivity, credentials, required APIs, watches).",
        discussion: "Loads the configuration exactly as stockade-operator does (--kubeconfig, KUBECONFIG, ~/.kube/config, or the in-cluster service account) and prints one line per check. Exits 0 when the cluster is usable, 1 otherwise."
    )

    @Option(help: "Path of the kubeconfig file (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "Context to use (default: the current context).")
    var context: String?

    func run() async throws {
        let configuration: ClientConfiguration
        let source: String
        do {
            let environment = ProcessInfo.processInfo.environment
            if kubeconfig == nil, environment["KUBECONFIG"] == nil, environment["KUBERNETES_SERVICE_HOST"] != nil {
                configuration = try KubeConfigLoader.inCluster()
                source = "in-cluster service account"
            } else {
                configuration = try KubeConfigLoader.load(path: kubeconfig, context: context)
                source = "kubeconfig \(kubeconfig ?? environment["KUBECONFIG"] ?? "~/.kube/config")\(context.map { " context \($0)" } ?? ""), server \(configuration.server)"
            }
        } catch {
            print("✘ \(error)")
            throw ExitCode.failure
        }
        for warning in configuration.warnings { print("! \(warning)") }
        let client = KubeClient(configuration: configuration)
        let checks = await Preflight.run(client: client, configurationSource: source, authentication: Self.describe(configuration))
        await client.shutdown()
        for check in checks { print(check.rendered) }
        let failed = checks.filter { $0.outcome == .failed }.count
        print(failed == 0 ? "cluster is ready for Stockade" : "\(failed) check(s) failed")
        if failed > 0 { throw ExitCode.failure }
    }

    static func describe(_ configuration: ClientConfiguration) -> String {
        switch configuration.authentication {
        case .none: return configuration.tls.clientCertificate != nil ? "a client certificate" : "no credentials"
        case .token: return "a bearer token"
        case .tokenFile(let path): return "a token file (\(path))"
        case .exec(let plugin): return "the exec credential plugin \(plugin.command)"
        }
    }
}
