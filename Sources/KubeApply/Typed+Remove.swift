import JSON

extension Typed {
    /// `value` without the members and list items named by `set` (relative to `value`). A path in the set
    /// removes the whole subtree; a granular map or associative list left empty by the removal is
    /// removed from its parent (nil). Atomic values are never entered.
    static func removing(_ set: FieldSet, from value: JSONValue, _ type: TypeRef) -> JSONValue? {
        guard !set.isEmpty else { return value }
        let shape = effectiveShape(value, type)
        switch (shape, value) {
        case (.map, .object(let o)):
            var out = JSONObject()
            for (key, child) in o {
                let element = PathElement.field(key)
                if set.members.contains(element) { continue }
                let below = set.child(element)
                if below.isEmpty {
                    out[key] = child
                } else if let kept = removing(below, from: child, type.lenientMember(key).type) {
                    out[key] = kept
                }
            }
            if out.isEmpty { return Optional.none }
            return .object(out)
        case (.listMap, .array(let items)), (.listSet, .array(let items)):
            var out: [JSONValue] = []
            for item in items {
                guard case .success(let element) = type.pathElement(of: item, shape: shape) else {
                    out.append(item)
                    continue
                }
                if set.members.contains(element) { continue }
                let below = set.child(element)
                if below.isEmpty {
                    out.append(item)
                } else if let kept = removing(below, from: item, type.items) {
                    out.append(kept)
                }
            }
            if out.isEmpty { return Optional.none }
            return .array(out)
        default:
            return value
        }
    }

    /// `set` plus, at every level, the declared struct fields that have children in it (not keys of
    /// maps, not list items): structured-merge-diff's `EnsureNamedFieldsAreMembers`, which makes pruning
    /// treat a struct field as owned when any field below it is owned.
    static func ensuringNamedFieldsAreMembers(_ set: FieldSet, _ type: TypeRef) -> FieldSet {
        var result = set
        for (element, child) in set.children {
            let childType: TypeRef
            if case .field(let name) = element {
                let (t, declared) = type.lenientMember(name)
                if declared && type.isMapTyped { result.insertMember(element) }
                childType = t
            } else {
                childType = type.items
            }
            result.setChild(element, ensuringNamedFieldsAreMembers(child, childType))
        }
        return result
    }
}

extension TypeRef {
    /// True when the schema describes an object (so its properties are struct fields).
    var isMapTyped: Bool {
        if isResource { return true }
        guard let s = schema else { return false }
        return s.type == "object" || !s.properties.isEmpty
    }
}
