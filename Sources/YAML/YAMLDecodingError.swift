/// A YAML document that parsed but does not fit the type it was decoded into.
///
/// Names the field by its path in the document and, where the document has one, the line and column
/// of that node: `line 5, column 13: clusters[0].cluster.server: expected a string, found an integer`.
public struct YAMLDecodingError: Error, Sendable, CustomStringConvertible {
    /// The node that did not fit (for a missing field: the object that lacks it).
    public let path: YAMLPath
    /// What is wrong with it, e.g. `expected a string, found an integer` or `missing required field "server"`.
    public let message: String
    /// Where the node starts; nil only when the document is empty.
    public let mark: YAMLMark?

    /// An error about the node at `path`, which starts at `mark` when known.
    public init(path: YAMLPath, message: String, mark: YAMLMark?) {
        self.path = path
        self.message = message
        self.mark = mark
    }

    /// 1-based line of the node, if known.
    public var line: Int? { mark?.line }
    /// 1-based column of the node, if known.
    public var column: Int? { mark?.column }

    /// `line L, column C: path: message`, or `path: message` without a position.
    public var description: String {
        let located = "\(path): \(message)"
        guard let mark else { return located }
        return "\(mark): \(located)"
    }
}
