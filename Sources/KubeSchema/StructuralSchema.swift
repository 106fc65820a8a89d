public import JSON

/// An OpenAPI v3 schema node in the structural form Kubernetes uses for built-in kinds and CRDs.
///
/// Immutable and shareable across threads. `$ref`s are expanded when the tree is built; a reference
/// back to a definition that is already being expanded (the recursive `JSONSchemaProps` of a CRD) becomes
/// a node that preserves unknown fields, so every tree is finite. `raw` keeps the source JSON (with
/// `$ref`s resolved one level) for serving OpenAPI documents and for keywords not modelled here.
public final class StructuralSchema: Sendable {
    /// One `x-kubernetes-validations` rule.
    public struct ValidationRule: Sendable, Hashable {
        public let rule: String
        public let message: String?
        public let messageExpression: String?
        public let reason: String?
        public let fieldPath: String?
        public let optionalOldSelf: Bool
    }

    /// One `x-kubernetes-group-version-kind` entry.
    public struct GroupVersionKind: Sendable, Hashable {
        public let group: String
        public let version: String
        public let kind: String

        public init(group: String, version: String, kind: String) {
            self.group = group
            self.version = version
            self.kind = kind
        }
    }

    /// "object", "array", "string", "integer", "number", "boolean", or nil for any type.
    public let type: String?
    public let format: String?
    public let description: String?
    public let nullable: Bool
    /// Properties in declaration order.
    public let propertyNames: [String]
    public let properties: [String: StructuralSchema]
    /// The schema of every value of a map-like object (`additionalProperties: {...}`).
    public let additionalProperties: StructuralSchema?
    public let items: StructuralSchema?
    public let required: [String]
    public let enumValues: [JSONValue]?
    public let defaultValue: JSONValue?
    public let minimum: Double?
    public let maximum: Double?
    public let exclusiveMinimum: Bool
    public let exclusiveMaximum: Bool
    public let multipleOf: Double?
    public let minLength: Int?
    public let maxLength: Int?
    public let minItems: Int?
    public let maxItems: Int?
    public let minProperties: Int?
    public let maxProperties: Int?
    public let pattern: String?
    /// `x-kubernetes-preserve-unknown-fields`: fields not in `properties` are kept, not pruned.
    public let preserveUnknownFields: Bool
    /// `x-kubernetes-int-or-string`: an integer or a string.
    public let intOrString: Bool
    /// `x-kubernetes-embedded-resource`: an object with apiVersion, kind and metadata.
    public let embeddedResource: Bool
    /// `x-kubernetes-list-type`: "atomic", "set" or "map" (nil means atomic for server-side apply).
    public let listType: String?
    /// `x-kubernetes-list-map-keys` for `listType == "map"`.
    public let listMapKeys: [String]
    /// `x-kubernetes-map-type`: "atomic" or "granular".
    public let mapType: String?
    /// `x-kubernetes-patch-strategy` (strategic merge patch), e.g. "merge", "retainKeys", "merge,retainKeys".
    public let patchStrategy: String?
    /// `x-kubernetes-patch-merge-key` (strategic merge patch).
    public let patchMergeKey: String?
    public let validations: [ValidationRule]
    public let groupVersionKinds: [GroupVersionKind]
    public let raw: JSONValue

    /// A schema that accepts any value and preserves unknown fields.
    public static let any = StructuralSchema(anyWithRaw: ["x-kubernetes-preserve-unknown-fields": true])

    /// Builds a schema from OpenAPI v3 JSON. `definitions` resolves `$ref`s of the form
    /// `#/components/schemas/NAME`, `#/definitions/NAME` or `#/$defs/NAME`.
    public convenience init(json: JSONValue, definitions: [String: JSONValue] = [:]) throws(SchemaError) {
        let (resolved, expanding, _) = try StructuralSchema.resolve(json, definitions: definitions, path: [], expanding: [])
        try self.init(json: resolved, definitions: definitions, path: [], expanding: expanding)
    }

