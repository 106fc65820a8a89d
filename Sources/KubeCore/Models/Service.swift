/// `core/v1` Service: the fields Stockade's operator reads and writes.
public typealias Service = SpecStatusObject<ServiceKind>

/// The identity and parts of a `Service`.
public enum ServiceKind: SpecStatusKind {
    public typealias Spec = ServiceSpec
    public typealias Status = ServiceStatus
    public static let apiVersion = "v1"
    public static let kind = "Service"
    public static let resource = GroupVersionResource.services
}

/// `core/v1.ServiceSpec`, reduced to what Stockade sets.
public struct ServiceSpec: Codable, Sendable, Hashable {
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    /// Pods whose labels match receive the traffic.
    public var selector: [String: String]?
    /// The exposed ports.
    public var ports: [ServicePort]?
    /// The allocated virtual IP, or `None` for a headless service.
    public var clusterIP: String?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?

    /// A spec with the given fields.
    public init(
        type: String? = nil, selector: [String: String]? = nil, ports: [ServicePort]? = nil,
        clusterIP: String? = nil, sessionAffinity: String? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
        self.sessionAffinity = sessionAffinity
    }
}

/// `core/v1.ServicePort`.
public struct ServicePort: Codable, Sendable, Hashable {
    /// The port's name; required when there is more than one port.
    public var name: String?
    /// The port the service exposes.
    public var port: Int32
    /// The pod port, by number or container port name (server default: `port`).
    public var targetPort: IntOrString?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// The node port for `NodePort`/`LoadBalancer` services (allocated when unset).
    public var nodePort: Int32?

    /// A port with the given fields.
    public init(
        name: String? = nil, port: Int32, targetPort: IntOrString? = nil, protocol: String? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.port = port
        self.targetPort = targetPort
        self.protocol = `protocol`
        self.nodePort = nodePort
    }
}

/// `core/v1.ServiceStatus`.
public struct ServiceStatus: Codable, Sendable, Hashable {
    /// `core/v1.LoadBalancerStatus`.
    public struct LoadBalancer: Codable, Sendable, Hashable {
        /// Where the load balancer is reachable.
        public var ingress: [Ingress]?

        /// A status with the given ingress points.
        public init(ingress: [Ingress]? = nil) { self.ingress = ingress }
    }

    /// `core/v1.LoadBalancerIngress`.
    public struct Ingress: Codable, Sendable, Hashable {
        /// An IP address.
        public var ip: String?
        /// A DNS name.
        public var hostname: String?
        /// `VIP` or `Proxy`.
        public var ipMode: String?

        /// An ingress point with the given fields.
        public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil) {
            self.ip = ip
            self.hostname = hostname
            self.ipMode = ipMode
        }
    }

    /// The load balancer's state, for `LoadBalancer` services.
    public var loadBalancer: LoadBalancer?

    /// A status with the given load balancer state.
    public init(loadBalancer: LoadBalancer? = nil) { self.loadBalancer = loadBalancer }
}
