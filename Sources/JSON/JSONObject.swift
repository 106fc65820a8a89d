/// A JSON object that remembers insertion order.
///
/// Equality and hashing ignore order (two objects with the same members are equal). Assigning `nil`
/// through the subscript removes a member; assigning to an existing key keeps its position.
///
/// Members are stored in order; a key is found by a linear scan while the object has at most
/// ``indexThreshold`` members (most JSON objects: tensor headers, Kubernetes metadata, labels), and
/// through a key index beyond that. Small objects so cost no hashing at all.
public struct JSONObject: Sendable {
    private var members: [(key: String, value: JSONValue)]
    /// Key to position in `members`; nil while the object is small.
    private var index: [String: Int]?

    /// The member count above which lookups go through a key index.
    static let indexThreshold = 12

    public init() {
        members = []
        index = nil
    }

    /// Builds an object from pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { members.map(\.key) }

    /// Values in key order.
    public var values: [JSONValue] { members.map(\.value) }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            let existing = position(of: key)
            switch (existing, newValue) {
            case (let position?, let value?):
                members[position].value = value
            case (nil, let value?):
                members.append((key, value))
                if index != nil {
                    index![key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            case (let position?, nil):
                members.remove(at: position)
                if index != nil { rebuildIndex() }
            case (nil, nil):
                break
            }
        }
    }

    /// Removes `key` and returns its value, if present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = self[key]
        self[key] = nil
        return old
    }

    /// A copy with members ordered by key (byte-wise), the order Kubernetes uses for custom resources.
    public func sortedByKey() -> JSONObject {
        var copy = self
        copy.members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        if copy.index != nil { copy.rebuildIndex() }
        return copy
    }

    /// Returns a copy with the members for which `isIncluded` holds, in the same order.
    public func filter(_ isIncluded: (String, JSONValue) throws -> Bool) rethrows -> JSONObject {
        var result = JSONObject()
        for member in members where try isIncluded(member.key, member.value) { result[member.key] = member.value }
        return result
    }

    /// Returns a copy with each value transformed, keeping keys and order.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var result = self
        for position in result.members.indices { result.members[position].value = try transform(members[position].value) }
        return result
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var rebuilt = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { rebuilt[member.key] = position }
        index = rebuilt
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.makeIterator()
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Order-independent, as `==` is: the members' own hashes are combined with XOR.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
