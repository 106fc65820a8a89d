import ArgumentParser
import Foundation

/// A flag's value, else its `STOCKADE_*` environment variable (an empty variable counts as unset).
/// A variable that is not a valid integer where one is expected is a usage error naming it.
struct EnvironmentFallback {
    var environment = ProcessInfo.processInfo.environment

    func string(_ value: String?, _ key: String) -> String? {
        value ?? environment[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    func int(_ value: Int?, _ key: String) throws -> Int? {
        if let value { return value }
        guard let text = string(nil, key) else { return nil }
        guard let parsed = Int(text) else { throw ValidationError("\(key) must be an integer, got '\(text)'") }
        return parsed
    }

    func int(_ value: Int?, _ key: String, _ fallback: Int) throws -> Int {
        try int(value, key) ?? fallback
    }
}