    private init(anyWithRaw raw: JSONValue) {
        type = nil; format = nil; description = nil; nullable = true
        propertyNames = []; properties = [:]; additionalProperties = nil; items = nil; required = []
        enumValues = nil; defaultValue = nil; minimum = nil; maximum = nil
        exclusiveMinimum = false; exclusiveMaximum = false; multipleOf = nil
        minLength = nil; maxLength = nil; minItems = nil; maxItems = nil; minProperties = nil; maxProperties = nil
        pattern = nil; preserveUnknownFields = true; intOrString = false; embeddedResource = false
        listType = nil; listMapKeys = []; mapType = nil; patchStrategy = nil; patchMergeKey = nil
        validations = []; groupVersionKinds = []
        self.raw = raw
    }

    /// Resolves a `$ref` (if any) and builds the node; a reference back into an expansion in progress
    /// becomes `any`-like node that preserves unknown fields.
    private static func build(json: JSONValue, definitions: [String: JSONValue], path: [String], expanding: Set<String>) throws(SchemaError) -> StructuralSchema {
        let (resolved, expanding, isCycle) = try resolve(json, definitions: definitions, path: path, expanding: expanding)
        if isCycle { return StructuralSchema(anyWithRaw: json) }
        return try StructuralSchema(json: resolved, definitions: definitions, path: path, expanding: expanding)
    }

    private static func resolve(_ json: JSONValue, definitions: [String: JSONValue], path: [String], expanding: Set<String>) throws(SchemaError) -> (JSONValue, Set<String>, Bool) {
        guard let ref = json["$ref"]?.stringValue else { return (json, expanding, false) }
        let name = definitionName(ref)
        guard let target = definitions[name] else {
            throw SchemaError(path: path, message: "unresolved $ref \(ref)")
        }
        if expanding.contains(name) { return (json, expanding, true) }
        // Sibling keywords next to $ref (description, default) override the target's.
        var merged = target.objectValue ?? [:]
        for (key, value) in json.objectValue ?? [:] where key != "$ref" { merged[key] = value }
        return (.object(merged), expanding.union([name]), false)
    }

