public import JSON
public import KubeSchema

/// Field ownership for writes to the API server: server-side apply and the bookkeeping of ordinary
/// writes, in the manner of kube-apiserver's fieldmanager and sigs.k8s.io/structured-merge-diff.
///
/// Pure functions: objects in, object out; the caller supplies the time. Objects carry their ownership in
/// `metadata.managedFields`, which these functions read from the live object and write into the result.
///
/// Not modelled: the kubectl last-applied-configuration annotation interop, the cap of ten Update
/// managers ("ancient-changes"), and conversion between API versions (entries of every apiVersion are
/// compared against the object as given).
public enum FieldManager {
    /// Server-side apply of `applied` (an applied configuration) by `manager` onto `live` (nil when the
    /// object does not exist yet).
    ///
    /// - The result is `live` with `applied` merged in (applied values win for the fields it specifies;
    ///   list-map items merge by key, set items by value; atomic values are replaced).
    /// - Fields this manager applied last time and no longer specifies are removed from the object when
    ///   no other manager owns them, and merely released otherwise.
    /// - A field the configuration sets to a value different from the live one that another manager owns
    ///   is a conflict: without `force` this throws `.conflicts`; with `force` the other managers lose the
    ///   field. Fields the other managers own and the apply removes are released from them.
    /// - The manager's Apply entry holds exactly the applied field set (minus `ignoring` and the
    ///   server-owned metadata); entries left empty are dropped; entries are sorted as kube-apiserver
    ///   sorts them.
    /// - The entry's time becomes `now` only when the object itself changed. A no-op apply returns `live`
    ///   unchanged, managedFields included, so the caller can keep the resourceVersion; a new manager
    ///   whose apply changed nothing gets an entry without time.
    ///
    /// `ignoring` lists fields the endpoint resets (e.g. `.status` for a main resource whose status is a
    /// subresource): they are neither owned nor considered for conflicts.
    ///
    /// Throws `.badRequest` when `applied` lacks apiVersion or kind, has another apiVersion than
    /// `apiVersion`, or carries `metadata.managedFields`; `.invalid` when it does not conform to `schema`
    /// or the live managedFields cannot be decoded; `.conflicts` as above.
    public static func apply(
        live: JSONValue?, applied: JSONValue, manager: String, apiVersion: String, subresource: String? = nil,
        force: Bool, schema: StructuralSchema, now: String, ignoring: FieldSet = FieldSet()
    ) throws(ApplyError) -> JSONValue {
        try checkRequest(applied, apiVersion: apiVersion)
        let type = TypeRef(root: schema)
        try Typed.validate(applied, type)

        var managers: [ManagerKey: ManagedFieldsEntry]
        do {
            managers = byKey(try ManagedFieldsEntry.entries(of: live ?? .object([:])))
        } catch {
            throw .invalid("failed to decode managed fields: \(error.message)")
        }
        let liveBody = live.map(withoutManagedFields) ?? .object([:])
        let merged = Typed.merge(liveBody, applied, type)

        let entry = ManagedFieldsEntry(manager: manager, operation: ManagedFieldsEntry.apply, apiVersion: apiVersion,
                                       time: nil, fields: FieldSet(), subresource: subresource)
        let key = entry.key
        let lastSet = managers[key]?.fields
        var mine = managers[key] ?? entry
        mine.apiVersion = apiVersion
        mine.fields = Typed.fieldSet(applied, type).strippingServerMetadata().recursiveDifference(ignoring)
        managers[key] = mine

        let pruned = prune(merged, managers: managers, lastSet: lastSet, type)
        let comparison = Typed.compare(liveBody, pruned, type).excluding(ignoring)
        let changed = comparison.modified.union(comparison.added)

        var conflicts: [Conflict] = []
        for other in managers.keys.sorted() where other != key {
            for path in managers[other]!.fields.intersection(changed).paths {
                conflicts.append(Conflict(key: other, path: path))
            }
        }
        if !force && !conflicts.isEmpty { throw .conflicts(conflicts) }

        for other in managers.keys where other != key {
            managers[other]!.fields = managers[other]!.fields.difference(changed).difference(comparison.removed)
        }
        let objectChanged = pruned != liveBody
        if objectChanged { managers[key]!.time = now }
        return ManagedFieldsEntry.setting(sortedNonEmpty(managers), on: objectChanged ? pruned : liveBody)
    }

