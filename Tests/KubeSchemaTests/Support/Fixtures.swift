import Foundation
import JSON
import KubeSchema

/// The kube-apiserver v1.36 transcripts in `../shared/fixtures/kube-apiserver-v1.36` (relative to the repo).
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func transcript(_ name: String) throws -> [JSONValue] {
        let url = repositoryRoot.appendingPathComponent("../shared/fixtures/kube-apiserver-v1.36/\(name)").standardizedFileURL
        let data = try Data(contentsOf: url)
        return try JSONValue.parse([UInt8](data)).arrayValue ?? []
    }

    /// 09-crd.json, parsed once.
    static let crd: [JSONValue] = (try? transcript("09-crd.json")) ?? []

    /// The ModelDeployment CRD's openAPIV3Schema from 09-crd.json exchange 0.
    static var modelDeploymentSchemaJSON: JSONValue {
        crd[0][path: ["request", "body", "spec"]]?["versions"]?[0]?[path: ["schema", "openAPIV3Schema"]] ?? .null
    }

    static func modelDeploymentSchema() throws -> StructuralSchema {
        try StructuralSchema(json: modelDeploymentSchemaJSON)
    }

    /// What kube-apiserver does with a custom resource body on create, in its order: prune unknown
    /// fields, apply defaults, validate the schema, then CEL unless a blocking error exists.
    static func admit(_ body: JSONValue, schema: StructuralSchema, old: JSONValue? = nil) -> (object: JSONValue, pruned: [String], errors: [FieldError]) {
        var object = body
        let pruned = SchemaPruner.prune(&object, schema: schema, isRoot: true)
        SchemaDefaulter.applyDefaults(&object, schema: schema)
        var errors = SchemaValidator.validate(object, schema: schema)
        if !CELValidator.hasRules(schema) {
            return (object, pruned, errors)
        }
        if let skipped = CELValidator.rulesNotCheckedError(for: errors) {
            errors.append(skipped)
        } else {
            errors += CELValidator.validate(new: object, old: old, schema: schema)
        }
        return (object, pruned, errors)
    }
}
