public import JSON

/// A fieldsV1 document that cannot be decoded.
public struct FieldsV1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the offending key and (for nested keys) the path to it.
    public let message: String

    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

extension FieldSet {
    /// The set in Kubernetes' `fieldsV1` format: one object key per path element (`f:`, `k:`, `v:`,
    /// `i:`), `{}` for a member without children, and a `"."` key (written first) when a path is both a
    /// member and a prefix of other members. Keys at each level follow structured-merge-diff's order,
    /// so the output is byte-identical to what kube-apiserver writes.
    public var fieldsV1: JSONValue { .object(encode(includeSelf: false)) }

    private func encode(includeSelf: Bool) -> JSONObject {
        var out = JSONObject()
        if includeSelf && !isEmpty { out["."] = .object([:]) }
        let elements = Set(members).union(children.keys).sorted()
        for element in elements {
            if let child = children[element] {
                out[element.fieldsV1Key] = .object(child.encode(includeSelf: members.contains(element)))
            } else {
                out[element.fieldsV1Key] = .object([:])
            }
        }
        return out
    }

    /// Decodes a `fieldsV1` object. Throws when it is not an object of objects or a key is not a
    /// valid path element.
    public init(fieldsV1 json: JSONValue) throws(FieldsV1Error) {
        guard case .object(let object) = json else {
            throw FieldsV1Error("fieldsV1 must be an object, got \(json.typeName)")
        }
        self = try FieldSet.decode(object, at: "")
    }

    private static func decode(_ object: JSONObject, at location: String) throws(FieldsV1Error) -> FieldSet {
        var set = FieldSet()
        for (key, value) in object where key != "." {
            guard let element = PathElement(fieldsV1Key: key) else {
                throw FieldsV1Error("invalid fieldsV1 key \(GoStrings.quote(key))\(location.isEmpty ? "" : " at \(location)")")
            }
            guard case .object(let inner) = value else {
                throw FieldsV1Error("fieldsV1 entry \(GoStrings.quote(key)) must be an object, got \(value.typeName)")
            }
            let child = try decode(inner, at: location + element.description)
            if child.isEmpty || inner["."] != nil { set.insertMember(element) }
            set.setChild(element, child)
        }
        return set
    }
}
