/// `gateway.networking.k8s.io/v1` HTTPRoute: the fields Stockade uses to split traffic between backends.
public typealias HTTPRoute = SpecStatusObject<HTTPRouteKind>

/// The identity and parts of a `HTTPRoute`.
public enum HTTPRouteKind: SpecStatusKind {
    public typealias Spec = HTTPRouteSpec
    public typealias Status = HTTPRouteStatus
    public static let apiVersion = "gateway.networking.k8s.io/v1"
    public static let kind = "HTTPRoute"
    public static let resource = GroupVersionResource.httpRoutes
}

/// `gateway.networking.k8s.io/v1.ParentReference`: the Gateway (or other parent) a route attaches to.
public struct ParentReference: Codable, Sendable, Hashable {
    /// The parent's group (default `gateway.networking.k8s.io`).
    public var group: String?
    /// The parent's kind (default `Gateway`).
    public var kind: String?
    /// The parent's name.
    public var name: String
    /// The parent's namespace (default: the route's).
    public var namespace: String?
    /// A listener name on the parent.
    public var sectionName: String?
    /// A listener port on the parent.
    public var port: Int32?

    /// A reference with the given fields.
    public init(
        group: String? = nil, kind: String? = nil, name: String, namespace: String? = nil,
        sectionName: String? = nil, port: Int32? = nil
    ) {
        self.group = group
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.sectionName = sectionName
        self.port = port
    }
}

/// `gateway.networking.k8s.io/v1.HTTPRouteSpec`.
public struct HTTPRouteSpec: Codable, Sendable, Hashable {
    /// The parents the route attaches to.
    public var parentRefs: [ParentReference]?
    /// Host names matched against the Host header.
    public var hostnames: [String]?
    /// The routing rules.
    public var rules: [Rule]?

    /// A spec with the given fields.
    public init(parentRefs: [ParentReference]? = nil, hostnames: [String]? = nil, rules: [Rule]? = nil) {
        self.parentRefs = parentRefs
        self.hostnames = hostnames
        self.rules = rules
    }

    /// `HTTPRouteRule`: matches and the weighted backends they go to.
    public struct Rule: Codable, Sendable, Hashable {
        /// The rule's name (optional, unique in the route).
        public var name: String?
        /// Requests matching any of these take this rule (default: path prefix `/`).
        public var matches: [Match]?
        /// Where matching requests go, split by weight.
        public var backendRefs: [BackendRef]?

        /// A rule with the given fields.
        public init(name: String? = nil, matches: [Match]? = nil, backendRefs: [BackendRef]? = nil) {
            self.name = name
            self.matches = matches
            self.backendRefs = backendRefs
        }
    }

    /// `HTTPRouteMatch`, with path matching only.
    public struct Match: Codable, Sendable, Hashable {
        /// The path condition.
        public var path: PathMatch?

        /// A match with the given path condition.
        public init(path: PathMatch? = nil) { self.path = path }
    }

    /// `HTTPPathMatch`.
    public struct PathMatch: Codable, Sendable, Hashable {
        /// `PathPrefix` (default), `Exact` or `RegularExpression`.
        public var type: String?
        /// The path, e.g. `/v2/models`.
        public var value: String?

        /// A path match with the given fields.
        public init(type: String? = nil, value: String? = nil) {
            self.type = type
            self.value = value
        }
    }

    /// `HTTPBackendRef`: a weighted backend (a Service unless group/kind say otherwise).
    public struct BackendRef: Codable, Sendable, Hashable {
        /// The backend's group (default `""`, the core group).
        public var group: String?
        /// The backend's kind (default `Service`).
        public var kind: String?
        /// The backend's name.
        public var name: String
        /// The backend's namespace (default: the route's; other namespaces need a ReferenceGrant).
        public var namespace: String?
        /// The backend port; required for Services.
        public var port: Int32?
        /// The share of traffic relative to the rule's other backends (default 1; 0 sends none).
        public var weight: Int32?

        /// A backend with the given fields.
        public init(
            group: String? = nil, kind: String? = nil, name: String, namespace: String? = nil, port: Int32? = nil,
            weight: Int32? = nil
        ) {
            self.group = group
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.port = port
            self.weight = weight
        }
    }
}

/// `gateway.networking.k8s.io/v1.HTTPRouteStatus`.
public struct HTTPRouteStatus: Codable, Sendable, Hashable {
    /// `RouteParentStatus`: one parent's view of the route.
    public struct Parent: Codable, Sendable, Hashable {
        /// The parent this status is for.
        public var parentRef: ParentReference
        /// The controller that wrote this entry, e.g. `gateway.envoyproxy.io/gatewayclass-controller`.
        public var controllerName: String
        /// `Accepted`, `ResolvedRefs`, ...
        public var conditions: [Condition]?

        /// A parent status with the given fields.
        public init(parentRef: ParentReference, controllerName: String, conditions: [Condition]? = nil) {
            self.parentRef = parentRef
            self.controllerName = controllerName
            self.conditions = conditions
        }
    }

    /// One entry per parent and controller.
    public var parents: [Parent]?

    /// A status with the given entries.
    public init(parents: [Parent]? = nil) { self.parents = parents }
}