    private init(json: JSONValue, definitions: [String: JSONValue], path: [String], expanding: Set<String>) throws(SchemaError) {
        guard case .object(let o) = json else {
            throw SchemaError(path: path, message: "schema must be an object, got \(json.typeName)")
        }
        func string(_ key: String) throws(SchemaError) -> String? {
            guard let v = o[key] else { return nil }
            guard let s = v.stringValue else { throw SchemaError(path: path + [key], message: "must be a string") }
            return s
        }
        func number(_ key: String) throws(SchemaError) -> Double? {
            guard let v = o[key] else { return nil }
            guard let d = v.doubleValue else { throw SchemaError(path: path + [key], message: "must be a number") }
            return d
        }
        func count(_ key: String) throws(SchemaError) -> Int? {
            guard let v = o[key] else { return nil }
            guard let i = v.intValue, i >= 0 else { throw SchemaError(path: path + [key], message: "must be a non-negative integer") }
            return Int(i)
        }
        func flag(_ key: String) throws(SchemaError) -> Bool {
            guard let v = o[key] else { return false }
            guard let b = v.boolValue else { throw SchemaError(path: path + [key], message: "must be a boolean") }
            return b
        }
        func strings(_ key: String) throws(SchemaError) -> [String] {
            guard let v = o[key] else { return [] }
            guard let a = v.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else {
                throw SchemaError(path: path + [key], message: "must be a list of strings")
            }
            return a.map { $0.stringValue! }
        }

        let type = try string("type")
        if let type, !["object", "array", "string", "integer", "number", "boolean"].contains(type) {
            throw SchemaError(path: path + ["type"], message: "unsupported type \"\(type)\"")
        }
        self.type = type
        format = try string("format")
        description = try string("description")
        nullable = try flag("nullable")
        var names: [String] = []
        var props: [String: StructuralSchema] = [:]
        if let p = o["properties"] {
            guard case .object(let po) = p else { throw SchemaError(path: path + ["properties"], message: "must be an object") }
            for (name, sub) in po {
                names.append(name)
                props[name] = try StructuralSchema.build(json: sub, definitions: definitions, path: path + ["properties", name], expanding: expanding)
            }
        }
        propertyNames = names
        properties = props
        if let ap = o["additionalProperties"], ap.boolValue == nil {
            additionalProperties = try StructuralSchema.build(json: ap, definitions: definitions, path: path + ["additionalProperties"], expanding: expanding)
        } else if o["additionalProperties"]?.boolValue == true {
            additionalProperties = .any
        } else {
            additionalProperties = nil
        }
        if let it = o["items"] {
            items = try StructuralSchema.build(json: it, definitions: definitions, path: path + ["items"], expanding: expanding)
        } else {
            items = nil
        }
        required = try strings("required")
        if let e = o["enum"] {
            guard let a = e.arrayValue else { throw SchemaError(path: path + ["enum"], message: "must be a list") }
            enumValues = a
        } else {
            enumValues = nil
        }
        defaultValue = o["default"]
        minimum = try number("minimum")
        maximum = try number("maximum")
        exclusiveMinimum = try flag("exclusiveMinimum")
        exclusiveMaximum = try flag("exclusiveMaximum")
        multipleOf = try number("multipleOf")
        minLength = try count("minLength")
        maxLength = try count("maxLength")
        minItems = try count("minItems")
        maxItems = try count("maxItems")
        minProperties = try count("minProperties")
        maxProperties = try count("maxProperties")
        pattern = try string("pattern")
        preserveUnknownFields = try flag("x-kubernetes-preserve-unknown-fields")
        intOrString = try flag("x-kubernetes-int-or-string")
        embeddedResource = try flag("x-kubernetes-embedded-resource")
        listType = try string("x-kubernetes-list-type")
        if let listType, !["atomic", "set", "map"].contains(listType) {
            throw SchemaError(path: path + ["x-kubernetes-list-type"], message: "must be atomic, set or map")
        }
        listMapKeys = try strings("x-kubernetes-list-map-keys")
        mapType = try string("x-kubernetes-map-type")
        patchStrategy = try string("x-kubernetes-patch-strategy")
        patchMergeKey = try string("x-kubernetes-patch-merge-key")
        var rules: [ValidationRule] = []
        if let v = o["x-kubernetes-validations"] {
            guard let a = v.arrayValue else { throw SchemaError(path: path + ["x-kubernetes-validations"], message: "must be a list") }
            for (i, r) in a.enumerated() {
                guard let rule = r["rule"]?.stringValue else {
                    throw SchemaError(path: path + ["x-kubernetes-validations", "[\(i)]", "rule"], message: "is required")
                }
                rules.append(ValidationRule(
                    rule: rule, message: r["message"]?.stringValue, messageExpression: r["messageExpression"]?.stringValue,
                    reason: r["reason"]?.stringValue, fieldPath: r["fieldPath"]?.stringValue,
                    optionalOldSelf: r["optionalOldSelf"]?.boolValue ?? false))
            }
        }
        validations = rules
        groupVersionKinds = (o["x-kubernetes-group-version-kind"]?.arrayValue ?? []).compactMap { g in
            guard let version = g["version"]?.stringValue, let kind = g["kind"]?.stringValue else { return nil }
            return GroupVersionKind(group: g["group"]?.stringValue ?? "", version: version, kind: kind)
        }
        raw = json
    }

    /// The definition name a `$ref` points at (the part after the last `/`).
    static func definitionName(_ ref: String) -> String {
        String(ref.split(separator: "/").last ?? Substring(ref))
    }

    /// The schema of property `name`: a declared property, else `additionalProperties`, else nil.
    public func child(_ name: String) -> StructuralSchema? {
        properties[name] ?? additionalProperties
    }
}

/// A schema that cannot be used, with the JSON path (within the schema document) of the problem.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: [String]
    public let message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path.joined(separator: ".")): \(message)"
    }
}
