import Foundation
import InferenceServer
import Logging

/// A model repository in a fresh temporary directory (`ROOT/NAME/VERSION/model.onnx`), removed by
/// ``remove()``.
struct TestRepository {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Copies the fixture model `fixture` in as `name` version `version`.
    func add(_ name: String, version: Int, fixture: String = "mlp") throws {
        let directory = try versionDirectory(name, version)
        try FileManager.default.copyItem(atPath: Paths.model(fixture), toPath: directory.appendingPathComponent("model.onnx").path)
    }

    /// Writes bytes that are not an ONNX model as `name` version `version`.
    func addGarbage(_ name: String, version: Int) throws {
        let directory = try versionDirectory(name, version)
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: directory.appendingPathComponent("model.onnx"))
    }

    /// Deletes version `version` of `name`.
    func delete(_ name: String, version: Int) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("\(name)/\(version)"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A server configuration for this repository on 127.0.0.1 port 0, with watching off (tests poll
    /// with `pollRepository()`).
    func configuration(modelName: String? = nil) -> ServerConfiguration {
        var configuration = TestServer.configuration(model: "mlp")
        configuration.modelPath = root.path
        configuration.modelName = modelName
        configuration.repositoryPollInterval = .zero
        return configuration
    }

    func load(modelName: String? = nil) async throws -> InferenceServer {
        try await InferenceServer.load(configuration(modelName: modelName), logger: Logger(label: "test"))
    }

    private func versionDirectory(_ name: String, _ version: Int) throws -> URL {
        let directory = root.appendingPathComponent("\(name)/\(version)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

extension TestServer {
    /// The value of the one metric line starting with `series` (labels included), if present.
    func metricValue(_ series: String) async throws -> Double? {
        try await metric(series + " ").first.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }
}
