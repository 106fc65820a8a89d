import JSON

/// The difference between two versions of an object, as field sets (structured-merge-diff's
/// `Comparison`). No path is in more than one set.
struct Comparison {
    /// Paths present only in the new object (for maps and list items, the container itself and every
    /// path below it).
    var added = FieldSet()
    /// Leaf paths present in both with different values.
    var modified = FieldSet()
    /// Paths present only in the old object.
    var removed = FieldSet()

    /// The comparison without `fields` and everything below them.
    func excluding(_ fields: FieldSet) -> Comparison {
        guard !fields.isEmpty else { return self }
        return Comparison(
            added: added.recursiveDifference(fields),
            modified: modified.recursiveDifference(fields),
            removed: removed.recursiveDifference(fields))
    }
}

extension Typed {
    /// Compares `old` with `new`. Absent (nil) and null differ: a member that goes from null to a value
    /// is modified, one that appears is added. Granular maps and lists that are empty or null on both
    /// sides compare as leaves.
    static func compare(_ old: JSONValue, _ new: JSONValue, _ type: TypeRef) -> Comparison {
        var c = Comparison()
        compare(old, new, type, path: [], into: &c)
        return c
    }

    private static func compare(_ l: JSONValue?, _ r: JSONValue?, _ type: TypeRef, path: FieldPath, into c: inout Comparison) {
        func leaf() {
            if l == nil {
                c.added.insert(path)
            } else if r == nil {
                c.removed.insert(path)
            } else if l != r {
                c.modified.insert(path)
            }
        }
        func container() {
            if l == nil {
                c.added.insert(path)
            } else if r == nil {
                c.removed.insert(path)
            }
        }
        let probe: JSONValue
        if let r, !r.isNull { probe = r } else { probe = l ?? r ?? .null }
        let shape = type.shape(of: probe)
        switch shape {
        case .leaf:
            leaf()
        case .map:
            guard let left = objectOrEmpty(l), let right = objectOrEmpty(r) else { return leaf() }
            if left.isEmpty && right.isEmpty { return leaf() }
            var keys = left.keys
            keys.append(contentsOf: right.keys.filter { left[$0] == nil })
            for key in keys {
                compare(left[key], right[key], type.lenientMember(key).type, path: path.appending(.field(key)), into: &c)
            }
            container()
        case .listMap, .listSet:
            guard let la = arrayOrEmpty(l), let ra = arrayOrEmpty(r) else { return leaf() }
            if la.isEmpty && ra.isEmpty { return leaf() }
            let left = index(la, shape: shape, type)
            let right = index(ra, shape: shape, type)
            var order = left.order
            order.append(contentsOf: right.order.filter { left.items[$0] == nil })
            for element in order {
                compare(left.items[element], right.items[element], type.items, path: path.appending(element), into: &c)
            }
            container()
        }
    }

    /// The members of an object; empty for absent or null; nil for a value of another kind.
    private static func objectOrEmpty(_ v: JSONValue?) -> JSONObject? {
        switch v {
        case nil, .null?: return JSONObject()
        case .object(let o)?: return o
        default: return nil
        }
    }

    /// The items of an array; empty for absent or null; nil for a value of another kind.
    private static func arrayOrEmpty(_ v: JSONValue?) -> [JSONValue]? {
        switch v {
        case nil, .null?: return []
        case .array(let a)?: return a
        default: return nil
        }
    }
}
