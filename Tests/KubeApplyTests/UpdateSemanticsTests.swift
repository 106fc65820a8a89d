import JSON
import KubeApply
import KubeSchema
import Testing

/// Ownership bookkeeping of ordinary writes and the managedFields rules around them.
@Suite("Update ownership: semantics")
struct UpdateSemanticsTests {
    let schema = Schemas.configMap

    static let cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["x": "1", "y": "2"]]

    func entries(_ object: JSONValue) throws -> [ManagedFieldsEntry] { try ManagedFieldsEntry.entries(of: object) }

    func applied() throws -> JSONValue {
        try FieldManager.apply(live: nil, applied: Self.cm, manager: "a", apiVersion: "v1", force: false, schema: schema, now: "T1")
    }

    @Test func changedFieldsMoveFromTheApplierToTheUpdater() throws {
        let live = try applied()
        var new = live
        new.set(path: ["data", "x"], to: "changed")
        let result = FieldManager.update(old: live, new: new, manager: "kubectl-edit", apiVersion: "v1", schema: schema, now: "T2")
        let e = try entries(result)
        #expect(e.map(\.manager) == ["a", "kubectl-edit"])
        #expect(e[0].fields.fieldsV1 == ["f:data": ["f:y": [:]]])
        #expect(e[0].time == "T1")
        #expect(e[1] == ManagedFieldsEntry(manager: "kubectl-edit", operation: "Update", apiVersion: "v1", time: "T2",
                                           fields: FieldSet([FieldPath(fields: "data", "x")])))
        // The applier now conflicts with the updater when re-applying its old value.
        #expect(throws: ApplyError.conflicts([Conflict(manager: "kubectl-edit", operation: "Update", apiVersion: "v1", subresource: nil,
                                                       path: FieldPath(fields: "data", "x"))])) {
            try FieldManager.apply(live: result, applied: Self.cm, manager: "a", apiVersion: "v1", force: false, schema: schema, now: "T3")
        }
    }

    @Test func removedFieldsAreReleasedByEveryone() throws {
        let live = try applied()
        var new = live
        new.set(path: ["data", "y"], to: nil)
        let result = FieldManager.update(old: live, new: new, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        let e = try entries(result)
        // Only a removal: m gains nothing, so it gets no entry; a loses y.
        #expect(e.map(\.manager) == ["a"])
        #expect(e[0].fields.fieldsV1 == ["f:data": ["f:x": [:]]])
    }

    @Test func noOpUpdateLeavesManagedFieldsAlone() throws {
        let live = try applied()
        let result = FieldManager.update(old: live, new: live, manager: "m", apiVersion: "v1", schema: schema, now: "T9")
        #expect(result == live)
    }

    @Test func updatesMergeIntoTheSameEntryPerApiVersionAndSubresource() throws {
        let live = try applied()
        var step1 = live
        step1.set(path: ["data", "z"], to: "3")
        let r1 = FieldManager.update(old: live, new: step1, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        var step2 = r1
        step2.set(path: ["data", "w"], to: "4")
        let r2 = FieldManager.update(old: r1, new: step2, manager: "m", apiVersion: "v1", schema: schema, now: "T3")
        let e2 = try entries(r2)
        #expect(e2.count == 2)
        #expect(e2[1].fields.fieldsV1 == ["f:data": ["f:w": [:], "f:z": [:]]])
        #expect(e2[1].time == "T3")
        // Another apiVersion or a subresource is a separate entry.
        var step3 = r2
        step3.set(path: ["data", "v"], to: "5")
        let r3 = FieldManager.update(old: r2, new: step3, manager: "m", apiVersion: "v2", subresource: "status", schema: schema, now: "T4")
        let e3 = try entries(r3)
        #expect(e3.map { "\($0.manager)/\($0.operation)/\($0.apiVersion)/\($0.subresource ?? "-")" } == ["a/Apply/v1/-", "m/Update/v1/-", "m/Update/v2/status"])
    }

    @Test func clientSentManagedFieldsRules() throws {
        let live = try applied()
        var new = live
        new.set(path: ["data", "x"], to: "9")

        // An empty list keeps the server's entries.
        var emptyList = new
        emptyList.set(path: ["metadata", "managedFields"], to: [])
        let kept = FieldManager.update(old: live, new: emptyList, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        #expect(try entries(kept).map(\.manager) == ["a", "m"])

        // `[{}]` resets: only this write's changes are recorded.
        var reset = new
        reset.set(path: ["metadata", "managedFields"], to: [[:]])
        let cleared = FieldManager.update(old: live, new: reset, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        #expect(try entries(cleared) == [ManagedFieldsEntry(manager: "m", operation: "Update", apiVersion: "v1", time: "T2",
                                                            fields: FieldSet([FieldPath(fields: "data", "x")]))])

        // Entries the client edited are honoured.
        var edited = new
        edited.set(path: ["metadata", "managedFields"], to: [
            ["manager": "someone", "operation": "Update", "apiVersion": "v1", "time": "T0", "fieldsType": "FieldsV1",
             "fieldsV1": ["f:data": ["f:y": [:]]]],
        ])
        let honoured = FieldManager.update(old: live, new: edited, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        #expect(try entries(honoured).map(\.manager) == ["someone", "m"])

        // Undecodable entries fall back to the server's.
        var broken = new
        broken.set(path: ["metadata", "managedFields"], to: [["manager": "x", "fieldsV1": ["nonsense": [:]]]])
        let fallback = FieldManager.update(old: live, new: broken, manager: "m", apiVersion: "v1", schema: schema, now: "T2")
        #expect(fallback == kept)

        // Writes through a subresource never take managedFields from the body.
        let viaStatus = FieldManager.update(old: live, new: reset, manager: "m", apiVersion: "v1", subresource: "status", schema: schema, now: "T2")
        #expect(try entries(viaStatus).map(\.manager) == ["a", "m"])
    }

    @Test func ignoredFieldsAreNotOwnedByUpdates() throws {
        let schema = Schemas.modelDeployment
        let old: JSONValue = ["apiVersion": "serving.example.dev/v1alpha1", "kind": "ModelDeployment", "metadata": ["name": "m"],
                              "spec": ["model": "a"]]
        var new = old
        new.set(path: ["spec", "model"], to: "b")
        new.set(path: ["status"], to: ["replicas": 1])
        let result = FieldManager.update(old: old, new: new, manager: "u", apiVersion: "serving.example.dev/v1alpha1", schema: schema,
                                         now: "T", ignoring: FieldSet([FieldPath(fields: "status")]))
        #expect(try entries(result).first?.fields.fieldsV1 == ["f:spec": ["f:model": [:]]])
    }

    @Test func managedFieldsEntriesSortLikeKubeApiserver() {
        func e(_ m: String, _ op: String, _ t: String?, _ v: String = "v1", _ sub: String? = nil) -> ManagedFieldsEntry {
            ManagedFieldsEntry(manager: m, operation: op, apiVersion: v, time: t, fields: FieldSet([FieldPath(fields: "x")]), subresource: sub)
        }
        let sorted = ManagedFieldsEntry.sorted([
            e("u", "Update", "2026-01-01T00:00:01Z"), e("b", "Apply", "2026-01-01T00:00:02Z"), e("a", "Apply", "2026-01-01T00:00:02Z"),
            e("z", "Apply", nil), e("c", "Apply", "2026-01-01T00:00:00Z"), e("u", "Update", "2026-01-01T00:00:01Z", "v1", "status"),
            e("u", "Update", "2026-01-01T00:00:01Z", "v0"),
        ])
        #expect(sorted.map { "\($0.manager)\($0.apiVersion)\($0.subresource ?? "")" } == ["zv1", "cv1", "av1", "bv1", "uv0", "uv1", "uv1status"])
    }

    @Test func entryJSONAndErrors() throws {
        let entry = ManagedFieldsEntry(manager: "m", operation: "Update", apiVersion: "apps/v1", time: "2026-11-24T16:54:03Z",
                                       fields: FieldSet([FieldPath(fields: "status", "replicas")]), subresource: "status")
        #expect(entry.json.jsonString() == #"{"manager":"m","operation":"Update","apiVersion":"apps/v1","time":"2026-11-24T16:54:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}},"subresource":"status"}"#)
        #expect(try ManagedFieldsEntry(json: entry.json) == entry)
        #expect(throws: ManagedFieldsError.self) { try ManagedFieldsEntry(json: ["manager": 1]) }
        #expect(throws: ManagedFieldsError.self) { try ManagedFieldsEntry(json: ["fieldsType": "FieldsV2", "fieldsV1": [:]]) }
        #expect(throws: ManagedFieldsError.self) { try ManagedFieldsEntry.entries(of: ["metadata": ["managedFields": "x"]]) }
        #expect(try ManagedFieldsEntry.entries(of: ["metadata": [:]]).isEmpty)
        let object: JSONValue = ["metadata": ["name": "n", "managedFields": [entry.json]]]
        #expect(ManagedFieldsEntry.setting([], on: object) == ["metadata": ["name": "n"]])
        #expect(ManagedFieldsEntry.setting([entry], on: ["metadata": ["name": "n"]]) == object)
    }

    @Test func applyRejectsUndecodableLiveManagedFields() {
        let live: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "managedFields": [["fieldsV1": ["bad": [:]]]]]]
        #expect(throws: ApplyError.invalid(#"failed to decode managed fields: managedFields entry for "": invalid fieldsV1 key "bad""#)) {
            try FieldManager.apply(live: live, applied: Self.cm, manager: "a", apiVersion: "v1", force: false, schema: schema, now: "T")
        }
    }
}
