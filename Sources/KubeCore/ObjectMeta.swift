public import JSON

/// `metav1.ObjectMeta`: the metadata every persisted Kubernetes object carries.
///
/// Every field is optional so that partially filled objects (apply configurations, list items, patches)
/// round-trip; fields the API server did not send stay `nil` and are not encoded. Timestamps are kept as
/// the RFC 3339 strings the server sent. `managedFields` is kept as raw JSON so updates do not lose it.
public struct ObjectMeta: Codable, Sendable, Hashable {
    /// The object's name, unique per namespace and resource.
    public var name: String?
    /// A prefix the server completes to a unique name on create when `name` is empty.
    public var generateName: String?
    /// The namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The server-assigned unique identifier.
    public var uid: String?
    /// The opaque version used for optimistic concurrency and watches.
    public var resourceVersion: String?
    /// The spec generation, incremented by the server on spec changes.
    public var generation: Int64?
    /// When the object was created (RFC 3339).
    public var creationTimestamp: String?
    /// When deletion was requested (RFC 3339); set while finalizers run.
    public var deletionTimestamp: String?
    /// Seconds the object is allowed to terminate gracefully.
    public var deletionGracePeriodSeconds: Int64?
    /// Identifying key/value pairs, selectable with label selectors.
    public var labels: [String: String]?
    /// Non-identifying key/value pairs.
    public var annotations: [String: String]?
    /// Objects this one depends on; used by garbage collection.
    public var ownerReferences: [OwnerReference]?
    /// Finalizers that must be removed before the object is deleted.
    public var finalizers: [String]?
    /// Server-side-apply field ownership, kept verbatim.
    public var managedFields: [JSONValue]?

    /// Metadata with the given name, namespace and labels; everything else unset.
    public init(
        name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// `namespace/name`, or `name` for cluster-scoped objects; `nil` without a name.
    public var key: String? {
        guard let name else { return nil }
        guard let namespace, !namespace.isEmpty else { return name }
        return "\(namespace)/\(name)"
    }
}

/// `metav1.OwnerReference`: a pointer from a dependent object to its owner, in the same namespace.
public struct OwnerReference: Codable, Sendable, Hashable {
    /// The owner's `apiVersion`, e.g. `serving.stockade.dev/v1alpha1`.
    public var apiVersion: String
    /// The owner's kind, e.g. `ModelDeployment`.
    public var kind: String
    /// The owner's name.
    public var name: String
    /// The owner's uid; the reference only counts for an owner with this uid.
    public var uid: String
    /// Whether this owner is the managing controller (at most one reference may say so).
    public var controller: Bool?
    /// Whether foreground deletion of the owner waits for this dependent.
    public var blockOwnerDeletion: Bool?

    /// A reference with every field given.
    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}
