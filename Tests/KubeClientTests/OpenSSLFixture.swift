import Foundation
import ProcessTesting
import KubeTesting

/// A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, made with the
/// `openssl` CLI, and an `openssl s_server` that requires a client certificate and echoes the session
/// (including the client certificate's subject) as an HTML page.
final class OpenSSLFixture: Sendable {
    let directory: TemporaryDirectory
    var caPath: String { directory.file("ca.crt") }
    var clientCertPath: String { directory.file("client.crt") }
    var clientKeyPath: String { directory.file("client.key") }

    init() throws {
        directory = TemporaryDirectory("kubeclient-tls")
        let d = directory.path
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try OpenSSLFixture.openssl(["req", "-x509"] + ec + ["-keyout", "\(d)/ca.key", "-out", "\(d)/ca.crt", "-subj", "/CN=kubeclient-test-ca", "-days", "2"])
        try TestFiles.write("subjectAltName=IP:127.0.0.1\n", to: "\(d)/server.ext")
        for (name, subject, ext) in [("server", "/CN=localhost", true), ("client", "/CN=stockade-client", false)] {
            try OpenSSLFixture.openssl(["req"] + ec + ["-keyout", "\(d)/\(name).key", "-out", "\(d)/\(name).csr", "-subj", subject])
            try OpenSSLFixture.openssl(
                ["x509", "-req", "-in", "\(d)/\(name).csr", "-CA", "\(d)/ca.crt", "-CAkey", "\(d)/ca.key",
                 "-CAcreateserial", "-out", "\(d)/\(name).crt", "-days", "2"] + (ext ? ["-extfile", "\(d)/server.ext"] : []))
        }
    }

    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try launchSerially { try process.run() }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl \(arguments.joined(separator: " ")) failed") }
    }

    /// A running `openssl s_server -Verify 1 -www` on 127.0.0.1 and its port.
    final class Server: Sendable {
        let process: Process
        let port: Int
        init(_ fixture: OpenSSLFixture) throws {
            let d = fixture.directory.path
            let process = Process()
            self.process = process
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", "\(d)/server.crt", "-key", "\(d)/server.key",
                "-CAfile", "\(d)/ca.crt", "-Verify", "1", "-www",
            ]
            let out = launchSerially { Pipe() }
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try launchSerially { try process.run() }
            var line = ""
            while !line.hasPrefix("ACCEPT") {
                line = ""
                while true {
                    let byte = out.fileHandleForReading.readData(ofLength: 1)
                    if byte.isEmpty { throw TestFailure("s_server exited: \(line)") }
                    if byte.first == UInt8(ascii: "\n") { break }
                    line += String(decoding: byte, as: UTF8.self)
                }
            }
            guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
                throw TestFailure("no port in \(line)")
            }
            self.port = port
        }
        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

extension OpenSSLFixture {
    static let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    /// A new self-signed CA in `directory` (`foreign-ca.crt`, `foreign-ca.key`).
    static func certificateAuthority(in directory: TemporaryDirectory) throws -> (cert: String, key: String) {
        let cert = directory.file("foreign-ca.crt"), key = directory.file("foreign-ca.key")
        try openssl(["req", "-x509"] + ecKey + ["-keyout", key, "-out", cert, "-subj", "/CN=foreign-ca", "-days", "2"])
        return (cert, key)
    }

    /// A client certificate with `subject` (e.g. `/O=team/CN=alice`) signed by the CA files `signedBy`.
    static func clientCertificate(subject: String, signedBy ca: (cert: String, key: String), in directory: TemporaryDirectory) throws -> (cert: String, key: String) {
        let name = UUID().uuidString.prefix(8)
        let key = directory.file("\(name).key"), csr = directory.file("\(name).csr"), cert = directory.file("\(name).crt")
        try openssl(["req"] + ecKey + ["-keyout", key, "-out", csr, "-subj", subject])
        try openssl(["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial", "-out", cert, "-days", "2"])
        return (cert, key)
    }
}
