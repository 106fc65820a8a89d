import Foundation
import JSON
import KubeCore
import Testing

/// Successful response bodies from the recorded kube-apiserver transcripts in
/// `<repo>/../shared/fixtures/kube-apiserver-v1.36/`.
enum APIServerFixtures {
    /// The repository root: the first folder above this file (symlinks resolved) holding Package.swift.
    static let repositoryRoot: URL? = {
        var dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func url(_ file: String) throws -> URL {
        let root = try #require(repositoryRoot, "no Package.swift above \(#filePath)")
        return root.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/kube-apiserver-v1.36").appendingPathComponent(file)
    }

    /// The JSON bytes of each 2xx response body of `T`'s apiVersion and kind in `file`, in order.
    static func bodies<T: KubeObject>(_ type: T.Type, in file: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: try url(file))
        let transcript = try JSONValue.parse(Array(data))
        var bodies: [[UInt8]] = []
        for exchange in transcript.arrayValue ?? [] {
            guard let status = exchange[path: ["response", "status"]]?.intValue, (200..<300).contains(status),
                let body = exchange[path: ["response", "body"]],
                body["apiVersion"]?.stringValue == T.apiVersion, body["kind"]?.stringValue == T.kind
            else { continue }
            bodies.append(body.serialized())
        }
        return bodies
    }

    /// Every matching body decoded as `T` with `JSONDecoder`; each one is checked to round-trip
    /// (re-encoded with `JSONEncoder` and decoded again to an equal value).
    static func objects<T: KubeObject>(_ type: T.Type, in file: String) throws -> [T] {
        let bodies = try bodies(T.self, in: file)
        #expect(!bodies.isEmpty, "no \(T.kind) responses in \(file)")
        return try bodies.map { bytes in
            let object = try JSONDecoder().decode(T.self, from: Data(bytes))
            let reencoded = try JSONEncoder().encode(object)
            let again = try JSONDecoder().decode(T.self, from: reencoded)
            #expect(again == object, "\(T.kind) \(object.metadata.name ?? "?") did not round-trip")
            return object
        }
    }
}
