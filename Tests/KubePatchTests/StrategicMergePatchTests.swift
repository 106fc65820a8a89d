import JSON
import KubePatch
import KubeSchema
import Testing

@Suite("Strategic merge patch")
struct StrategicMergePatchTests {
    let schema: StructuralSchema

    init() throws { schema = try TestSchemas.deployment() }

    /// A Deployment-shaped document with one container `app` (env A, B; port 80) and finalizers [a, b].
    static let deployment: JSONValue = [
        "metadata": ["name": "web", "labels": ["app": "web", "team": "blue"], "finalizers": ["a", "b"]],
        "spec": [
            "replicas": 2,
            "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
            "template": [
                "spec": [
                    "containers": [[
                        "name": "app", "image": "nginx:1", "command": ["run", "--fast"],
                        "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]],
                        "ports": [["containerPort": 80, "protocol": "TCP"]],
                    ]],
                    "volumes": [["name": "cfg", "configMap": ["name": "cm"]]],
                    "tolerations": [["key": "x"], ["key": "y"]],
                    "nodeSelector": ["disk": "ssd", "zone": "a"],
                ],
            ],
        ],
    ]

    func apply(_ patch: JSONValue, to document: JSONValue = Self.deployment) throws(PatchError) -> JSONValue {
        try StrategicMergePatch.apply(patch, to: document, schema: schema)
    }

    static func podSpec(_ spec: JSONValue) -> JSONValue { ["spec": ["template": ["spec": spec]]] }

    func container(_ result: JSONValue, _ index: Int = 0) -> JSONValue? {
        result[path: ["spec", "template", "spec", "containers"]]?[index]
    }

    @Test("maps merge recursively and null deletes")
    func mapsMerge() throws {
        let result = try apply(["metadata": ["labels": ["team": nil, "tier": "fe"]], "spec": ["replicas": 3]])
        #expect(result[path: ["metadata", "labels"]] == ["app": "web", "tier": "fe"])
        #expect(result[path: ["spec", "replicas"]] == 3)
        #expect(result[path: ["spec", "strategy"]] == Self.deployment[path: ["spec", "strategy"]])
    }

    @Test("fixture 03: SMP on a ConfigMap behaves like a merge patch")
    func configMapFixture() throws {
        let fixture = try Fixture("03-configmap-crud-list.json")
        #expect(fixture.contentType(14) == "application/strategic-merge-patch+json")
        let result = try StrategicMergePatch.apply(fixture.requestBody(14), to: fixture.responseBody(9), schema: try TestSchemas.configMap())
        #expect(result["data"] == fixture.responseBody(14)["data"])
    }

    @Test("merge by key: matching element updated, new element placed before unmentioned ones")
    func mergeByKey() throws {
        let result = try apply(Self.podSpec(["containers": [
            ["name": "side", "image": "busybox"],
            ["name": "app", "image": "nginx:2", "env": [["name": "C", "value": "3"], ["name": "A", "value": "changed"]]],
        ]]))
        let containers = try #require(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
        #expect(containers.map { $0["name"] } == ["side", "app"])
        #expect(containers[1]["image"] == "nginx:2")
        #expect(containers[1]["command"] == ["run", "--fast"])
        #expect(containers[1]["env"] == [["name": "C", "value": "3"], ["name": "A", "value": "changed"], ["name": "B", "value": "2"]])
    }

    @Test("merge key may be an integer (ports by containerPort)")
    func integerMergeKey() throws {
        let result = try apply(Self.podSpec(["containers": [["name": "app", "ports": [["containerPort": 80, "name": "http"], ["containerPort": 443]]]]]))
        #expect(container(result)?["ports"] == [["containerPort": 80, "protocol": "TCP", "name": "http"], ["containerPort": 443]])
    }

    @Test("primitive list with merge strategy: union, patch values first")
    func primitiveUnion() throws {
        let result = try apply(["metadata": ["finalizers": ["c", "a"]]])
        #expect(result[path: ["metadata", "finalizers"]] == ["c", "a", "b"])
    }

    @Test("lists without merge strategy are replaced")
    func listsReplaced() throws {
        let result = try apply(Self.podSpec(["tolerations": [["key": "z"]], "containers": [["name": "app", "command": ["other"]]]]))
        #expect(result[path: ["spec", "template", "spec", "tolerations"]] == [["key": "z"]])
        #expect(container(result)?["command"] == ["other"])
    }

    @Test("patchStrategy replace replaces a map whole")
    func replaceStrategy() throws {
        let schema = try StructuralSchema(json: [
            "type": "object", "properties": ["r": ["type": "object", "x-kubernetes-patch-strategy": "replace"]],
        ])
        let result = try StrategicMergePatch.apply(["r": ["b": 2, "n": nil]], to: ["r": ["a": 1]], schema: schema)
        #expect(result == ["r": ["b": 2]])
    }

