import JSON
import KubeSchema
import Testing

@Suite struct FieldErrorTests {
    @Test(arguments: [
        (FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0"), "Invalid value: -1: must be greater than or equal to 0", "FieldValueInvalid"),
        (FieldError.required("spec.model"), "Required value", "FieldValueRequired"),
        (FieldError.required("metadata.name", "name or generateName is required"), "Required value: name or generateName is required", "FieldValueRequired"),
        (FieldError.notSupported("spec.runtime", "foo", supported: ["vllm", "tgi", "triton"]),
         "Unsupported value: \"foo\": supported values: \"vllm\", \"tgi\", \"triton\"", "FieldValueNotSupported"),
        (FieldError.notSupported("dryRun", ["Yes"], supported: ["All"]), "Unsupported value: [\"Yes\"]: supported values: \"All\"", "FieldValueNotSupported"),
        (FieldError.notSupported("x", 3, supported: [1, 2]), "Unsupported value: 3: supported values: \"1\", \"2\"", "FieldValueNotSupported"),
        (FieldError.tooLong("[]", nil, maxLength: 1048576), "Too long: may not be more than 1048576 bytes", "FieldValueTooLong"),
        (FieldError.tooLong("x", "ab", maxLength: 1), "Too long: may not be more than 1 byte", "FieldValueTooLong"),
        (FieldError.tooMany("spec.list", actual: 3, max: 2), "Too many: 3: must have at most 2 items", "FieldValueTooMany"),
        (FieldError.duplicate("status.conditions[1]", ["type": "Ready"]), "Duplicate value: {\"type\":\"Ready\"}", "FieldValueDuplicate"),
        (FieldError.forbidden("metadata.finalizers", "no new finalizers"), "Forbidden: no new finalizers", "FieldValueForbidden"),
        (FieldError.typeInvalid("spec.replicas", "string", "spec.replicas in body must be of type integer: \"string\""),
         "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", "FieldValueTypeInvalid"),
        (FieldError.invalid("spec.minReplicas", nil, "minReplicas must be less than or equal to replicas"),
         "Invalid value: minReplicas must be less than or equal to replicas", "FieldValueInvalid"),
        (FieldError.invalid("", .null, "x"), "Invalid value: null: x", "FieldValueInvalid"),
        (FieldError.invalid("o", [["b": 1, "a": "<&>"]], "bad"), "Invalid value: [{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":1}]: bad", "FieldValueInvalid"),
    ])
    func messagesAndReasonsMatchKubernetes(error: FieldError, message: String, reason: String) {
        #expect(error.message == message)
        #expect(error.reason == reason)
        #expect(error.description == "\(error.field): \(message)")
    }

    @Test func floatsPrintLikeGoPercentV() {
        #expect(FieldError.invalid("x", 1.5, "d").message == "Invalid value: 1.5: d")
        #expect(FieldError.invalid("x", 1e6, "d").message == "Invalid value: 1e+06: d")
        #expect(FieldError.invalid("x", 123456.0, "d").message == "Invalid value: 123456: d")
        #expect(FieldError.invalid("x", 0.0001, "d").message == "Invalid value: 0.0001: d")
        #expect(FieldError.invalid("x", 0.00001, "d").message == "Invalid value: 1e-05: d")
        #expect(FieldError.invalid("x", -2.5e-7, "d").message == "Invalid value: -2.5e-07: d")
        #expect(FieldError.invalid("x", "tab\there \"q\"", "d").message == "Invalid value: \"tab\\there \\\"q\\\"\": d")
    }

    @Test func emptyFieldPrintsAsNil() {
        let e = FieldError.invalid("", .null, CELValidator.rulesNotCheckedDetail)
        #expect(e.field == "<nil>")
        #expect(e.cause == ["reason": "FieldValueInvalid", "message": .string(e.message), "field": "<nil>"])
    }

    @Test func aggregatedMessages() {
        let one = [FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0")]
        #expect(FieldError.invalidMessage(kind: "Scale", group: "autoscaling", name: "web", errors: one)
            == "Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0")
        let two = [FieldError.required("spec.ports[0].name"), FieldError.required("spec.ports[1].name")]
        #expect(FieldError.invalidMessage(kind: "Service", group: "", name: "svc-multi", errors: two)
            == "Service \"svc-multi\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]")
        let repeated = [FieldError.required("a"), FieldError.required("a")]
        #expect(FieldError.invalidMessage(kind: "K", group: "", name: "n", errors: repeated) == "K \"n\" is invalid: a: Required value")
        #expect(FieldError.invalidMessage(kind: "K", group: "g", name: "", errors: []) == "K.g \"\" is invalid")
    }
}
