import Crypto
import JSON
import KubeSchema

/// The `/openapi/v3` index and per group-version documents, enough for `kubectl explain`, kubectl's
/// server-side field-validation probe (a PATCH operation with a `fieldValidation` parameter per kind)
/// and strategic-merge metadata for built-in kinds.
enum OpenAPIDocuments {
    /// `api/v1`, `apis/apps/v1`, ... for every served group/version that has a document.
    static func paths(_ registry: ResourceRegistry) -> [String] {
        registry.groupVersions.filter { !documentedTypes(group: $0.group, version: $0.version, registry).isEmpty }
            .map { $0.group.isEmpty ? "api/\($0.version)" : "apis/\($0.group)/\($0.version)" }
    }

    /// The kinds a group/version document describes: review kinds (SelfSubjectReview) have no schema here.
    static func documentedTypes(group: String, version: String, _ registry: ResourceRegistry) -> [ResourceType] {
        registry.types(group: group, version: version).filter { !$0.createOnly }
    }

    static func index(_ registry: ResourceRegistry) -> JSONValue {
        var paths = JSONObject()
        for path in OpenAPIDocuments.paths(registry) {
            let hash = digest(document(path: path, registry)!.serialized())
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA512.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// The OpenAPI v3 document for one group/version path (`apis/apps/v1`), or nil when not served.
    static func document(path: String, _ registry: ResourceRegistry) -> JSONValue? {
        let parts = path.split(separator: "/").map(String.init)
        let group: String, version: String
        if parts.count == 2, parts[0] == "api" { (group, version) = ("", parts[1]) }
        else if parts.count == 3, parts[0] == "apis" { (group, version) = (parts[1], parts[2]) }
        else { return nil }
        let types = documentedTypes(group: group, version: version, registry)
        guard !types.isEmpty else { return nil }
        var schemas = JSONObject()
        var operations = JSONObject()
        let builtins = BuiltinSchemas.definitions
        let objectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        for type in types {
            let gvk: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            let definition: String
            if type.isCustom {
                definition = reversedGroup(type.group) + ".\(type.version).\(type.kind)"
                var schema = type.schema?.raw.objectValue ?? ["type": "object"]
                var properties = schema["properties"]?.objectValue ?? [:]
                properties["apiVersion"] = ["type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."]
                properties["kind"] = ["type": "string", "description": "Kind is a string value representing the REST resource this object represents."]
                properties["metadata"] = ["allOf": [["$ref": .string("#/components/schemas/\(objectMeta)")]],
                                          "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"]
                schema["properties"] = .object(properties)
                schema["x-kubernetes-group-version-kind"] = [gvk]
                schemas[definition] = .object(schema)
                for (name, value) in builtins where name.hasPrefix("io.k8s.apimachinery.pkg.apis.meta.v1.") || name == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" {
                    schemas[name] = value
                }
            } else {
                definition = BuiltinSchemas.definitionName(group: type.group, version: type.version, kind: type.kind) ?? type.kind
                for (name, value) in builtins { schemas[name] = value }
                if case .object(var schema)? = schemas[definition] {
                    schema["x-kubernetes-group-version-kind"] = [gvk]
                    schemas[definition] = .object(schema)
                }
            }
            let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
            let collection = type.namespaced ? "\(prefix)/namespaces/{namespace}/\(type.resource)" : "\(prefix)/\(type.resource)"
            let ref: JSONValue = ["$ref": .string("#/components/schemas/\(definition)")]
            operations[collection] = [
                "get": operation("list", type, gvk, ref, parameters: []),
                "post": operation("post", type, gvk, ref, parameters: ["dryRun", "fieldManager", "fieldValidation"]),
            ]
            operations["\(collection)/{name}"] = [
                "get": operation("get", type, gvk, ref, parameters: []),
                "put": operation("put", type, gvk, ref, parameters: ["dryRun", "fieldManager", "fieldValidation"]),
                "patch": operation("patch", type, gvk, ref, parameters: ["dryRun", "fieldManager", "fieldValidation", "force"]),
                "delete": operation("delete", type, gvk, ref, parameters: ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            ]
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string("\(ServerVersion.major).\(ServerVersion.minor)")],
                "paths": .object(operations), "components": ["schemas": .object(schemas)]]
    }

    static func operation(_ action: String, _ type: ResourceType, _ gvk: JSONValue, _ ref: JSONValue, parameters: [String]) -> JSONValue {
        [
            "description": .string("\(action) \(type.kind)"),
            "operationId": .string("\(action)\(type.kind)"),
            "parameters": .array(parameters.map { name in
                ["name": .string(name), "in": "query", "description": .string(name), "schema": ["type": "string"], "uniqueItems": true]
            }),
            "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]],
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": gvk,
        ]
    }

    /// `serving.stockade.dev` -> `dev.stockade.serving` (how kube-apiserver names CRD definitions).
    static func reversedGroup(_ group: String) -> String {
        group.split(separator: ".").reversed().joined(separator: ".")
    }
}