    /// Ownership bookkeeping for a write that is not an apply (create, update, patch) by `manager`:
    /// returns `new` with `metadata.managedFields` rewritten.
    ///
    /// - The fields whose values `new` changes or adds relative to `old` (nil on create: compared against
    ///   `{}`) move to `manager`'s Update entry for (`apiVersion`, `subresource`), merged with what that
    ///   entry owned before, and its time becomes `now`; other managers lose them.
    /// - Fields `new` removes are released by every manager. Entries left empty are dropped.
    /// - A write that changes nothing leaves every entry (and time) as it was.
    /// - Ownership starts from `new`'s own `metadata.managedFields` when the client sent a non-empty list
    ///   that decodes (and the write is not to a subresource), as kube-apiserver lets clients edit
    ///   managedFields directly; otherwise from `old`'s. So an omitted or empty list (`[]`) keeps the
    ///   server's entries, and `[{}]` resets them (only this write's changes are then recorded), which is
    ///   Kubernetes' documented way to clear managedFields. Undecodable live managedFields are dropped.
    ///
    /// For built-in kinds, kube-apiserver compares a create against the Go zero value of the type, in
    /// which non-pointer structs (spec, status, template, strategy...) already exist, so their `"."`
    /// markers are absent. Pass such a skeleton as `old` to reproduce that exactly; nil gives the
    /// custom-resource behaviour (`f:spec: {".": {}, …}`).
    public static func update(
        old: JSONValue?, new: JSONValue, manager: String, apiVersion: String, subresource: String? = nil,
        schema: StructuralSchema, now: String, ignoring: FieldSet = FieldSet()
    ) -> JSONValue {
        let type = TypeRef(root: schema)
        var start: [ManagedFieldsEntry] = []
        if subresource == nil, let sent = try? ManagedFieldsEntry.entries(of: new), !sent.isEmpty {
            start = sent
        } else if let old, let existing = try? ManagedFieldsEntry.entries(of: old) {
            start = existing
        }
        var managers = byKey(start)
        let oldBody = old.map(withoutManagedFields) ?? .object([:])
        let newBody = withoutManagedFields(new)
        let comparison = Typed.compare(oldBody, newBody, type).excluding(ignoring)
        let changed = comparison.modified.union(comparison.added)
        for key in managers.keys {
            managers[key]!.fields = managers[key]!.fields.difference(changed).difference(comparison.removed)
        }
        let current = changed.difference(comparison.removed).recursiveDifference(ignoring).strippingServerMetadata()
        if !current.isEmpty {
            let fresh = ManagedFieldsEntry(manager: manager, operation: ManagedFieldsEntry.update, apiVersion: apiVersion,
                                           time: now, fields: current, subresource: subresource)
            let previous = managers[fresh.key]?.fields ?? FieldSet()
            var entry = fresh
            entry.fields = previous.union(current)
            managers[fresh.key] = entry
        }
        return ManagedFieldsEntry.setting(sortedNonEmpty(managers), on: newBody)
    }

    // MARK: - Helpers

    /// Removes what `manager` applied last time (`lastSet`) and no longer applies, unless another
    /// manager (or its new configuration) owns it. Struct fields count as owned when anything below them
    /// is, so a struct disappears only when nobody owns anything in it.
    static func prune(_ merged: JSONValue, managers: [ManagerKey: ManagedFieldsEntry], lastSet: FieldSet?, _ type: TypeRef) -> JSONValue {
        guard let lastSet, !lastSet.isEmpty else { return merged }
        let owned = managers.values.reduce(FieldSet()) { $0.union($1.fields) }
        let present = Typed.ensuringNamedFieldsAreMembers(Typed.fieldSet(merged, type), type)
        let toRemove = present
            .difference(Typed.ensuringNamedFieldsAreMembers(owned, type))
            .intersection(Typed.ensuringNamedFieldsAreMembers(lastSet, type))
        return Typed.removing(toRemove, from: merged, type) ?? .object([:])
    }

    private static func checkRequest(_ applied: JSONValue, apiVersion: String) throws(ApplyError) {
        let version = applied["apiVersion"]?.stringValue ?? ""
        let kind = applied["kind"]?.stringValue ?? ""
        if version.isEmpty || kind.isEmpty {
            let parts = version.split(separator: "/", maxSplits: 1).map(String.init)
            let (group, v) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts.first ?? "")
            throw .badRequest("invalid object type: \(group)/\(v), Kind=\(kind)")
        }
        if version != apiVersion {
            throw .badRequest("Incorrect version specified in apply patch. Specified patch version: \(version), expected: \(apiVersion)")
        }
        if let mf = applied[path: ["metadata", "managedFields"]], !mf.isNull {
            throw .badRequest("metadata.managedFields must be nil")
        }
    }

    private static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        guard object[path: ["metadata", "managedFields"]] != nil else { return object }
        var copy = object
        copy.set(path: ["metadata", "managedFields"], to: nil)
        return copy
    }

    /// Entries by identity; a later entry with the same identity replaces an earlier one.
    private static func byKey(_ entries: [ManagedFieldsEntry]) -> [ManagerKey: ManagedFieldsEntry] {
        var out: [ManagerKey: ManagedFieldsEntry] = [:]
        for entry in entries { out[entry.key] = entry }
        return out
    }

    private static func sortedNonEmpty(_ managers: [ManagerKey: ManagedFieldsEntry]) -> [ManagedFieldsEntry] {
        ManagedFieldsEntry.sorted(managers.values.filter { !$0.fields.isEmpty })
    }
}
