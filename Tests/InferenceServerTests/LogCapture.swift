import Foundation
@testable import InferenceServer
import JSON
import Logging
import Synchronization

/// Collects the lines a ``JSONLogHandler`` writes, for tests.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger at `level` whose JSON lines land here, with `metadataProvider`'s metadata added.
    func logger(level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) -> Logger {
        var logger = Logger(label: "stockade-serve-test") { label in
            JSONLogHandler(label: label, metadataProvider: metadataProvider) { [self] line in
                self.lines.withLock { $0.append(line) }
            }
        }
        logger.logLevel = level
        return logger
    }

    var all: [String] { lines.withLock { $0 } }

    /// Every captured line parsed as JSON (a line that does not parse is a test failure by the caller).
    var objects: [JSONValue] { all.compactMap { try? JSONValue.parse(Array($0.utf8)) } }
}
