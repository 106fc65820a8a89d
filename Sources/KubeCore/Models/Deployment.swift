/// `apps/v1` Deployment: the fields Stockade's operator reads and writes. Fields not modelled are
/// dropped on decode, so write with patches rather than read-modify-write of a whole object.
public typealias Deployment = SpecStatusObject<DeploymentKind>

/// The identity and parts of a `Deployment`.
public enum DeploymentKind: SpecStatusKind {
    public typealias Spec = DeploymentSpec
    public typealias Status = DeploymentStatus
    public static let apiVersion = "apps/v1"
    public static let kind = "Deployment"
    public static let resource = GroupVersionResource.deployments
}

/// `apps/v1.DeploymentSpec`.
public struct DeploymentSpec: Codable, Sendable, Hashable {
    /// The desired number of pods (server default 1).
    public var replicas: Int32?
    /// Which pods belong to the Deployment; must match the template's labels.
    public var selector: LabelSelectorSpec?
    /// The pod template.
    public var template: PodTemplateSpec?
    /// How old pods are replaced.
    public var strategy: DeploymentStrategy?
    /// Old ReplicaSets kept for rollback (server default 10).
    public var revisionHistoryLimit: Int32?
    /// Seconds before a stalled rollout is reported as failed (server default 600).
    public var progressDeadlineSeconds: Int32?
    /// Seconds a new pod must be ready before it counts as available.
    public var minReadySeconds: Int32?

    /// A spec with the given fields.
    public init(
        replicas: Int32? = nil, selector: LabelSelectorSpec? = nil, template: PodTemplateSpec? = nil,
        strategy: DeploymentStrategy? = nil, revisionHistoryLimit: Int32? = nil,
        progressDeadlineSeconds: Int32? = nil, minReadySeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.minReadySeconds = minReadySeconds
    }
}

/// `apps/v1.DeploymentStrategy`.
public struct DeploymentStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` parameters.
    public struct RollingUpdate: Codable, Sendable, Hashable {
        /// Pods that may be unavailable during the update (count or percentage).
        public var maxUnavailable: IntOrString?
        /// Pods that may be created above the desired count (count or percentage).
        public var maxSurge: IntOrString?

        /// Parameters with the given values.
        public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
            self.maxUnavailable = maxUnavailable
            self.maxSurge = maxSurge
        }
    }

    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String?
    /// Parameters for `RollingUpdate`.
    public var rollingUpdate: RollingUpdate?

    /// A strategy with the given fields.
    public init(type: String? = nil, rollingUpdate: RollingUpdate? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// `apps/v1.DeploymentStatus`.
public struct DeploymentStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` the controller last acted on.
    public var observedGeneration: Int64?
    /// Pods targeted by the Deployment (any template).
    public var replicas: Int32?
    /// Pods with the current template.
    public var updatedReplicas: Int32?
    /// Pods that are ready.
    public var readyReplicas: Int32?
    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int32?
    /// Pods still needed for 100% availability.
    public var unavailableReplicas: Int32?
    /// The controller's conditions (`Available`, `Progressing`, `ReplicaFailure`).
    public var conditions: [DeploymentCondition]?

    /// A status with the given fields.
    public init(
        observedGeneration: Int64? = nil, replicas: Int32? = nil, updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil, availableReplicas: Int32? = nil, unavailableReplicas: Int32? = nil,
        conditions: [DeploymentCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.conditions = conditions
    }
}

/// `apps/v1.DeploymentCondition`: like ``Condition`` plus `lastUpdateTime`, with optional reason/message.
public struct DeploymentCondition: Codable, Sendable, Hashable {
    /// `Available`, `Progressing` or `ReplicaFailure`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: Condition.Status
    /// A CamelCase reason, e.g. `MinimumReplicasUnavailable`.
    public var reason: String?
    /// A human-readable explanation.
    public var message: String?
    /// When the condition was last probed (RFC 3339).
    public var lastUpdateTime: String?
    /// When `status` last changed (RFC 3339).
    public var lastTransitionTime: String?

    /// A condition with the given fields.
    public init(
        type: String, status: Condition.Status, reason: String? = nil, message: String? = nil,
        lastUpdateTime: String? = nil, lastTransitionTime: String? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
    }
}

extension [DeploymentCondition] {
    /// The condition of `type`, if present.
    public func condition(_ type: String) -> DeploymentCondition? { first { $0.type == type } }
}

/// `core/v1.PodTemplateSpec`.
public struct PodTemplateSpec: Codable, Sendable, Hashable {
    /// Labels and annotations of the pods.
    public var metadata: ObjectMeta?
    /// The pod spec.
    public var spec: PodSpec?

    /// A template with the given parts.
    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `core/v1.PodSpec`, reduced to what Stockade sets.
public struct PodSpec: Codable, Sendable, Hashable {
    /// The containers (at least one).
    public var containers: [Container]
    /// Containers run to completion, in order, before `containers` start.
    public var initContainers: [Container]?
    /// Volumes the containers can mount.
    public var volumes: [Volume]?
    /// The service account the pods run as.
    public var serviceAccountName: String?
    /// Seconds between SIGTERM and SIGKILL (server default 30).
    public var terminationGracePeriodSeconds: Int64?

