/// A kubeconfig or in-cluster configuration that cannot be used.
///
/// `description` is one line naming the file, the position and the field where known:
/// `kubeconfig /home/me/.kube/config: line 7, column 5: users[0].user.client-certificate: file "/x.crt" does not exist`.
public struct KubeConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file, if the problem is in one.
    public let file: String?
    /// 1-based line of the offending node, if known.
    public let line: Int?
    /// 1-based column of the offending node, if known.
    public let column: Int?
    /// The field path (`clusters[0].cluster.server`), if the problem is a field.
    public let field: String?
    /// What is wrong and, where possible, what to do.
    public let message: String

    /// An error with every part given.
    public init(file: String?, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// The one-line message described on the type.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append("kubeconfig \(file)") }
        if let line, let column { parts.append("line \(line), column \(column)") }
        if let field { parts.append(field) }
        parts.append(message)
        return parts.joined(separator: ": ").split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
