import JSON
import KubeSchema

/// How server-side apply treats a value at some place in an object: the structural-merge-diff view of
/// a `StructuralSchema` node.
enum Shape: Equatable {
    /// A scalar, an atomic map/list, or a list without a list type: owned and replaced as a whole.
    case leaf
    /// A granular map (a struct or a map with `additionalProperties`): members are owned one by one.
    case map
    /// `x-kubernetes-list-type: map`: items are identified by the values of these key fields.
    case listMap([String])
    /// `x-kubernetes-list-type: set`: scalar items identified by their value.
    case listSet
}

/// A schema node plus whether it is the root of a resource (where `apiVersion`, `kind` and `metadata`
/// are implied). `schema == nil` means "untyped": the shape is deduced from the value (objects are
/// granular maps, everything else is a leaf), as structured-merge-diff does for unknown types.
struct TypeRef {
    let schema: StructuralSchema?
    let isResource: Bool

    static let untyped = TypeRef(schema: nil, isResource: false)

    init(schema: StructuralSchema?, isResource: Bool) {
        self.schema = schema
        self.isResource = isResource
    }

    /// The type of the root of a resource described by `schema`.
    init(root schema: StructuralSchema) {
        self.init(schema: schema, isResource: true)
    }

    private init(child: StructuralSchema) {
        self.init(schema: child, isResource: child.embeddedResource)
    }

    /// True when the node constrains nothing, so the value decides its own shape.
    private static func isUntyped(_ s: StructuralSchema) -> Bool {
        s.type == nil && s.properties.isEmpty && s.additionalProperties == nil && s.items == nil && !s.intOrString
    }

    /// The shape of `value` at this node.
    func shape(of value: JSONValue) -> Shape {
        guard let s = schema, !TypeRef.isUntyped(s) else {
            if case .object = value { return .map }
            return .leaf
        }
        if s.intOrString { return .leaf }
        if s.type == "array" || s.items != nil {
            switch s.listType {
            case "map" where !s.listMapKeys.isEmpty: return .listMap(s.listMapKeys)
            case "set": return .listSet
            default: return .leaf
            }
        }
        if s.type == "object" || !s.properties.isEmpty || s.additionalProperties != nil {
            return s.mapType == "atomic" ? .leaf : .map
        }
        return .leaf
    }

    /// The type of member `key` of a map at this node, and whether it is a declared field (a struct
    /// field rather than a key of a map); nil when the schema allows no such member.
    func member(_ key: String) -> (type: TypeRef, declared: Bool)? {
        if isResource {
            switch key {
            case "metadata":
                if let m = schema?.properties["metadata"], m.properties["labels"] != nil {
                    return (TypeRef(child: m), true)
                }
                return (TypeRef(schema: ObjectMetaSchema.shared, isResource: false), true)
            case "apiVersion", "kind":
                return (TypeRef(schema: schema?.properties[key], isResource: false), true)
            default: break
            }
        }
        guard let s = schema, !TypeRef.isUntyped(s) else { return (.untyped, false) }
        if let p = s.properties[key] { return (TypeRef(child: p), true) }
        if let ap = s.additionalProperties { return (TypeRef(child: ap), false) }
        if s.preserveUnknownFields { return (.untyped, false) }
        return nil
    }

    /// Like `member`, but an undeclared member of a closed struct is treated as untyped (for live objects,
    /// which are not validated here).
    func lenientMember(_ key: String) -> (type: TypeRef, declared: Bool) {
        member(key) ?? (.untyped, false)
    }

    /// The type of the items of a list at this node.
    var items: TypeRef {
        guard let i = schema?.items else { return .untyped }
        return TypeRef(child: i)
    }

    /// The default value of key field `name` of list-map items, if the item schema declares one.
    func keyDefault(_ name: String) -> JSONValue? {
        schema?.items?.properties[name]?.defaultValue
    }

    /// The path element naming `item` in a list of shape `shape`, or why the item cannot be named
    /// (the messages are structured-merge-diff's).
    func pathElement(of item: JSONValue, shape: Shape) -> Result<PathElement, ItemError> {
        switch shape {
        case .listMap(let keys):
            guard case .object(let o) = item else {
                return .failure(ItemError(item.isNull
                    ? "associative list with keys may not have a null element"
                    : "associative list with keys may not have non-map elements"))
            }
            var fields: [(String, JSONValue)] = []
            for name in keys {
                if let v = o[name] {
                    fields.append((name, v))
                } else if let d = keyDefault(name) {
                    fields.append((name, d))
                } else {
                    return .failure(ItemError(
                        "associative list with keys has an element that omits key field \(GoStrings.quote(name)) (and doesn't have default value)"))
                }
            }
            return .success(.keyed(fields))
        case .listSet:
            switch item {
            case .object: return .failure(ItemError("associative list without keys has an element that's a map type"))
            case .array: return .failure(ItemError("not supported: associative list with lists as elements"))
            default: return .success(.value(item))
            }
        case .leaf, .map:
            return .failure(ItemError("not an associative list"))
        }
    }

    struct ItemError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

/// `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` as server-side apply sees it, used for `metadata`
/// when the resource schema does not describe it (custom resources usually do not).
enum ObjectMetaSchema {
    static let shared: StructuralSchema = {
        let stringMap: JSONValue = ["type": "object", "additionalProperties": ["type": "string"]]
        let json: JSONValue = [
            "type": "object",
            "properties": [
                "name": ["type": "string"], "generateName": ["type": "string"], "namespace": ["type": "string"],
                "selfLink": ["type": "string"], "uid": ["type": "string"], "resourceVersion": ["type": "string"],
                "generation": ["type": "integer"], "creationTimestamp": ["type": "string"],
                "deletionTimestamp": ["type": "string"], "deletionGracePeriodSeconds": ["type": "integer"],
                "labels": stringMap, "annotations": stringMap,
                "ownerReferences": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["uid"],
                    "items": [
                        "type": "object", "x-kubernetes-map-type": "atomic",
                        "properties": [
                            "apiVersion": ["type": "string"], "kind": ["type": "string"], "name": ["type": "string"],
                            "uid": ["type": "string"], "controller": ["type": "boolean"],
                            "blockOwnerDeletion": ["type": "boolean"],
                        ],
                    ],
                ],
                "finalizers": ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]],
                "managedFields": [
                    "type": "array", "x-kubernetes-list-type": "atomic",
                    "items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ],
        ]
        // The literal above is a valid schema; `.any` is only a guard against a future edit breaking it
        // (FieldSetFromObjectTests.fallbackObjectMetaSchemaIsComplete fails if that happens).
        return (try? StructuralSchema(json: json)) ?? .any
    }()
}
