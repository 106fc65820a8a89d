// Field numbers from k8s.io/api core/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/generated.proto). Presence follows the Go JSON tags.

/// core/v1 Pod, PodTemplateSpec and PodSpec with their small helper messages.
extension CoreV1 {
    static let pod = MessageSchema("Pod", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", podSpec),
        .message(3, "status", podStatus),
    ])

    static let podTemplateSpec = MessageSchema("PodTemplateSpec", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", podSpec),
    ])

    /// `PodSpec` (workloadRef 42, a feature-gated field, is not tabled and is skipped).
    static let podSpec = MessageSchema("PodSpec", [
        .messages(1, "volumes", volume),
        .messages(20, "initContainers", container),
        .messages(2, "containers", container),
        .messages(34, "ephemeralContainers", ephemeralContainer),
        .string(3, "restartPolicy", .omitEmpty),
        .int64(4, "terminationGracePeriodSeconds"),
        .int64(5, "activeDeadlineSeconds"),
        .string(6, "dnsPolicy", .omitEmpty),
        .map(7, "nodeSelector", .string),
        .string(8, "serviceAccountName", .omitEmpty),
        .string(9, "serviceAccount", .omitEmpty),
        .bool(21, "automountServiceAccountToken"),
        .string(10, "nodeName", .omitEmpty),
        .bool(11, "hostNetwork", .omitEmpty),
        .bool(12, "hostPID", .omitEmpty),
        .bool(13, "hostIPC", .omitEmpty),
        .bool(27, "shareProcessNamespace"),
        .message(14, "securityContext", podSecurityContext),
        .messages(15, "imagePullSecrets", localObjectReference),
        .string(16, "hostname", .omitEmpty),
        .string(17, "subdomain", .omitEmpty),
        .message(18, "affinity", affinity),
        .string(19, "schedulerName", .omitEmpty),
        .messages(22, "tolerations", toleration),
        .messages(23, "hostAliases", hostAlias),
        .string(24, "priorityClassName", .omitEmpty),
        .int32(25, "priority"),
        .message(26, "dnsConfig", podDNSConfig),
        .messages(28, "readinessGates", podReadinessGate),
        .string(29, "runtimeClassName"),
        .bool(30, "enableServiceLinks"),
        .string(31, "preemptionPolicy"),
        .map(32, "overhead", .quantity),
        .messages(33, "topologySpreadConstraints", topologySpreadConstraint),
        .bool(35, "setHostnameAsFQDN"),
        .message(36, "os", podOS),
        .bool(37, "hostUsers"),
        .messages(38, "schedulingGates", podSchedulingGate),
        .messages(39, "resourceClaims", podResourceClaim),
        .message(40, "resources", resourceRequirements),
        .string(41, "hostnameOverride"),
    ])

    /// `EphemeralContainer`: `EphemeralContainerCommon` mirrors `Container` field for field and is inlined.
    static let ephemeralContainer = MessageSchema("EphemeralContainer", [
        .inline(1, "ephemeralContainerCommon", container),
        .string(2, "targetContainerName", .omitEmpty),
    ])

    static let toleration = MessageSchema("Toleration", [
        .string(1, "key", .omitEmpty),
        .string(2, "operator", .omitEmpty),
        .string(3, "value", .omitEmpty),
        .string(4, "effect", .omitEmpty),
        .int64(5, "tolerationSeconds"),
    ])

    static let hostAlias = MessageSchema("HostAlias", [
        .string(1, "ip"),
        .strings(2, "hostnames"),
    ])

    static let podDNSConfig = MessageSchema("PodDNSConfig", [
        .strings(1, "nameservers"),
        .strings(2, "searches"),
        .messages(3, "options", podDNSConfigOption),
    ])

    static let podDNSConfigOption = MessageSchema("PodDNSConfigOption", [
        .string(1, "name", .omitEmpty),
        .string(2, "value"),
    ])

    static let podReadinessGate = MessageSchema("PodReadinessGate", [.string(1, "conditionType")])
    static let podOS = MessageSchema("PodOS", [.string(1, "name")])
    static let podSchedulingGate = MessageSchema("PodSchedulingGate", [.string(1, "name")])

    static let podResourceClaim = MessageSchema("PodResourceClaim", [
        .string(1, "name"),
        .string(3, "resourceClaimName"),
        .string(4, "resourceClaimTemplateName"),
    ])

    static let topologySpreadConstraint = MessageSchema("TopologySpreadConstraint", [
        .int32(1, "maxSkew"),
        .string(2, "topologyKey"),
        .string(3, "whenUnsatisfiable"),
        .message(4, "labelSelector", MetaV1.labelSelector),
        .int32(5, "minDomains"),
        .string(6, "nodeAffinityPolicy"),
        .string(7, "nodeTaintsPolicy"),
        .strings(8, "matchLabelKeys"),
    ])

    /// `PodStatus`, minus the container statuses and resource-claim statuses a client never sends.
    static let podStatus = MessageSchema("PodStatus", [
        .int64(17, "observedGeneration", .omitEmpty),
        .string(1, "phase", .omitEmpty),
        .messages(2, "conditions", podCondition),
        .string(3, "message", .omitEmpty),
        .string(4, "reason", .omitEmpty),
        .string(11, "nominatedNodeName", .omitEmpty),
        .string(5, "hostIP", .omitEmpty),
        .messages(16, "hostIPs", ipAddress),
        .string(6, "podIP", .omitEmpty),
        .messages(12, "podIPs", ipAddress),
        .time(7, "startTime"),
        .string(9, "qosClass", .omitEmpty),
    ])

    static let podCondition = MessageSchema("PodCondition", [
        .string(1, "type"),
        .int64(7, "observedGeneration", .omitEmpty),
        .string(2, "status"),
        .time(3, "lastProbeTime"),
        .time(4, "lastTransitionTime"),
        .string(5, "reason", .omitEmpty),
        .string(6, "message", .omitEmpty),
    ])

    /// `HostIP` and `PodIP` share one shape: {1 ip}.
    static let ipAddress = MessageSchema("PodIP", [.string(1, "ip")])
}
