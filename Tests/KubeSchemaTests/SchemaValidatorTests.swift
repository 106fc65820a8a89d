import JSON
import KubeSchema
import Testing

@Suite struct SchemaValidatorTests {
    func schema(_ json: JSONValue) throws -> StructuralSchema { try StructuralSchema(json: json) }

    func errors(_ value: JSONValue, _ json: JSONValue) throws -> [String] {
        SchemaValidator.validate(value, schema: try schema(json)).map(\.description)
    }

    @Test func typesNullableAndIntOrString() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "i": ["type": "integer"], "n": ["type": "number"], "s": ["type": "string"], "b": ["type": "boolean"],
            "a": ["type": "array", "items": ["type": "string"]], "o": ["type": "object"],
            "z": ["type": "string", "nullable": true], "ios": ["x-kubernetes-int-or-string": true],
        ]]
        #expect(try errors(["i": 1, "n": 1, "s": "x", "b": true, "a": ["x"], "o": [:], "z": nil, "ios": "50%"], s).isEmpty)
        #expect(try errors(["i": 2.0, "n": 2.5, "ios": 3], s).isEmpty)
        #expect(try errors(["i": 1.5, "s": 1, "b": "true", "a": "x", "o": [], "ios": true], s) == [
            "i: Invalid value: \"number\": i in body must be of type integer: \"number\"",
            "s: Invalid value: \"integer\": s in body must be of type string: \"integer\"",
            "b: Invalid value: \"string\": b in body must be of type boolean: \"string\"",
            "a: Invalid value: \"string\": a in body must be of type array: \"string\"",
            "o: Invalid value: \"array\": o in body must be of type object: \"array\"",
            "ios: Invalid value: \"boolean\": ios in body must be of type integer,string: \"boolean\"",
        ])
        #expect(try errors(["s": nil], s) == ["s: Invalid value: \"null\": s in body must be of type string: \"null\""])
        #expect(SchemaValidator.validate(.null, schema: try schema(s)).map(\.type) == [.typeInvalid])
    }

    @Test func boundsAndMultiples() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "a": ["type": "integer", "minimum": 0, "maximum": 100],
            "b": ["type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1.5, "exclusiveMaximum": true],
            "c": ["type": "integer", "multipleOf": 5],
            "d": ["type": "integer", "maximum": 1000000],
        ]]
        #expect(try errors(["a": 0, "b": 1, "c": 10], s).isEmpty)
        #expect(try errors(["a": -1, "b": 0, "c": 7, "d": 2000000], s) == [
            "a: Invalid value: -1: a in body should be greater than or equal to 0",
            "b: Invalid value: 0: b in body should be greater than 0",
            "c: Invalid value: 7: c in body should be a multiple of 5",
            "d: Invalid value: 2000000: d in body should be less than or equal to 1e+06",
        ])
        #expect(try errors(["a": 101, "b": 1.5], s) == [
            "a: Invalid value: 101: a in body should be less than or equal to 100",
            "b: Invalid value: 1.5: b in body should be less than 1.5",
        ])
    }

    @Test func stringsCountCharactersAndPatternsAreRE2Searches() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "name": ["type": "string", "minLength": 2, "maxLength": 3],
            "dns": ["type": "string", "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$"],
            "part": ["type": "string", "pattern": "b+"],
        ]]
        #expect(try errors(["name": "äöü", "dns": "my-name", "part": "abc"], s).isEmpty)
        #expect(try errors(["name": "abcd", "dns": "My_Name", "part": "xyz"], s) == [
            "name: Too long: may not be more than 3 bytes",
            "dns: Invalid value: \"My_Name\": dns in body should match '^[a-z]([-a-z0-9]*[a-z0-9])?$'",
            "part: Invalid value: \"xyz\": part in body should match 'b+'",
        ])
        #expect(try errors(["name": "a"], s) == ["name: Invalid value: \"a\": name in body should be at least 2 chars long"])
        // Go's $ is end of text: a trailing newline does not match.
        #expect(try errors(["dns": "abc\n"], s).count == 1)
    }

    @Test func enumsRequiredAndCounts() throws {
        let s: JSONValue = ["type": "object", "required": ["kind", "tags"], "properties": [
            "kind": ["type": "string", "enum": ["A", "B"]],
            "level": ["type": "integer", "enum": [1, 2]],
            "tags": ["type": "array", "minItems": 1, "maxItems": 2, "items": ["type": "string"]],
            "labels": ["type": "object", "minProperties": 1, "maxProperties": 2, "additionalProperties": ["type": "string", "maxLength": 2]],
        ]]
        #expect(try errors(["kind": "A", "tags": ["x"], "labels": ["a": "b"]], s).isEmpty)
        #expect(try errors(["kind": "C", "level": 3, "tags": [], "labels": ["a": "toolong"]], s) == [
            "kind: Unsupported value: \"C\": supported values: \"A\", \"B\"",
            "level: Unsupported value: 3: supported values: \"1\", \"2\"",
            "tags: Invalid value: 0: tags in body should have at least 1 items",
            "labels.a: Too long: may not be more than 2 bytes",
        ])
        #expect(try errors(["tags": ["a", "b", "c"], "labels": [:]], s) == [
            "tags: Too many: 3: must have at most 2 items",
            "labels: Invalid value: 0: labels in body should have at least 1 properties",
            "kind: Required value",
        ])
        #expect(try errors(["kind": "A", "tags": ["a"], "labels": ["a": "1", "b": "2", "c": "3"]], s)
            == ["labels: Too many: 3: must have at most 2 items"])
    }

    @Test func formats() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "t": ["type": "string", "format": "date-time"], "d": ["type": "string", "format": "date"],
            "b": ["type": "string", "format": "byte"], "u": ["type": "string", "format": "uuid"],
            "other": ["type": "string", "format": "password"],
        ]]
        #expect(try errors(["t": "2026-11-24T16:57:07Z", "d": "2024-02-29", "b": "aGVsbG8=", "u": "6c15b9aa-f354-40f0-a185-2f99946f6931", "other": "x"], s).isEmpty)
        #expect(try errors(["t": "2026-11-24T16:57:07.123+02:00"], s).isEmpty)
        #expect(try errors(["t": "yesterday", "d": "2023-02-29", "b": "!!", "u": "nope"], s) == [
            "t: Invalid value: \"yesterday\": t in body must be of type date-time: \"yesterday\"",
            "d: Invalid value: \"2023-02-29\": d in body must be of type date: \"2023-02-29\"",
            "b: Invalid value: \"!!\": b in body must be of type byte: \"!!\"",
            "u: Invalid value: \"nope\": u in body must be of type uuid: \"nope\"",
        ])
    }

    @Test func listTypesSetAndMap() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "set": ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]],
            "conditions": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                           "items": ["type": "object", "required": ["type"], "properties": ["type": ["type": "string"], "status": ["type": "string"]]]],
            "ports": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
                      "items": ["type": "object", "properties": ["port": ["type": "integer"], "protocol": ["type": "string", "default": "TCP"]]]],
        ]]
        #expect(try errors(["set": ["a", "b"], "conditions": [["type": "A"], ["type": "B"]], "ports": [["port": 80], ["port": 80, "protocol": "UDP"]]], s).isEmpty)
        #expect(try errors([
            "set": ["a", "b", "a"],
            "conditions": [["type": "Ready", "status": "True"], ["type": "Ready", "status": "False"]],
            "ports": [["port": 80], ["port": 80, "protocol": "TCP"]],
        ], s) == [
            "set[2]: Duplicate value: \"a\"",
            "conditions[1]: Duplicate value: {\"type\":\"Ready\"}",
            "ports[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}",
        ])
        #expect(try errors(["conditions": [["type": "A"], "x"]], s).contains(
            "conditions[1]: Invalid value: \"x\": must be an object for an array of list-type map"))
    }

    @Test func embeddedResourcesNeedApiVersionAndKind() throws {
        let s: JSONValue = ["type": "object", "properties": [
            "template": ["type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true],
        ]]
        #expect(try errors(["template": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "x"]]], s).isEmpty)
        #expect(try errors(["template": ["kind": ""]], s) == [
            "template.apiVersion: Required value: must not be empty",
            "template.kind: Invalid value: \"\": must not be empty",
        ])
    }

    @Test func pathArgumentPrefixesEveryError() throws {
        let s = try schema(["type": "object", "properties": ["replicas": ["type": "integer", "minimum": 0]]])
        let e = SchemaValidator.validate(["replicas": -1], schema: s, path: "spec")
        #expect(e.map(\.description) == ["spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0"])
    }
}
