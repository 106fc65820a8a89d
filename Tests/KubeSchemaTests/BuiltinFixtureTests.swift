import JSON
import KubeSchema
import Testing

/// Unknown fields of built-in kinds, as recorded in 03-configmap-crud-list.json and 04-deployment.json.
@Suite struct BuiltinFixtureTests {
    func warnings(_ exchange: JSONValue) -> [String] {
        exchange[path: ["response", "headers", "Warning"]]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    func warning(_ path: String) -> String { "299 - \"unknown field \\\"\(path)\\\"\"" }

    @Test func configMapStrictAndWarn() throws {
        let transcript = try Fixtures.transcript("03-configmap-crud-list.json")
        let configMap = try #require(BuiltinSchemas.schema(group: "", version: "v1", kind: "ConfigMap"))

        var strict = transcript[21][path: ["request", "body"]]!
        let pruned = SchemaPruner.prune(&strict, schema: configMap, isRoot: true)
        #expect("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: "
            + pruned.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
            == transcript[21][path: ["response", "body", "message"]]!.stringValue!)

        for index in [23, 24] {
            var body = transcript[index][path: ["request", "body"]]!
            let paths = SchemaPruner.prune(&body, schema: configMap, isRoot: true)
            #expect(paths.map(warning) == warnings(transcript[index]))
            #expect(body["spec"] == nil)
            #expect(body["data"] == ["a": "b"])
            #expect(SchemaValidator.validate(body, schema: configMap).isEmpty)
        }
    }

    @Test func deploymentPatchWithUnknownContainerField() throws {
        let transcript = try Fixtures.transcript("04-deployment.json")
        let deployment = try #require(BuiltinSchemas.schema(group: "apps", version: "v1", kind: "Deployment"))
        var patch = transcript[23][path: ["request", "body"]]!
        let paths = SchemaPruner.prune(&patch, schema: deployment, isRoot: true)
        #expect(paths.map(warning) == warnings(transcript[23]))
    }
}
