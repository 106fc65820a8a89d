/// What distinguishes one spec/status kind from another: its identity and its Spec and Status types.
public protocol SpecStatusKind: Sendable {
    associatedtype Spec: Codable & Sendable & Hashable
    associatedtype Status: Codable & Sendable & Hashable
    /// The `apiVersion`, e.g. `apps/v1`.
    static var apiVersion: String { get }
    /// The `kind`, e.g. `Deployment`.
    static var kind: String { get }
    /// The REST resource serving it.
    static var resource: GroupVersionResource { get }
}

/// A Kind without a status (Lease): nothing is encoded for it.
public struct NoStatus: Codable, Sendable, Hashable {}

/// The common shape of most Kubernetes objects: `apiVersion`, `kind`, `metadata`, `spec`, `status`.
/// `Deployment`, `Service`, `HorizontalPodAutoscaler`, `Lease`, `HTTPRoute` and
/// `CustomResourceDefinition` are this type with their `SpecStatusKind`.
public struct SpecStatusObject<Kind: SpecStatusKind>: KubeObject {
    public static var apiVersion: String { Kind.apiVersion }
    public static var kind: String { Kind.kind }
    public static var resource: GroupVersionResource { Kind.resource }

    /// The object's `apiVersion`.
    public var apiVersion: String
    /// The object's `kind`.
    public var kind: String
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: Kind.Spec?
    /// The observed state, written by the object's controller.
    public var status: Kind.Status?

    /// An object with the given parts and the type's `apiVersion`/`kind`.
    public init(metadata: ObjectMeta = ObjectMeta(), spec: Kind.Spec? = nil, status: Kind.Status? = nil) {
        apiVersion = Kind.apiVersion
        kind = Kind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes the object; a missing `apiVersion`/`kind`/`metadata` takes the type's defaults and
    /// unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        (apiVersion, kind, metadata) = try KubeObjectHeader.decode(
            Self.self, c, apiVersion: .apiVersion, kind: .kind, metadata: .metadata)
        spec = try c.decodeIfPresent(Kind.Spec.self, forKey: .spec)
        status = Kind.Status.self == NoStatus.self ? nil : try c.decodeIfPresent(Kind.Status.self, forKey: .status)
    }
}

/// A condition of the older, loosely typed form built-in kinds use (`reason` and `message` optional,
/// no `observedGeneration`), unlike the `metav1.Condition` of ``Condition``.
public struct StatusCondition: Codable, Sendable, Hashable {
    /// The condition's type.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: Condition.Status
    /// When `status` last changed (RFC 3339).
    public var lastTransitionTime: String?
    /// A CamelCase reason.
    public var reason: String?
    /// A human-readable explanation.
    public var message: String?

    /// A condition with the given fields.
    public init(
        type: String, status: Condition.Status, lastTransitionTime: String? = nil, reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// `apiextensions.k8s.io/v1.CustomResourceDefinitionCondition`.
public typealias CustomResourceDefinitionCondition = StatusCondition
/// `autoscaling/v2.HorizontalPodAutoscalerCondition`.
public typealias HorizontalPodAutoscalerCondition = StatusCondition
