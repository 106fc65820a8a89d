// Field numbers from k8s.io/api core/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/generated.proto, cross-checked against kubernetes/api
// core/v1/generated.proto). Presence follows the Go types' JSON tags: `.omitEmpty` marks non-pointer
// `omitempty` fields; pointer fields and fields without `omitempty` are `.always`.

/// core/v1 configuration and service kinds: ConfigMap, Secret, Namespace, ServiceAccount, Service.
enum CoreV1 {
    static let configMap = MessageSchema("ConfigMap", [
        .message(1, "metadata", MetaV1.objectMeta),
        .bool(4, "immutable"),
        .map(2, "data", .string),
        .map(3, "binaryData", .bytes),
    ])

    static let secret = MessageSchema("Secret", [
        .message(1, "metadata", MetaV1.objectMeta),
        .bool(5, "immutable"),
        .map(2, "data", .bytes),
        .map(4, "stringData", .string),
        .string(3, "type", .omitEmpty),
    ])

    static let namespace = MessageSchema("Namespace", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", namespaceSpec),
        .message(3, "status", namespaceStatus),
    ])

    static let namespaceSpec = MessageSchema("NamespaceSpec", [
        .strings(1, "finalizers"),
    ])

    static let namespaceStatus = MessageSchema("NamespaceStatus", [
        .string(1, "phase", .omitEmpty),
        .messages(2, "conditions", namespaceCondition),
    ])

    static let namespaceCondition = MessageSchema("NamespaceCondition", [
        .string(1, "type"),
        .string(2, "status"),
        .time(4, "lastTransitionTime"),
        .string(5, "reason", .omitEmpty),
        .string(6, "message", .omitEmpty),
    ])

    static let serviceAccount = MessageSchema("ServiceAccount", [
        .message(1, "metadata", MetaV1.objectMeta),
        .messages(2, "secrets", objectReference),
        .messages(3, "imagePullSecrets", localObjectReference),
        .bool(4, "automountServiceAccountToken"),
    ])

    static let objectReference = MessageSchema("ObjectReference", [
        .string(1, "kind", .omitEmpty),
        .string(2, "namespace", .omitEmpty),
        .string(3, "name", .omitEmpty),
        .string(4, "uid", .omitEmpty),
        .string(5, "apiVersion", .omitEmpty),
        .string(6, "resourceVersion", .omitEmpty),
        .string(7, "fieldPath", .omitEmpty),
    ])

    static let localObjectReference = MessageSchema("LocalObjectReference", [
        .string(1, "name", .omitEmpty),
    ])

    static let service = MessageSchema("Service", [
        .message(1, "metadata", MetaV1.objectMeta),
        .message(2, "spec", serviceSpec),
        .message(3, "status", serviceStatus),
    ])

    static let serviceSpec = MessageSchema("ServiceSpec", [
        .messages(1, "ports", servicePort),
        .map(2, "selector", .string),
        .string(3, "clusterIP", .omitEmpty),
        .strings(18, "clusterIPs"),
        .string(4, "type", .omitEmpty),
        .strings(5, "externalIPs"),
        .string(7, "sessionAffinity", .omitEmpty),
        .string(8, "loadBalancerIP", .omitEmpty),
        .strings(9, "loadBalancerSourceRanges"),
        .string(10, "externalName", .omitEmpty),
        .string(11, "externalTrafficPolicy", .omitEmpty),
        .int32(12, "healthCheckNodePort", .omitEmpty),
        .bool(13, "publishNotReadyAddresses", .omitEmpty),
        .message(14, "sessionAffinityConfig", sessionAffinityConfig),
        .strings(19, "ipFamilies"),
        .string(17, "ipFamilyPolicy"),
        .bool(20, "allocateLoadBalancerNodePorts"),
        .string(21, "loadBalancerClass"),
        .string(22, "internalTrafficPolicy"),
        .string(23, "trafficDistribution"),
    ])

    /// `ServicePort`: port has no `omitempty`; targetPort is a non-pointer IntOrString (always written).
    static let servicePort = MessageSchema("ServicePort", [
        .string(1, "name", .omitEmpty),
        .string(2, "protocol", .omitEmpty),
        .string(6, "appProtocol"),
        .int32(3, "port"),
        .intOrString(4, "targetPort"),
        .int32(5, "nodePort", .omitEmpty),
    ])

    static let sessionAffinityConfig = MessageSchema("SessionAffinityConfig", [
        .message(1, "clientIP", clientIPConfig),
    ])

    static let clientIPConfig = MessageSchema("ClientIPConfig", [
        .int32(1, "timeoutSeconds"),
    ])

    /// `ServiceStatus` (conditions, a meta/v1 `Condition` list, are not tabled and are skipped).
    static let serviceStatus = MessageSchema("ServiceStatus", [
        .message(1, "loadBalancer", loadBalancerStatus),
    ])

    static let loadBalancerStatus = MessageSchema("LoadBalancerStatus", [
        .messages(1, "ingress", loadBalancerIngress),
    ])

    static let loadBalancerIngress = MessageSchema("LoadBalancerIngress", [
        .string(1, "ip", .omitEmpty),
        .string(2, "hostname", .omitEmpty),
        .string(3, "ipMode"),
        .messages(4, "ports", portStatus),
    ])

    static let portStatus = MessageSchema("PortStatus", [
        .int32(1, "port"),
        .string(2, "protocol"),
        .string(3, "error"),
    ])
}
