/// A JSON document as a value tree: the common currency of the API server, the YAML layer and the
/// patch and schema machinery.
///
/// Integers that fit in `Int64` stay `.int`; every other number is `.double`. Equality is semantic:
/// object key order is ignored, and `.int(1) == .double(1.0)`. Objects keep insertion order so that
/// what a user wrote comes back in the order they wrote it.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b && Int64(exactly: b) == a
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .double(let d):
            if let i = Int64(exactly: d) { hasher.combine(i) } else { hasher.combine(d) }
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o): hasher.combine(o)
        }
    }
}

// MARK: - Accessors

extension JSONValue {
    /// The member `key` when this is an object; `nil` otherwise or when absent.
    public subscript(key: String) -> JSONValue? {
        get {
            if case .object(let o) = self { return o[key] }
            return nil
        }
        set {
            guard case .object(var o) = self else { return }
            self = .null
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    /// The value at a path of object keys, or `nil` where any step is missing or not an object.
    public subscript(path path: [String]) -> JSONValue? {
        var current = self
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    /// Sets the value at a path of object keys, creating intermediate objects (replacing non-objects).
    /// Setting `nil` removes the final key and leaves the intermediates in place.
    public mutating func set(path: [String], to value: JSONValue?) {
        guard let first = path.first else {
            self = value ?? .null
            return
        }
        guard case .object(var o) = self else {
            if value == nil { return }
            var fresh = JSONValue.object([:])
            fresh.set(path: path, to: value)
            self = fresh
            return
        }
        self = .null
        if path.count == 1 {
            o[first] = value
        } else {
            var child = o[first] ?? .object([:])
            if case .object = child {} else { child = .object([:]) }
            if value == nil, o[first] == nil {
                self = .object(o)
                return
            }
            child.set(path: Array(path.dropFirst()), to: value)
            o[first] = child
        }
        self = .object(o)
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }

    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// The integer value of `.int`, or of a `.double` that holds an exact integer.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    /// The numeric value of `.int` or `.double`.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// The JSON type name as JSON Schema spells it: null, boolean, integer, number, string, array, object.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double(let d): return Int64(exactly: d) == nil ? "number" : "integer"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}
