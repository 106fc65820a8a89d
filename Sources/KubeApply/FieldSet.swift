/// A set of field paths, stored as a trie the way structured-merge-diff's `fieldpath.Set` is.
///
/// At each level, `members` are the path elements whose paths are in the set, and `children` hold the
/// sets below a path element. A path can be both a member and a prefix of other members: that is the
/// `"."` entry of fieldsV1. Children are never empty (an empty child is removed), so two sets with the
/// same paths are equal.
public struct FieldSet: Hashable, Sendable {
    /// Path elements that are members at this level.
    public private(set) var members: Set<PathElement>
    /// Non-empty sets below a path element.
    public private(set) var children: [PathElement: FieldSet]

    /// The empty set.
    public init() {
        members = []
        children = [:]
    }

    /// A set holding exactly `paths`.
    public init(_ paths: some Sequence<FieldPath>) {
        self.init()
        for path in paths { insert(path) }
    }

    /// True when no path is in the set.
    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// The number of paths in the set.
    public var count: Int { members.count + children.values.reduce(0) { $0 + $1.count } }

    /// Adds `path` (the empty path is ignored: the root is never a member).
    public mutating func insert(_ path: FieldPath) {
        insert(path.elements[...])
    }

    private mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let first = path.first else { return }
        if path.count == 1 {
            members.insert(first)
        } else {
            children[first, default: FieldSet()].insert(path.dropFirst())
        }
    }

    /// True when `path` itself is in the set (not merely a prefix of a member).
    public func contains(_ path: FieldPath) -> Bool {
        var node = self
        for (i, element) in path.elements.enumerated() {
            if i == path.elements.count - 1 { return node.members.contains(element) }
            guard let child = node.children[element] else { return false }
            node = child
        }
        return false
    }

    /// The set below `element` (paths with that first element, without it); empty when none.
    public func child(_ element: PathElement) -> FieldSet { children[element] ?? FieldSet() }

    /// Paths in either set.
    public func union(_ other: FieldSet) -> FieldSet {
        var result = self
        result.members.formUnion(other.members)
        for (element, set) in other.children {
            result.children[element] = result.children[element].map { $0.union(set) } ?? set
        }
        return result
    }

    /// Paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.members = members.intersection(other.members)
        for (element, set) in children {
            guard let theirs = other.children[element] else { continue }
            let common = set.intersection(theirs)
            if !common.isEmpty { result.children[element] = common }
        }
        return result
    }

    /// Paths in this set and not in `other`. Only exact paths are removed: removing `.spec` keeps
    /// `.spec.replicas` (see `recursiveDifference`).
    public func difference(_ other: FieldSet) -> FieldSet {
        var result = self
        result.members.subtract(other.members)
        for (element, set) in children {
            guard let theirs = other.children[element] else { continue }
            let rest = set.difference(theirs)
            result.children[element] = rest.isEmpty ? nil : rest
        }
        return result
    }

    /// Paths in this set that neither are in `other` nor lie below a path of `other`: removing `.status`
    /// removes `.status` and everything under it.
    public func recursiveDifference(_ other: FieldSet) -> FieldSet {
        var result = self
        result.members.subtract(other.members)
        for (element, set) in children {
            if other.members.contains(element) {
                result.children[element] = nil
            } else if let theirs = other.children[element] {
                let rest = set.recursiveDifference(theirs)
                result.children[element] = rest.isEmpty ? nil : rest
            }
        }
        return result
    }

    /// The members that are not also prefixes of other members (the `{}` entries of fieldsV1).
    public var leaves: FieldSet {
        var result = FieldSet()
        result.members = members.filter { children[$0] == nil }
        for (element, set) in children {
            let l = set.leaves
            if !l.isEmpty { result.children[element] = l }
        }
        return result
    }

    /// Every path in the set, in structured-merge-diff's iteration order: at each level the members
    /// (sorted), then each child's paths (children sorted).
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collectPaths(prefix: [], into: &out)
        return out
    }

    private func collectPaths(prefix: [PathElement], into out: inout [FieldPath]) {
        for element in members.sorted() { out.append(FieldPath(prefix + [element])) }
        for element in children.keys.sorted() {
            children[element]!.collectPaths(prefix: prefix + [element], into: &out)
        }
    }

    /// Replaces (or removes, when empty) the child set below `element`.
    mutating func setChild(_ element: PathElement, _ set: FieldSet) {
        children[element] = set.isEmpty ? nil : set
    }

    /// Adds `element` as a member at this level.
    mutating func insertMember(_ element: PathElement) {
        members.insert(element)
    }
}

extension FieldSet: CustomStringConvertible {
    /// One path per line, in iteration order.
    public var description: String { paths.map(\.description).joined(separator: "\n") }
}
