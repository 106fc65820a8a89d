import JSON
import KubeApply
import Testing

/// Replays the server-side apply scenario of 04-deployment.json (exchanges 26–46) against the field
/// manager, starting each step from the live object kube-apiserver returned.
@Suite("Server-side apply: 04-deployment.json replay")
struct ApplyFixtureTests {
    let fx = Fixtures.deployment
    let schema = Schemas.deployment

    /// Manager a's first configuration (exchange 26's YAML body).
    static let configA: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": "ssa-demo", "labels": ["owner": "a"]],
        "spec": [
            "replicas": 2,
            "selector": ["matchLabels": ["app": "ssa-demo"]],
            "template": [
                "metadata": ["labels": ["app": "ssa-demo"]],
                "spec": ["containers": [["name": "app", "image": "nginx:1.27"]]],
            ],
        ],
    ]
    /// Manager b's configuration (exchanges 28, 29, 32).
    static let configB: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo"], "spec": ["replicas": 5]]

    /// a's configuration without replicas (35), then also without the label (36).
    static var configANoReplicas: JSONValue {
        var c = configA
        c.set(path: ["spec", "replicas"], to: nil)
        return c
    }

    static var configANoLabels: JSONValue {
        var c = configANoReplicas
        c.set(path: ["metadata", "labels"], to: nil)
        return c
    }

    @Test func createByApplyRecordsExactlyTheAppliedFields() throws {
        let result = try FieldManager.apply(live: nil, applied: Self.configA, manager: "a", apiVersion: "apps/v1",
                                            force: false, schema: schema, now: "2026-11-24T16:54:03Z")
        #expect(result[path: ["metadata", "managedFields"]] == (try Fixtures.managedFields(fx, 26)))
        #expect(result[path: ["spec", "replicas"]] == 2)
        #expect(result[path: ["metadata", "labels"]] == ["owner": "a"])
        #expect(result[path: ["spec", "template", "spec", "containers"]] == [["name": "app", "image": "nginx:1.27"]])
    }

    @Test func conflictingApplyByAnotherManagerFailsWithKubernetesMessageAndCauses() throws {
        let live = try Fixtures.response(fx, 27)
        let expected = try Fixtures.response(fx, 28)
        do {
            _ = try FieldManager.apply(live: live, applied: Self.configB, manager: "b", apiVersion: "apps/v1",
                                       force: false, schema: schema, now: "2026-11-24T16:54:05Z")
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message == expected["message"]?.stringValue)
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "a": .spec.replicas"#)
            #expect(error.causes == expected[path: ["details", "causes"]])
            guard case .conflicts(let conflicts) = error else { Issue.record("not a conflict: \(error)"); return }
            #expect(conflicts == [Conflict(manager: "a", operation: "Apply", apiVersion: "", subresource: nil,
                                           path: FieldPath(fields: "spec", "replicas"))])
        }
    }

    @Test func forceTransfersOwnershipAndMatchesTheServerResponse() throws {
        let live = try Fixtures.response(fx, 27)
        let expected = try Fixtures.response(fx, 29)
        let result = try FieldManager.apply(live: live, applied: Self.configB, manager: "b", apiVersion: "apps/v1",
                                            force: true, schema: schema, now: "2026-11-24T16:54:05Z")
        #expect(result[path: ["metadata", "managedFields"]] == expected[path: ["metadata", "managedFields"]])
        #expect(withServerFields(result, from: expected) == expected)
    }

    @Test func noOpApplyReturnsTheLiveObjectUnchanged() throws {
        let live = try Fixtures.response(fx, 31)
        let result = try FieldManager.apply(live: live, applied: Self.configB, manager: "b", apiVersion: "apps/v1",
                                            force: false, schema: schema, now: "2026-11-24T16:54:07Z")
        #expect(result == live)
        #expect(result.jsonString() == live.jsonString())
        #expect(result == (try Fixtures.response(fx, 32)))
    }

    @Test func formerOwnerReapplyingConflictsWithTheNewOwner() throws {
        let live = try Fixtures.response(fx, 33)
        let expected = try Fixtures.response(fx, 34)
        #expect(throws: ApplyError.conflicts([Conflict(manager: "b", operation: "Apply", apiVersion: "", subresource: nil,
                                                       path: FieldPath(fields: "spec", "replicas"))])) {
            try FieldManager.apply(live: live, applied: Self.configA, manager: "a", apiVersion: "apps/v1",
                                   force: false, schema: schema, now: "2026-11-24T16:54:08Z")
        }
        #expect(expected["message"] == #"Apply failed with 1 conflict: conflict with "b": .spec.replicas"#)
    }

    @Test func droppingAFieldAnotherManagerOwnsKeepsIt() throws {
        let live = try Fixtures.response(fx, 33)
        let expected = try Fixtures.response(fx, 35)
        let result = try FieldManager.apply(live: live, applied: Self.configANoReplicas, manager: "a", apiVersion: "apps/v1",
                                            force: false, schema: schema, now: "2026-11-24T16:54:08Z")
        #expect(result[path: ["spec", "replicas"]] == 5)
        #expect(withServerFields(result, from: expected) == expected)
        // Nothing changed, so a's time stays where it was.
        #expect(result == live)
    }

    @Test func droppingASolelyOwnedFieldRemovesIt() throws {
        let live = try Fixtures.response(fx, 35)
        let expected = try Fixtures.response(fx, 36)
        let result = try FieldManager.apply(live: live, applied: Self.configANoLabels, manager: "a", apiVersion: "apps/v1",
                                            force: false, schema: schema, now: "2026-11-24T16:54:08Z")
        #expect(result[path: ["metadata", "labels"]] == nil)
        #expect(result[path: ["metadata", "managedFields"]] == expected[path: ["metadata", "managedFields"]])
        #expect(withServerFields(result, from: expected) == expected)
    }

    @Test func newManagerAddsAnAnnotationNextToAnUpdaterOwnedOne() throws {
        let live = try Fixtures.response(fx, 36)
        let expected = try Fixtures.response(fx, 37)
        let applied: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo", "annotations": ["by": "c"]]]
        let result = try FieldManager.apply(live: live, applied: applied, manager: "c", apiVersion: "apps/v1",
                                            force: false, schema: schema, now: "2026-11-24T16:54:08Z")
        #expect(withServerFields(result, from: expected) == expected)
    }

    @Test func requestErrorsMatchKubeApiserver() throws {
        let live = try Fixtures.response(fx, 37)
        let noType: JSONValue = ["metadata": ["annotations": ["by": "c2"]]]
        #expect(throws: ApplyError.badRequest("invalid object type: /, Kind=")) {
            try FieldManager.apply(live: live, applied: noType, manager: "c", apiVersion: "apps/v1", force: false, schema: schema, now: "t")
        }
        #expect(fx[38][path: ["response", "body", "message"]] == "invalid object type: /, Kind=")
        let bogus: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo"], "spec": ["bogus": 1]]
        #expect(throws: ApplyError.invalid(".spec.bogus: field not declared in schema")) {
            try FieldManager.apply(live: live, applied: bogus, manager: "c", apiVersion: "apps/v1", force: false, schema: schema, now: "t")
        }
        let serverMessage = try #require(fx[41][path: ["response", "body", "message"]]?.stringValue)
        #expect(serverMessage.hasSuffix(": .spec.bogus: field not declared in schema"))
        let otherVersion: JSONValue = ["apiVersion": "apps/v1beta1", "kind": "Deployment", "metadata": ["name": "ssa-demo"]]
        #expect(throws: ApplyError.badRequest("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1")) {
            try FieldManager.apply(live: live, applied: otherVersion, manager: "c", apiVersion: "apps/v1", force: false, schema: schema, now: "t")
        }
        let withManagedFields: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo", "managedFields": []]]
        #expect(throws: ApplyError.badRequest("metadata.managedFields must be nil")) {
            try FieldManager.apply(live: live, applied: withManagedFields, manager: "c", apiVersion: "apps/v1", force: false, schema: schema, now: "t")
        }
    }

    // MARK: ConfigMap: no-op applies (42–46)

    static let configMapX: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "ssa-cm"], "data": ["x": "1"]]

    @Test func configMapCreateThenIdenticalApplyIsANoOp() throws {
        let created = try FieldManager.apply(live: nil, applied: Self.configMapX, manager: "a", apiVersion: "v1",
                                             force: false, schema: Schemas.configMap, now: "2026-11-24T16:54:09Z")
        #expect(created[path: ["metadata", "managedFields"]] == (try Fixtures.managedFields(fx, 42)))
        let live = try Fixtures.response(fx, 42)
        let again = try FieldManager.apply(live: live, applied: Self.configMapX, manager: "a", apiVersion: "v1",
                                           force: false, schema: Schemas.configMap, now: "2026-11-24T16:54:10Z")
        #expect(again.jsonString() == live.jsonString())
        #expect(again == (try Fixtures.response(fx, 43)))
    }

    @Test func sameValuesByAnotherManagerShareOwnershipWithoutATime() throws {
        let live = try Fixtures.response(fx, 43)
        let expected = try Fixtures.response(fx, 44)
        let result = try FieldManager.apply(live: live, applied: Self.configMapX, manager: "z", apiVersion: "v1",
                                            force: false, schema: Schemas.configMap, now: "2026-11-24T16:54:10Z")
        #expect(result[path: ["metadata", "managedFields"]]?.jsonString() == expected[path: ["metadata", "managedFields"]]?.jsonString())
        #expect(withServerFields(result, from: expected) == expected)
        #expect(result != live)
    }

    @Test func laterMergePatchAddsAnUpdateEntry() throws {
        let old = try Fixtures.response(fx, 44)
        let expected = try Fixtures.response(fx, 45)
        var new = old
        new.set(path: ["data", "y"], to: "2")
        let result = FieldManager.update(old: old, new: new, manager: "fixture-recorder", apiVersion: "v1",
                                         schema: Schemas.configMap, now: "2026-11-24T16:54:10Z")
        #expect(result[path: ["metadata", "managedFields"]]?.jsonString() == expected[path: ["metadata", "managedFields"]]?.jsonString())
        #expect(withServerFields(result, from: expected) == expected)
    }
}
