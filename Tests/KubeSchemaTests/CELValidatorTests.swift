import JSON
import KubeSchema
import Testing

@Suite struct CELValidatorTests {
    let schema: StructuralSchema

    init() throws {
        schema = try StructuralSchema(json: [
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object",
                    "x-kubernetes-validations": [
                        ["rule": "self.minReplicas <= self.replicas", "message": "minReplicas must be less than or equal to replicas", "fieldPath": ".minReplicas"],
                        ["rule": "self.replicas >= oldSelf.replicas", "message": "replicas may not decrease", "reason": "FieldValueForbidden"],
                        ["rule": "self.ratio < 1.0"],
                        ["rule": "!has(self.blocked)", "messageExpression": "'blocked is ' + self.blocked", "reason": "FieldValueRequired"],
                    ],
                    "properties": [
                        "replicas": ["type": "integer"], "minReplicas": ["type": "integer"], "ratio": ["type": "number"],
                        "blocked": ["type": "string"],
                        "name": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf", "message": "name is immutable"]]],
                        "labels": ["type": "object", "additionalProperties": ["type": "string", "x-kubernetes-validations": [["rule": "self.size() < 5"]]]],
                        "conditions": [
                            "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                            "items": ["type": "object", "properties": ["type": ["type": "string"], "status": ["type": "string"]],
                                      "x-kubernetes-validations": [["rule": "oldSelf.status != 'True' || self.status == 'True'", "message": "no regression"]]],
                        ],
                        "counts": ["type": "array", "items": ["type": "integer", "x-kubernetes-validations": [["rule": "self > 0", "optionalOldSelf": false]]]],
                        "guard": ["type": "string", "x-kubernetes-validations": [["rule": "!oldSelf.hasValue() || oldSelf.value() == self", "optionalOldSelf": true]]],
                        "broken": ["type": "object", "x-kubernetes-validations": [["rule": "self.nope == 1"], ["rule": "self.a + 'x' == 1"]],
                                   "properties": ["a": ["type": "integer"]]],
                    ],
                ],
            ],
        ])
    }

    func errors(_ new: JSONValue, old: JSONValue? = nil) -> [String] {
        CELValidator.validate(new: new, old: old, schema: schema).map(\.description)
    }

    @Test func passingObjectHasNoErrors() {
        #expect(errors(["spec": ["replicas": 2, "minReplicas": 1, "ratio": 0, "name": "a", "labels": ["a": "b"], "counts": [1]]]).isEmpty)
    }

    @Test func failuresUseMessageFieldPathReasonAndDefaultMessage() {
        #expect(errors(["spec": ["replicas": 2, "minReplicas": 3, "ratio": 1, "blocked": "yes", "labels": ["app.kubernetes.io/name": "toolong"], "counts": [1, 0]]]) == [
            "spec.minReplicas: Invalid value: minReplicas must be less than or equal to replicas",
            "spec: Invalid value: failed rule: self.ratio < 1.0",
            "spec: Required value: blocked is yes",
            "spec.labels[app.kubernetes.io/name]: Invalid value: failed rule: self.size() < 5",
            "spec.counts[1]: Invalid value: failed rule: self > 0",
        ])
    }

    @Test func transitionRulesOnlyRunWithAnOldValue() {
        let old: JSONValue = ["spec": ["replicas": 5, "minReplicas": 0, "ratio": 0, "name": "a",
                                       "conditions": [["type": "Ready", "status": "True"]], "guard": "g"]]
        #expect(errors(["spec": ["replicas": 1, "minReplicas": 0, "ratio": 0, "name": "b",
                                 "conditions": [["type": "Other", "status": "False"], ["type": "Ready", "status": "False"]], "guard": "h"]], old: old) == [
            "spec: Forbidden: replicas may not decrease",
            "spec.name: Invalid value: name is immutable",
            "spec.conditions[1]: Invalid value: no regression",
            "spec.guard: Invalid value: failed rule: !oldSelf.hasValue() || oldSelf.value() == self",
        ])
        // on create the transition rules are skipped, optionalOldSelf rules run with no old value
        #expect(errors(["spec": ["replicas": 1, "minReplicas": 0, "ratio": 0, "name": "b", "guard": "h"]]).isEmpty)
    }

    @Test func evaluationErrorsNameTheRule() {
        #expect(errors(["spec": ["replicas": 1, "minReplicas": 0, "ratio": 0, "broken": ["a": 1]]]) == [
            "spec.broken: Invalid value: \"object\": no such key: nope evaluating rule: self.nope == 1",
            "spec.broken: Invalid value: \"object\": 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.a + 'x' == 1",
        ])
    }

    @Test func numberFieldsAreDoublesInCEL() {
        // ratio: 0 (a JSON integer) is compared with 1.0 as a double; an int would also compare, but
        // arithmetic such as self.ratio * 2.0 needs the double.
        let s = try! StructuralSchema(json: ["type": "object", "properties": ["r": ["type": "number"]],
                                             "x-kubernetes-validations": [["rule": "self.r * 2.0 == 4.0"]]])
        #expect(CELValidator.validate(new: ["r": 2], old: nil, schema: s).isEmpty)
    }

    @Test func blockingErrorsProduceTheNotCheckedCause() throws {
        #expect(CELValidator.rulesNotCheckedError(for: [.invalid("spec.weight", 150, "x")]) == nil)
        #expect(CELValidator.rulesNotCheckedError(for: []) == nil)
        for blocking in [FieldError.required("a"), .notSupported("a", "x", supported: []), .tooLong("a", nil, maxLength: 1),
                         .tooMany("a", actual: 2, max: 1), .typeInvalid("a", "string", "x")] {
            let cause = try #require(CELValidator.rulesNotCheckedError(for: [blocking]))
            #expect(cause.description == "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
        }
    }

    @Test func fieldPathsAppend() {
        #expect(CELValidator.validate(new: [:], old: nil, schema: try! StructuralSchema(json: [
            "type": "object",
            "x-kubernetes-validations": [["rule": "false", "fieldPath": ".a['b.c'][0].d"]],
        ])).map(\.field) == ["a[b.c][0].d"])
    }
}
