/// A Kubernetes resource type as the REST API addresses it: group, version and plural resource name.
///
/// The core group is the empty string (`/api/v1`); every other group lives under `/apis/GROUP/VERSION`.
public struct GroupVersionResource: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    /// The version, e.g. `v1`.
    public var version: String
    /// The lower-case plural resource name, e.g. `deployments`.
    public var resource: String
    /// Whether objects of this resource live in a namespace.
    public var namespaced: Bool

    /// A resource in `group`/`version`, namespaced unless said otherwise.
    public init(group: String, version: String, resource: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.resource = resource
        self.namespaced = namespaced
    }

    /// `group/version` for named groups, `version` for the core group (the `apiVersion` field's form).
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The URL path prefix: `/api/v1` or `/apis/GROUP/VERSION`.
    public var basePath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// `resource.group` (kubectl's form), or `resource` for the core group.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// Core `v1` ConfigMaps.
    public static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    /// Core `v1` Secrets.
    public static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    /// Core `v1` Services.
    public static let services = GroupVersionResource(group: "", version: "v1", resource: "services")
    /// Core `v1` Pods.
    public static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    /// Core `v1` Namespaces (cluster-scoped).
    public static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces", namespaced: false)
    /// `apps/v1` Deployments.
    public static let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
    /// `autoscaling/v2` HorizontalPodAutoscalers.
    public static let horizontalPodAutoscalers = GroupVersionResource(
        group: "autoscaling", version: "v2", resource: "horizontalpodautoscalers")
    /// `coordination.k8s.io/v1` Leases.
    public static let leases = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")
    /// `events.k8s.io/v1` Events.
    public static let events = GroupVersionResource(group: "events.k8s.io", version: "v1", resource: "events")
    /// `authentication.k8s.io/v1` SelfSubjectReviews (create-only, cluster-scoped).
    public static let selfSubjectReviews = GroupVersionResource(
        group: "authentication.k8s.io", version: "v1", resource: "selfsubjectreviews", namespaced: false)
}

/// A Kubernetes object type as it appears in objects: group, version and kind.
public struct GroupVersionKind: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    /// The version, e.g. `v1`.
    public var version: String
    /// The CamelCase kind, e.g. `Deployment`.
    public var kind: String

    /// A kind in `group`/`version`.
    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// The kind named by an object's `apiVersion` (`group/version` or `version`) and `kind`.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    /// The `apiVersion` field value: `group/version`, or `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `kind.version.group`, as client-go prints it.
    public var description: String { group.isEmpty ? "\(kind).\(version)" : "\(kind).\(version).\(group)" }
}
