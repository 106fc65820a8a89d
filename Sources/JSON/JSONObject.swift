/// A JSON object that remembers insertion order.
///
/// Equality and hashing ignore order (two objects with the same members are equal). Assigning `nil`
/// through the subscript removes a member; assigning to an existing key keeps its position.
public struct JSONObject: Sendable {
    private var orderedKeys: [String]
    private var storage: [String: JSONValue]

    public init() {
        orderedKeys = []
        storage = [:]
    }

    /// Builds an object from pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { orderedKeys.count }
    public var isEmpty: Bool { orderedKeys.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { orderedKeys }

    /// Values in key order.
    public var values: [JSONValue] { orderedKeys.map { storage[$0]! } }

    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { orderedKeys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                orderedKeys.removeAll { $0 == key }
            }
        }
    }

    /// Removes `key` and returns its value, if present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = storage[key]
        self[key] = nil
        return old
    }

    /// A copy with members ordered by key (byte-wise), the order Kubernetes uses for custom resources.
    public func sortedByKey() -> JSONObject {
        var copy = self
        copy.orderedKeys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return copy
    }

    /// Returns a copy with the members for which `isIncluded` holds, in the same order.
    public func filter(_ isIncluded: (String, JSONValue) throws -> Bool) rethrows -> JSONObject {
        var result = JSONObject()
        for key in orderedKeys where try isIncluded(key, storage[key]!) { result[key] = storage[key]! }
        return result
    }

    /// Returns a copy with each value transformed, keeping keys and order.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for key in orderedKeys { result.storage[key] = try transform(storage[key]!) }
        return result
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        var index = 0
        let keys = orderedKeys
        let storage = storage
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (key: keys[index], value: storage[keys[index]]!)
        }
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
