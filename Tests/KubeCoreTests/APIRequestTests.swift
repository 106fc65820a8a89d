import JSON
import KubeCore
import Testing

@Suite struct APIRequestTests {
    @Test func pathsForCoreGroupNamedGroupAndClusterScope() {
        #expect(APIRequest.path(.configMaps, namespace: "ns", name: "a") == "/api/v1/namespaces/ns/configmaps/a")
        #expect(APIRequest.path(.deployments, namespace: "ns", name: "web", subresource: "scale")
            == "/apis/apps/v1/namespaces/ns/deployments/web/scale")
        #expect(APIRequest.path(.deployments, namespace: nil) == "/apis/apps/v1/deployments")
        #expect(APIRequest.path(.namespaces, namespace: "ignored", name: "x") == "/api/v1/namespaces/x")
        #expect(APIRequest.path(.configMaps, namespace: "ns", name: "a b/c") == "/api/v1/namespaces/ns/configmaps/a%20b%2Fc")
    }

    @Test func listQueryEncodesSelectorsAndPaging() {
        let options = ListOptions(
            labelSelector: LabelSelector().equals("app", "web").in("tier", ["b", "a"]).doesNotExist("legacy"),
            fieldSelector: "metadata.name=x", limit: 2, continueToken: "tok+/=")
        let request = APIRequest.list(.configMaps, namespace: "ns", options: options)
        #expect(request.method == .get)
        #expect(request.isIdempotent)
        #expect(request.pathAndQuery == "/api/v1/namespaces/ns/configmaps?labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29%2C%21legacy&fieldSelector=metadata.name%3Dx&limit=2&continue=tok%2B%2F%3D")
        #expect(request.objectKey == "ns")
    }

    @Test func watchAsksForBookmarksFromAVersion() {
        let request = APIRequest.watch(.deployments, namespace: nil, options: WatchOptions(resourceVersion: "42", timeoutSeconds: 5))
        #expect(request.isWatch)
        #expect(request.pathAndQuery == "/apis/apps/v1/deployments?watch=true&resourceVersion=42&allowWatchBookmarks=true&timeoutSeconds=5")
    }

    @Test func createIsNotIdempotentAndCarriesJSON() throws {
        let object: JSONValue = ["metadata": ["name": "a"], "data": ["k": "v"]]
        let request = APIRequest.create(.configMaps, namespace: "ns", object: object, options: WriteOptions(dryRun: true, fieldManager: "me"))
        #expect(request.method == .post)
        #expect(!request.isIdempotent)
        #expect(request.header("content-type") == "application/json")
        #expect(request.pathAndQuery == "/api/v1/namespaces/ns/configmaps?dryRun=All&fieldManager=me")
        #expect(try JSONValue.parse(request.body ?? []) == object)
        #expect(request.objectKey == "ns/a")
    }

    @Test(arguments: [
        (PatchType.merge, "application/merge-patch+json", true),
        (PatchType.json, "application/json-patch+json", false),
        (PatchType.strategicMerge, "application/strategic-merge-patch+json", false),
        (PatchType.apply(fieldManager: "op", force: true), "application/apply-patch+yaml", true),
    ])
    func patchContentTypeAndIdempotency(type: PatchType, contentType: String, idempotent: Bool) {
        let request = APIRequest.patch(.deployments, namespace: "ns", name: "web", type: type, patch: [:], subresource: "status")
        #expect(request.header("Content-Type") == contentType)
        #expect(request.isIdempotent == idempotent)
        #expect(request.path == "/apis/apps/v1/namespaces/ns/deployments/web/status")
    }

    @Test func applyPutsFieldManagerAndForceInQuery() {
        let request = APIRequest.patch(
            .deployments, namespace: "ns", name: "web", type: .apply(fieldManager: "stockade-operator", force: true),
            patch: [:], options: WriteOptions(fieldManager: "other"))
        #expect(request.query == [QueryItem("fieldManager", "stockade-operator"), QueryItem("force", "true")])
    }

    @Test func deleteSendsPropagationAndPreconditions() throws {
        let request = APIRequest.delete(
            .deployments, namespace: "ns", name: "web",
            options: DeleteOptions(propagationPolicy: .foreground, preconditionUID: "u1", dryRun: true))
        let body = try JSONValue.parse(request.body ?? [])
        #expect(body == ["apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": "Foreground",
                         "preconditions": ["uid": "u1"], "dryRun": ["All"]])
        #expect(request.isIdempotent)
    }
}

@Suite struct LabelSelectorTests {
    @Test func encodesEveryOperatorDeterministically() {
        let selector = LabelSelector().equals("a", "1").notEquals("b", "2").in("c", ["y", "x"]).notIn("d", ["z"])
            .exists("e").doesNotExist("f")
        #expect(selector.encoded == "a=1,b!=2,c in (x,y),d notin (z),e,!f")
        #expect(LabelSelector(matchLabels: ["z": "1", "a": "2"]).encoded == "a=2,z=1")
        #expect(LabelSelector().encoded == "")
    }

    @Test func matchesLabels() {
        let selector = LabelSelector().equals("app", "web").notIn("track", ["canary"]).doesNotExist("legacy")
        #expect(selector.matches(["app": "web"]))
        #expect(selector.matches(["app": "web", "track": "stable"]))
        #expect(!selector.matches(["app": "web", "track": "canary"]))
        #expect(!selector.matches(["app": "web", "legacy": ""]))
        #expect(!selector.matches(["app": "db"]))
    }
}
