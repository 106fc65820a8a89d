import JSON
import KubeApply
import KubeSchema
import Testing

@Suite("FieldSet.from(_:schema:)")
struct FieldSetFromObjectTests {
    @Test func appliedDeploymentMatchesTheFixtureSet() throws {
        let set = try FieldSet.from(ApplyFixtureTests.configA, schema: Schemas.deployment)
        let entry = try ManagedFieldsEntry(json: try #require(Fixtures.managedFields(Fixtures.deployment, 26).arrayValue?.first))
        #expect(set == entry.fields)
        #expect(set.fieldsV1.jsonString() == entry.fields.fieldsV1.jsonString())
    }

    @Test func serverMetadataIsLeftOutButUserMetadataIsKept() throws {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": "c", "namespace": "n", "uid": "u", "resourceVersion": "1", "generation": 2,
                "creationTimestamp": "2026-01-01T00:00:00Z", "generateName": "c-",
                "labels": ["a": "1"], "annotations": ["b": "2"], "finalizers": ["f"],
                "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "o", "uid": "123"]],
            ],
            "data": ["k": "v"],
        ]
        let set = try FieldSet.from(object, schema: Schemas.configMap)
        #expect(set.fieldsV1.jsonString()
            == #"{"f:data":{"f:k":{}},"f:metadata":{"f:annotations":{"f:b":{}},"f:finalizers":{"v:\"f\"":{}},"f:generateName":{},"f:labels":{"f:a":{}},"f:ownerReferences":{"k:{\"uid\":\"123\"}":{}}}}"#)
    }

    @Test func emptyAndNullValuesAreLeavesButEmptyListMapsAreNot() throws {
        let object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["labels": [:]],
            "spec": ["replicas": nil, "strategy": [:],
                     "template": ["spec": ["containers": [], "securityContext": [:]]]],
        ]
        let set = try FieldSet.from(object, schema: Schemas.deployment)
        #expect(set.paths.map(\.description) == [
            ".metadata.labels", ".spec.replicas", ".spec.strategy", ".spec.template.spec.securityContext",
        ])
    }

    @Test func customResourcesUseObjectMetaAndDeduceUnknownSubtrees() throws {
        let object: JSONValue = [
            "apiVersion": "serving.example.dev/v1alpha1", "kind": "ModelDeployment",
            "metadata": ["name": "m", "labels": ["team": "ml"]],
            "spec": ["model": "x", "tags": ["b", "a"], "extra": ["nested": ["deep": 1], "list": [1, 2]]],
        ]
        let set = try FieldSet.from(object, schema: Schemas.modelDeployment)
        // Keys of an unknown subtree are members (not declared fields), lists in it are atomic.
        #expect(set.fieldsV1.jsonString()
            == #"{"f:metadata":{"f:labels":{"f:team":{}}},"f:spec":{"f:extra":{"f:list":{},"f:nested":{".":{},"f:deep":{}}},"f:model":{},"f:tags":{"v:\"a\"":{},"v:\"b\"":{}}}}"#)
        #expect(throws: ApplyError.invalid(".metadata.bogus: field not declared in schema")) {
            try FieldSet.from(["apiVersion": "x/v1", "kind": "K", "metadata": ["bogus": 1]], schema: Schemas.modelDeployment)
        }
    }

    @Test func fallbackObjectMetaSchemaIsComplete() throws {
        // The CR schema has no metadata properties; apply still knows labels are granular and finalizers a set.
        let live: JSONValue = ["apiVersion": "serving.example.dev/v1alpha1", "kind": "ModelDeployment",
                               "metadata": ["name": "m", "finalizers": ["x"], "labels": ["a": "1"]]]
        let applied: JSONValue = ["apiVersion": "serving.example.dev/v1alpha1", "kind": "ModelDeployment",
                                  "metadata": ["name": "m", "finalizers": ["y"], "labels": ["b": "2"]]]
        let result = try FieldManager.apply(live: live, applied: applied, manager: "a", apiVersion: "serving.example.dev/v1alpha1",
                                            force: false, schema: Schemas.modelDeployment, now: "T")
        #expect(result[path: ["metadata", "finalizers"]] == ["x", "y"])
        #expect(result[path: ["metadata", "labels"]] == ["a": "1", "b": "2"])
    }

    /// The bundled v1.36 OpenAPI schema of apps/v1 Deployment gives the same ownership as the test schema.
    @Test func realBuiltinDeploymentSchemaReproducesTheFixture() throws {
        let schema = try #require(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"), "\(BuiltinSchemas.loadError ?? "")")
        let created = try FieldManager.apply(live: nil, applied: ApplyFixtureTests.configA, manager: "a", apiVersion: "apps/v1",
                                             force: false, schema: schema, now: "2026-11-24T16:54:03Z")
        #expect(created[path: ["metadata", "managedFields"]] == (try Fixtures.managedFields(Fixtures.deployment, 26)))
        let forced = try FieldManager.apply(live: try Fixtures.response(Fixtures.deployment, 27), applied: ApplyFixtureTests.configB,
                                            manager: "b", apiVersion: "apps/v1", force: true, schema: schema, now: "2026-11-24T16:54:05Z")
        let expected = try Fixtures.response(Fixtures.deployment, 29)
        #expect(withServerFields(forced, from: expected) == expected)
        let removed = try FieldManager.apply(live: try Fixtures.response(Fixtures.deployment, 35), applied: ApplyFixtureTests.configANoLabels,
                                             manager: "a", apiVersion: "apps/v1", force: false, schema: schema, now: "2026-11-24T16:54:08Z")
        let expected36 = try Fixtures.response(Fixtures.deployment, 36)
        #expect(withServerFields(removed, from: expected36) == expected36)
    }
}
