public import JSON

/// Why a server-side apply was refused. Each case says how kube-apiserver answers it.
public enum ApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fields the applier sets to new values are owned by other managers and `force` was false.
    /// kube-apiserver answers 409, reason "Conflict", with `message` and `details.causes` = `causes`
    /// (and nothing else in details). Conflicts are ordered by manager identity, then by path.
    case conflicts([Conflict])
    /// The applied configuration does not conform to the schema (an undeclared field, a list-map item
    /// without a key field, duplicate items). The message is structured-merge-diff's and names the path,
    /// e.g. `.spec.bogus: field not declared in schema`; kube-apiserver answers 500 (no reason) with
    /// `failed to create typed patch object (/NAME; GROUP/VERSION, Kind=KIND): ` + message.
    case invalid(String)
    /// The request cannot be an apply at all (no apiVersion/kind, a different apiVersion than the
    /// endpoint, managedFields in the body); kube-apiserver answers 400 BadRequest with this message.
    case badRequest(String)

    /// The Status message kube-apiserver sends.
    public var message: String {
        switch self {
        case .conflicts(let conflicts): return Conflict.message(for: conflicts)
        case .invalid(let m), .badRequest(let m): return m
        }
    }

    /// `details.causes` of the 409 Status: `[{"reason":"FieldManagerConflict","message":…,"field":…}]`;
    /// empty for the other cases.
    public var causes: JSONValue {
        guard case .conflicts(let conflicts) = self else { return [] }
        return .array(conflicts.map(\.cause))
    }

    /// The message.
    public var description: String { message }
}

/// One field of an apply that another manager owns with a different value.
public struct Conflict: Sendable, Hashable {
    /// The other manager's name.
    public var manager: String
    /// The other manager's operation ("Apply" or "Update").
    public var operation: String
    /// The other manager's apiVersion (empty for Apply managers: it is not part of their identity).
    public var apiVersion: String
    /// The other manager's subresource, or nil.
    public var subresource: String?
    /// The conflicting field.
    public var path: FieldPath

    /// A conflict; the apiVersion of an Apply manager and an empty subresource are dropped, as they are
    /// not part of such a manager's identity.
    public init(manager: String, operation: String, apiVersion: String, subresource: String?, path: FieldPath) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = operation == ManagedFieldsEntry.apply ? "" : apiVersion
        self.subresource = subresource.flatMap { $0.isEmpty ? nil : $0 }
        self.path = path
    }

    init(key: ManagerKey, path: FieldPath) {
        self.init(manager: key.manager, operation: key.operation, apiVersion: key.apiVersion,
                  subresource: key.subresource, path: path)
    }

    var key: ManagerKey {
        ManagerKey(manager: manager, operation: operation, apiVersion: apiVersion, subresource: subresource ?? "")
    }

    /// The manager as kube-apiserver names it: `"a"`, or `"m" using apps/v1` for an Update manager,
    /// with ` with subresource "status"` after the name when there is one.
    public var managerDescription: String { key.displayName }

    /// The cause message: `conflict with "a"`.
    public var causeMessage: String { "conflict with \(managerDescription)" }

    /// The cause field: the path as printed, e.g. `.spec.replicas`.
    public var field: String { path.description }

    /// The Status cause object: `{"reason":"FieldManagerConflict","message":…,"field":…}`.
    public var cause: JSONValue {
        ["reason": "FieldManagerConflict", "message": .string(causeMessage), "field": .string(field)]
    }

    /// kube-apiserver's message for a list of conflicts:
    /// `Apply failed with 1 conflict: conflict with "a": .spec.replicas`, or for several
    /// `Apply failed with 2 conflicts: conflicts with "a":\n- .spec.replicas\n- …` grouped by manager
    /// (managers in identity order, each manager's paths in the order given).
    public static func message(for conflicts: [Conflict]) -> String {
        if conflicts.count == 1 {
            return "Apply failed with 1 conflict: conflict with \(conflicts[0].managerDescription): \(conflicts[0].field)"
        }
        var byManager: [ManagerKey: [FieldPath]] = [:]
        for c in conflicts { byManager[c.key, default: []].append(c.path) }
        var lines: [String] = []
        for key in byManager.keys.sorted() {
            lines.append("conflicts with \(key.displayName):")
            lines.append(contentsOf: byManager[key]!.map { "- \($0)" })
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }
}
