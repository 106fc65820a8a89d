import Synchronization

/// Whether the server reports ready: set once the model is loaded and warmed up, cleared for good
/// when draining starts.
public final class Readiness: Sendable {
    private let ready = Atomic<Bool>(false)
    private let draining = Atomic<Bool>(false)

    public init() {}

    /// True when warm and not draining.
    public var isReady: Bool { ready.load(ordering: .acquiring) && !draining.load(ordering: .acquiring) }

    /// Marks the model loaded and warmed up.
    public func markWarm() { ready.store(true, ordering: .releasing) }

    /// Turns readiness off permanently (graceful shutdown began).
    public func startDraining() { draining.store(true, ordering: .releasing) }
}
