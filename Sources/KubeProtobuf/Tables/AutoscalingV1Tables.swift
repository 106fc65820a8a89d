// Field numbers from k8s.io/api autoscaling/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/autoscaling/v1/generated.proto). Presence follows the Go JSON tags.
// kubectl v1.32 `kubectl autoscale` posts this version (see Fixtures/kubectl-captures.json).

/// autoscaling/v1 HorizontalPodAutoscaler and Scale.
enum AutoscalingV1 {
    static let horizontalPodAutoscaler = MessageSchema("HorizontalPodAutoscaler", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", horizontalPodAutoscalerSpec),
        .message(3, "status", horizontalPodAutoscalerStatus),
    ])

    static let horizontalPodAutoscalerSpec = MessageSchema("HorizontalPodAutoscalerSpec", [
        .message(1, "scaleTargetRef", crossVersionObjectReference),
        .int32(2, "minReplicas"),
        .int32(3, "maxReplicas"),
        .int32(4, "targetCPUUtilizationPercentage"),
    ])

    /// `CrossVersionObjectReference` (identical in autoscaling/v1 and v2): kind and name have no `omitempty`.
    static let crossVersionObjectReference = MessageSchema("CrossVersionObjectReference", [
        .string(1, "kind"),
        .string(2, "name"),
        .string(3, "apiVersion", .omitEmpty),
    ])

    /// `HorizontalPodAutoscalerStatus`: currentReplicas and desiredReplicas have no `omitempty`.
    static let horizontalPodAutoscalerStatus = MessageSchema("HorizontalPodAutoscalerStatus", [
        .int64(1, "observedGeneration"),
        .time(2, "lastScaleTime"),
        .int32(3, "currentReplicas"),
        .int32(4, "desiredReplicas"),
        .int32(5, "currentCPUUtilizationPercentage"),
    ])

    static let scale = MessageSchema("Scale", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", scaleSpec),
        .message(3, "status", scaleStatus),
    ])

    static let scaleSpec = MessageSchema("ScaleSpec", [
        .int32(1, "replicas", .omitEmpty),
    ])

    static let scaleStatus = MessageSchema("ScaleStatus", [
        .int32(1, "replicas"),
        .string(2, "selector", .omitEmpty),
    ])
}
