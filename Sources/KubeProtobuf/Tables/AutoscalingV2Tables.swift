// Field numbers from k8s.io/api autoscaling/v2/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/autoscaling/v2/generated.proto). Presence follows the Go JSON tags.

/// autoscaling/v2 HorizontalPodAutoscaler.
enum AutoscalingV2 {
    static let horizontalPodAutoscaler = MessageSchema("HorizontalPodAutoscaler", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", horizontalPodAutoscalerSpec),
        .message(3, "status", horizontalPodAutoscalerStatus),
    ])

    static let horizontalPodAutoscalerSpec = MessageSchema("HorizontalPodAutoscalerSpec", [
        .message(1, "scaleTargetRef", AutoscalingV1.crossVersionObjectReference),
        .int32(2, "minReplicas"),
        .int32(3, "maxReplicas"),
        .messages(4, "metrics", metricSpec),
        .message(5, "behavior", horizontalPodAutoscalerBehavior),
    ])

    static let metricSpec = MessageSchema("MetricSpec", [
        .string(1, "type"),
        .message(2, "object", objectMetricSource),
        .message(3, "pods", podsMetricSource),
        .message(4, "resource", resourceMetricSource),
        .message(7, "containerResource", containerResourceMetricSource),
        .message(5, "external", podsMetricSource),
    ])

    static let objectMetricSource = MessageSchema("ObjectMetricSource", [
        .message(1, "describedObject", AutoscalingV1.crossVersionObjectReference),
        .message(2, "target", metricTarget),
        .message(3, "metric", metricIdentifier),
    ])

    /// `PodsMetricSource` and `ExternalMetricSource` share one shape: {1 metric, 2 target}.
    static let podsMetricSource = MessageSchema("PodsMetricSource", [
        .message(1, "metric", metricIdentifier),
        .message(2, "target", metricTarget),
    ])

    static let resourceMetricSource = MessageSchema("ResourceMetricSource", [
        .string(1, "name"),
        .message(2, "target", metricTarget),
    ])

    static let containerResourceMetricSource = MessageSchema("ContainerResourceMetricSource", [
        .string(1, "name"),
        .message(2, "target", metricTarget),
        .string(3, "container"),
    ])

    static let metricIdentifier = MessageSchema("MetricIdentifier", [
        .string(1, "name"),
        .message(2, "selector", MetaV1.labelSelector),
    ])

    static let metricTarget = MessageSchema("MetricTarget", [
        .string(1, "type"),
        .quantity(2, "value"),
        .quantity(3, "averageValue"),
        .int32(4, "averageUtilization"),
    ])

    static let horizontalPodAutoscalerBehavior = MessageSchema("HorizontalPodAutoscalerBehavior", [
        .message(1, "scaleUp", hpaScalingRules),
        .message(2, "scaleDown", hpaScalingRules),
    ])

    static let hpaScalingRules = MessageSchema("HPAScalingRules", [
        .int32(3, "stabilizationWindowSeconds"),
        .string(1, "selectPolicy"),
        .messages(2, "policies", hpaScalingPolicy),
        .quantity(4, "tolerance"),
    ])

    static let hpaScalingPolicy = MessageSchema("HPAScalingPolicy", [
        .string(1, "type"),
        .int32(2, "value"),
        .int32(3, "periodSeconds"),
    ])

    /// `HorizontalPodAutoscalerStatus`: desiredReplicas has no `omitempty`, currentReplicas has.
    static let horizontalPodAutoscalerStatus = MessageSchema("HorizontalPodAutoscalerStatus", [
        .int64(1, "observedGeneration"),
        .time(2, "lastScaleTime"),
        .int32(3, "currentReplicas", .omitEmpty),
        .int32(4, "desiredReplicas"),
        .messages(5, "currentMetrics", metricStatus),
        .messages(6, "conditions", horizontalPodAutoscalerCondition),
    ])

    static let metricStatus = MessageSchema("MetricStatus", [
        .string(1, "type"),
        .message(2, "object", objectMetricStatus),
        .message(3, "pods", podsMetricStatus),
        .message(4, "resource", resourceMetricStatus),
        .message(7, "containerResource", containerResourceMetricStatus),
        .message(5, "external", podsMetricStatus),
    ])

    static let objectMetricStatus = MessageSchema("ObjectMetricStatus", [
        .message(1, "metric", metricIdentifier),
        .message(2, "current", metricValueStatus),
        .message(3, "describedObject", AutoscalingV1.crossVersionObjectReference),
    ])

    /// `PodsMetricStatus` and `ExternalMetricStatus` share one shape: {1 metric, 2 current}.
    static let podsMetricStatus = MessageSchema("PodsMetricStatus", [
        .message(1, "metric", metricIdentifier),
        .message(2, "current", metricValueStatus),
    ])

    static let resourceMetricStatus = MessageSchema("ResourceMetricStatus", [
        .string(1, "name"),
        .message(2, "current", metricValueStatus),
    ])

    static let containerResourceMetricStatus = MessageSchema("ContainerResourceMetricStatus", [
        .string(1, "name"),
        .message(2, "current", metricValueStatus),
        .string(3, "container"),
    ])

    static let metricValueStatus = MessageSchema("MetricValueStatus", [
        .quantity(1, "value"),
        .quantity(2, "averageValue"),
        .int32(3, "averageUtilization"),
    ])

    static let horizontalPodAutoscalerCondition = MessageSchema("HorizontalPodAutoscalerCondition", [
        .string(1, "type"),
        .string(2, "status"),
        .time(3, "lastTransitionTime"),
        .string(4, "reason", .omitEmpty),
        .string(5, "message", .omitEmpty),
    ])
}
