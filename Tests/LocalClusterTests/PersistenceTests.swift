import Foundation
import KubeTesting
import JSON
import Testing

/// Objects and the resourceVersion counter survive restarts; a damaged store is refused, by name.
@Suite struct PersistenceTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    @Test func objectsAndVersionsSurviveARestart() async throws {
        let directory = TestAPIServer.makeDataDirectory()
        var lastVersion: Int64 = 0
        do {
            let server = try TestAPIServer(dataDirectory: directory)
            let client = APIClient(server: server)
            for i in 0..<20 { _ = try await client.post(Self.configMaps, configMap("keep\(i)")) }
            let deleted = try await client.request("DELETE", Self.configMaps + "/keep0")
            #expect(deleted.status == 200)
            lastVersion = try await client.get(Self.configMaps).json.resourceVersion
            #expect(server.stop() == 0, "SIGTERM stops the server cleanly")
        }
        let restarted = try TestAPIServer(dataDirectory: directory)
        let client = APIClient(server: restarted)
        let list = try await client.get(Self.configMaps).json
        let names = list["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
        #expect(names.count == 19 && !names.contains("keep0") && names.contains("keep19"))
        #expect(list.resourceVersion == lastVersion, "the counter continues where it was")
        let created = try await client.post(Self.configMaps, configMap("after")).json
        #expect(created.resourceVersion > lastVersion, "versions never go backwards, even past deleted objects")
        // History from before the restart is not kept: watching from it is 410 Expired, as after compaction.
        let events = try await client.watch(Self.configMaps + "?watch=1&timeoutSeconds=1&resourceVersion=2")
        #expect(events.first?["type"] == "ERROR" && events.first?[path: ["object", "code"]] == 410)
        #expect(events.first?[path: ["object", "reason"]] == "Expired")
    }

    static func damagedStoreRefusesToStart(_ damage: (inout [UInt8]) -> Void, expecting text: String) async throws {
        let directory = TestAPIServer.makeDataDirectory()
        do {
            let server = try TestAPIServer(dataDirectory: directory)
            let client = APIClient(server: server)
            for i in 0..<3 { _ = try await client.post(Self.configMaps, configMap("c\(i)", data: ["payload": "value-\(i)"])) }
            server.stop()
        }
        let path = directory + "/store.log"
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        damage(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (_, line, errors) = try TestAPIServer.launch(directory)
        #expect(line == nil, "the server must not start on a damaged store")
        #expect(errors.contains("store file \(path) is corrupt"), "\(errors)")
        #expect(errors.contains(text), "\(errors)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "the damaged file is left as it was")
    }

    @Test func flippedByteIsDetected() async throws {
        try await Self.damagedStoreRefusesToStart({ bytes in
            let index = bytes.lastIndex(of: UInt8(ascii: "v"))!
            bytes[index] ^= 0x20
        }, expecting: "checksum mismatch")
    }

    @Test func tornTailIsDetected() async throws {
        try await Self.damagedStoreRefusesToStart({ bytes in bytes.removeLast(7) }, expecting: "torn record")
    }
}
