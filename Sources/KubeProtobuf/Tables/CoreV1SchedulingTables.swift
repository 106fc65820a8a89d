// Field numbers from k8s.io/api core/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/generated.proto). Presence follows the Go JSON tags.

/// core/v1 affinity and security-context messages used by PodSpec and Container.
extension CoreV1 {
    static let affinity = MessageSchema("Affinity", [
        .message(1, "nodeAffinity", nodeAffinity),
        .message(2, "podAffinity", podAffinity),
        .message(3, "podAntiAffinity", podAffinity),
    ])

    static let nodeAffinity = MessageSchema("NodeAffinity", [
        .message(1, "requiredDuringSchedulingIgnoredDuringExecution", nodeSelector),
        .messages(2, "preferredDuringSchedulingIgnoredDuringExecution", preferredSchedulingTerm),
    ])

    static let nodeSelector = MessageSchema("NodeSelector", [
        .messages(1, "nodeSelectorTerms", nodeSelectorTerm),
    ])

    static let nodeSelectorTerm = MessageSchema("NodeSelectorTerm", [
        .messages(1, "matchExpressions", nodeSelectorRequirement),
        .messages(2, "matchFields", nodeSelectorRequirement),
    ])

    static let nodeSelectorRequirement = MessageSchema("NodeSelectorRequirement", [
        .string(1, "key"),
        .string(2, "operator"),
        .strings(3, "values"),
    ])

    static let preferredSchedulingTerm = MessageSchema("PreferredSchedulingTerm", [
        .int32(1, "weight"),
        .message(2, "preference", nodeSelectorTerm),
    ])

    /// `PodAffinity` and `PodAntiAffinity` have the same fields and numbers.
    static let podAffinity = MessageSchema("PodAffinity", [
        .messages(1, "requiredDuringSchedulingIgnoredDuringExecution", podAffinityTerm),
        .messages(2, "preferredDuringSchedulingIgnoredDuringExecution", weightedPodAffinityTerm),
    ])

    static let podAffinityTerm = MessageSchema("PodAffinityTerm", [
        .message(1, "labelSelector", MetaV1.labelSelector),
        .strings(2, "namespaces"),
        .string(3, "topologyKey"),
        .message(4, "namespaceSelector", MetaV1.labelSelector),
        .strings(5, "matchLabelKeys"),
        .strings(6, "mismatchLabelKeys"),
    ])

    static let weightedPodAffinityTerm = MessageSchema("WeightedPodAffinityTerm", [
        .int32(1, "weight"),
        .message(2, "podAffinityTerm", podAffinityTerm),
    ])

    /// `PodSecurityContext` (windowsOptions 8 is not tabled and is skipped).
    static let podSecurityContext = MessageSchema("PodSecurityContext", [
        .message(1, "seLinuxOptions", seLinuxOptions),
        .int64(2, "runAsUser"),
        .int64(6, "runAsGroup"),
        .bool(3, "runAsNonRoot"),
        .int64s(4, "supplementalGroups"),
        .string(12, "supplementalGroupsPolicy"),
        .int64(5, "fsGroup"),
        .messages(7, "sysctls", sysctl),
        .string(9, "fsGroupChangePolicy"),
        .message(10, "seccompProfile", seccompProfile),
        .message(11, "appArmorProfile", appArmorProfile),
        .string(13, "seLinuxChangePolicy"),
    ])

    /// Container `SecurityContext` (windowsOptions 10 and ulimits 13 are not tabled and are skipped).
    static let securityContext = MessageSchema("SecurityContext", [
        .message(1, "capabilities", capabilities),
        .bool(2, "privileged"),
        .message(3, "seLinuxOptions", seLinuxOptions),
        .int64(4, "runAsUser"),
        .int64(8, "runAsGroup"),
        .bool(5, "runAsNonRoot"),
        .bool(6, "readOnlyRootFilesystem"),
        .bool(7, "allowPrivilegeEscalation"),
        .string(9, "procMount"),
        .message(11, "seccompProfile", seccompProfile),
        .message(12, "appArmorProfile", appArmorProfile),
    ])

    static let capabilities = MessageSchema("Capabilities", [
        .strings(1, "add"),
        .strings(2, "drop"),
    ])

    static let seLinuxOptions = MessageSchema("SELinuxOptions", [
        .string(1, "user", .omitEmpty),
        .string(2, "role", .omitEmpty),
        .string(3, "type", .omitEmpty),
        .string(4, "level", .omitEmpty),
    ])

    /// `SeccompProfile` and `AppArmorProfile` share one shape: {1 type, 2 localhostProfile}.
    static let seccompProfile = MessageSchema("SeccompProfile", [
        .string(1, "type"),
        .string(2, "localhostProfile"),
    ])

    static let appArmorProfile = MessageSchema("AppArmorProfile", [
        .string(1, "type"),
        .string(2, "localhostProfile"),
    ])

    static let sysctl = MessageSchema("Sysctl", [
        .string(1, "name"),
        .string(2, "value"),
    ])
}
