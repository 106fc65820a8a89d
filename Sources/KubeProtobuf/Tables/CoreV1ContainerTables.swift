// Field numbers from k8s.io/api core/v1/generated.proto (kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/generated.proto). Presence follows the Go JSON tags.

/// core/v1 Container and the messages it is made of (ports, env, resources, mounts, probes, hooks).
extension CoreV1 {
    /// `Container` (restartPolicyRules 25, feature-gated, is not tabled and is skipped).
    static let container = MessageSchema("Container", [
        .string(1, "name"),
        .string(2, "image", .omitEmpty),
        .strings(3, "command"),
        .strings(4, "args"),
        .string(5, "workingDir", .omitEmpty),
        .messages(6, "ports", containerPort),
        .messages(19, "envFrom", envFromSource),
        .messages(7, "env", envVar),
        .message(8, "resources", resourceRequirements),
        .messages(23, "resizePolicy", containerResizePolicy),
        .string(24, "restartPolicy"),
        .messages(9, "volumeMounts", volumeMount),
        .messages(21, "volumeDevices", volumeDevice),
        .message(10, "livenessProbe", probe),
        .message(11, "readinessProbe", probe),
        .message(22, "startupProbe", probe),
        .message(12, "lifecycle", lifecycle),
        .string(13, "terminationMessagePath", .omitEmpty),
        .string(20, "terminationMessagePolicy", .omitEmpty),
        .string(14, "imagePullPolicy", .omitEmpty),
        .message(15, "securityContext", securityContext),
        .bool(16, "stdin", .omitEmpty),
        .bool(17, "stdinOnce", .omitEmpty),
        .bool(18, "tty", .omitEmpty),
    ])

    /// `ContainerPort`: containerPort has no `omitempty`.
    static let containerPort = MessageSchema("ContainerPort", [
        .string(1, "name", .omitEmpty),
        .int32(2, "hostPort", .omitEmpty),
        .int32(3, "containerPort"),
        .string(4, "protocol", .omitEmpty),
        .string(5, "hostIP", .omitEmpty),
    ])

    static let envVar = MessageSchema("EnvVar", [
        .string(1, "name"),
        .string(2, "value", .omitEmpty),
        .message(3, "valueFrom", envVarSource),
    ])

    static let envVarSource = MessageSchema("EnvVarSource", [
        .message(1, "fieldRef", objectFieldSelector),
        .message(2, "resourceFieldRef", resourceFieldSelector),
        .message(3, "configMapKeyRef", keySelector("ConfigMapKeySelector")),
        .message(4, "secretKeyRef", keySelector("SecretKeySelector")),
        .message(5, "fileKeyRef", fileKeySelector),
    ])

    static let objectFieldSelector = MessageSchema("ObjectFieldSelector", [
        .string(1, "apiVersion", .omitEmpty),
        .string(2, "fieldPath"),
    ])

    static let resourceFieldSelector = MessageSchema("ResourceFieldSelector", [
        .string(1, "containerName", .omitEmpty),
        .string(2, "resource"),
        .quantity(3, "divisor"),
    ])

    /// `ConfigMapKeySelector` / `SecretKeySelector`: an inlined `LocalObjectReference`, key, optional.
    static func keySelector(_ name: String) -> MessageSchema {
        MessageSchema(name, [
            .inline(1, "localObjectReference", localObjectReference),
            .string(2, "key"),
            .bool(3, "optional"),
        ])
    }

    static let fileKeySelector = MessageSchema("FileKeySelector", [
        .string(1, "volumeName"),
        .string(2, "path"),
        .string(3, "key"),
        .bool(4, "optional"),
    ])

    static let envFromSource = MessageSchema("EnvFromSource", [
        .string(1, "prefix", .omitEmpty),
        .message(2, "configMapRef", envSource("ConfigMapEnvSource")),
        .message(3, "secretRef", envSource("SecretEnvSource")),
    ])

    /// `ConfigMapEnvSource` / `SecretEnvSource`: an inlined `LocalObjectReference` and optional.
    static func envSource(_ name: String) -> MessageSchema {
        MessageSchema(name, [
            .inline(1, "localObjectReference", localObjectReference),
            .bool(2, "optional"),
        ])
    }

    static let resourceRequirements = MessageSchema("ResourceRequirements", [
        .map(1, "limits", .quantity),
        .map(2, "requests", .quantity),
        .messages(3, "claims", resourceClaim),
    ])

    static let resourceClaim = MessageSchema("ResourceClaim", [
        .string(1, "name"),
        .string(2, "request", .omitEmpty),
    ])

    static let containerResizePolicy = MessageSchema("ContainerResizePolicy", [
        .string(1, "resourceName"),
        .string(2, "restartPolicy"),
    ])

    static let volumeMount = MessageSchema("VolumeMount", [
        .string(1, "name"),
        .bool(2, "readOnly", .omitEmpty),
        .string(7, "recursiveReadOnly"),
        .string(3, "mountPath"),
        .string(4, "subPath", .omitEmpty),
        .string(5, "mountPropagation"),
        .string(6, "subPathExpr", .omitEmpty),
    ])

    static let volumeDevice = MessageSchema("VolumeDevice", [
        .string(1, "name"),
        .string(2, "devicePath"),
    ])

    /// `Probe`: the `ProbeHandler` is embedded with `json:",inline"`.
    static let probe = MessageSchema("Probe", [
        .inline(1, "handler", probeHandler),
        .int32(2, "initialDelaySeconds", .omitEmpty),
        .int32(3, "timeoutSeconds", .omitEmpty),
        .int32(4, "periodSeconds", .omitEmpty),
        .int32(5, "successThreshold", .omitEmpty),
        .int32(6, "failureThreshold", .omitEmpty),
        .int64(7, "terminationGracePeriodSeconds"),
    ])

    static let probeHandler = MessageSchema("ProbeHandler", [
        .message(1, "exec", execAction),
        .message(2, "httpGet", httpGetAction),
        .message(3, "tcpSocket", tcpSocketAction),
        .message(4, "grpc", grpcAction),
    ])

    static let execAction = MessageSchema("ExecAction", [.strings(1, "command")])

    static let httpGetAction = MessageSchema("HTTPGetAction", [
        .string(1, "path", .omitEmpty),
        .intOrString(2, "port"),
        .string(3, "host", .omitEmpty),
        .string(4, "scheme", .omitEmpty),
        .messages(5, "httpHeaders", httpHeader),
    ])

    static let httpHeader = MessageSchema("HTTPHeader", [
        .string(1, "name"),
        .string(2, "value"),
    ])

    static let tcpSocketAction = MessageSchema("TCPSocketAction", [
        .intOrString(1, "port"),
        .string(2, "host", .omitEmpty),
    ])

    static let grpcAction = MessageSchema("GRPCAction", [
        .int32(1, "port"),
        .string(2, "service"),
    ])

    static let lifecycle = MessageSchema("Lifecycle", [
        .message(1, "postStart", lifecycleHandler),
        .message(2, "preStop", lifecycleHandler),
        .string(3, "stopSignal"),
    ])

    static let lifecycleHandler = MessageSchema("LifecycleHandler", [
        .message(1, "exec", execAction),
        .message(2, "httpGet", httpGetAction),
        .message(3, "tcpSocket", tcpSocketAction),
        .message(4, "sleep", sleepAction),
    ])

    static let sleepAction = MessageSchema("SleepAction", [.int64(1, "seconds")])
}
