import JSON
import KubeSchema
import Testing

@Suite struct CRDSchemaCheckTests {
    let root = "spec.versions[0].schema.openAPIV3Schema"

    func problems(_ properties: JSONValue, extra: JSONObject = [:]) -> [String] {
        var schema: JSONObject = ["type": "object", "properties": properties]
        for (k, v) in extra { schema[k] = v }
        return CRDSchemaCheck.check(openAPIV3Schema: .object(schema), fieldPath: root).map(\.description)
    }

    @Test func validSchemaHasNoProblems() {
        #expect(problems([
            "metadata": ["type": "object", "properties": ["name": ["type": "string", "maxLength": 20]]],
            "spec": ["type": "object", "properties": [
                "free": ["x-kubernetes-preserve-unknown-fields": true],
                "port": ["x-kubernetes-int-or-string": true],
                "items": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                          "items": ["type": "object", "required": ["name"], "properties": ["name": ["type": "string"]]]],
                "replicas": ["type": "integer", "minimum": 1, "default": 1],
            ], "x-kubernetes-validations": [["rule": "self.replicas >= 1", "reason": "FieldValueForbidden", "fieldPath": ".replicas"]]],
        ]).isEmpty)
    }

    @Test func parseErrorsAreReportedAtTheirPath() {
        #expect(problems(["spec": ["type": "thing"]]) == ["\(root).properties[spec].type: Invalid value: unsupported type \"thing\""])
    }

    @Test func structuralRules() {
        #expect(CRDSchemaCheck.check(openAPIV3Schema: ["properties": [:]], fieldPath: root).map(\.description)
            == ["\(root).type: Required value: must not be empty at the root"])
        #expect(problems([
            "spec": ["properties": ["a": ["type": "string"]]],
            "list": ["type": "array"],
            "both": ["type": "object", "properties": ["a": ["type": "string"]], "additionalProperties": ["type": "string"]],
            "ios": ["type": "string", "x-kubernetes-int-or-string": true],
            "keep": ["type": "object", "x-kubernetes-preserve-unknown-fields": false],
            "pod": ["type": "object", "x-kubernetes-embedded-resource": true],
            "uniq": ["type": "array", "uniqueItems": true, "items": ["type": "string"]],
            "any": ["type": "object", "anyOf": [["required": ["a"]]]],
            "metadata": ["type": "object", "properties": ["labels": ["type": "object"]]],
        ]) == [
            "\(root).properties[spec].type: Required value: must not be empty for specified object fields",
            "\(root).properties[list].items: Required value: must be specified",
            "\(root).properties[both].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
            "\(root).properties[ios].type: Invalid value: \"string\": must be empty if x-kubernetes-int-or-string is true",
            "\(root).properties[keep].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined",
            "\(root).properties[pod].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
            "\(root).properties[uniq].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
            "\(root).properties[any].anyOf: Forbidden: anyOf is not supported by this API server (Stockade's embedded API server)",
            "\(root).properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
        ])
    }

    @Test func listMapKeys() {
        #expect(problems([
            "a": ["type": "array", "x-kubernetes-list-type": "map", "items": ["type": "object", "properties": ["k": ["type": "string"]]]],
            "b": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k", "missing"],
                  "items": ["type": "object", "properties": ["k": ["type": "string"]]]],
            "c": ["type": "array", "x-kubernetes-list-type": "set", "x-kubernetes-list-map-keys": ["k"], "items": ["type": "string"]],
        ]) == [
            "\(root).properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
            "\(root).properties[b].items.properties[k]: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            "\(root).properties[b].x-kubernetes-list-map-keys: Invalid value: [\"k\",\"missing\"]: entries must all be names of item properties",
            "\(root).properties[c].x-kubernetes-list-map-keys: Forbidden: must be empty if x-kubernetes-list-type is not map",
        ])
    }

    @Test func patternsRulesAndDefaults() {
        let found = problems([
            "p": ["type": "string", "pattern": "(?<=a)b"],
            "q": ["type": "string", "pattern": "[a-"],
            "r": ["type": "object", "x-kubernetes-validations": [
                ["rule": "quantity(self.x).isGreaterThan(quantity('1'))"],
                ["rule": "self.x ==", "reason": "Bogus"],
                ["rule": "true", "fieldPath": "no-dot", "messageExpression": "self.lowerAscii()"],
            ]],
            "l": ["type": "array", "items": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf"]]]],
            "d": ["type": "integer", "minimum": 1, "default": 0],
            "o": ["type": "object", "default": ["a": 1, "z": 2], "properties": ["a": ["type": "integer"]]],
        ])
        #expect(found == [
            "\(root).properties[p].pattern: Invalid value: \"(?<=a)b\": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?<=`: `(?<=a)b`",
            "\(root).properties[q].pattern: Invalid value: \"[a-\": must be a valid regular expression, but isn't: error parsing regexp: missing closing ]: `[a-`",
            "\(root).properties[r].x-kubernetes-validations[0].rule: Invalid value: \"quantity(self.x).isGreaterThan(quantity('1'))\": compilation failed: unsupported CEL feature: quantity() (not in the CEL subset of Stockade's embedded API server)",
            "\(root).properties[r].x-kubernetes-validations[1].rule: Invalid value: \"self.x ==\": compilation failed: Syntax error: unexpected end of input at column 10",
            "\(root).properties[r].x-kubernetes-validations[1].reason: Unsupported value: \"Bogus\": supported values: \"FieldValueInvalid\", \"FieldValueForbidden\", \"FieldValueRequired\", \"FieldValueDuplicate\"",
            "\(root).properties[r].x-kubernetes-validations[2].messageExpression: Invalid value: \"self.lowerAscii()\": messageExpression compilation failed: unsupported CEL feature: lowerAscii() (not in the CEL subset of Stockade's embedded API server)",
            "\(root).properties[r].x-kubernetes-validations[2].fieldPath: Invalid value: \"no-dot\": fieldPath must be a valid path",
            "\(root).properties[l].items.x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on the uncorrelatable portion of the schema within \(root).properties[l].items",
            "\(root).properties[d].default: Invalid value: 0: \(root).properties[d].default in body should be greater than or equal to 1",
            "\(root).properties[o].default: Invalid value: {\"a\":1,\"z\":2}: must not have unknown fields",
        ])
    }
}
