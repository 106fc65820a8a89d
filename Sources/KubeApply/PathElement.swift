public import JSON

/// One step of a field path, as structured-merge-diff models it.
///
/// - `field`: a member of an object (`f:name` in fieldsV1, `.name` when printed);
/// - `key`: an item of a list of type "map", named by its key fields sorted by name
///   (`k:{"name":"web"}`, printed `[name="web"]`);
/// - `value`: an item of a list of type "set", named by its value (`v:"a"`, printed `[="a"]`);
/// - `index`: an item of a list by position (`i:0`, printed `[0]`); Kubernetes never records these
///   for atomic lists, which are owned as a whole, but they decode.
///
/// Ordering is structured-merge-diff's: fields < keys < values < indexes, fields byte-wise by name.
public enum PathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    case field(String)
    case key([KeyField])
    case value(JSONValue)
    case index(Int)

    /// One key field of a list-map item.
    public struct KeyField: Hashable, Sendable {
        /// The key field's name ("name", "containerPort").
        public var name: String
        /// The item's value of that field (or the schema default when the item omits it).
        public var value: JSONValue

        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A key path element from key fields in any order (they are sorted by name).
    public static func keyed(_ fields: [(String, JSONValue)]) -> PathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
    }

    /// The element as a conflict message prints it: `.spec`, `[name="web"]`, `[="a"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields): return "[" + fields.map { "\($0.name)=\(GoStrings.display($0.value))" }.joined(separator: ",") + "]"
        case .value(let v): return "[=" + GoStrings.display(v) + "]"
        case .index(let i): return "[\(i)]"
        }
    }

    /// The element as a fieldsV1 object key: `f:name`, `k:{"name":"web"}`, `v:"a"`, `i:0`.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            return "k:{" + fields.map { GoStrings.jsonString($0.name) + ":" + GoStrings.json($0.value) }.joined(separator: ",") + "}"
        case .value(let v): return "v:" + GoStrings.json(v)
        case .index(let i): return "i:\(i)"
        }
    }

    /// Parses a fieldsV1 object key (not "."); nil when the key is not a valid path element.
    public init?(fieldsV1Key key: String) {
        guard key.count >= 2, key.utf8.dropFirst().first == UInt8(ascii: ":") else { return nil }
        let rest = String(key.dropFirst(2))
        switch key.first {
        case "f":
            self = .field(rest)
        case "k":
            guard case .object(let o)? = try? JSONValue.parse(rest), !o.isEmpty else { return nil }
            self = .keyed(o.map { ($0.key, $0.value) })
        case "v":
            guard let v = try? JSONValue.parse(rest) else { return nil }
            self = .value(v)
        case "i":
            guard let i = Int(rest) else { return nil }
            self = .index(i)
        default:
            return nil
        }
    }

    /// structured-merge-diff's order (see the type's documentation).
    public static func < (lhs: PathElement, rhs: PathElement) -> Bool { lhs.compare(rhs) < 0 }

    /// -1, 0 or 1, in structured-merge-diff's order.
    func compare(_ rhs: PathElement) -> Int {
        switch (self, rhs) {
        case let (.field(a), .field(b)): return ValueOrder.compareStrings(a, b)
        case (.field, _): return -1
        case (_, .field): return 1
        case let (.key(a), .key(b)):
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            for (x, y) in zip(a, b) {
                let c = ValueOrder.compareStrings(x.name, y.name)
                if c != 0 { return c }
                let d = ValueOrder.compare(x.value, y.value)
                if d != 0 { return d }
            }
            return 0
        case (.key, _): return -1
        case (_, .key): return 1
        case let (.value(a), .value(b)): return ValueOrder.compare(a, b)
        case (.value, _): return -1
        case (_, .value): return 1
        case let (.index(a), .index(b)): return a == b ? 0 : (a < b ? -1 : 1)
        }
    }
}

/// A path from the root of an object to a field or list item.
public struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The steps from the root; never empty for a path in a `FieldSet`.
    public var elements: [PathElement]

    /// The path through `elements`.
    public init(_ elements: [PathElement]) { self.elements = elements }
    /// The path through the literal's elements.
    public init(arrayLiteral elements: PathElement...) { self.elements = elements }

    /// A path of object members only, e.g. `FieldPath(fields: "spec", "replicas")`.
    public init(fields names: String...) { elements = names.map(PathElement.field) }

    /// The path as kube-apiserver prints it in conflicts: `.spec.template.spec.containers[name="web"].image`.
    public var description: String { elements.map(\.description).joined() }

    /// Element-wise structured-merge-diff order; a prefix sorts first.
    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        for (a, b) in zip(lhs.elements, rhs.elements) {
            let c = a.compare(b)
            if c != 0 { return c < 0 }
        }
        return lhs.elements.count < rhs.elements.count
    }

    /// This path extended by `element`.
    public func appending(_ element: PathElement) -> FieldPath { FieldPath(elements + [element]) }
}

/// structured-merge-diff's total order on values (`value.Compare`): numbers < strings < booleans <
/// lists < maps < null; integers and floats compare numerically.
enum ValueOrder {
    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    private static func rank(_ v: JSONValue) -> Int {
        switch v {
        case .int, .double: return 0
        case .string: return 1
        case .bool: return 2
        case .array: return 3
        case .object: return 4
        case .null: return 5
        }
    }

    static func compare(_ a: JSONValue, _ b: JSONValue) -> Int {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case let (.int(x), .int(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.doubleValue!, y = b.doubleValue!
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.string(x), .string(y)): return compareStrings(x, y)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.array(x), .array(y)):
            for (p, q) in zip(x, y) {
                let c = compare(p, q)
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case let (.object(x), .object(y)):
            let kx = x.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let ky = y.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (p, q) in zip(kx, ky) {
                let c = compareStrings(p, q)
                if c != 0 { return c }
                let d = compare(x[p]!, y[q]!)
                if d != 0 { return d }
            }
            return kx.count == ky.count ? 0 : (kx.count < ky.count ? -1 : 1)
        default: return 0
        }
    }
}
