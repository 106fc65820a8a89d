import ArgumentParser
import Logging

/// The Stockade command line.
@main
struct Stockade: AsyncParsableCommand {
    /// Executables own the logging backend: human-readable lines on standard error.
    static func main() async {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "stockade",
        abstract: "Take ONNX models to production on Kubernetes and keep them there.",
        subcommands: [APIServerCommand.self, CheckCommand.self]
    )
}
