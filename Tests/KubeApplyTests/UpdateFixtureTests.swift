import JSON
import KubeApply
import Testing

/// Replays non-apply writes (create, PUT, patches, /status) from the transcripts and checks the
/// managedFields kube-apiserver computed.
@Suite("Update ownership: transcript replays")
struct UpdateFixtureTests {
    /// `response` as the field manager sees the new object: the stored result, carrying the managedFields
    /// the client sent (a PUT body's, or the old object's for a patch), or none.
    static func newObject(response: JSONValue, sent: JSONValue?) -> JSONValue {
        var copy = response
        copy.set(path: ["metadata", "managedFields"], to: nil)
        if let sent { copy.set(path: ["metadata", "managedFields"], to: sent) }
        return copy
    }

    @Test func configMapCreatePutsAndPatches() throws {
        let fx = Fixtures.configMaps
        let now = "2026-11-24T17:02:33Z"
        let created = try Fixtures.response(fx, 0)
        let first = FieldManager.update(old: nil, new: Self.newObject(response: created, sent: nil), manager: "fixture-recorder",
                                        apiVersion: "v1", schema: Schemas.configMap, now: now)
        #expect(first == created)
        // PUTs send the managedFields they read; patches start from the stored object.
        var old = created
        for (index, isPut) in [(3, true), (5, true), (6, true), (7, true), (8, false), (9, false), (14, false)] {
            let response = try Fixtures.response(fx, index)
            let sent = isPut ? fx[index][path: ["request", "body", "metadata", "managedFields"]] : old[path: ["metadata", "managedFields"]]
            let result = FieldManager.update(old: old, new: Self.newObject(response: response, sent: sent), manager: "fixture-recorder",
                                             apiVersion: "v1", schema: Schemas.configMap, now: now)
            #expect(result == response, "exchange \(index)")
            old = response
        }
    }

    /// The Go zero value of apps/v1 Deployment as kube-apiserver's field manager sees it on create.
    static let deploymentZero: JSONValue = [
        "metadata": ["creationTimestamp": nil],
        "spec": ["selector": nil, "template": ["metadata": ["creationTimestamp": nil], "spec": ["containers": nil]], "strategy": [:]],
        "status": [:],
    ]

