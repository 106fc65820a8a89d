import Foundation
import JSON
import KubeSchema
import Testing

/// The kube-apiserver v1.36 transcripts in `<repo>/../shared/fixtures/kube-apiserver-v1.36`.
enum Fixtures {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func transcript(_ name: String) throws -> [JSONValue] {
        let url = repositoryRoot.appendingPathComponent("../shared/fixtures/kube-apiserver-v1.36/\(name)").standardizedFileURL
        let data = try Data(contentsOf: url)
        return try #require(try JSONValue.parse([UInt8](data)).arrayValue)
    }

    static let deployment: [JSONValue] = (try? transcript("04-deployment.json")) ?? []
    static let configMaps: [JSONValue] = (try? transcript("03-configmap-crud-list.json")) ?? []
    static let crd: [JSONValue] = (try? transcript("09-crd.json")) ?? []

    /// The response body of exchange `index`.
    static func response(_ exchanges: [JSONValue], _ index: Int) throws -> JSONValue {
        try #require(exchanges[index][path: ["response", "body"]])
    }

    /// The managedFields of the response body of exchange `index`.
    static func managedFields(_ exchanges: [JSONValue], _ index: Int) throws -> JSONValue {
        try #require(try response(exchanges, index)[path: ["metadata", "managedFields"]])
    }
}

/// Schemas built from JSON literals that mirror the real built-in ones in everything server-side apply
/// looks at (list types and keys, map types, atomic structs).
enum Schemas {
    static let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]

    static let objectMeta: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string"], "generateName": ["type": "string"], "namespace": ["type": "string"],
            "uid": ["type": "string"], "resourceVersion": ["type": "string"], "generation": ["type": "integer"],
            "creationTimestamp": ["type": "string"], "labels": stringMap, "annotations": stringMap,
            "finalizers": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"],
            "ownerReferences": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["uid"],
                "items": [
                    "type": "object", "x-kubernetes-map-type": "atomic",
                    "properties": ["apiVersion": ["type": "string"], "kind": ["type": "string"],
                                   "name": ["type": "string"], "uid": ["type": "string"],
                                   "controller": ["type": "boolean"], "blockOwnerDeletion": ["type": "boolean"]],
                ],
            ],
            "managedFields": ["type": "array", "x-kubernetes-list-type": "atomic",
                              "items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
        ],
    ]

    static let container: JSONValue = [
        "type": "object", "required": ["name"],
        "properties": [
            "name": ["type": "string"], "image": ["type": "string"], "imagePullPolicy": ["type": "string"],
            "terminationMessagePath": ["type": "string"], "terminationMessagePolicy": ["type": "string"],
            "args": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "atomic"],
            "ports": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
                "items": ["type": "object", "properties": [
                    "containerPort": ["type": "integer"], "protocol": ["type": "string", "default": "TCP"],
                    "name": ["type": "string"]]],
            ],
            "env": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                "items": ["type": "object", "properties": ["name": ["type": "string"], "value": ["type": "string"]]],
            ],
            "resources": ["type": "object", "properties": [
                "limits": ["type": "object", "additionalProperties": ["x-kubernetes-int-or-string": true]],
                "requests": ["type": "object", "additionalProperties": ["x-kubernetes-int-or-string": true]]]],
        ],
    ]

    static let intOrString: JSONValue = ["x-kubernetes-int-or-string": true]

    static let deploymentJSON: JSONValue = [
        "type": "object",
        "properties": [
            "apiVersion": ["type": "string"], "kind": ["type": "string"], "metadata": objectMeta,
            "spec": ["type": "object", "properties": [
                "replicas": ["type": "integer"], "progressDeadlineSeconds": ["type": "integer"],
                "revisionHistoryLimit": ["type": "integer"], "minReadySeconds": ["type": "integer"],
                "selector": ["type": "object", "x-kubernetes-map-type": "atomic", "properties": ["matchLabels": stringMap]],
                "strategy": ["type": "object", "properties": [
                    "type": ["type": "string"],
                    "rollingUpdate": ["type": "object", "properties": ["maxSurge": intOrString, "maxUnavailable": intOrString]]]],
                "template": ["type": "object", "properties": [
                    "metadata": objectMeta,
                    "spec": ["type": "object", "properties": [
                        "containers": ["type": "array", "x-kubernetes-list-type": "map",
                                       "x-kubernetes-list-map-keys": ["name"], "items": container],
                        "restartPolicy": ["type": "string"], "terminationGracePeriodSeconds": ["type": "integer"],
                        "dnsPolicy": ["type": "string"], "schedulerName": ["type": "string"],
                        "securityContext": ["type": "object", "properties": ["runAsUser": ["type": "integer"]]]]]]],
            ]],
            "status": ["type": "object", "properties": [
                "observedGeneration": ["type": "integer"], "replicas": ["type": "integer"],
                "updatedReplicas": ["type": "integer"], "unavailableReplicas": ["type": "integer"],
                "terminatingReplicas": ["type": "integer"], "readyReplicas": ["type": "integer"],
                "conditions": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                               "items": ["type": "object", "properties": [
                                   "type": ["type": "string"], "status": ["type": "string"], "reason": ["type": "string"],
                                   "message": ["type": "string"], "lastUpdateTime": ["type": "string"],
                                   "lastTransitionTime": ["type": "string"]]]],
            ]],
        ],
    ]

    static let configMapJSON: JSONValue = [
        "type": "object",
        "properties": [
            "apiVersion": ["type": "string"], "kind": ["type": "string"], "metadata": objectMeta,
            "data": stringMap, "binaryData": stringMap, "immutable": ["type": "boolean"],
        ],
    ]

    /// A custom resource schema as a CRD writes it: no `metadata` properties, a preserve-unknown
    /// `spec.extra` subtree, and conditions keyed by type.
    static let modelDeploymentJSON: JSONValue = [
        "type": "object",
        "properties": [
            "spec": ["type": "object", "properties": [
                "model": ["type": "string"], "runtime": ["type": "string"], "weight": ["type": "integer"],
                "replicas": ["type": "integer"], "minReplicas": ["type": "integer"],
                "tags": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"],
                "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]],
            "status": ["type": "object", "properties": [
                "observedGeneration": ["type": "integer"], "replicas": ["type": "integer"],
                "conditions": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                               "items": ["type": "object", "properties": [
                                   "type": ["type": "string"], "status": ["type": "string"], "reason": ["type": "string"],
                                   "message": ["type": "string"], "lastTransitionTime": ["type": "string"]]]]]],
        ],
    ]

    static let deployment: StructuralSchema = build(deploymentJSON)
    static let configMap: StructuralSchema = build(configMapJSON)
    static let modelDeployment: StructuralSchema = build(modelDeploymentJSON)

    private static func build(_ json: JSONValue) -> StructuralSchema {
        do { return try StructuralSchema(json: json) } catch { fatalError("test schema does not build: \(error)") }
    }
}

/// Parses JSON text in tests (fixtures of managedFields are easier to read as text).
func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

/// `object` with `metadata.resourceVersion` and `metadata.generation` taken from `reference`: the parts
/// of a response the API server (not the field manager) decides.
func withServerFields(_ object: JSONValue, from reference: JSONValue) -> JSONValue {
    var copy = object
    for key in ["resourceVersion", "generation"] {
        copy.set(path: ["metadata", key], to: reference[path: ["metadata", key]])
    }
    return copy
}
