import JSON
public import KubeSchema

/// A resource's identity independent of version: `deployments.apps`.
public struct GroupResource: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var resource: String

    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    /// `configmaps` for the core group, `deployments.apps` otherwise (the form used in messages).
    public var qualified: String { group.isEmpty ? resource : "\(resource).\(group)" }
    public var description: String { qualified }
}

/// How `metadata.generation` advances for a kind.
public enum GenerationPolicy: Sendable {
    /// No generation field (ConfigMap, Secret, Event, ...).
    case none
    /// Bumped when anything outside metadata and status changes (kinds with a status subresource).
    case specChanges
    /// Bumped when the spec or the annotations change (Deployment, ReplicaSet, as kube-apiserver does).
    case specOrAnnotationChanges
    /// Bumped when anything outside metadata changes (CRs without a status subresource).
    case nonMetadataChanges
}

/// The `/scale` subresource mapping (autoscaling/v1 Scale).
public struct ScaleSubresource: Sendable {
    public var specReplicasPath: [String]
    public var statusReplicasPath: [String]
    public var labelSelectorPath: [String]?
}

/// One `additionalPrinterColumns` entry (or a built-in column).
public struct PrinterColumn: Sendable {
    public var name: String
    public var type: String
    public var format: String?
    public var description: String
    public var priority: Int
    /// A simple JSONPath like `.status.replicas`; nil for the Name column and computed columns.
    public var jsonPath: String?
    /// Computes the cell of a built-in column that is not a plain path (e.g. Ready "1/2").
    var compute: (@Sendable (JSONValue) -> JSONValue)?
}

/// A served resource at one version: what discovery lists and what the handlers need to serve it.
public struct ResourceType: Sendable {
    public var group: String
    public var version: String
    public var resource: String
    public var kind: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    public var hasStatus: Bool
    public var scale: ScaleSubresource?
    public var generation: GenerationPolicy
    /// The schema used for pruning, defaulting, validation and apply; nil accepts anything.
    public var schema: StructuralSchema?
    /// Extra printer columns (after Name), for Table output.
    public var columns: [PrinterColumn]
    /// True for resources served from a CustomResourceDefinition.
    public var isCustom: Bool
    /// The storage version (the one objects are persisted in).
    public var storageVersion: String
    /// For a built-in served at a version other than its storage version: how objects convert.
    var conversion: VersionConversion? = nil
    /// The resource whose stored objects this type serves, when not its own (events.k8s.io/v1 Events
    /// are the core/v1 Events seen through a conversion).
    var storageResource: GroupResource? = nil
    /// A review kind (SelfSubjectReview): only `create`, answered from the request, never stored.
    var createOnly = false

    /// Where this type's objects are stored.
    var storedAs: GroupResource { storageResource ?? groupResource }

    public var groupResource: GroupResource { GroupResource(group: group, resource: resource) }
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var listKind: String { "\(kind)List" }
    public var verbs: [String] {
        createOnly ? ["create"] : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    }
}