    @Test func deploymentCreateAgainstTheZeroValueMatchesExactly() throws {
        let fx = Fixtures.deployment
        let created = try Fixtures.response(fx, 0)
        let result = FieldManager.update(old: Self.deploymentZero, new: Self.newObject(response: created, sent: nil),
                                         manager: "fixture-recorder", apiVersion: "apps/v1", schema: Schemas.deployment,
                                         now: "2026-11-24T16:53:59Z", ignoring: FieldSet([FieldPath(fields: "status")]))
        #expect(result[path: ["metadata", "managedFields"]]?.jsonString() == created[path: ["metadata", "managedFields"]]?.jsonString())
        // Without the zero value (as for custom resources) struct containers get their "." marker.
        let plain = FieldManager.update(old: nil, new: Self.newObject(response: created, sent: nil), manager: "fixture-recorder",
                                        apiVersion: "apps/v1", schema: Schemas.deployment, now: "2026-11-24T16:53:59Z")
        let entries = try ManagedFieldsEntry.entries(of: plain)
        #expect(entries.count == 1)
        #expect(entries[0].fields.contains(FieldPath(fields: "spec")))
        #expect(entries[0].fields.contains(FieldPath(fields: "spec", "template", "spec", "containers")))
        let extra = entries[0].fields.difference(try ManagedFieldsEntry.entries(of: created)[0].fields).paths.map(\.description)
        #expect(extra.joined(separator: " ") == [
            ".spec", ".status", ".spec.strategy", ".spec.template", ".spec.template.metadata", ".spec.template.spec",
            ".spec.template.spec.containers",
        ].joined(separator: " "))
    }

    @Test func deploymentPatchesMoveOnlyChangedFields() throws {
        let fx = Fixtures.deployment
        var old = try Fixtures.response(fx, 2)
        for index in [4, 5] {
            let response = try Fixtures.response(fx, index)
            let result = FieldManager.update(old: old, new: Self.newObject(response: response, sent: old[path: ["metadata", "managedFields"]]),
                                             manager: "fixture-recorder", apiVersion: "apps/v1", schema: Schemas.deployment,
                                             now: "2026-11-24T16:54:02Z", ignoring: FieldSet([FieldPath(fields: "status")]))
            #expect(result[path: ["metadata", "managedFields"]]?.jsonString() == response[path: ["metadata", "managedFields"]]?.jsonString(),
                    "exchange \(index)")
            old = response
        }
    }

    @Test func customResourceCreateStatusPutMainPutAndPatch() throws {
        let fx = Fixtures.crd
        let now = "2026-11-24T16:57:07Z"
        let schema = Schemas.modelDeployment
        let created = try Fixtures.response(fx, 6)
        let first = FieldManager.update(old: nil, new: Self.newObject(response: created, sent: nil), manager: "fixture-recorder",
                                        apiVersion: "serving.example.dev/v1alpha1", schema: schema, now: now)
        #expect(first == created)

        // PUT /status: the subresource write ignores the managedFields in the body and owns status only.
        let statusPut = try Fixtures.response(fx, 12)
        let afterStatus = FieldManager.update(
            old: created, new: Self.newObject(response: statusPut, sent: fx[12][path: ["request", "body", "metadata", "managedFields"]]),
            manager: "fixture-recorder", apiVersion: "serving.example.dev/v1alpha1", subresource: "status", schema: schema, now: now,
            ignoring: FieldSet([FieldPath(fields: "spec")]))
        #expect(afterStatus == statusPut)

        let mainPut = try Fixtures.response(fx, 13)
        let afterMain = FieldManager.update(
            old: statusPut, new: Self.newObject(response: mainPut, sent: fx[13][path: ["request", "body", "metadata", "managedFields"]]),
            manager: "fixture-recorder", apiVersion: "serving.example.dev/v1alpha1", schema: schema, now: now,
            ignoring: FieldSet([FieldPath(fields: "status")]))
        #expect(afterMain == mainPut)

        let labelPatch = try Fixtures.response(fx, 14)
        let afterLabels = FieldManager.update(
            old: mainPut, new: Self.newObject(response: labelPatch, sent: mainPut[path: ["metadata", "managedFields"]]),
            manager: "fixture-recorder", apiVersion: "serving.example.dev/v1alpha1", schema: schema, now: now)
        #expect(afterLabels == labelPatch)
    }

    @Test func customResourceApplyOnStatusMergesConditionByType() throws {
        let fx = Fixtures.crd
        let live = try Fixtures.response(fx, 15)
        let expected = try Fixtures.response(fx, 16)
        let applied = try #require(fx[16][path: ["request", "body"]])
        let result = try FieldManager.apply(live: live, applied: applied, manager: "ctrl", apiVersion: "serving.example.dev/v1alpha1",
                                            subresource: "status", force: false, schema: Schemas.modelDeployment,
                                            now: "2026-11-24T16:57:07Z", ignoring: FieldSet([FieldPath(fields: "spec")]))
        #expect(withServerFields(result, from: expected) == expected)
        #expect(result[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["Ready", "Progressing"])
    }

    @Test func ownerReferencesAndFinalizers() throws {
        let fx = try Fixtures.transcript("11-finalizers-ownerrefs-gc.json")
        let now = "2026-11-24T16:59:41Z"
        let withFinalizer = try Fixtures.response(fx, 1)
        #expect(FieldManager.update(old: nil, new: Self.newObject(response: withFinalizer, sent: nil), manager: "fixture-recorder",
                                    apiVersion: "v1", schema: Schemas.configMap, now: now) == withFinalizer)
        // A merge patch that nulls the finalizers releases them.
        let old = try Fixtures.response(fx, 6)
        let released = try Fixtures.response(fx, 7)
        let result = FieldManager.update(old: old, new: Self.newObject(response: released, sent: old[path: ["metadata", "managedFields"]]),
                                         manager: "fixture-recorder", apiVersion: "v1", schema: Schemas.configMap, now: now)
        #expect(result[path: ["metadata", "managedFields"]] == released[path: ["metadata", "managedFields"]])
        // Owner references are atomic items: `k:{"uid":…}: {}`.
        let child = try Fixtures.response(fx, 15)
        let owned = FieldManager.update(old: nil, new: Self.newObject(response: child, sent: nil), manager: "fixture-recorder",
                                        apiVersion: "v1", schema: Schemas.configMap, now: "2026-11-24T16:59:45Z")
        #expect(owned == child)
    }
}
