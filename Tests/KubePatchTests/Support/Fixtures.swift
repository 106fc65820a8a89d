import Foundation
import JSON

/// The recorded kube-apiserver v1.36 exchanges in `<repo>/../shared/fixtures/kube-apiserver-v1.36/`.
struct Fixture {
    struct MissingFile: Error, CustomStringConvertible {
        let name: String
        let tried: [String]
        var description: String { "fixture \(name) not found; tried \(tried.joined(separator: ", "))" }
    }

    let name: String
    let exchanges: [JSONValue]

    /// Loads `name` (e.g. `04-deployment.json`). The repository root is the nearest directory above this
    /// file (symlinks resolved) that holds `Package.swift`; the transcripts are in `<root>/../shared/...`.
    init(_ name: String, filePath: String = #filePath) throws {
        var roots: [URL] = []
        for start in [URL(fileURLWithPath: filePath).resolvingSymlinksInPath(), URL(fileURLWithPath: filePath)] {
            var directory = start.deletingLastPathComponent()
            while directory.path != "/" {
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    roots.append(directory)
                    break
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        let candidates = roots.map {
            $0.deletingLastPathComponent().appendingPathComponent("shared/fixtures/kube-apiserver-v1.36/\(name)").path
        }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw MissingFile(name: name, tried: candidates)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        guard case .array(let exchanges) = try JSONValue.parse(Array(bytes)) else {
            throw MissingFile(name: name, tried: [path + " (not a JSON array)"])
        }
        self.name = name
        self.exchanges = exchanges
    }

    /// The request body of exchange `index`.
    func requestBody(_ index: Int) -> JSONValue { exchanges[index][path: ["request", "body"]] ?? .null }

    /// The response body of exchange `index`.
    func responseBody(_ index: Int) -> JSONValue { exchanges[index][path: ["response", "body"]] ?? .null }

    /// The request's Content-Type of exchange `index`.
    func contentType(_ index: Int) -> String? { exchanges[index][path: ["request", "headers", "Content-Type"]]?.stringValue }
}
