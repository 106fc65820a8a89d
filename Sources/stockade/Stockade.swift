import ArgumentParser

/// The Stockade command line.
@main
struct Stockade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stockade",
        abstract: "Take ONNX models to production on Kubernetes and keep them there.",
        subcommands: [APIServerCommand.self]
    )
}
