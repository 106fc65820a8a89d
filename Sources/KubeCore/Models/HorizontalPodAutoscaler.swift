public import JSON

/// `autoscaling/v2` HorizontalPodAutoscaler: the fields Stockade's operator reads and writes.
public typealias HorizontalPodAutoscaler = SpecStatusObject<HorizontalPodAutoscalerKind>

/// The identity and parts of a `HorizontalPodAutoscaler`.
public enum HorizontalPodAutoscalerKind: SpecStatusKind {
    public typealias Spec = HorizontalPodAutoscalerSpec
    public typealias Status = HorizontalPodAutoscalerStatus
    public static let apiVersion = "autoscaling/v2"
    public static let kind = "HorizontalPodAutoscaler"
    public static let resource = GroupVersionResource.horizontalPodAutoscalers
}

/// `autoscaling/v2.HorizontalPodAutoscalerSpec`.
public struct HorizontalPodAutoscalerSpec: Codable, Sendable, Hashable {
    /// `autoscaling/v2.CrossVersionObjectReference`: the scaled object.
    public struct ScaleTargetRef: Codable, Sendable, Hashable {
        /// The target's `apiVersion`, e.g. `apps/v1`.
        public var apiVersion: String?
        /// The target's kind, e.g. `Deployment`.
        public var kind: String
        /// The target's name.
        public var name: String

        /// A reference with the given fields.
        public init(apiVersion: String? = nil, kind: String, name: String) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
        }
    }

    /// The scaled object.
    public var scaleTargetRef: ScaleTargetRef
    /// The lower replica bound (server default 1).
    public var minReplicas: Int32?
    /// The upper replica bound.
    public var maxReplicas: Int32
    /// What to scale on (server default: 80% average CPU utilization).
    public var metrics: [MetricSpec]?
    /// Scaling rate limits.
    public var behavior: Behavior?

    /// A spec with the given fields.
    public init(
        scaleTargetRef: ScaleTargetRef, minReplicas: Int32? = nil, maxReplicas: Int32, metrics: [MetricSpec]? = nil,
        behavior: Behavior? = nil
    ) {
        self.scaleTargetRef = scaleTargetRef
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }

    /// `autoscaling/v2.MetricSpec`, with the `Resource` source only.
    public struct MetricSpec: Codable, Sendable, Hashable {
        /// `Resource` (the modelled source), `Pods`, `Object`, `External` or `ContainerResource`.
        public var type: String
        /// The `Resource` source.
        public var resource: ResourceMetricSource?

        /// A metric with the given fields.
        public init(type: String, resource: ResourceMetricSource? = nil) {
            self.type = type
            self.resource = resource
        }

        /// A `Resource` metric on `name` (`cpu`, `memory`) with `target`.
        public static func resource(_ name: String, target: MetricTarget) -> MetricSpec {
            MetricSpec(type: "Resource", resource: ResourceMetricSource(name: name, target: target))
        }
    }

    /// `autoscaling/v2.ResourceMetricSource`.
    public struct ResourceMetricSource: Codable, Sendable, Hashable {
        /// The resource, e.g. `cpu`.
        public var name: String
        /// The target value.
        public var target: MetricTarget

        /// A source with the given fields.
        public init(name: String, target: MetricTarget) {
            self.name = name
            self.target = target
        }
    }

    /// `autoscaling/v2.MetricTarget`.
    public struct MetricTarget: Codable, Sendable, Hashable {
        /// `Utilization`, `Value` or `AverageValue`.
        public var type: String
        /// Percent of requests, for `Utilization`.
        public var averageUtilization: Int32?
        /// A quantity per pod, for `AverageValue`.
        public var averageValue: String?
        /// A total quantity, for `Value`.
        public var value: String?

        /// A target with the given fields.
        public init(type: String, averageUtilization: Int32? = nil, averageValue: String? = nil, value: String? = nil) {
            self.type = type
            self.averageUtilization = averageUtilization
            self.averageValue = averageValue
            self.value = value
        }
    }

    /// `autoscaling/v2.HorizontalPodAutoscalerBehavior`.
    public struct Behavior: Codable, Sendable, Hashable {
        /// Rules for scaling up.
        public var scaleUp: ScalingRules?
        /// Rules for scaling down.
        public var scaleDown: ScalingRules?

        /// A behavior with the given rules.
        public init(scaleUp: ScalingRules? = nil, scaleDown: ScalingRules? = nil) {
            self.scaleUp = scaleUp
            self.scaleDown = scaleDown
        }
    }

    /// `autoscaling/v2.HPAScalingRules`.
    public struct ScalingRules: Codable, Sendable, Hashable {
        /// Seconds of past recommendations considered (0 to 3600).
        public var stabilizationWindowSeconds: Int32?
        /// `Max`, `Min` or `Disabled`.
        public var selectPolicy: String?
        /// The rate limits.
        public var policies: [ScalingPolicy]?

        /// Rules with the given fields.
        public init(stabilizationWindowSeconds: Int32? = nil, selectPolicy: String? = nil, policies: [ScalingPolicy]? = nil) {
            self.stabilizationWindowSeconds = stabilizationWindowSeconds
            self.selectPolicy = selectPolicy
            self.policies = policies
        }
    }

    /// `autoscaling/v2.HPAScalingPolicy`.
    public struct ScalingPolicy: Codable, Sendable, Hashable {
        /// `Pods` or `Percent`.
        public var type: String
        /// The amount of change allowed per period.
        public var value: Int32
        /// The period's length in seconds.
        public var periodSeconds: Int32

        /// A policy with every field given.
        public init(type: String, value: Int32, periodSeconds: Int32) {
            self.type = type
            self.value = value
            self.periodSeconds = periodSeconds
        }
    }
}

/// `autoscaling/v2.HorizontalPodAutoscalerStatus`.
public struct HorizontalPodAutoscalerStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` the controller last acted on.
    public var observedGeneration: Int64?
    /// When the controller last scaled (RFC 3339).
    public var lastScaleTime: String?
    /// Replicas as last seen by the controller.
    public var currentReplicas: Int32?
    /// Replicas the controller wants.
    public var desiredReplicas: Int32?
    /// The last read metric values, kept verbatim.
    public var currentMetrics: JSONValue?
    /// `AbleToScale`, `ScalingActive`, `ScalingLimited`.
    public var conditions: [HorizontalPodAutoscalerCondition]?

    /// A status with the given fields.
    public init(
        observedGeneration: Int64? = nil, lastScaleTime: String? = nil, currentReplicas: Int32? = nil,
        desiredReplicas: Int32? = nil, currentMetrics: JSONValue? = nil,
        conditions: [HorizontalPodAutoscalerCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.lastScaleTime = lastScaleTime
        self.currentReplicas = currentReplicas
        self.desiredReplicas = desiredReplicas
        self.currentMetrics = currentMetrics
        self.conditions = conditions
    }
}
