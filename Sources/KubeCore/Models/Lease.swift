/// `coordination.k8s.io/v1` Lease, as used for leader election.
public typealias Lease = SpecStatusObject<LeaseKind>

/// The identity and parts of a `Lease`.
public enum LeaseKind: SpecStatusKind {
    public typealias Spec = LeaseSpec
    public typealias Status = NoStatus
    public static let apiVersion = "coordination.k8s.io/v1"
    public static let kind = "Lease"
    public static let resource = GroupVersionResource.leases
}

/// `coordination.k8s.io/v1.LeaseSpec`. Times are MicroTime strings (see ``MicroTime``).
public struct LeaseSpec: Codable, Sendable, Hashable {
    /// The current holder's identity.
    public var holderIdentity: String?
    /// Seconds candidates wait after `renewTime` before taking over.
    public var leaseDurationSeconds: Int32?
    /// When the current holder acquired the lease (MicroTime).
    public var acquireTime: String?
    /// When the holder last renewed the lease (MicroTime).
    public var renewTime: String?
    /// How many times the lease changed holders.
    public var leaseTransitions: Int32?

    /// A spec with the given fields.
    public init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: String? = nil,
        renewTime: String? = nil, leaseTransitions: Int32? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
