public import JSON

/// One parsed document together with where each of its nodes starts in the source text.
public struct YAMLDocument: Sendable, Hashable {
    /// The document's value.
    public var value: JSONValue
    /// The start of every node reachable without going through an alias or a merge key, by path.
    /// Nodes inside an alias expansion or a merged mapping have no entry of their own.
    public var positions: [YAMLPath: YAMLMark]

    /// A document from its value and (possibly no) node positions.
    public init(value: JSONValue, positions: [YAMLPath: YAMLMark] = [:]) {
        self.value = value
        self.positions = positions
    }

    /// The position of the node at `path`, or of its nearest ancestor that has one; nil when not even
    /// the root has a position (an empty document).
    public func position(of path: YAMLPath) -> YAMLMark? {
        var components = path.components[...]
        while true {
            if let mark = positions[YAMLPath(Array(components))] { return mark }
            if components.isEmpty { return nil }
            components = components.dropLast()
        }
    }
}
