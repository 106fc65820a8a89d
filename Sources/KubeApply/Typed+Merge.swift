import JSON

extension Typed {
    /// Merges an applied configuration `rhs` into `lhs` (structured-merge-diff `Merge` with "keep RHS"):
    /// leaves and atomic values take rhs's value; granular maps keep lhs's members and merge rhs's into
    /// them (lhs order first, new members after); list-map and set items are matched by key/value and
    /// merged, in an order that follows rhs for the items it names and keeps lhs-only items in place.
    /// A null that rhs sets on a member that ends up null is dropped (the field is removed), while a null
    /// on a non-empty granular map or list keeps lhs's value, as structured-merge-diff does.
    static func merge(_ lhs: JSONValue?, _ rhs: JSONValue, _ type: TypeRef) -> JSONValue {
        let probe = rhs.isNull ? (lhs ?? rhs) : rhs
        switch type.shape(of: probe) {
        case .leaf:
            return rhs
        case .map:
            guard case .object(let ro) = rhs else {
                if rhs.isNull, case .object(let lo)? = lhs, !lo.isEmpty { return lhs! }
                return rhs
            }
            var lo = JSONObject()
            if let lhs {
                guard case .object(let o) = lhs else { return rhs }
                lo = o
            }
            if lo.isEmpty && ro.isEmpty { return rhs }
            var out = lo
            for (key, rv) in ro {
                let merged = merge(lo[key], rv, type.lenientMember(key).type)
                if rv.isNull && merged.isNull {
                    out.removeValue(forKey: key)
                } else {
                    out[key] = merged
                }
            }
            return .object(out)
        case .listMap, .listSet:
            let shape = type.shape(of: probe)
            guard case .array(let ra) = rhs else {
                if rhs.isNull, case .array(let la)? = lhs, !la.isEmpty { return lhs! }
                return rhs
            }
            var la: [JSONValue] = []
            if let lhs {
                guard case .array(let a) = lhs else { return rhs }
                la = a
            }
            if la.isEmpty && ra.isEmpty { return rhs }
            return .array(mergeItems(la, ra, shape: shape, type))
        }
    }

    /// A list's items indexed by path element: the order of first occurrences and the first item for
    /// each. Items that cannot be named are kept under a position-based element so they survive.
    static func index(_ items: [JSONValue], shape: Shape, _ type: TypeRef) -> (order: [PathElement], items: [PathElement: JSONValue]) {
        var order: [PathElement] = []
        var byElement: [PathElement: JSONValue] = [:]
        for (i, item) in items.enumerated() {
            let element: PathElement
            switch type.pathElement(of: item, shape: shape) {
            case .success(let e): element = e
            case .failure: element = .index(i)
            }
            if byElement[element] != nil { continue }
            byElement[element] = item
            order.append(element)
        }
        return (order, byElement)
    }

    /// structured-merge-diff's ordering of merged list items.
    private static func mergeItems(_ lhs: [JSONValue], _ rhs: [JSONValue], shape: Shape, _ type: TypeRef) -> [JSONValue] {
        let (lOrder, lItems) = index(lhs, shape: shape, type)
        let (rOrder, rItems) = index(rhs, shape: shape, type)
        let itemType = type.items
        var shared = rOrder.filter { lItems[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var mergedRHS: Set<PathElement> = []
        var out: [JSONValue] = []
        var l = 0, r = 0
        while l < lOrder.count || r < rOrder.count {
            if l < lOrder.count && r < rOrder.count {
                let element = lOrder[l]
                if element == rOrder[r] {
                    mergedRHS.insert(element)
                    out.append(merge(lItems[element], rItems[element]!, itemType))
                    l += 1
                    r += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if rItems[element] != nil, let next = nextShared, next != element {
                    l += 1
                    continue
                }
            }
            if l < lOrder.count {
                let element = lOrder[l]
                if rItems[element] == nil {
                    out.append(lItems[element]!)
                    l += 1
                    continue
                } else if mergedRHS.contains(element) {
                    l += 1
                    continue
                }
            }
            if r < rOrder.count {
                let element = rOrder[r]
                mergedRHS.insert(element)
                out.append(merge(lItems[element], rItems[element]!, itemType))
                r += 1
                if nextShared == element { nextShared = shared.popFirst() }
            }
        }
        return out
    }
}
