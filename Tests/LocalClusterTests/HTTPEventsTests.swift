import Foundation
import KubeTesting
import JSON
import Testing

/// Events written through events.k8s.io/v1 are the same objects core/v1 serves (one store, converted).
@Suite struct HTTPEventsTests {
    @Test func eventsAreSharedBetweenBothAPIs() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let event: JSONValue = [
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": ["name": "web.1"],
            "eventTime": "2026-11-24T16:55:00.000000Z",
            "reportingController": "stockade.dev/operator", "reportingInstance": "operator-0",
            "action": "Promote", "reason": "CanaryPromoted", "type": "Normal",
            "note": "canary promoted to stable",
            "regarding": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": "default"],
        ]
        let created = try await client.post("/apis/events.k8s.io/v1/namespaces/default/events", event.jsonString())
        #expect(created.status == 201, "\(created.text)")
        #expect(created.json["note"] == "canary promoted to stable" && created.json["apiVersion"] == "events.k8s.io/v1")
        let core = try await client.get("/api/v1/namespaces/default/events/web.1").json
        #expect(core["apiVersion"] == "v1" && core["message"] == "canary promoted to stable")
        #expect(core[path: ["involvedObject", "name"]] == "web" && core["reportingComponent"] == "stockade.dev/operator")
        let selected = try await client.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Dweb").json
        #expect(selected["items"]?.arrayValue?.count == 1)
        let other = try await client.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Dother").json
        #expect(other["items"]?.arrayValue?.isEmpty == true)
        let kubectl = try server.kubectl("get", "events", "-o", "jsonpath={.items[0].message}")
        #expect(kubectl.stdout == "canary promoted to stable", "\(kubectl.stderr)")
        #expect(try await client.request("DELETE", "/apis/events.k8s.io/v1/namespaces/default/events/web.1").status == 200)
        #expect(try await client.get("/api/v1/namespaces/default/events/web.1").status == 404)
    }
}
