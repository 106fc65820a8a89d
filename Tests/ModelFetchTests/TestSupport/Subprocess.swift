import Foundation
@_exported import ProcessTesting

/// The directory holding fetch_server.py (found from this file, not Bundle.module).
let supportDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Support")

extension ServerProcess {
    /// Launches `python3 fetch_server.py arguments...` and waits (bounded) for its ports line.
    static func launch(_ arguments: [String]) async throws -> ServerProcess {
        try await launch(script: supportDirectory.appendingPathComponent("fetch_server.py"), arguments)
    }
}
