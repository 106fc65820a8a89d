public import JSON

/// `apiextensions.k8s.io/v1` CustomResourceDefinition: enough to install Stockade's CRDs and wait until
/// they are Established. The schema is kept as raw JSON.
public typealias CustomResourceDefinition = SpecStatusObject<CustomResourceDefinitionKind>

/// The identity and parts of a `CustomResourceDefinition`.
public enum CustomResourceDefinitionKind: SpecStatusKind {
    public typealias Spec = CustomResourceDefinitionSpec
    public typealias Status = CustomResourceDefinitionStatus
    public static let apiVersion = "apiextensions.k8s.io/v1"
    public static let kind = "CustomResourceDefinition"
    public static let resource = GroupVersionResource.customResourceDefinitions
}

extension CustomResourceDefinition {
    /// Whether the `Established` condition is `True` (the resource is being served).
    public var isEstablished: Bool {
        status?.conditions?.first { $0.type == "Established" }?.status == .true
    }
}

/// `apiextensions.k8s.io/v1.CustomResourceDefinitionNames`.
public struct CustomResourceDefinitionNames: Codable, Sendable, Hashable {
    /// The plural resource name, e.g. `modeldeployments`.
    public var plural: String
    /// The singular name (default: lower-case kind).
    public var singular: String?
    /// The kind, e.g. `ModelDeployment`.
    public var kind: String
    /// The list kind (default: kind + `List`).
    public var listKind: String?
    /// Short names for kubectl.
    public var shortNames: [String]?
    /// Categories for kubectl, e.g. `all`.
    public var categories: [String]?

    /// Names with the given fields.
    public init(
        plural: String, singular: String? = nil, kind: String, listKind: String? = nil, shortNames: [String]? = nil,
        categories: [String]? = nil
    ) {
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.listKind = listKind
        self.shortNames = shortNames
        self.categories = categories
    }
}

/// `apiextensions.k8s.io/v1.CustomResourceDefinitionSpec`.
public struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable {
    /// `apiextensions.k8s.io/v1.CustomResourceDefinitionVersion`.
    public struct Version: Codable, Sendable, Hashable {
        /// The version name, e.g. `v1alpha1`.
        public var name: String
        /// Whether the version is served.
        public var served: Bool
        /// Whether objects are stored in this version (exactly one version says so).
        public var storage: Bool
        /// `{"openAPIV3Schema": ...}`, verbatim.
        public var schema: JSONValue?
        /// `{"status": {}, "scale": {...}}`, verbatim.
        public var subresources: JSONValue?
        /// kubectl columns, verbatim.
        public var additionalPrinterColumns: JSONValue?

        /// A version with the given fields.
        public init(
            name: String, served: Bool, storage: Bool, schema: JSONValue? = nil, subresources: JSONValue? = nil,
            additionalPrinterColumns: JSONValue? = nil
        ) {
            self.name = name
            self.served = served
            self.storage = storage
            self.schema = schema
            self.subresources = subresources
            self.additionalPrinterColumns = additionalPrinterColumns
        }
    }

    /// The API group, e.g. `serving.stockade.dev`.
    public var group: String
    /// The resource names.
    public var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster`.
    public var scope: String
    /// The versions.
    public var versions: [Version]

    /// A spec with every field given.
    public init(group: String, names: CustomResourceDefinitionNames, scope: String, versions: [Version]) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
    }
}

/// `apiextensions.k8s.io/v1.CustomResourceDefinitionStatus`.
public struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable {
    /// `NamesAccepted`, `Established`, `Terminating`, ... (`null` right after create).
    public var conditions: [CustomResourceDefinitionCondition]?
    /// The names actually served (empty strings until accepted).
    public var acceptedNames: AcceptedNames?
    /// Versions objects have ever been stored in.
    public var storedVersions: [String]?

    /// A status with the given fields.
    public init(
        conditions: [CustomResourceDefinitionCondition]? = nil, acceptedNames: AcceptedNames? = nil,
        storedVersions: [String]? = nil
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }

    /// `status.acceptedNames`: like ``CustomResourceDefinitionNames`` but every field may be empty.
    public struct AcceptedNames: Codable, Sendable, Hashable {
        /// The accepted plural name (`""` until accepted).
        public var plural: String?
        /// The accepted singular name.
        public var singular: String?
        /// The accepted kind (`""` until accepted).
        public var kind: String?
        /// The accepted list kind.
        public var listKind: String?
        /// The accepted short names.
        public var shortNames: [String]?
        /// The accepted categories.
        public var categories: [String]?

        /// Names with the given fields.
        public init(
            plural: String? = nil, singular: String? = nil, kind: String? = nil, listKind: String? = nil,
            shortNames: [String]? = nil, categories: [String]? = nil
        ) {
            self.plural = plural
            self.singular = singular
            self.kind = kind
            self.listKind = listKind
            self.shortNames = shortNames
            self.categories = categories
        }
    }
}
