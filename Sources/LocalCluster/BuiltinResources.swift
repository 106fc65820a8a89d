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
        BuiltinColumns.path(name, type, path, priority: priority)
    }

    /// autoscaling/v1 HPAs are the v2 objects seen through `AutoscalerV1Conversion` (kubectl autoscale uses v1).
    static let autoscalingV1: ResourceType = {
        var type = make("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], categories: ["all"],
                        status: true, generation: .specChanges, columns: BuiltinColumns.autoscaler)
        type.storageVersion = "v2"
        type.conversion = AutoscalerV1Conversion.conversion
        return type
    }()

    /// events.k8s.io/v1 Events are the core/v1 Events, converted field by field (kube-apiserver keeps one store).
    static let eventsV1: ResourceType = {
        var type = make("events.k8s.io", "v1", "events", "Event", shortNames: ["ev"],
                        columns: [column("Type", "string", ".type"), column("Reason", "string", ".reason"), column("Note", "string", ".note")])
        type.storageResource = GroupResource(group: "", resource: "events")
        type.conversion = EventsConversion.conversion
        return type
    }()

    /// authentication.k8s.io/v1 SelfSubjectReview: who the caller is (`kubectl auth whoami`).
    static let selfSubjectReviews: ResourceType = {
        var type = make("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", namespaced: false)
        type.createOnly = true
        return type
    }()

    static let all: [ResourceType] = [
        make("", "v1", "namespaces", "Namespace", namespaced: false, shortNames: ["ns"], status: true,
             columns: [column("Status", "string", ".status.phase")]),
        make("", "v1", "configmaps", "ConfigMap", shortNames: ["cm"], columns: BuiltinColumns.configMap),
        make("", "v1", "secrets", "Secret", columns: BuiltinColumns.secret),
        make("", "v1", "serviceaccounts", "ServiceAccount", shortNames: ["sa"], columns: BuiltinColumns.serviceAccount),
        make("", "v1", "services", "Service", shortNames: ["svc"], categories: ["all"], status: true, columns: BuiltinColumns.service),
        make("", "v1", "pods", "Pod", shortNames: ["po"], categories: ["all"], status: true, columns: BuiltinColumns.pod),
        make("", "v1", "events", "Event", shortNames: ["ev"],
             columns: [column("Type", "string", ".type"), column("Reason", "string", ".reason"), column("Message", "string", ".message")]),
        eventsV1,
        make("apps", "v1", "deployments", "Deployment", shortNames: ["deploy"], categories: ["all"], status: true, scale: true,
             generation: .specOrAnnotationChanges, columns: BuiltinColumns.deployment),
        make("apps", "v1", "replicasets", "ReplicaSet", shortNames: ["rs"], categories: ["all"], status: true, scale: true,
             generation: .specOrAnnotationChanges, columns: BuiltinColumns.replicaSet),
        make("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"], categories: ["all"],
             status: true, generation: .specChanges, columns: BuiltinColumns.autoscaler),
        autoscalingV1,
        make("coordination.k8s.io", "v1", "leases", "Lease",
             columns: [column("Holder", "string", ".spec.holderIdentity")]),
        make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false,
             shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: .specChanges,
             columns: [column("Created At", "date", ".metadata.creationTimestamp")]),
        selfSubjectReviews,
    ]
}
