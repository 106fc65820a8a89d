// Field numbers from k8s.io/api apps/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/apps/v1/generated.proto). Presence follows the Go JSON tags.

/// apps/v1 Deployment.
enum AppsV1 {
    static let deployment = MessageSchema("Deployment", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", deploymentSpec),
        .message(3, "status", deploymentStatus),
    ])

    static let deploymentSpec = MessageSchema("DeploymentSpec", [
        .int32(1, "replicas"),
        .message(2, "selector", MetaV1.labelSelector),
        .message(3, "template", CoreV1.podTemplateSpec),
        .message(4, "strategy", deploymentStrategy),
        .int32(5, "minReadySeconds", .omitEmpty),
        .int32(6, "revisionHistoryLimit"),
        .bool(7, "paused", .omitEmpty),
        .int32(9, "progressDeadlineSeconds"),
        .string(10, "podReplacementPolicy"),
    ])

    static let deploymentStrategy = MessageSchema("DeploymentStrategy", [
        .string(1, "type", .omitEmpty),
        .message(2, "rollingUpdate", rollingUpdateDeployment),
    ])

    static let rollingUpdateDeployment = MessageSchema("RollingUpdateDeployment", [
        .intOrString(1, "maxUnavailable"),
        .intOrString(2, "maxSurge"),
    ])

    static let deploymentStatus = MessageSchema("DeploymentStatus", [
        .int64(1, "observedGeneration", .omitEmpty),
        .int32(2, "replicas", .omitEmpty),
        .int32(3, "updatedReplicas", .omitEmpty),
        .int32(7, "readyReplicas", .omitEmpty),
        .int32(4, "availableReplicas", .omitEmpty),
        .int32(5, "unavailableReplicas", .omitEmpty),
        .int32(9, "terminatingReplicas"),
        .messages(6, "conditions", deploymentCondition),
        .int32(8, "collisionCount"),
    ])

    static let deploymentCondition = MessageSchema("DeploymentCondition", [
        .string(1, "type"),
        .string(2, "status"),
        .time(6, "lastUpdateTime"),
        .time(7, "lastTransitionTime"),
        .string(4, "reason", .omitEmpty),
        .string(5, "message", .omitEmpty),
    ])
}
