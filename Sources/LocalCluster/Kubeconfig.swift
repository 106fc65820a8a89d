import Foundation
import JSON
import YAML

/// Writes the admin kubeconfig for an embedded API server (atomically, mode 0600).
enum Kubeconfig {
    static func document(server: String, caPEM: String, token: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Config",
            "clusters": [["name": "stockade", "cluster": ["server": .string(server), "certificate-authority-data": .string(Base64.encode(Array(caPEM.utf8)))]]],
            "users": [["name": "stockade-admin", "user": ["token": .string(token)]]],
            "contexts": [["name": "stockade", "context": ["cluster": "stockade", "user": "stockade-admin", "namespace": "default"]]],
            "current-context": "stockade",
            "preferences": [:],
        ]
    }

    static func write(to path: String, server: String, caPEM: String, token: String) throws {
        let text = YAML.emit(document(server: server, caPEM: caPEM, token: token))
        try text.write(toFile: path + ".tmp", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + ".tmp")
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
    }
}
