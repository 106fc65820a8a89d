import Foundation
import KubeTesting
import JSON
import Testing

/// Watch (resume, 410, bookmarks, initial events, selectors) and paged lists over raw HTTPS.
@Suite struct HTTPWatchAndListTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    @Test func watchResumesFromAResourceVersionWithExactlyTheLaterEvents() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let first = try await client.post(Self.configMaps, configMap("one")).json
        _ = try await client.post(Self.configMaps, configMap("two"))
        var changed = first
        changed["data"] = ["k": "new"]
        _ = try await client.request("PUT", Self.configMaps + "/one", body: changed.jsonString())
        _ = try await client.request("DELETE", Self.configMaps + "/two")
        let events = try await client.watch(Self.configMaps + "?watch=1&timeoutSeconds=1&resourceVersion=\(first.resourceVersion)")
        let summary = events.map { "\($0["type"]?.stringValue ?? "") \($0[path: ["object", "metadata", "name"]]?.stringValue ?? "")" }
        #expect(summary == ["ADDED two", "MODIFIED one", "DELETED two"])
        let versions = events.map { $0["object"]!.resourceVersion }
        #expect(versions == versions.sorted() && versions.first! > first.resourceVersion)
    }

    @Test func watchWithoutVersionSendsCurrentStateAndBookmarksWhenAsked() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        _ = try await client.post(Self.configMaps, configMap("present"))
        let events = try await client.watch(Self.configMaps + "?watch=1&timeoutSeconds=3&allowWatchBookmarks=true")
        #expect(events.first?["type"] == "ADDED" && events.first?[path: ["object", "metadata", "name"]] == "present")
        let bookmark = events.last
        #expect(bookmark?["type"] == "BOOKMARK", "a bookmark is sent shortly before the watch times out")
        #expect(bookmark?[path: ["object", "metadata", "resourceVersion"]] != nil)

        let initial = try await client.watch(Self.configMaps + "?watch=1&timeoutSeconds=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
        try #require(initial.count >= 2, "\(initial)")
        #expect(initial[0]["type"] == "ADDED")
        #expect(initial[1]["type"] == "BOOKMARK" && initial[1][path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
        let forbidden = try await client.get(Self.configMaps + "?watch=1&sendInitialEvents=true")
        #expect(forbidden.status == 422 && forbidden.message.contains("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
    }

    @Test func labelSelectorWatchTurnsRelabelsIntoDeletedAndAdded() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let created = try await client.post(Self.configMaps, configMap("r", labels: ["app": "a"])).json
        var relabelled = created
        relabelled.set(path: ["metadata", "labels"], to: ["app": "b"])
        let moved = try await client.request("PUT", Self.configMaps + "/r", body: relabelled.jsonString()).json
        var back = moved
        back.set(path: ["metadata", "labels"], to: ["app": "a"])
        _ = try await client.request("PUT", Self.configMaps + "/r", body: back.jsonString())
        let events = try await client.watch(Self.configMaps + "?watch=1&timeoutSeconds=1&labelSelector=app%3Da&resourceVersion=\(created.resourceVersion)")
        #expect(events.compactMap { $0["type"]?.stringValue } == ["DELETED", "ADDED"])
        let notEqual = try await client.get(Self.configMaps + "?labelSelector=app%21%3Db,tier%21%3Dx")
        #expect(notEqual.json["items"]?.arrayValue?.count == 1, "!= also matches objects without the label")
        let bad = try await client.get(Self.configMaps + "?labelSelector=app%20in%20%28a")
        #expect(bad.status == 400 && bad.message == "unable to parse requirement: found '', expected: ',' or ')'")
    }

    @Test func pagingWithLimitAndContinue() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        for i in 0..<5 { _ = try await client.post(Self.configMaps, configMap("p\(i)")) }
        let page1 = try await client.get(Self.configMaps + "?limit=2").json
        #expect(page1["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["p0", "p1"])
        #expect(page1[path: ["metadata", "remainingItemCount"]] == 3)
        try #require(page1["items"]?.arrayValue?.count == 2)
        let token = try #require(page1[path: ["metadata", "continue"]]?.stringValue)
        let page2 = try await client.get(Self.configMaps + "?limit=2&continue=\(token)").json
        #expect(page2["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["p2", "p3"])
        let token2 = try #require(page2[path: ["metadata", "continue"]]?.stringValue)
        let page3 = try await client.get(Self.configMaps + "?limit=2&continue=\(token2)").json
        #expect(page3["items"]?.arrayValue?.count == 1 && page3[path: ["metadata", "continue"]] == nil)
        // A write after the first page makes the continuation inconsistent: 410 with a fresh token.
        _ = try await client.post(Self.configMaps, configMap("p9"))
        let expired = try await client.get(Self.configMaps + "?limit=2&continue=\(token)")
        #expect(expired.status == 410 && expired.reason == "Expired" && expired.json[path: ["metadata", "continue"]] != nil)
        let garbage = try await client.get(Self.configMaps + "?limit=2&continue=garbage")
        #expect(garbage.status == 400)
        let cached = try await client.get(Self.configMaps + "?limit=2&resourceVersion=0").json
        #expect(cached["items"]?.arrayValue?.count == 6, "resourceVersion=0 ignores limit")
    }

    @Test func serverSideApplyConflictsNameTheOtherManager() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let applied = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}"#
        let path = "/apis/apps/v1/namespaces/default/deployments/web"
        let first = try await client.request("PATCH", path + "?fieldManager=a", body: applied, contentType: "application/apply-patch+yaml")
        #expect(first.status == 201, "\(first.text)")
        let same = try await client.request("PATCH", path + "?fieldManager=a", body: applied, contentType: "application/apply-patch+yaml")
        #expect(same.json.resourceVersion == first.json.resourceVersion, "an apply that changes nothing keeps the resourceVersion")
        let other = applied.replacingOccurrences(of: "\"replicas\":2", with: "\"replicas\":3")
        let conflict = try await client.request("PATCH", path + "?fieldManager=b", body: other, contentType: "application/apply-patch+yaml")
        #expect(conflict.status == 409 && conflict.reason == "Conflict")
        #expect(conflict.message == "Apply failed with 1 conflict: conflict with \"a\": .spec.replicas")
        #expect(conflict.json[path: ["details", "causes"]] == [["reason": "FieldManagerConflict", "message": "conflict with \"a\"", "field": ".spec.replicas"]])
        let forced = try await client.request("PATCH", path + "?fieldManager=b&force=true", body: other, contentType: "application/apply-patch+yaml")
        #expect(forced.status == 200 && forced.json[path: ["spec", "replicas"]] == 3)
        let noManager = try await client.request("PATCH", path, body: other, contentType: "application/apply-patch+yaml")
        #expect(noManager.status == 422 && noManager.json[path: ["details", "kind"]] == "PatchOptions")
    }
}

