/// A YAML document that could not be read: a syntax error reported by libyaml, or a value that the
/// Kubernetes reading rules reject (duplicate key, unknown tag, infinite number, alias bomb, ...).
///
/// Every error carries the 1-based position of the offending character or node.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, without the position.
    public let message: String
    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column of the problem (counted in characters as libyaml counts them).
    public let column: Int

    /// An error at a 1-based line and column.
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ message: String, at mark: YAMLMark) {
        self.init(message: message, line: mark.line, column: mark.column)
    }

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}