    /// A pod spec with the given fields.
    public init(
        containers: [Container], initContainers: [Container]? = nil, volumes: [Volume]? = nil,
        serviceAccountName: String? = nil, terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.volumes = volumes
        self.serviceAccountName = serviceAccountName
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// `core/v1.Container`, reduced to what Stockade sets.
public struct Container: Codable, Sendable, Hashable {
    /// The container's name, unique in the pod.
    public var name: String
    /// The image reference.
    public var image: String?
    /// Replaces the image's entrypoint.
    public var command: [String]?
    /// Arguments to the entrypoint.
    public var args: [String]?
    /// Environment variables (literal values only).
    public var env: [EnvVar]?
    /// Exposed ports (informational, and names for probes/targetPorts).
    public var ports: [ContainerPort]?
    /// CPU/memory limits and requests.
    public var resources: ResourceRequirements?
    /// Volumes mounted into the container.
    public var volumeMounts: [VolumeMount]?
    /// Gates the pod's readiness.
    public var readinessProbe: Probe?
    /// Restarts the container when failing.
    public var livenessProbe: Probe?

    /// A container with the given fields.
    public init(
        name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil, env: [EnvVar]? = nil,
        ports: [ContainerPort]? = nil, resources: ResourceRequirements? = nil, volumeMounts: [VolumeMount]? = nil,
        readinessProbe: Probe? = nil, livenessProbe: Probe? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.env = env
        self.ports = ports
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.readinessProbe = readinessProbe
        self.livenessProbe = livenessProbe
    }

    /// `core/v1.EnvVar` with a literal value (`valueFrom` is not modelled).
    public struct EnvVar: Codable, Sendable, Hashable {
        /// The variable's name.
        public var name: String
        /// The value; `nil` means empty.
        public var value: String?

        /// A variable `name=value`.
        public init(name: String, value: String? = nil) {
            self.name = name
            self.value = value
        }
    }
}

/// `core/v1.ContainerPort`.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// An IANA_SVC_NAME, referable from probes and Service targetPorts.
    public var name: String?
    /// The port number.
    public var containerPort: Int32
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?

    /// A port with the given fields.
    public init(name: String? = nil, containerPort: Int32, protocol: String? = nil) {
        self.name = name
        self.containerPort = containerPort
        self.protocol = `protocol`
    }
}

/// `core/v1.ResourceRequirements`; quantities are kept as strings (`500m`, `1Gi`).
public struct ResourceRequirements: Codable, Sendable, Hashable {
    /// Maximum amounts by resource name.
    public var limits: [String: String]?
    /// Guaranteed amounts by resource name.
    public var requests: [String: String]?

    /// Requirements with the given maps.
    public init(limits: [String: String]? = nil, requests: [String: String]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// `core/v1.Probe` with an HTTP GET handler.
public struct Probe: Codable, Sendable, Hashable {
    /// `core/v1.HTTPGetAction`.
    public struct HTTPGetAction: Codable, Sendable, Hashable {
        /// The request path.
        public var path: String?
        /// The port number or container port name.
        public var port: IntOrString
        /// `HTTP` (default) or `HTTPS`.
        public var scheme: String?

        /// An action with the given fields.
        public init(path: String? = nil, port: IntOrString, scheme: String? = nil) {
            self.path = path
            self.port = port
            self.scheme = scheme
        }
    }

    /// The HTTP GET to perform.
    public var httpGet: HTTPGetAction?
    /// Seconds after start before the first probe.
    public var initialDelaySeconds: Int32?
    /// Seconds between probes (server default 10).
    public var periodSeconds: Int32?
    /// Seconds before a probe times out (server default 1).
    public var timeoutSeconds: Int32?
    /// Consecutive failures before the probe fails (server default 3).
    public var failureThreshold: Int32?
    /// Consecutive successes before the probe passes again (server default 1).
    public var successThreshold: Int32?

    /// A probe with the given fields.
    public init(
        httpGet: HTTPGetAction? = nil, initialDelaySeconds: Int32? = nil, periodSeconds: Int32? = nil,
        timeoutSeconds: Int32? = nil, failureThreshold: Int32? = nil, successThreshold: Int32? = nil
    ) {
        self.httpGet = httpGet
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
    }
}

/// `core/v1.Volume`, reduced to `emptyDir` volumes.
public struct Volume: Codable, Sendable, Hashable {
    /// `core/v1.EmptyDirVolumeSource`.
    public struct EmptyDir: Codable, Sendable, Hashable {
        /// `""` (node disk) or `Memory` (tmpfs).
        public var medium: String?
        /// A size limit quantity, e.g. `1Gi`.
        public var sizeLimit: String?

        /// An emptyDir source with the given fields.
        public init(medium: String? = nil, sizeLimit: String? = nil) {
            self.medium = medium
            self.sizeLimit = sizeLimit
        }
    }

    /// The volume's name, referenced by volume mounts.
    public var name: String
    /// A scratch directory living as long as the pod.
    public var emptyDir: EmptyDir?

    /// A volume with the given fields.
    public init(name: String, emptyDir: EmptyDir? = nil) {
        self.name = name
        self.emptyDir = emptyDir
    }
}

/// `core/v1.VolumeMount`.
public struct VolumeMount: Codable, Sendable, Hashable {
    /// The volume's name.
    public var name: String
    /// Where in the container it is mounted.
    public var mountPath: String
    /// Whether the mount is read-only.
    public var readOnly: Bool?
    /// A path inside the volume to mount instead of its root.
    public var subPath: String?

    /// A mount with the given fields.
    public init(name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
    }
}
