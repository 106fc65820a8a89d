import JSON
import KubeApply
import Testing

@Suite("FieldSet and fieldsV1")
struct FieldSetTests {
    /// Every managedFields entry in the Deployment, ConfigMap and CRD transcripts.
    static func allFixtureEntries() -> [JSONValue] {
        var out: [JSONValue] = []
        func collect(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let mf = o["managedFields"]?.arrayValue { out.append(contentsOf: mf) }
                for (_, child) in o { collect(child) }
            case .array(let a): a.forEach(collect)
            default: break
            }
        }
        for transcript in [Fixtures.deployment, Fixtures.configMaps, Fixtures.crd] {
            for exchange in transcript { collect(exchange[path: ["response", "body"]] ?? .null) }
        }
        return out
    }

    @Test func fixtureFieldsV1RoundTripByteForByte() throws {
        let entries = Self.allFixtureEntries()
        #expect(entries.count > 50)
        for entry in entries {
            let raw = try #require(entry["fieldsV1"])
            let set = try FieldSet(fieldsV1: raw)
            // Same members, same key order, same bytes as kube-apiserver wrote.
            #expect(set.fieldsV1.jsonString() == raw.jsonString())
        }
    }

    @Test func fixtureEntriesRoundTripInKubernetesKeyOrder() throws {
        for entry in Self.allFixtureEntries() {
            let decoded = try ManagedFieldsEntry(json: entry)
            // Custom resources are serialized with sorted keys (apiVersion first); built-ins in struct order.
            let isCustomResource = entry.objectValue!.keys.first == "apiVersion"
            let ours = isCustomResource ? JSONValue.object(decoded.json.objectValue!.sortedByKey()) : decoded.json
            #expect(ours.jsonString() == entry.jsonString())
        }
    }

    @Test func decodesTheBriefExample() throws {
        let raw = try json(#"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
        let set = try FieldSet(fieldsV1: raw)
        let web = PathElement.keyed([("name", "web")])
        #expect(set.paths.map(\.description) == [
            ".metadata.labels",
            ".metadata.labels.app",
            #".spec.template.spec.containers[name="web"]"#,
            #".spec.template.spec.containers[name="web"].image"#,
            #".spec.template.spec.containers[name="web"].name"#,
        ])
        #expect(set.contains(FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), web])))
        #expect(!set.contains(FieldPath(fields: "spec", "template")))
        #expect(set.count == 5)
        #expect(set.leaves.paths.map(\.description) == [
            ".metadata.labels.app",
            #".spec.template.spec.containers[name="web"].image"#,
            #".spec.template.spec.containers[name="web"].name"#,
        ])
    }

    @Test func keysValuesAndIndexesEncodeLikeKubernetes() throws {
        var set = FieldSet()
        set.insert([.field("spec"), .field("ports"), .keyed([("protocol", "TCP"), ("containerPort", 80)])])
        set.insert([.field("metadata"), .field("finalizers"), .value("example.dev/hold")])
        set.insert([.field("list"), .index(3)])
        set.insert([.field("a<b"), .value("x&y")])
        #expect(set.fieldsV1.jsonString() == #"{"f:a<b":{"v:\"x\\u0026y\"":{}},"f:list":{"i:3":{}},"f:metadata":{"f:finalizers":{"v:\"example.dev/hold\"":{}}},"f:spec":{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}"#)
        #expect(try FieldSet(fieldsV1: set.fieldsV1) == set)
        #expect(set.paths.map(\.description) == [
            #".a<b[="x&y"]"#, ".list[3]", #".metadata.finalizers[="example.dev/hold"]"#,
            #".spec.ports[containerPort=80,protocol="TCP"]"#,
        ])
    }

    @Test func orderIsFieldsThenKeysThenValuesThenIndexes() {
        let elements: [PathElement] = [.index(0), .value(1), .keyed([("a", 1)]), .field("z"), .field("a"), .value("s"), .value(true)]
        #expect(elements.sorted() == [.field("a"), .field("z"), .keyed([("a", 1)]), .value(1), .value("s"), .value(true), .index(0)])
    }

    @Test func malformedFieldsV1IsRejected() {
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: ["x:foo": [:]]) }
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: ["f:foo": "bar"]) }
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: ["k:notjson": [:]]) }
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1: [1, 2]) }
    }

    @Test func setAlgebra() {
        let a = FieldSet([FieldPath(fields: "spec", "replicas"), FieldPath(fields: "spec", "paused"), FieldPath(fields: "spec")])
        let b = FieldSet([FieldPath(fields: "spec", "replicas"), FieldPath(fields: "status", "replicas")])
        #expect(a.union(b).paths.map(\.description) == [".spec", ".spec.paused", ".spec.replicas", ".status.replicas"])
        #expect(a.intersection(b).paths.map(\.description) == [".spec.replicas"])
        #expect(a.difference(b).paths.map(\.description) == [".spec", ".spec.paused"])
        #expect(b.difference(a).paths.map(\.description) == [".status.replicas"])
        // Removing `.spec` exactly keeps what is below it; recursively it takes everything.
        #expect(a.difference(FieldSet([FieldPath(fields: "spec")])).paths.map(\.description) == [".spec.paused", ".spec.replicas"])
        #expect(a.recursiveDifference(FieldSet([FieldPath(fields: "spec")])).isEmpty)
        #expect(a.intersection(FieldSet()).isEmpty)
        #expect(FieldSet().isEmpty && !a.isEmpty)
        #expect(a.union(b).difference(a).difference(b).isEmpty)
        // Empty children do not linger: equality is by content.
        #expect(b.difference(FieldSet([FieldPath(fields: "status", "replicas")])) == FieldSet([FieldPath(fields: "spec", "replicas")]))
    }

    @Test func printsPathsLikeConflictMessages() {
        #expect(FieldPath(fields: "spec", "replicas").description == ".spec.replicas")
        #expect(FieldPath([.field("metadata"), .field("labels"), .field("app")]).description == ".metadata.labels.app")
        let path = FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), .keyed([("name", "web")]), .field("image")])
        #expect(path.description == #".spec.template.spec.containers[name="web"].image"#)
        #expect(FieldPath([.field("env"), .keyed([("name", "a\"b\n")])]).description == #".env[name="a\"b\n"]"#)
    }
}
