import KubeSchema

/// The built-in kinds the embedded API server serves, with the metadata kube-apiserver v1.36 reports.
enum BuiltinResources {
    static func make(
        _ group: String, _ version: String, _ resource: String, _ kind: String, namespaced: Bool = true,
        shortNames: [String] = [], categories: [String] = [], status: Bool = false, scale: Bool = false,
        generation: GenerationPolicy = .none, columns: [PrinterColumn] = []
    ) -> ResourceType {
        ResourceType(
            group: group, version: version, resource: resource, kind: kind, singular: kind.lowercased(),
            namespaced: namespaced, shortNames: shortNames, categories: categories, hasStatus: status,
            scale: scale ? ScaleSubresource(specReplicasPath: ["spec", "replicas"], statusReplicasPath: ["status", "replicas"],
                                            labelSelectorPath: ["status", "selector"]) : nil,
            generation: generation, schema: BuiltinSchemas.schema(group: group, version: version, kind: kind),
            columns: columns, isCustom: false, storageVersion: version)
    }

    static func column(_ name: String, _ type: String, _ path: String, priority: Int = 0) -> PrinterColumn {
        PrinterColumn(name: name, type: type, format: nil, description: name, priority: priority, jsonPath: path)
    }

    static let all: [ResourceType] = [
        make("", "v1", "namespaces", "Namespace", namespaced: false, shortNames: ["ns"], status: true,
             columns: [column("Status", "string", ".status.phase")]),
        make("", "v1", "configmaps", "ConfigMap", shortNames: ["cm"]),
        make("", "v1", "secrets", "Secret", columns: [column("Type", "string", ".type")]),
        make("", "v1", "serviceaccounts", "ServiceAccount", shortNames: ["sa"]),
        make("", "v1", "services", "Service", shortNames: ["svc"], categories: ["all"], status: true,
             columns: [column("Type", "string", ".spec.type"), column("Cluster-IP", "string", ".spec.clusterIP")]),
        make("", "v1", "pods", "Pod", shortNames: ["po"], categories: ["all"], status: true,
             columns: [column("Status", "string", ".status.phase")]),
        make("", "v1", "events", "Event", shortNames: ["ev"],
             columns: [column("Type", "string", ".type"), column("Reason", "string", ".reason"), column("Message", "string", ".message")]),
        make("events.k8s.io", "v1", "events", "Event", shortNames: ["ev"],
             columns: [column("Type", "string", ".type"), column("Reason", "string", ".reason"), column("Note", "string", ".note")]),
        make("apps", "v1", "deployments", "Deployment", shortNames: ["deploy"], categories: ["all"], status: true, scale: true,
             generation: .specOrAnnotationChanges,
             columns: [column("Ready", "string", ".status.readyReplicas"), column("Up-to-date", "integer", ".status.updatedReplicas"),
                       column("Available", "integer", ".status.availableReplicas")]),
        make("apps", "v1", "replicasets", "ReplicaSet", shortNames: ["rs"], categories: ["all"], status: true, scale: true,
             generation: .specOrAnnotationChanges,
             columns: [column("Desired", "integer", ".spec.replicas"), column("Current", "integer", ".status.replicas"),
                       column("Ready", "integer", ".status.readyReplicas")]),
        make("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], categories: ["all"],
             status: true, generation: .specChanges,
             columns: [column("Reference", "string", ".spec.scaleTargetRef.name"), column("MinPods", "integer", ".spec.minReplicas"),
                       column("MaxPods", "integer", ".spec.maxReplicas"), column("Replicas", "integer", ".status.currentReplicas")]),
        make("coordination.k8s.io", "v1", "leases", "Lease",
             columns: [column("Holder", "string", ".spec.holderIdentity")]),
        make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false,
             shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: .specChanges,
             columns: [column("Created At", "date", ".metadata.creationTimestamp")]),
    ]
}
