/// Decodes any `Decodable` from a `JSONValue` tree, as `JSONDecoder` would from the same JSON text.
///
/// Strict like Kubernetes' decoding: strings, booleans and numbers do not convert into each other; an
/// integer type accepts `.int` and integral `.double`s within its range; `Float`/`Double` accept any
/// number (a `Float` only within its range). Missing keys are `keyNotFound`, `null` where a value is
/// required is `valueNotFound`, and every error's `codingPath` points at the offending value (array
/// elements as keys with an `intValue`). Debug descriptions read `expected a string, found an integer`.
/// Decoding `JSONValue` or `JSONObject` itself returns the subtree unchanged.
public struct JSONValueDecoder: Sendable {
    /// Passed to `Decoder.userInfo` of every decoder in the tree.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// A decoder that hands `userInfo` to every `init(from:)` it calls.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// `T` decoded from `value`; throws `DecodingError` (or what `T`'s initializer throws).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, codingPath: [], userInfo: userInfo).unbox(T.self)
    }
}

/// The decoder for one node of the tree.
private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let userInfoStorage: [CodingUserInfoKey: any Sendable]

    init(value: JSONValue, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.value = value
        self.codingPath = codingPath
        self.userInfoStorage = userInfo
    }

    var userInfo: [CodingUserInfoKey: Any] { userInfoStorage.mapValues { $0 as Any } }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch(KeyedDecodingContainer<Key>.self, expected: "an object")
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self, expected: "an array") }
        return UnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// The decoder for a child value at `key`.
    func child(_ value: JSONValue, key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], userInfo: userInfoStorage)
    }

    func unbox<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        if T.self == JSONObject.self {
            guard case .object(let members) = value else { throw mismatch(T.self, expected: "an object") }
            return members as! T
        }
        return try T(from: self)
    }

    func mismatch(_ type: Any.Type, expected: String) -> DecodingError {
        let context = DecodingError.Context(
            codingPath: codingPath, debugDescription: "expected \(expected), found \(Self.describe(value))")
        if value.isNull { return .valueNotFound(type, context) }
        return .typeMismatch(type, context)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double(let d): Int64(exactly: d) == nil ? "a number" : "an integer"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    func unboxBool() throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch(Bool.self, expected: "a boolean") }
        return b
    }

    func unboxString() throws -> String {
        guard case .string(let s) = value else { throw mismatch(String.self, expected: "a string") }
        return s
    }

    func unboxInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let result: I?
        switch value {
        case .int(let i): result = I(exactly: i)
        case .double(let d) where d == d.rounded(.towardZero) && d.isFinite: result = I(exactly: d)
        default: throw mismatch(I.self, expected: "an integer")
        }
        guard let result else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath, debugDescription: "\(Self.text(value)) is out of range for \(I.self)"))
        }
        return result
    }

    func unboxFloatingPoint<F: BinaryFloatingPoint>(_ type: F.Type) throws -> F {
        let d: Double
        switch value {
        case .int(let i): d = Double(i)
        case .double(let x): d = x
        default: throw mismatch(F.self, expected: "a number")
        }
        let result = F(d)
        guard result.isFinite || !d.isFinite else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath, debugDescription: "\(Self.text(value)) is out of range for \(F.self)"))
        }
        return result
    }

    private static func text(_ value: JSONValue) -> String {
        String(decoding: value.serialized(), as: UTF8.self)
    }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try unboxBool() }
    func decode(_ type: String.Type) throws -> String { try unboxString() }
    func decode(_ type: Double.Type) throws -> Double { try unboxFloatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try unboxFloatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try unboxInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try unboxInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try unboxInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try unboxInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try unboxInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try unboxInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unboxInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unboxInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unboxInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try unboxInteger(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try unbox(type) }
}

/// A coding key for array elements and `superDecoder()`.
private struct IndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init?(intValue: Int) { self.init(index: intValue) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: JSONObject

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child(_ key: Key) throws -> ValueDecoder {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "missing required field \"\(key.stringValue)\""))
        }
        return decoder.child(value, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).value.isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).unboxBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).unboxString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).unboxFloatingPoint(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).unboxFloatingPoint(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).unboxInteger(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).unboxInteger(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).unboxInteger(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).unboxInteger(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).unboxInteger(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).unboxInteger(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).unboxInteger(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).unboxInteger(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).unboxInteger(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).unboxInteger(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).unbox(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder.child(members["super"] ?? .null, key: IndexKey(stringValue: "super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(members[key.stringValue] ?? .null, key: key)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let items: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: ValueDecoder, items: [JSONValue]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// `body` applied to the current element's decoder; advances past the element only when it succeeds.
    private mutating func next<R>(_ body: (ValueDecoder) throws -> R) throws -> R {
        let key = IndexKey(index: currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(
                codingPath: codingPath + [key], debugDescription: "expected an element, found the end of the array"))
        }
        let result = try body(decoder.child(items[currentIndex], key: key))
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.unboxBool() } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.unboxString() } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.unboxFloatingPoint(type) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.unboxFloatingPoint(type) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.unboxInteger(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.unboxInteger(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.unbox(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next { $0 } }
}
