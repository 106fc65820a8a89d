/// `metav1.Condition`: one aspect of an object's observed state.
///
/// `type` is CamelCase (`Ready`), `status` is `True`, `False` or `Unknown`, `reason` is a CamelCase
/// machine-readable word and `message` is for humans. `lastTransitionTime` (RFC 3339) changes only when
/// `status` flips.
public struct Condition: Codable, Sendable, Hashable {
    /// The tri-state value of a condition.
    public enum Status: String, Codable, Sendable, Hashable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    /// The condition's type, e.g. `Ready`.
    public var type: String
    /// Whether the condition holds.
    public var status: Status
    /// The `metadata.generation` this condition was computed from.
    public var observedGeneration: Int64?
    /// When `status` last changed (RFC 3339).
    public var lastTransitionTime: String
    /// A CamelCase reason for the current status.
    public var reason: String
    /// A human-readable explanation; may be empty.
    public var message: String

    /// A condition with every field given.
    public init(
        type: String, status: Status, observedGeneration: Int64? = nil, lastTransitionTime: String,
        reason: String, message: String
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

extension [Condition] {
    /// The condition of `type`, if present.
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets `condition`, replacing one of the same type. The existing `lastTransitionTime` is kept when
    /// the status did not change, so the time records only real transitions.
    public mutating func set(_ condition: Condition) {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime
        }
        self[index] = updated
    }
}
