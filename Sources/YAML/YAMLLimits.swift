/// Bounds that keep hostile YAML from exhausting memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// Most nodes a stream may compose to, counting every node an alias expands to (billion-laughs guard).
    public var maxNodes: Int
    /// Deepest nesting of collections, counted from the document root (which is depth 1).
    public var maxDepth: Int

    /// Limits with the given bounds; the defaults are those of `.default`.
    public init(maxNodes: Int = 1_000_000, maxDepth: Int = 256) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// 1,000,000 nodes, 256 levels.
    public static let `default` = YAMLLimits()
}
