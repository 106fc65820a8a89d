import JSON

extension JSONPatch.Operation {
    typealias Failure = JSONPatch.Failure

    /// This operation applied to `document` (RFC 6902 section 4).
    func apply(to document: JSONValue) throws(Failure) -> JSONValue {
        switch op {
        case "add":
            return try JSONPatch.adding(try requiredValue(), at: try pointer(path, "path")[...], in: document)
        case "remove":
            let target = try pointer(path, "path")
            guard !target.isEmpty else { throw Failure("cannot remove the whole document") }
            return try JSONPatch.removing(at: target[...], in: document).document
        case "replace":
            let value = try requiredValue()
            return try JSONPatch.replacing(at: try pointer(path, "path")[...], with: value, in: document)
        case "move":
            let source = try pointer(from, "from")
            let target = try pointer(path, "path")
            if source == target {
                guard JSONPatch.value(at: source[...], in: document) != nil else { throw Failure("from not found") }
                return document
            }
            if target.count > source.count, Array(target.prefix(source.count)) == source {
                throw Failure("cannot move a value into one of its own children")
            }
            guard !source.isEmpty else { throw Failure("cannot move the whole document") }
            let (removed, value) = try JSONPatch.removing(at: source[...], in: document, role: "from")
            return try JSONPatch.adding(value, at: target[...], in: removed)
        case "copy":
            let source = try pointer(from, "from")
            guard let value = JSONPatch.value(at: source[...], in: document) else {
                throw Failure("from not found")
            }
            return try JSONPatch.adding(value, at: try pointer(path, "path")[...], in: document)
        case "test":
            let expected = try requiredValue()
            guard let actual = JSONPatch.value(at: try pointer(path, "path")[...], in: document) else {
                throw Failure("path not found")
            }
            guard actual == expected else {
                throw Failure("test failed: the value is \(actual.jsonString()), not \(expected.jsonString())")
            }
            return document
        case "":
            throw Failure("missing \"op\"")
        default:
            throw Failure("unknown operation \"\(op)\"")
        }
    }

    private func requiredValue() throws(Failure) -> JSONValue {
        guard let value else { throw Failure("missing \"value\"") }
        return value
    }

    private func pointer(_ text: String?, _ member: String) throws(Failure) -> [String] {
        guard let text else { throw Failure("missing \"\(member)\"") }
        guard let pointer = JSONPointer(text) else { throw Failure("\"\(member)\" is not a JSON pointer: \"\(text)\"") }
        return pointer.tokens
    }
}

extension JSONPatch {
    /// The value at `tokens`, or nil when any step is missing.
    static func value(at tokens: ArraySlice<String>, in document: JSONValue) -> JSONValue? {
        JSONPointer(tokens: Array(tokens)).resolve(in: document)
    }

    /// `document` with `value` added at `tokens` (RFC 6902 4.1).
    static func adding(_ value: JSONValue, at tokens: ArraySlice<String>, in document: JSONValue) throws(Failure) -> JSONValue {
        guard let first = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch document {
        case .object(var object):
            if rest.isEmpty {
                object[first] = value
            } else {
                guard let child = object[first] else { throw Failure("path not found: member \"\(first)\" does not exist") }
                object[first] = .null
                object[first] = try adding(value, at: rest, in: child)
            }
            return .object(object)
        case .array(var array):
            if rest.isEmpty {
                if first == "-" {
                    array.append(value)
                } else {
                    array.insert(value, at: try index(first, in: array, allowingEnd: true))
                }
            } else {
                let position = try index(first, in: array, allowingEnd: false)
                let child = array[position]
                array[position] = .null
                array[position] = try adding(value, at: rest, in: child)
            }
            return .array(array)
        default:
            throw Failure("path not found: cannot descend into \(document.typeName) at \"\(first)\"")
        }
    }

    /// `document` with the value at `tokens` (non-empty) removed, and that value (RFC 6902 4.2).
    static func removing(at tokens: ArraySlice<String>, in document: JSONValue, role: String = "path") throws(Failure) -> (document: JSONValue, value: JSONValue) {
        let first = tokens.first!
        let rest = tokens.dropFirst()
        switch document {
        case .object(var object):
            guard let child = object[first] else { throw Failure("\(role) not found: member \"\(first)\" does not exist") }
            if rest.isEmpty {
                object[first] = nil
                return (.object(object), child)
            }
            object[first] = .null
            let (updated, removed) = try removing(at: rest, in: child, role: role)
            object[first] = updated
            return (.object(object), removed)
        case .array(var array):
            let position = try index(first, in: array, allowingEnd: false, role: role)
            if rest.isEmpty {
                let removed = array.remove(at: position)
                return (.array(array), removed)
            }
            let child = array[position]
            array[position] = .null
            let (updated, removed) = try removing(at: rest, in: child, role: role)
            array[position] = updated
            return (.array(array), removed)
        default:
            throw Failure("\(role) not found: cannot descend into \(document.typeName) at \"\(first)\"")
        }
    }

    /// `document` with the existing value at `tokens` replaced by `value` (RFC 6902 4.3).
    static func replacing(at tokens: ArraySlice<String>, with value: JSONValue, in document: JSONValue) throws(Failure) -> JSONValue {
        guard let first = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch document {
        case .object(var object):
            guard let child = object[first] else { throw Failure("path not found: member \"\(first)\" does not exist") }
            object[first] = .null
            object[first] = try replacing(at: rest, with: value, in: child)
            return .object(object)
        case .array(var array):
            let position = try index(first, in: array, allowingEnd: false)
            let child = array[position]
            array[position] = .null
            array[position] = try replacing(at: rest, with: value, in: child)
            return .array(array)
        default:
            throw Failure("path not found: cannot descend into \(document.typeName) at \"\(first)\"")
        }
    }

    /// The array position `token` denotes: a canonical index below `count` (or equal to it when `allowingEnd`).
    private static func index(_ token: String, in array: [JSONValue], allowingEnd: Bool, role: String = "path") throws(Failure) -> Int {
        if token == "-" { throw Failure("\(role) not found: \"-\" refers to a nonexistent array element") }
        guard let position = JSONPointer.arrayIndex(token) else { throw Failure("invalid array index \"\(token)\"") }
        guard position < array.count || (allowingEnd && position == array.count) else {
            throw Failure("\(role) not found: array index \(position) is out of range (\(array.count) elements)")
        }
        return position
    }
}
