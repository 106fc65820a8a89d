import ArgumentParser
import Foundation
import LocalCluster
import Logging

/// `stockade apiserver`: the embedded Kubernetes-compatible API server.
struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Run the embedded Kubernetes-compatible API server (HTTPS on 127.0.0.1).",
        discussion: """
        Creates a CA, a serving certificate, an admin token and DIR/kubeconfig on first start, and keeps \
        objects in DIR/store.log. Prints exactly one line `ready kubeconfig=DIR/kubeconfig url=https://127.0.0.1:PORT` \
        once requests are accepted. SIGTERM or SIGINT stops it cleanly.
        """
    )

    @Option(name: .customLong("data-dir"), help: "Directory for the store, credentials and kubeconfig.")
    var dataDirectory: String

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port: Int = 6443

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "warning"

    func run() async throws {
        var logger = Logger(label: "stockade.apiserver")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let directory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        let server = APIServer(dataDirectory: directory, port: port)
        do {
            try await server.run(logger: logger) { kubeconfig, url in
                FileHandle.standardOutput.write(Data("ready kubeconfig=\(kubeconfig) url=\(url)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("stockade apiserver: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
