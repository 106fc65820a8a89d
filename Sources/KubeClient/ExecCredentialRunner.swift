internal import Foundation
import JSON
import SerialLaunch

/// A credential returned by an exec plugin.
struct ExecCredential: Sendable {
    var token: String?
    var clientCertificate: [UInt8]?
    var clientKey: [UInt8]?
    /// When the plugin must be run again; `nil`: valid until the server rejects it.
    var expiration: Date?
}

/// Why an exec plugin gave no credential.
struct ExecCredentialError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Runs exec credential plugins per the `client.authentication.k8s.io` contract: the command with its
/// args, the inherited environment plus the configured variables plus `KUBERNETES_EXEC_INFO`, stdin from
/// /dev/null (non-interactive), and an `ExecCredential` JSON on stdout. The process is run and waited for
/// on a dedicated thread, never on the Swift cooperative pool.
enum ExecCredentialRunner {
    static func run(_ config: ExecPluginConfig) async throws(ExecCredentialError) -> ExecCredential {
        let result: Result<ExecCredential, ExecCredentialError> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: runBlocking(config)) }
            thread.name = "stockade-exec-credential"
            thread.start()
        }
        return try result.get()
    }

    static func execInfo(_ apiVersion: String) -> String {
        "{\"apiVersion\":\"\(apiVersion)\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}"
    }

    private static func runBlocking(_ config: ExecPluginConfig) -> Result<ExecCredential, ExecCredentialError> {
        let process = Process()
        if config.command.contains("/") {
            process.executableURL = URL(fileURLWithPath: config.command)
            process.arguments = config.args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [config.command] + config.args
        }
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in config.env { environment[name] = value }
        environment["KUBERNETES_EXEC_INFO"] = execInfo(config.apiVersion)
        process.environment = environment
        let stdout = launchSerially { Pipe() }
        let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("stockade-exec-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stderr) }
        process.standardOutput = stdout
        process.standardError = try? FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        do {
            try launchSerially { try process.run() }
        } catch {
            return .failure(ExecCredentialError(description: "exec plugin \(config.command) could not be started: \(error.localizedDescription)"))
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
            let firstLine = errors.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return .failure(ExecCredentialError(
                description: "exec plugin \(config.command) exited with status \(process.terminationStatus)\(firstLine.isEmpty ? "" : ": \(firstLine)")"))
        }
        return parse(Array(output), config: config)
    }

    /// The credential in a plugin's stdout, checked against the configured API version.
    static func parse(_ output: [UInt8], config: ExecPluginConfig) -> Result<ExecCredential, ExecCredentialError> {
        let fail = { (message: String) in
            Result<ExecCredential, ExecCredentialError>.failure(ExecCredentialError(description: "exec plugin \(config.command): \(message)"))
        }
        guard let value = try? JSONValue.parse(output) else { return fail("output is not JSON") }
        guard value["kind"]?.stringValue == "ExecCredential" else { return fail("output is not an ExecCredential") }
        guard value["apiVersion"]?.stringValue == config.apiVersion else {
            return fail("output apiVersion \(value["apiVersion"]?.stringValue ?? "(none)") does not match \(config.apiVersion)")
        }
        guard let status = value["status"] else { return fail("output has no status") }
        var credential = ExecCredential()
        credential.token = status["token"]?.stringValue
        credential.clientCertificate = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKey = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if credential.token == nil && (credential.clientCertificate == nil || credential.clientKey == nil) {
            return fail("status has neither a token nor clientCertificateData and clientKeyData")
        }
        if let text = status["expirationTimestamp"]?.stringValue {
            guard let date = parseTimestamp(text) else { return fail("invalid expirationTimestamp \(text)") }
            credential.expiration = date
        }
        return .success(credential)
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
