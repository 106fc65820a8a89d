import Foundation
public import InferenceCore

/// One model in a model repository laid out as Triton and KServe do: `ROOT/NAME/VERSION/model.onnx`,
/// VERSION a positive integer written without leading zeros.
///
/// Other entries are ignored: hidden names, non-numeric directories (such as a download's temporary
/// directory), and version directories without a `model.onnx` (yet).
public struct ModelRepository: Sendable {
    /// The repository directory.
    public let root: String
    /// The model's directory name, used as its name in URLs.
    public let name: String

    /// The file serving `version`.
    public func modelPath(version: Int) -> String {
        "\(root)/\(name)/\(version)/model.onnx"
    }

    /// Opens the repository at `root`, choosing the model named `modelName`, or the only model when
    /// nil. Fails naming the models found when the name is unknown or several models are present
    /// without one being chosen, and when the repository holds no model at all.
    public static func open(root: String, modelName: String?) throws(ServerStartError) -> ModelRepository {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: root)
        } catch {
            throw ServerStartError(message: "cannot read model repository '\(root)': \(error.localizedDescription)")
        }
        let models = entries.filter { entry in
            guard !entry.hasPrefix(".") else { return false }
            let versions = (try? fm.contentsOfDirectory(atPath: "\(root)/\(entry)")) ?? []
            return versions.contains { versionNumber($0) != nil }
        }.sorted()
        let layout = "expected \(root)/NAME/VERSION/model.onnx with VERSION a positive integer"
        if let modelName, !modelName.isEmpty {
            guard models.contains(modelName) else {
                let found = models.isEmpty ? "none" : models.joined(separator: ", ")
                throw ServerStartError(message: "model repository '\(root)' has no model '\(modelName)' (models found: \(found); \(layout))")
            }
            return ModelRepository(root: root, name: modelName)
        }
        guard let only = models.first else {
            throw ServerStartError(message: "model repository '\(root)' holds no model: \(layout)")
        }
        guard models.count == 1 else {
            throw ServerStartError(
                message: "model repository '\(root)' holds several models (\(models.joined(separator: ", "))); choose one with --model-name")
        }
        return ModelRepository(root: root, name: only)
    }

    /// The versions whose `model.onnx` exists, with its size and modification time. Fails when the
    /// model's directory cannot be read.
    public func scan() throws(ServerStartError) -> [Int: FileStamp] {
        let fm = FileManager.default
        let directory = "\(root)/\(name)"
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: directory)
        } catch {
            throw ServerStartError(message: "cannot read model directory '\(directory)': \(error.localizedDescription)")
        }
        var listing: [Int: FileStamp] = [:]
        for entry in entries {
            guard let version = Self.versionNumber(entry) else { continue }
            // attributesOfItem follows a symbolic link named model.onnx to its target.
            let path = modelPath(version: version)
            guard let attributes = try? fm.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.int64Value,
                let date = attributes[.modificationDate] as? Date
            else { continue }
            listing[version] = FileStamp(size: size, modified: Int64((date.timeIntervalSince1970 * 1e9).rounded()))
        }
        return listing
    }

    /// `entry` as a version number: a positive decimal integer without sign or leading zeros.
    static func versionNumber(_ entry: String) -> Int? {
        guard let n = Int(entry), n > 0, String(n) == entry else { return nil }
        return n
    }
}
