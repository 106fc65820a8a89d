/// Why a patch could not be applied: a malformed patch body (HTTP 400) or a well-formed patch that does not
/// apply to the document (HTTP 422).
///
/// `description` is the precise, human message (it names the JSON-patch operation index and path, or the
/// strategic-merge-patch field path). kube-apiserver does not always send that text: for a JSON patch that
/// fails to apply it answers with a generic message and empty details. `wireMessage`, `httpStatus` and
/// `reason` say exactly what a compatible server puts in the `Status` it returns.
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How the server classifies the failure.
    public enum Kind: Sendable, Hashable {
        /// The patch body itself is unusable (not the right JSON shape, a bad directive): 400 BadRequest.
        case malformed
        /// The patch is well-formed but cannot be applied to this document: 422 Invalid.
        case invalid
    }

    /// The message kube-apiserver sends instead of the precise one when `hidesMessageOnWire` is true.
    public static let genericInvalidMessage = "the server rejected our request due to an error in our request"

    public let kind: Kind
    /// What went wrong, without the operation/field context (that is in `operationIndex`, `operation`, `path`).
    public let message: String
    /// The zero-based index of the failing JSON-patch operation, if the error belongs to one.
    public let operationIndex: Int?
    /// The failing JSON-patch operation's `op` as sent (may be empty when it was missing).
    public let operation: String?
    /// A JSON Pointer (JSON patch) or a dotted field path (strategic merge patch) where the failure happened.
    public let path: String?
    /// True when kube-apiserver replies with `genericInvalidMessage` and `details: {}` instead of the precise
    /// message (JSON-patch application failures, lists of lists in a strategic merge patch).
    public let hidesMessageOnWire: Bool

    public init(
        kind: Kind, message: String, operationIndex: Int? = nil, operation: String? = nil, path: String? = nil,
        hidesMessageOnWire: Bool = false
    ) {
        self.kind = kind
        self.message = message
        self.operationIndex = operationIndex
        self.operation = operation
        self.path = path
        self.hidesMessageOnWire = hidesMessageOnWire
    }

    /// The precise message with its context, e.g. `operation 1 (remove /data/x): path not found` or
    /// `spec.template.spec.containers: map: {"image":"x"} does not contain declared merge key: name`.
    public var description: String {
        if let operationIndex {
            let op = operation.map { $0.isEmpty ? "<no op>" : $0 } ?? "<no op>"
            return "operation \(operationIndex) (\(op) \(path ?? "<no path>")): \(message)"
        }
        if let path, !path.isEmpty { return "\(path): \(message)" }
        return message
    }

    /// The HTTP status kube-apiserver answers with: 400 for `.malformed`, 422 for `.invalid`.
    public var httpStatus: Int {
        switch kind {
        case .malformed: return 400
        case .invalid: return 422
        }
    }

    /// The `Status.reason` kube-apiserver answers with: `BadRequest` or `Invalid`.
    public var reason: String {
        switch kind {
        case .malformed: return "BadRequest"
        case .invalid: return "Invalid"
        }
    }

    /// The `Status.message` kube-apiserver sends: `genericInvalidMessage` when `hidesMessageOnWire`,
    /// otherwise `description`.
    public var wireMessage: String { hidesMessageOnWire ? Self.genericInvalidMessage : description }
}
