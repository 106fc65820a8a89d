import Foundation
import KubeTesting
import JSON
import Testing

/// Random, truncated and mistyped bodies never crash the server or corrupt what it stores.
@Suite struct HTTPFuzzTests {
    @Test func hostileBodiesGetClientErrorsAndTheServerKeepsServing() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let valid = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"a":"b"}},"spec":{"replicas":2,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"x","ports":[{"containerPort":80}]}]}}}}"#
        let path = "/apis/apps/v1/namespaces/default/deployments"
        #expect(try await client.post(path, valid).status == 201)
        let original = try await client.get(path + "/web").json
        var generator = SystemRandomNumberGenerator()
        let bytes = Array(valid.utf8)
        let contentTypes = ["application/json", "application/yaml", "application/merge-patch+json", "application/json-patch+json",
                            "application/strategic-merge-patch+json", "application/apply-patch+yaml", "application/vnd.kubernetes.protobuf"]
        var statuses: [Int: Int] = [:]
        for round in 0..<150 {
            var body: [UInt8]
            switch round % 3 {
            case 0: body = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            case 1: body = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            default:
                body = bytes
                for _ in 0..<3 { body[Int.random(in: 0..<body.count, using: &generator)] = bytes.randomElement(using: &generator)! }
            }
            let contentType = contentTypes[round % contentTypes.count]
            let isPatch = contentType.contains("patch")
            let reply = try await client.request(isPatch ? "PATCH" : (round % 2 == 0 ? "POST" : "PUT"),
                                                 isPatch || round % 2 == 1 ? path + "/web?fieldManager=fuzz" : path,
                                                 bytes: body, contentType: contentType)
            // kube-apiserver itself answers 500 for an applied configuration that does not fit the schema.
            let schemaMismatch = reply.status == 500 && reply.message.hasPrefix("failed to create typed patch object")
            statuses[schemaMismatch ? 400 : reply.status, default: 0] += 1
            #expect(reply.status < 500 || schemaMismatch, "round \(round): \(reply.status) \(reply.text.prefix(200))")
        }
        #expect(try await client.get("/readyz").status == 200)
        let after = try await client.get(path + "/web")
        #expect(after.status == 200 || after.status == 404)
        if after.status == 200 {
            // Whatever was accepted is a valid Deployment with its identity intact.
            #expect(after.json[path: ["metadata", "uid"]] == original[path: ["metadata", "uid"]])
            #expect(after.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.isEmpty == false)
        }
        #expect(statuses.keys.contains { (400..<500).contains($0) })
    }
}
