import JSON
import KubeSchema
import Testing

@Suite struct SchemaPrunerTests {
    let schema: StructuralSchema

    init() throws {
        schema = try StructuralSchema(json: [
            "type": "object",
            "properties": [
                "spec": ["type": "object", "properties": [
                    "items": ["type": "array", "items": ["type": "object", "properties": ["name": ["type": "string"]]]],
                    "labels": ["type": "object", "additionalProperties": ["type": "object", "properties": ["v": ["type": "string"]]]],
                    "free": ["type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": [
                        "typed": ["type": "object", "properties": ["a": ["type": "string"]]],
                    ]],
                    "pod": ["type": "object", "x-kubernetes-embedded-resource": true, "properties": ["spec": ["type": "object"]]],
                ]],
            ],
        ])
    }

    @Test func removesUndeclaredFieldsAndReportsSortedPaths() {
        var value: JSONValue = [
            "apiVersion": "x/v1", "kind": "K", "metadata": ["name": "n", "labels": ["a": "b"], "junk": 1],
            "spec": [
                "items": [["name": "a", "extra": 1], ["name": "b"]],
                "labels": ["k": ["v": "1", "w": "2"]],
                "free": ["anything": ["goes": true], "typed": ["a": "x", "b": "y"]],
                "pod": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "bad": 1], "spec": [:], "status": [:]],
                "zzz": 1,
            ],
            "extra": true,
        ]
        let pruned = SchemaPruner.prune(&value, schema: schema, isRoot: true)
        #expect(pruned == [
            "extra", "metadata.junk", "spec.free.typed.b", "spec.items[0].extra", "spec.labels.k.w",
            "spec.pod.metadata.bad", "spec.pod.status", "spec.zzz",
        ])
        #expect(value == [
            "apiVersion": "x/v1", "kind": "K", "metadata": ["name": "n", "labels": ["a": "b"]],
            "spec": [
                "items": [["name": "a"], ["name": "b"]],
                "labels": ["k": ["v": "1"]],
                "free": ["anything": ["goes": true], "typed": ["a": "x"]],
                "pod": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"], "spec": [:]],
            ],
        ])
    }

    @Test func notRootDropsApiVersionKindMetadata() {
        var value: JSONValue = ["apiVersion": "v1", "kind": "K", "metadata": [:], "spec": [:]]
        #expect(SchemaPruner.prune(&value, schema: schema, isRoot: false) == ["apiVersion", "kind", "metadata"])
        #expect(value == ["spec": [:]])
    }

    @Test func scalarsAndCleanObjectsAreUntouched() {
        var value: JSONValue = ["spec": ["items": []]]
        #expect(SchemaPruner.prune(&value, schema: schema, isRoot: true).isEmpty)
        #expect(value == ["spec": ["items": []]])
    }
}

@Suite struct SchemaDefaulterTests {
    @Test func defaultsFillAbsentAndNonNullableNullFields() throws {
        let schema = try StructuralSchema(json: [
            "type": "object",
            "properties": [
                "spec": ["type": "object", "properties": [
                    "replicas": ["type": "integer", "default": 1],
                    "mode": ["type": "string", "nullable": true, "default": "auto"],
                    "policy": ["type": "object", "default": [:], "properties": ["kind": ["type": "string", "default": "Always"]]],
                    "ports": ["type": "array", "items": ["type": "object", "properties": ["protocol": ["type": "string", "default": "TCP"]]]],
                    "limits": ["type": "object", "additionalProperties": ["type": "string", "default": "1"]],
                    "gone": ["type": "string"],
                    "keep": ["type": "string", "nullable": true],
                ]],
                "status": ["type": "object", "properties": ["phase": ["type": "string", "default": "Pending"]]],
            ],
        ])
        var value: JSONValue = ["spec": [
            "mode": nil, "ports": [["port": 1], ["protocol": "UDP"]], "limits": ["cpu": nil, "mem": "2"],
            "gone": nil, "keep": nil, "replicas": nil,
        ]]
        SchemaDefaulter.applyDefaults(&value, schema: schema)
        #expect(value == ["spec": [
            "mode": nil, "ports": [["port": 1, "protocol": "TCP"], ["protocol": "UDP"]], "limits": ["cpu": "1", "mem": "2"],
            "keep": nil, "replicas": 1, "policy": ["kind": "Always"],
        ]])
    }

    @Test func defaultsAreIndependentCopies() throws {
        let schema = try StructuralSchema(json: ["type": "object", "properties": [
            "a": ["type": "object", "default": ["x": 1], "properties": ["x": ["type": "integer"]]],
        ]])
        var first: JSONValue = [:]
        SchemaDefaulter.applyDefaults(&first, schema: schema)
        first.set(path: ["a", "x"], to: 2)
        var second: JSONValue = [:]
        SchemaDefaulter.applyDefaults(&second, schema: schema)
        #expect(second == ["a": ["x": 1]])
        #expect(schema.properties["a"]?.defaultValue == ["x": 1])
    }
}
