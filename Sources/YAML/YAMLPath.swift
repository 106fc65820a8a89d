/// The location of a node inside a document, as a list of object keys and array indices from the root.
///
/// Its description reads like kubectl's field paths: `spec.template.spec.containers[0].image`; keys that
/// are not simple identifiers are bracketed and quoted (`metadata.labels["app.kubernetes.io/name"]`), and
/// the root is `(root)`.
public struct YAMLPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step: a member of an object or an element of an array.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// Steps from the document root.
    public var components: [Component]

    /// The path through `components`; empty is the root.
    public init(_ components: [Component] = []) { self.components = components }

    /// `[.key("spec"), .index(0)]` is `spec[0]`.
    public init(arrayLiteral elements: Component...) { self.components = elements }

    /// True for the document root.
    public var isRoot: Bool { components.isEmpty }

    /// This path with one more step.
    public func appending(_ component: Component) -> YAMLPath { YAMLPath(components + [component]) }

    /// This path without its last step (the root stays the root).
    public var parent: YAMLPath { YAMLPath(Array(components.dropLast())) }

    /// The kubectl-style rendering described on the type.
    public var description: String {
        if components.isEmpty { return "(root)" }
        var out = ""
        for component in components {
            switch component {
            case .index(let i):
                out += "[\(i)]"
            case .key(let key) where Self.isIdentifier(key):
                if !out.isEmpty { out += "." }
                out += key
            case .key(let key):
                out += "[\"" + key.replacingQuotesAndBackslashes() + "\"]"
            }
        }
        return out
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, first != UInt8(ascii: "-") else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}

extension String {
    fileprivate func replacingQuotesAndBackslashes() -> String {
        var out = ""
        for ch in self {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
