public import JSON

/// One entry of `metadata.managedFields`: the fields one manager owns through one kind of operation.
///
/// An Apply entry is identified by (manager, subresource); an Update entry by (manager, apiVersion,
/// subresource), as kube-apiserver's manager identifiers are. `time` is RFC 3339 in UTC with whole
/// seconds, and absent when the manager never changed the object (a first apply that matched the live
/// values exactly).
public struct ManagedFieldsEntry: Hashable, Sendable {
    /// The `operation` of an entry written by server-side apply.
    public static let apply = "Apply"
    /// The `operation` of an entry written by create, update and non-apply patches.
    public static let update = "Update"

    /// The field manager's name (`fieldManager`, or the client's User-Agent up to the first "/").
    public var manager: String
    /// "Apply" or "Update" (other strings decode, and are kept as they are).
    public var operation: String
    /// The group/version the fields are expressed in ("apps/v1", "v1").
    public var apiVersion: String
    /// When the manager last changed the object (RFC 3339, UTC, whole seconds), or nil.
    public var time: String?
    /// The owned fields (`fieldsV1`).
    public var fields: FieldSet
    /// The subresource the writes went through ("status", "scale"), or nil for the main resource.
    public var subresource: String?

    /// An entry; an empty `subresource` is stored as nil.
    public init(manager: String, operation: String, apiVersion: String, time: String?, fields: FieldSet, subresource: String? = nil) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The entry as Kubernetes serializes it: keys in the order manager, operation, apiVersion, time,
    /// fieldsType ("FieldsV1"), fieldsV1, subresource; empty strings and a missing time left out.
    public var json: JSONValue {
        var o = JSONObject()
        if !manager.isEmpty { o["manager"] = .string(manager) }
        if !operation.isEmpty { o["operation"] = .string(operation) }
        if !apiVersion.isEmpty { o["apiVersion"] = .string(apiVersion) }
        if let time { o["time"] = .string(time) }
        o["fieldsType"] = "FieldsV1"
        o["fieldsV1"] = fields.fieldsV1
        if let subresource { o["subresource"] = .string(subresource) }
        return .object(o)
    }

    /// Decodes one entry. Missing strings decode as empty and a missing fieldsV1 as the empty set, as
    /// kube-apiserver does (so `[{}]` decodes to one entry that owns nothing).
    public init(json: JSONValue) throws(ManagedFieldsError) {
        guard case .object(let o) = json else {
            throw ManagedFieldsError("managedFields entry must be an object, got \(json.typeName)")
        }
        func string(_ key: String) throws(ManagedFieldsError) -> String? {
            guard let v = o[key], !v.isNull else { return nil }
            guard let s = v.stringValue else { throw ManagedFieldsError("managedFields entry \(key) must be a string") }
            return s
        }
        manager = try string("manager") ?? ""
        operation = try string("operation") ?? ""
        apiVersion = try string("apiVersion") ?? ""
        time = try string("time")
        subresource = try string("subresource").flatMap { $0.isEmpty ? nil : $0 }
        if let type = try string("fieldsType"), !type.isEmpty, type != "FieldsV1" {
            throw ManagedFieldsError("managedFields entry for \(GoStrings.quote(manager)) has unsupported fieldsType \(GoStrings.quote(type))")
        }
        if let raw = o["fieldsV1"], !raw.isNull {
            do { fields = try FieldSet(fieldsV1: raw) } catch {
                throw ManagedFieldsError("managedFields entry for \(GoStrings.quote(manager)): \(error.message)")
            }
        } else {
            fields = FieldSet()
        }
    }

    /// The entries of `object`'s `metadata.managedFields` in their order; empty when absent or null.
    public static func entries(of object: JSONValue) throws(ManagedFieldsError) -> [ManagedFieldsEntry] {
        guard let list = object[path: ["metadata", "managedFields"]], !list.isNull else { return [] }
        guard case .array(let items) = list else {
            throw ManagedFieldsError("metadata.managedFields must be a list, got \(list.typeName)")
        }
        var out: [ManagedFieldsEntry] = []
        for item in items { out.append(try ManagedFieldsEntry(json: item)) }
        return out
    }

    /// `object` with `metadata.managedFields` set to `entries` (in the given order), or without the key
    /// when `entries` is empty. The key is written last in `metadata`, where Kubernetes puts it.
    public static func setting(_ entries: [ManagedFieldsEntry], on object: JSONValue) -> JSONValue {
        var result = object
        result.set(path: ["metadata", "managedFields"], to: nil)
        if !entries.isEmpty {
            result.set(path: ["metadata", "managedFields"], to: .array(entries.map(\.json)))
        }
        return result
    }

    /// `entries` in kube-apiserver's order: Apply before Update, then by time (a missing time first),
    /// then manager, apiVersion and subresource.
    public static func sorted(_ entries: [ManagedFieldsEntry]) -> [ManagedFieldsEntry] {
        entries.sorted { p, q in
            if p.operation != q.operation { return p.operation == apply }
            let pt = p.time ?? "", qt = q.time ?? ""
            if pt != qt { return pt < qt }
            if p.manager != q.manager { return p.manager.utf8.lexicographicallyPrecedes(q.manager.utf8) }
            if p.apiVersion != q.apiVersion { return p.apiVersion.utf8.lexicographicallyPrecedes(q.apiVersion.utf8) }
            return (p.subresource ?? "").utf8.lexicographicallyPrecedes((q.subresource ?? "").utf8)
        }
    }

    /// The identity kube-apiserver uses to tell managers apart.
    var key: ManagerKey {
        ManagerKey(manager: manager, operation: operation, apiVersion: operation == ManagedFieldsEntry.apply ? "" : apiVersion,
                   subresource: subresource ?? "")
    }
}

/// A `metadata.managedFields` value that cannot be decoded.
public struct ManagedFieldsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the entry's manager where known.
    public let message: String

    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A manager identity: the fields of a managedFields entry that tell managers apart.
struct ManagerKey: Hashable, Comparable {
    let manager: String
    let operation: String
    /// Empty for Apply entries: an applier keeps one entry whatever apiVersion it applies with.
    let apiVersion: String
    let subresource: String

    /// The identifier as kube-apiserver serializes it (Go JSON of the entry without fieldsType,
    /// fieldsV1 and time), which is also the order conflicts are reported in.
    var identifier: String {
        var parts: [String] = []
        if !manager.isEmpty { parts.append("\"manager\":" + GoStrings.jsonString(manager)) }
        if !operation.isEmpty { parts.append("\"operation\":" + GoStrings.jsonString(operation)) }
        if !apiVersion.isEmpty { parts.append("\"apiVersion\":" + GoStrings.jsonString(apiVersion)) }
        if !subresource.isEmpty { parts.append("\"subresource\":" + GoStrings.jsonString(subresource)) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// How conflict messages name the manager: `"a"`, `"m" using apps/v1`,
    /// `"kcm" with subresource "status" using apps/v1`.
    var displayName: String {
        var s = GoStrings.quote(manager)
        if !subresource.isEmpty { s += " with subresource \(GoStrings.quote(subresource))" }
        if operation == ManagedFieldsEntry.update { s += " using \(apiVersion)" }
        return s
    }

    static func < (a: ManagerKey, b: ManagerKey) -> Bool { a.identifier.utf8.lexicographicallyPrecedes(b.identifier.utf8) }
}
