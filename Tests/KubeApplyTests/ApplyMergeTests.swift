import JSON
import KubeApply
import Testing

/// Merge semantics of server-side apply: list maps, sets, atomic values, removal and conflicts.
@Suite("Server-side apply: merge semantics")
struct ApplyMergeTests {
    let schema = Schemas.deployment

    static func deployment(containers: [JSONValue], replicas: JSONValue? = nil, labels: JSONValue? = nil) -> JSONValue {
        var d: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
            "spec": ["template": ["spec": ["containers": .array(containers)]]],
        ]
        if let replicas { d.set(path: ["spec", "replicas"], to: replicas) }
        if let labels { d.set(path: ["metadata", "labels"], to: labels) }
        return d
    }

    func apply(_ live: JSONValue?, _ applied: JSONValue, as manager: String, force: Bool = false,
               now: String = "2026-01-01T00:00:00Z") throws(ApplyError) -> JSONValue {
        try FieldManager.apply(live: live, applied: applied, manager: manager, apiVersion: "apps/v1", force: force, schema: schema, now: now)
    }

    func containers(_ object: JSONValue) -> [JSONValue] {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    func entry(_ object: JSONValue, _ manager: String) throws -> ManagedFieldsEntry? {
        try ManagedFieldsEntry.entries(of: object).first { $0.manager == manager }
    }

    @Test func listMapItemsMergeByKeyAndKeepOtherManagersItems() throws {
        let base = try apply(nil, Self.deployment(containers: [["name": "app", "image": "nginx:1"]]), as: "a")
        let sidecar = try apply(base, Self.deployment(containers: [["name": "sidecar", "image": "envoy:1"]]), as: "b")
        #expect(containers(sidecar).compactMap { $0["name"]?.stringValue } == ["app", "sidecar"])
        // a changes its image; b's container is untouched and a's container keeps its place.
        let updated = try apply(sidecar, Self.deployment(containers: [["name": "app", "image": "nginx:2"]]), as: "a", now: "2026-01-01T00:00:01Z")
        #expect(containers(updated) == [["name": "app", "image": "nginx:2"], ["name": "sidecar", "image": "envoy:1"]])
        #expect(try entry(updated, "a")?.time == "2026-01-01T00:00:01Z")
        #expect(try entry(updated, "b")?.time == "2026-01-01T00:00:00Z")
    }

    @Test func itemOrderFollowsTheAppliedConfiguration() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "a"], ["name": "b"], ["name": "c"]]), as: "m")
        let reordered = try apply(live, Self.deployment(containers: [["name": "c"], ["name": "b"], ["name": "a"]]), as: "m")
        #expect(containers(reordered).compactMap { $0["name"]?.stringValue } == ["c", "b", "a"])
        // Another manager's item keeps its position relative to its neighbours.
        let withX = try apply(live, Self.deployment(containers: [["name": "x"]]), as: "other")
        let merged = try apply(withX, Self.deployment(containers: [["name": "b"], ["name": "a"], ["name": "c"]]), as: "m")
        // structured-merge-diff's order: items not in the configuration stay after the item they followed
        // until the next shared item is reached.
        #expect(containers(merged).compactMap { $0["name"]?.stringValue } == ["b", "x", "a", "c"])
    }

    @Test func droppedListItemIsRemovedUnlessSomeoneElseOwnsIt() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app", "image": "i"], ["name": "debug", "image": "busybox"]]), as: "a")
        let dropped = try apply(live, Self.deployment(containers: [["name": "app", "image": "i"]]), as: "a")
        #expect(containers(dropped) == [["name": "app", "image": "i"]])

        // When b also applied the debug container, a dropping it only releases it.
        let shared = try apply(live, Self.deployment(containers: [["name": "debug", "image": "busybox"]]), as: "b")
        let released = try apply(shared, Self.deployment(containers: [["name": "app", "image": "i"]]), as: "a")
        #expect(containers(released).compactMap { $0["name"]?.stringValue } == ["app", "debug"])
        let debug = FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), .keyed([("name", "debug")])])
        #expect(try entry(released, "a")?.fields.contains(debug) == false)
        #expect(try entry(released, "b")?.fields.contains(debug) == true)
    }

    @Test func droppedFieldOwnedByAnUpdaterStays() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app", "image": "i"]], replicas: 3), as: "a")
        // An ordinary update (kubectl scale) re-sets replicas: now both a and the updater own it.
        var scaled = live
        scaled.set(path: ["spec", "replicas"], to: 4)
        let afterScale = FieldManager.update(old: live, new: scaled, manager: "kubectl", apiVersion: "apps/v1", schema: schema, now: "2026-01-01T00:00:05Z")
        #expect(try entry(afterScale, "a")?.fields.contains(FieldPath(fields: "spec", "replicas")) == false)
        let dropped = try apply(afterScale, Self.deployment(containers: [["name": "app", "image": "i"]]), as: "a")
        #expect(dropped[path: ["spec", "replicas"]] == 4)
    }

    @Test func setListsUnionAndRemoveOnlyOwnValues() throws {
        let cm = Schemas.configMap
        func applyCM(_ live: JSONValue?, _ finalizers: [JSONValue], as manager: String) throws -> JSONValue {
            let applied: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "finalizers": .array(finalizers)]]
            return try FieldManager.apply(live: live, applied: applied, manager: manager, apiVersion: "v1", force: false, schema: cm, now: "t")
        }
        let one = try applyCM(nil, ["a.dev/x", "a.dev/y"], as: "a")
        let two = try applyCM(one, ["b.dev/z", "a.dev/x"], as: "b")
        #expect(two[path: ["metadata", "finalizers"]] == ["b.dev/z", "a.dev/x", "a.dev/y"])
        #expect(try entry(two, "b")?.fields.fieldsV1 == (try json(#"{"f:metadata":{"f:finalizers":{"v:\"a.dev/x\"":{},"v:\"b.dev/z\"":{}}}}"#)))
        let three = try applyCM(two, ["a.dev/x"], as: "a")
        #expect(three[path: ["metadata", "finalizers"]] == ["b.dev/z", "a.dev/x"])
        #expect(throws: ApplyError.invalid(#".metadata.finalizers: duplicate entries for key [="a"]"#)) {
            try applyCM(nil, ["a", "a"], as: "a")
        }
    }

    @Test func atomicValuesAreReplacedAndOwnedWhole() throws {
        var live = try apply(nil, Self.deployment(containers: [["name": "app", "args": ["--a", "--b"]]]), as: "a")
        live.set(path: ["spec", "selector"], to: ["matchLabels": ["app": "web", "tier": "x"]])
        var applied = Self.deployment(containers: [["name": "app", "args": ["--c"]]])
        applied.set(path: ["spec", "selector"], to: ["matchLabels": ["app": "web"]])
        let result = try apply(live, applied, as: "a")
        #expect(result[path: ["spec", "selector"]] == ["matchLabels": ["app": "web"]])
        #expect(containers(result) == [["name": "app", "args": ["--c"]]])
        let fields = try #require(try entry(result, "a")?.fields)
        #expect(fields.contains(FieldPath(fields: "spec", "selector")))
        #expect(!fields.contains(FieldPath(fields: "spec", "selector", "matchLabels")))
        #expect(fields.contains(FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"),
                                           .keyed([("name", "app")]), .field("args")])))
    }

    @Test func granularMapsMergeKeyByKey() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app"]], labels: ["a": "1"]), as: "a")
        let both = try apply(live, ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["b": "2"]]], as: "b")
        #expect(both[path: ["metadata", "labels"]] == ["a": "1", "b": "2"])
        // Taking "a" over needs force.
        let takeover: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["a": "x"]]]
        #expect(throws: ApplyError.self) { try apply(both, takeover, as: "b") }
        let forced = try apply(both, takeover, as: "b", force: true)
        #expect(forced[path: ["metadata", "labels"]] == ["a": "x"])
        // b's label "b" was dropped from its config and only b owned it; a keeps nothing in labels.
        #expect(try entry(forced, "a")?.fields.contains(FieldPath(fields: "metadata", "labels", "a")) == false)
    }

    @Test func multipleConflictsAreGroupedByManager() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app", "image": "i"]], replicas: 1, labels: ["x": "1"]), as: "a")
        var scaled = live
        scaled.set(path: ["spec", "minReadySeconds"], to: 5)
        let updated = FieldManager.update(old: live, new: scaled, manager: "m", apiVersion: "apps/v1", subresource: nil, schema: schema, now: "t")
        let applied = Self.deployment(containers: [["name": "app", "image": "j"]], replicas: 2, labels: ["x": "2"])
        var withMin = applied
        withMin.set(path: ["spec", "minReadySeconds"], to: 6)
        do {
            _ = try apply(updated, withMin, as: "b")
            Issue.record("expected conflicts")
        } catch {
            #expect(error.message == """
                Apply failed with 4 conflicts: conflicts with "a":
                - .metadata.labels.x
                - .spec.replicas
                - .spec.template.spec.containers[name="app"].image
                conflicts with "m" using apps/v1:
                - .spec.minReadySeconds
                """)
            #expect(error.causes.arrayValue?.count == 4)
            #expect(error.causes[3] == ["reason": "FieldManagerConflict", "message": #"conflict with "m" using apps/v1"#, "field": ".spec.minReadySeconds"])
        }
    }

    @Test func conflictWithAnUpdateManagerOnASubresourceNamesIt() throws {
        let fx = Fixtures.deployment
        let live = try Fixtures.response(fx, 27)
        let applied: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo"],
                                  "status": ["replicas": 9]]
        #expect(throws: ApplyError.conflicts([Conflict(manager: "kube-controller-manager", operation: "Update", apiVersion: "apps/v1",
                                                       subresource: "status", path: FieldPath(fields: "status", "replicas"))])) {
            try FieldManager.apply(live: live, applied: applied, manager: "x", apiVersion: "apps/v1", subresource: "status",
                                   force: false, schema: schema, now: "t")
        }
        let conflict = Conflict(manager: "kube-controller-manager", operation: "Update", apiVersion: "apps/v1", subresource: "status",
                                path: FieldPath(fields: "status", "replicas"))
        #expect(ApplyError.conflicts([conflict]).message
            == #"Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "status" using apps/v1: .status.replicas"#)
    }

    @Test func sameValueIsSharedNotConflicting() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app"]], replicas: 2), as: "a")
        let shared = try apply(live, ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 2]], as: "b")
        let replicas = FieldPath(fields: "spec", "replicas")
        #expect(try entry(shared, "a")?.fields.contains(replicas) == true)
        #expect(try entry(shared, "b")?.fields.contains(replicas) == true)
        #expect(try entry(shared, "b")?.time == nil)
    }

    @Test func ignoredFieldsAreNeitherOwnedNorConflicting() throws {
        let fx = Fixtures.deployment
        let live = try Fixtures.response(fx, 27)
        let applied: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ssa-demo"],
                                  "spec": ["minReadySeconds": 3], "status": ["replicas": 9]]
        let result = try FieldManager.apply(live: live, applied: applied, manager: "x", apiVersion: "apps/v1", force: false,
                                            schema: schema, now: "t", ignoring: FieldSet([FieldPath(fields: "status")]))
        #expect(try entry(result, "x")?.fields.fieldsV1 == ["f:spec": ["f:minReadySeconds": [:]]])
    }

    @Test func nullRemovesALeafButKeepsItOwned() throws {
        let live = try apply(nil, Self.deployment(containers: [["name": "app"]], replicas: 2), as: "a")
        let result = try apply(live, Self.deployment(containers: [["name": "app"]]).settingReplicasNull(), as: "a")
        #expect(result[path: ["spec", "replicas"]] == nil)
        #expect(try entry(result, "a")?.fields.contains(FieldPath(fields: "spec", "replicas")) == true)
    }

    @Test func listMapKeyDefaultsNameItems() throws {
        let applied = Self.deployment(containers: [["name": "app", "ports": [["containerPort": 80]]]])
        let result = try apply(nil, applied, as: "a")
        let fields = try #require(try entry(result, "a")?.fields)
        #expect(fields.contains(FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), .keyed([("name", "app")]),
                                           .field("ports"), .keyed([("containerPort", 80), ("protocol", "TCP")]), .field("containerPort")])))
        // The default names the item; it is not written into the object.
        #expect(containers(result)[0]["ports"] == [["containerPort": 80]])
    }

    @Test func malformedConfigurationsAreRejectedWithThePath() {
        #expect(throws: ApplyError.invalid(#".spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value)"#)) {
            try apply(nil, Self.deployment(containers: [["image": "x"]]), as: "a")
        }
        #expect(throws: ApplyError.invalid(#".spec.template.spec.containers: duplicate entries for key [name="app"]"#)) {
            try apply(nil, Self.deployment(containers: [["name": "app"], ["name": "app"]]), as: "a")
        }
        #expect(throws: ApplyError.invalid(".spec.template.spec.containers: element 0: associative list with keys may not have non-map elements")) {
            try apply(nil, Self.deployment(containers: ["app"]), as: "a")
        }
        #expect(throws: ApplyError.invalid("""
            errors:
              .spec.template.spec.containers[name="app"].bogus: field not declared in schema
              .spec.replicas: expected numeric (int or float), got string
            """)) {
            try apply(nil, Self.deployment(containers: [["name": "app", "bogus": 1]], replicas: "two"), as: "a")
        }
    }
}

private extension JSONValue {
    /// This configuration with `spec.replicas: null`.
    func settingReplicasNull() -> JSONValue {
        var copy = self
        copy.set(path: ["spec", "replicas"], to: .null)
        return copy
    }
}
