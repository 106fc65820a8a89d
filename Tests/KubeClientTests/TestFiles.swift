import Foundation


/// Files and directories for the client tests (the API server process itself comes from KubeTesting).
enum TestFiles {
    /// The repository root: the nearest directory above this source file (symlinks resolved) with a
    /// Package.swift.
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return "."
    }

    static func makeTemporaryDirectory(prefix: String) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `path` (replacing it) and returns the path.
    @discardableResult
    static func write(_ text: String, to path: String, executable: Bool = false) throws -> String {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return path
    }
}

/// A directory removed when released.
final class TemporaryDirectory: Sendable {
    let path: String
    init(_ prefix: String = "kubeclient") { path = TestFiles.makeTemporaryDirectory(prefix: prefix) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}
