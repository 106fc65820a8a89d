import Curl
import Foundation
import KubeTesting
import JSON

/// A raw HTTPS client for the embedded API server over the project's libcurl transport: the test's
/// view of the wire (status, headers, JSON body), with the server's CA and bearer token.
struct APIClient: Sendable {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var bytes: [UInt8]
        var json: JSONValue { (try? JSONValue.parse(bytes)) ?? .null }
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var reason: String? { json["reason"]?.stringValue }
        var message: String { json["message"]?.stringValue ?? "" }
    }

    let transport: CurlTransport
    let base: String
    let token: String?
    let tls: Curl.TLSConfiguration

    init(server: TestAPIServer, token: String? = nil, authenticated: Bool = true) {
        transport = CurlTransport(configuration: .init(userAgent: "stockade-tests/1.0"))
        base = server.url
        self.token = authenticated ? (token ?? server.token) : nil
        tls = Curl.TLSConfiguration(trustRoots: .text(server.caPEM))
    }

    func request(_ method: String, _ path: String, body: String? = nil, bytes: [UInt8]? = nil,
                 contentType: String = "application/json", accept: String = "application/json") async throws -> Reply {
        var headers: [(String, String)] = [("Accept", accept)]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let payload = bytes ?? body.map { Array($0.utf8) }
        if payload != nil { headers.append(("Content-Type", contentType)) }
        let request = HTTPRequest(method: HTTPMethod(rawValue: method), url: base + path, headers: headers, body: payload,
                                  timeouts: .init(connect: .seconds(10), total: .seconds(30)), tls: tls, proxy: .direct)
        let response = try await transport.send(request)
        return Reply(status: response.status, headers: response.headers, bytes: response.body)
    }

    func get(_ path: String) async throws -> Reply { try await request("GET", path) }
    func post(_ path: String, _ body: String) async throws -> Reply { try await request("POST", path, body: body) }

    /// Reads a watch to its end (the server closes it at `timeoutSeconds`) and returns the events.
    func watch(_ path: String) async throws -> [JSONValue] {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let request = HTTPRequest(method: .get, url: base + path, headers: headers,
                                  timeouts: .init(connect: .seconds(10), total: .seconds(60)), tls: tls, proxy: .direct)
        let (_, body) = try await transport.stream(request)
        var buffer: [UInt8] = []
        for try await chunk in body { buffer += chunk }
        return buffer.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONValue.parse(Array($0)) }
    }
}

extension JSONValue {
    /// `metadata.resourceVersion` as a number.
    var resourceVersion: Int64 { Int64(self[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? -1 }
}

/// A ConfigMap manifest in JSON.
func configMap(_ name: String, labels: [String: String] = [:], data: [String: String] = ["k": "v"]) -> String {
    let value: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": ["name": .string(name), "labels": .object(JSONObject(labels.map { ($0.key, JSONValue.string($0.value)) }))],
        "data": .object(JSONObject(data.map { ($0.key, JSONValue.string($0.value)) })),
    ]
    return value.jsonString()
}
