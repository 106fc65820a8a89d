import JSON
import KubeSchema
import Testing

/// The custom-resource behaviour recorded in 09-crd.json, reproduced message for message.
@Suite struct CRDFixtureTests {
    let schema: StructuralSchema

    init() throws {
        #expect(Fixtures.crd.count > 17, "09-crd.json must be readable")
        schema = try Fixtures.modelDeploymentSchema()
    }

    /// Runs exchange `index` through the admission pipeline and compares with the recorded 422.
    func expectInvalid(_ index: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let exchange = Fixtures.crd[index]
        let body = exchange[path: ["request", "body"]]!
        let status = exchange[path: ["response", "body"]]!
        let (_, _, errors) = Fixtures.admit(body, schema: schema)
        let name = status[path: ["details", "name"]]!.stringValue!
        let message = FieldError.invalidMessage(kind: "ModelDeployment", group: "serving.example.dev", name: name, errors: errors)
        #expect(message == status["message"]!.stringValue!, sourceLocation: sourceLocation)
        #expect(JSONValue.array(errors.map(\.cause)) == status[path: ["details", "causes"]]!, sourceLocation: sourceLocation)
    }

    @Test func schemaErrorsBlockCELWithTheNotCheckedCause() {
        expectInvalid(7)
    }

    @Test func celRuleFailureUsesFieldPathAndMessage() {
        expectInvalid(8)
    }

    @Test func statusEnumViolation() {
        // 17 is a merge patch of /status; validating the patch body alone yields the same errors
        // because the stored spec is valid.
        expectInvalid(17)
    }

    @Test func nonBlockingSchemaErrorsAreReportedTogetherWithCELErrors() {
        // weight 150 is a FieldValueInvalid (minimum/maximum do not block CEL), so the rule still runs.
        let body: JSONValue = ["apiVersion": "serving.example.dev/v1alpha1", "kind": "ModelDeployment", "metadata": ["name": "x"],
                               "spec": ["model": "m", "weight": 150, "replicas": 2, "minReplicas": 3]]
        let (_, _, errors) = Fixtures.admit(body, schema: schema)
        #expect(errors.map(\.description) == [
            "spec.weight: Invalid value: 150: spec.weight in body should be less than or equal to 100",
            "spec.minReplicas: Invalid value: minReplicas must be less than or equal to replicas",
        ])
        #expect(CELValidator.hasRules(schema))
        #expect(!CELValidator.hasRules(schema.properties["status"]!))
    }

    @Test func defaultsAppliedOnCreate() {
        let exchange = Fixtures.crd[6]
        let (object, pruned, errors) = Fixtures.admit(exchange[path: ["request", "body"]]!, schema: schema)
        #expect(errors.isEmpty)
        #expect(pruned.isEmpty)
        #expect(object["spec"] == exchange[path: ["response", "body", "spec"]])
    }

    @Test func unknownFieldsArePrunedAndReportedLikeTheWarnings() {
        let exchange = Fixtures.crd[9]
        let (object, pruned, errors) = Fixtures.admit(exchange[path: ["request", "body"]]!, schema: schema)
        #expect(errors.isEmpty)
        let warnings = exchange[path: ["response", "headers", "Warning"]]!.arrayValue!.map(\.stringValue!)
        #expect(pruned.map { "299 - \"unknown field \\\"\($0)\\\"\"" } == warnings)
        #expect(object["spec"] == exchange[path: ["response", "body", "spec"]])
        #expect(object["topLevelExtra"] == nil)
        #expect(object["metadata"] == ["name": "extra"])
    }

    @Test func strictDecodingMessageListsThePrunedField() {
        let exchange = Fixtures.crd[10]
        var body = exchange[path: ["request", "body"]]!
        let pruned = SchemaPruner.prune(&body, schema: schema, isRoot: true)
        let message = "ModelDeployment in version \"v1alpha1\" cannot be handled as a ModelDeployment: strict decoding error: "
            + pruned.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        #expect(message == exchange[path: ["response", "body", "message"]]!.stringValue!)
    }

    @Test func validCustomResourcesFromTheTranscriptPass() {
        for index in [6, 9, 11] {
            let (_, _, errors) = Fixtures.admit(Fixtures.crd[index][path: ["request", "body"]]!, schema: schema)
            #expect(errors.isEmpty, "exchange \(index)")
        }
    }

    @Test func theFixtureCRDSchemaPassesTheCRDChecks() {
        #expect(CRDSchemaCheck.check(openAPIV3Schema: Fixtures.modelDeploymentSchemaJSON, fieldPath: "spec.versions[0].schema.openAPIV3Schema").isEmpty)
    }
}