    @Test("$patch: replace in a map replaces it; in a list makes the patch the whole list")
    func patchReplace() throws {
        let map = try apply(Self.podSpec(["nodeSelector": ["$patch": "replace", "gpu": "yes"]]))
        #expect(map[path: ["spec", "template", "spec", "nodeSelector"]] == ["gpu": "yes"])
        let list = try apply(Self.podSpec(["containers": [["name": "only", "image": "x"], ["$patch": "replace"]]]))
        #expect(list[path: ["spec", "template", "spec", "containers"]] == [["name": "only", "image": "x"]])
    }

    @Test("$patch: delete in a map empties it (as kube-apiserver does); as a list element deletes by merge key")
    func patchDelete() throws {
        let map = try apply(["spec": ["strategy": ["$patch": "delete"]]])
        #expect(map[path: ["spec", "strategy"]] == [:])
        let list = try apply(Self.podSpec(["containers": [["name": "app", "env": [["name": "A", "$patch": "delete"]]]]]))
        #expect(container(list)?["env"] == [["name": "B", "value": "2"]])
        let whole = try apply(Self.podSpec(["containers": [["name": "app", "$patch": "delete"]]]))
        #expect(whole[path: ["spec", "template", "spec", "containers"]] == [])
        let missingKey = try #require(throws: PatchError.self) {
            try apply(Self.podSpec(["containers": [["$patch": "delete", "image": "x"]]]))
        }
        #expect(missingKey.kind == .malformed)
        #expect(missingKey.description.hasPrefix("spec.template.spec.containers: map: "))
        #expect(missingKey.description.hasSuffix("does not contain declared merge key: name"))
    }

    @Test("$patch: merge is the default made explicit")
    func patchMerge() throws {
        let result = try apply(["metadata": ["labels": ["$patch": "merge", "tier": "fe"]]])
        #expect(result[path: ["metadata", "labels"]] == ["app": "web", "team": "blue", "tier": "fe"])
    }

    @Test("$deleteFromPrimitiveList removes values and never creates the list")
    func deleteFromPrimitiveList() throws {
        let result = try apply(["metadata": ["$deleteFromPrimitiveList/finalizers": ["a", "zz"], "finalizers": ["c"]]])
        #expect(result[path: ["metadata", "finalizers"]] == ["c", "b"])
        let absent = try apply(["metadata": ["$deleteFromPrimitiveList/missing": ["a"]]])
        #expect(absent[path: ["metadata", "missing"]] == nil)
    }

    @Test("$retainKeys clears unlisted keys and rejects unlisted patch keys")
    func retainKeys() throws {
        let result = try apply(["spec": ["strategy": ["$retainKeys": ["type"], "type": "Recreate"]]])
        #expect(result[path: ["spec", "strategy"]] == ["type": "Recreate"])
        let volume = try apply(Self.podSpec(["volumes": [["name": "cfg", "$retainKeys": ["name", "emptyDir"], "emptyDir": [:]]]]))
        #expect(volume[path: ["spec", "template", "spec", "volumes"]] == [["name": "cfg", "emptyDir": [:]]])
        let error = try #require(throws: PatchError.self) {
            try apply(["spec": ["strategy": ["$retainKeys": ["type"], "rollingUpdate": ["maxSurge": 1]]]])
        }
        #expect(error.kind == .malformed)
        #expect(error.message.hasPrefix("invalid patch format of retainKeys"))
    }

    @Test("$setElementOrder dictates order of maps and primitives; a contradicting patch is invalid")
    func setElementOrder() throws {
        let original = try apply(Self.podSpec(["containers": [["name": "side", "image": "b"]]]))
        let reordered = try apply(
            Self.podSpec(["$setElementOrder/containers": [["name": "app"], ["name": "side"]], "containers": [["name": "side", "image": "c"]]]),
            to: original)
        let containers = try #require(reordered[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
        #expect(containers.map { $0["name"] } == ["app", "side"])
        #expect(containers[1] == ["name": "side", "image": "c"])
        let onlyOrder = try apply(Self.podSpec(["$setElementOrder/containers": [["name": "app"], ["name": "side"]]]), to: original)
        #expect(onlyOrder[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["app", "side"])
        // kubectl apply's shape for a removal: the order of what remains plus a delete directive.
        let removal = try apply(
            Self.podSpec(["$setElementOrder/containers": [["name": "app"]], "containers": [["name": "side", "$patch": "delete"]]]),
            to: original)
        #expect(removal[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["app"])
        let primitives = try apply(["metadata": ["$setElementOrder/finalizers": ["b", "c", "a"], "finalizers": ["c"]]])
        #expect(primitives[path: ["metadata", "finalizers"]] == ["b", "c", "a"])
        let contradiction = try #require(throws: PatchError.self) {
            try apply(Self.podSpec([
                "$setElementOrder/containers": [["name": "app"], ["name": "side"]],
                "containers": [["name": "side", "image": "c"], ["name": "app", "image": "d"]],
            ]), to: original)
        }
        #expect(contradiction.kind == .invalid)
        #expect(contradiction.path == "spec.template.spec.containers")
    }

    @Test("unknown directives and bad directive shapes are malformed")
    func unknownDirectives() throws {
        let patches: [JSONValue] = [
            ["metadata": ["$bogus": 1]],
            ["metadata": ["labels": ["$patch": "bogus"]]],
            Self.podSpec(["containers": [["name": "app", "$patch": "frobnicate"]]]),
            ["metadata": ["$retainKeys": "name"]],
            ["metadata": ["$setElementOrder": ["a"]]],
            ["metadata": ["$setElementOrder/finalizers": "a"]],
            ["metadata": ["$deleteFromPrimitiveListfinalizers": ["a"]]],
        ]
        for patch in patches {
            let error = try #require(throws: PatchError.self, "\(patch.jsonString())") { try apply(patch) }
            #expect(error.kind == .malformed)
            #expect(error.httpStatus == 400)
        }
    }

    @Test("values copied from the patch carry no directive keys")
    func noDirectivesInResult() throws {
        let result = try apply(Self.podSpec([
            // A new element of a merged list is copied with its directive keys removed (kube-apiserver's typed
            // decoding drops them), so the env entry marked for deletion stays as {"name": "D"}.
            "containers": [[
                "name": "new", "image": "x",
                "env": [["name": "E", "value": "1"], ["name": "D", "$patch": "delete"]],
                "$setElementOrder/env": [["name": "E"]],
            ]],
            // A value with nothing to merge into: maps carrying $patch are dropped.
            "initContainers": [["name": "init", "$patch": "delete"], ["name": "keep", "resources": ["$patch": "replace", "limits": ["cpu": 1]]]],
            "affinity": ["$patch": "replace", "a": "1"],
            "nodeSelector": ["$patch": "replace", "a": "1", "b": nil],
        ]))
        #expect(!result.jsonString().contains("$"), "\(result.jsonString())")
        #expect(container(result)?["env"] == [["name": "E", "value": "1"], ["name": "D"]])
        #expect(result[path: ["spec", "template", "spec", "initContainers"]] == [["name": "keep"]])
        #expect(result[path: ["spec", "template", "spec", "affinity"]] == nil)
        #expect(result[path: ["spec", "template", "spec", "nodeSelector"]] == ["a": "1"])
    }

    @Test("lists of lists are rejected the way kube-apiserver does (generic 422)")
    func listsOfLists() throws {
        let error = try #require(throws: PatchError.self) {
            try apply(["metadata": ["finalizers": [["x"]]]], to: ["metadata": ["finalizers": [["y"]]]])
        }
        #expect(error.kind == .invalid && error.hidesMessageOnWire)
        #expect(error.wireMessage == PatchError.genericInvalidMessage)
        let mixed = try #require(throws: PatchError.self) { try apply(["metadata": ["finalizers": [1]]]) }
        #expect(mixed.kind == .invalid && !mixed.hidesMessageOnWire)
    }

    @Test("patch body: non-object is malformed, null changes nothing, a non-object original starts empty")
    func bodies() throws {
        let error = try #require(throws: PatchError.self) { try apply([1]) }
        #expect(error.wireMessage == "json: cannot unmarshal array into Go value of type map[string]interface {}")
        #expect(try apply(.null) == Self.deployment)
        #expect(try apply(["a": 1], to: "scalar") == ["a": 1])
        #expect(try apply(["$patch": "delete"]) == [:])
    }

    @Test("fields without schema behave like a merge patch")
    func schemaless() throws {
        let document: JSONValue = ["status": ["conditions": [["type": "A"], ["type": "B"]], "x": ["y": 1, "z": 2]]]
        let result = try apply(["status": ["conditions": [["type": "C"]], "x": ["y": nil, "w": 3]]], to: document)
        #expect(result == ["status": ["conditions": [["type": "C"]], "x": ["z": 2, "w": 3]]])
    }

    @Test("property: without schema or directives, SMP equals merge patch")
    func matchesMergePatch() throws {
        let empty = try StructuralSchema(json: ["type": "object"])
        var generator = RandomJSON(seed: 0xC0FF_EE00)
        for _ in 0..<300 {
            let original = generator.document(depth: 4, allowNull: false)
            guard case .object = original else { continue }
            var patch = generator.mutation(of: original, depth: 4)
            if case .object(var object) = patch, let key = object.keys.first, generator.chance(50) {
                object[key] = .null
                patch = .object(object)
            }
            guard case .object = patch else { continue }
            let smp = try StrategicMergePatch.apply(patch, to: original, schema: empty)
            #expect(smp == MergePatch.apply(patch, to: original), "original=\(original.jsonString()) patch=\(patch.jsonString())")
        }
    }
}
