import JSON
import KubeSchema

/// Small structural schemas carrying the same patch metadata as the real built-in types (from the
/// Kubernetes OpenAPI: `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`), so these tests do not
/// depend on the full built-in schema set.
enum TestSchemas {
    static let definitions: [String: JSONValue] = [
        "ObjectMeta": [
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "labels": ["type": "object", "additionalProperties": ["type": "string"]],
                "annotations": ["type": "object", "additionalProperties": ["type": "string"]],
                "finalizers": ["type": "array", "items": ["type": "string"], "x-kubernetes-patch-strategy": "merge"],
                "ownerReferences": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "uid",
                    "items": ["type": "object", "properties": ["uid": ["type": "string"], "name": ["type": "string"]]],
                ],
            ],
        ],
        "Container": [
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "image": ["type": "string"],
                "command": ["type": "array", "items": ["type": "string"]],
                "args": ["type": "array", "items": ["type": "string"]],
                "env": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name",
                    "items": ["type": "object", "properties": ["name": ["type": "string"], "value": ["type": "string"]]],
                ],
                "ports": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "containerPort",
                    "items": [
                        "type": "object",
                        "properties": ["containerPort": ["type": "integer"], "protocol": ["type": "string"], "name": ["type": "string"]],
                    ],
                ],
                "volumeMounts": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "mountPath",
                    "items": ["type": "object", "properties": ["name": ["type": "string"], "mountPath": ["type": "string"]]],
                ],
                "resources": [
                    "type": "object",
                    "properties": [
                        "limits": ["type": "object", "additionalProperties": ["x-kubernetes-int-or-string": true]],
                        "requests": ["type": "object", "additionalProperties": ["x-kubernetes-int-or-string": true]],
                    ],
                ],
            ],
        ],
        "Volume": [
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "emptyDir": ["type": "object", "properties": ["medium": ["type": "string"]]],
                "configMap": ["type": "object", "properties": ["name": ["type": "string"]]],
                "secret": ["type": "object", "properties": ["secretName": ["type": "string"]]],
            ],
        ],
        "PodSpec": [
            "type": "object",
            "properties": [
                "containers": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name",
                    "items": ["$ref": "#/definitions/Container"],
                ],
                "initContainers": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name",
                    "items": ["$ref": "#/definitions/Container"],
                ],
                "volumes": [
                    "type": "array", "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "name",
                    "items": ["$ref": "#/definitions/Volume"],
                ],
                "tolerations": ["type": "array", "items": ["type": "object", "properties": ["key": ["type": "string"]]]],
                "nodeSelector": ["type": "object", "additionalProperties": ["type": "string"]],
                "restartPolicy": ["type": "string"],
            ],
        ],
        "DeploymentStrategy": [
            "type": "object",
            "properties": [
                "type": ["type": "string"],
                "rollingUpdate": [
                    "type": "object",
                    "properties": [
                        "maxSurge": ["x-kubernetes-int-or-string": true],
                        "maxUnavailable": ["x-kubernetes-int-or-string": true],
                    ],
                ],
            ],
        ],
        "Deployment": [
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string"],
                "kind": ["type": "string"],
                "metadata": ["$ref": "#/definitions/ObjectMeta"],
                "spec": [
                    "type": "object",
                    "properties": [
                        "replicas": ["type": "integer"],
                        "selector": ["type": "object", "properties": ["matchLabels": ["type": "object", "additionalProperties": ["type": "string"]]]],
                        "strategy": ["$ref": "#/definitions/DeploymentStrategy", "x-kubernetes-patch-strategy": "retainKeys"],
                        "template": [
                            "type": "object",
                            "properties": ["metadata": ["$ref": "#/definitions/ObjectMeta"], "spec": ["$ref": "#/definitions/PodSpec"]],
                        ],
                    ],
                ],
                "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
            ],
        ],
        "ConfigMap": [
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string"],
                "kind": ["type": "string"],
                "metadata": ["$ref": "#/definitions/ObjectMeta"],
                "data": ["type": "object", "additionalProperties": ["type": "string"]],
            ],
        ],
    ]

    static func schema(_ name: String) throws -> StructuralSchema {
        try StructuralSchema(json: ["$ref": .string("#/definitions/\(name)")], definitions: definitions)
    }

    static func deployment() throws -> StructuralSchema { try schema("Deployment") }
    static func configMap() throws -> StructuralSchema { try schema("ConfigMap") }
}