/// Server-side apply on the status subresource merges list-map conditions owned by different managers.
@Suite struct HTTPStatusApplyTests {
    @Test func conditionsFromTwoManagersMergeByType() async throws {
        let server = try TestAPIServer()
        #expect(try server.kubectl("apply", "-f", Fixture.path("crd.yaml")).succeeded)
        #expect(try server.kubectl("apply", "-f", Fixture.path("widget.yaml")).succeeded)
        let client = APIClient(server: server)
        let path = "/apis/test.stockade.dev/v1/namespaces/default/widgets/llama/status"
        func apply(_ manager: String, _ type: String) async throws -> APIClient.Reply {
            let body = #"{"apiVersion":"test.stockade.dev/v1","kind":"Widget","metadata":{"name":"llama"},"status":{"conditions":[{"type":"\#(type)","status":"True","reason":"R"}]}}"#
            return try await client.request("PATCH", path + "?fieldManager=\(manager)", body: body, contentType: "application/apply-patch+yaml")
        }
        let ready = try await apply("controller", "Ready")
        #expect(ready.status == 200, "\(ready.text)")
        let progressing = try await apply("rollouts", "Progressing")
        #expect(progressing.status == 200, "\(progressing.text)")
        let types = progressing.json[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types?.sorted() == ["Progressing", "Ready"])
        #expect(progressing.json[path: ["spec", "model"]] == "llama-3", "applying status leaves the spec alone")
        #expect(progressing.json[path: ["metadata", "generation"]] == 1)
    }
}
