import Foundation
import KubeTesting
import JSON
import Testing

/// Every error status the API server uses, as `metav1.Status` with reason, details and causes.
@Suite struct HTTPStatusTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    @Test func unauthorizedWithoutOrWithAWrongToken() async throws {
        let server = try TestAPIServer()
        let anonymous = try await APIClient(server: server, authenticated: false).get(Self.configMaps)
        #expect(anonymous.status == 401 && anonymous.reason == "Unauthorized" && anonymous.json["code"] == 401)
        let wrong = try await APIClient(server: server, token: "not-the-token").get(Self.configMaps)
        #expect(wrong.status == 401)
        let health = try await APIClient(server: server, authenticated: false).get("/readyz")
        #expect(health.status == 200 && health.text == "ok")
    }

    @Test func notFoundAlreadyExistsConflictAndStaleUpdates() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let missing = try await client.get(Self.configMaps + "/nope")
        #expect(missing.status == 404 && missing.reason == "NotFound" && missing.message == "configmaps \"nope\" not found")
        #expect(missing.json[path: ["details", "kind"]] == "configmaps")
        let unknownGroup = try await client.get("/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes")
        #expect(unknownGroup.status == 404 && unknownGroup.text == "404 page not found\n")
        let unknownResource = try await client.get("/api/v1/namespaces/default/foos")
        #expect(unknownResource.status == 404 && unknownResource.message == "the server could not find the requested resource")
        let noNamespace = try await client.post("/api/v1/namespaces/absent/configmaps", configMap("x"))
        #expect(noNamespace.status == 404 && noNamespace.message == "namespaces \"absent\" not found")

        let created = try await client.post(Self.configMaps, configMap("a"))
        #expect(created.status == 201)
        let again = try await client.post(Self.configMaps, configMap("a"))
        #expect(again.status == 409 && again.reason == "AlreadyExists")
        var stale = created.json
        stale.set(path: ["metadata", "resourceVersion"], to: "1")
        stale["data"] = ["k": "changed"]
        let conflict = try await client.request("PUT", Self.configMaps + "/a", body: stale.jsonString())
        #expect(conflict.status == 409 && conflict.reason == "Conflict")
        #expect(conflict.message.contains("the object has been modified"))
        var fresh = created.json
        fresh["data"] = ["k": "changed"]
        let updated = try await client.request("PUT", Self.configMaps + "/a", body: fresh.jsonString())
        #expect(updated.status == 200 && updated.json.resourceVersion > created.json.resourceVersion)
        let noop = try await client.request("PUT", Self.configMaps + "/a", body: updated.json.jsonString())
        #expect(noop.json.resourceVersion == updated.json.resourceVersion, "a no-op update keeps the resourceVersion")
    }

    @Test func invalidBadRequestAndOptionErrors() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        let badName = try await client.post(Self.configMaps, configMap("Bad_Name"))
        #expect(badName.status == 422 && badName.reason == "Invalid")
        #expect(badName.json[path: ["details", "causes"]]?[0]?["field"] == "metadata.name")
        #expect(badName.json[path: ["details", "causes"]]?[0]?["reason"] == "FieldValueInvalid")
        let malformed = try await client.post(Self.configMaps, "{\"apiVersion\": \"v1\", \"kind\": \"")
        #expect(malformed.status == 400 && malformed.reason == "BadRequest")
        let array = try await client.post(Self.configMaps, "[]")
        #expect(array.status == 400)
        let strict = try await client.post(Self.configMaps + "?fieldValidation=Strict", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s"},"spec":1}"#)
        #expect(strict.status == 400 && strict.message.contains("strict decoding error: unknown field \"spec\""))
        let warn = try await client.post(Self.configMaps, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w"},"spec":1}"#)
        #expect(warn.status == 201 && warn.headers["Warning"] == #"299 - "unknown field \"spec\"""#)
        #expect(warn.json["spec"] == nil)
        let duplicate = try await client.post(Self.configMaps + "?fieldValidation=Strict", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d"},"data":{"a":"1","a":"2"}}"#)
        #expect(duplicate.status == 400 && duplicate.message.hasSuffix("strict decoding error: duplicate field \"data.a\""), "\(duplicate.text)")
        let option = try await client.post(Self.configMaps + "?fieldValidation=strict", configMap("o"))
        #expect(option.status == 422 && option.json[path: ["details", "kind"]] == "CreateOptions")
        let dryRun = try await client.post(Self.configMaps + "?dryRun=All", configMap("dry"))
        #expect(dryRun.status == 201 && dryRun.json[path: ["metadata", "resourceVersion"]] == nil && dryRun.json[path: ["metadata", "uid"]] != nil)
        #expect(try await client.get(Self.configMaps + "/dry").status == 404)
        let mismatch = try await client.request("PUT", Self.configMaps + "/url-name", body: configMap("body-name"))
        #expect(mismatch.status == 400 && mismatch.message.contains("does not match the name on the URL"))
    }

    @Test func methodMediaTypeAcceptSizeAndFutureVersions() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        #expect(try await client.post(Self.configMaps, configMap("a")).status == 201)
        let method = try await client.request("POST", Self.configMaps + "/a", body: configMap("a"))
        #expect(method.status == 405 && method.reason == "MethodNotAllowed")
        let patchType = try await client.request("PATCH", Self.configMaps + "/a", body: "{}", contentType: "text/plain")
        #expect(patchType.status == 415 && patchType.message == "415: Unsupported Media Type")
        let postType = try await client.request("POST", Self.configMaps, body: "x", contentType: "text/plain")
        #expect(postType.status == 415 && postType.reason == "UnsupportedMediaType")
        let xml = try await client.request("GET", Self.configMaps + "/a", accept: "application/xml")
        #expect(xml.status == 406 && xml.reason == "NotAcceptable")
        let huge = String(repeating: "x", count: 3 * 1024 * 1024 + 10)
        let tooLarge = try await client.post(Self.configMaps, configMap("big", data: ["k": huge]))
        #expect(tooLarge.status == 413 && tooLarge.message == "Request entity too large: limit is 3145728")
        let future = try await client.get(Self.configMaps + "?resourceVersion=99999999")
        #expect(future.status == 504 && future.reason == "Timeout" && future.headers["Retry-After"] == "1")
        let yaml = try await client.request("GET", Self.configMaps + "/a", accept: "application/yaml")
        #expect(yaml.status == 200 && yaml.text.contains("kind: ConfigMap"))
    }

    @Test func forbiddenInATerminatingNamespace() async throws {
        let server = try TestAPIServer()
        let client = APIClient(server: server)
        #expect(try await client.post("/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"doomed"}}"#).status == 201)
        #expect(try await client.post("/api/v1/namespaces/doomed/configmaps",
                                     configMap("held", data: [:]).replacingOccurrences(of: "\"metadata\":{", with: "\"metadata\":{\"finalizers\":[\"example.com/hold\"],")).status == 201)
        let deleted = try await client.request("DELETE", "/api/v1/namespaces/doomed")
        #expect(deleted.status == 200 && deleted.json[path: ["status", "phase"]] == "Terminating")
        let refused = try await client.post("/api/v1/namespaces/doomed/configmaps", configMap("late"))
        #expect(refused.status == 403 && refused.reason == "Forbidden")
        #expect(refused.json[path: ["details", "causes"]]?[0]?["reason"] == "NamespaceTerminating")
    }
}
