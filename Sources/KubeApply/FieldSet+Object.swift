public import JSON
public import KubeSchema

extension FieldSet {
    /// The fields an object specifies, as kube-apiserver records them for an applied configuration.
    ///
    /// A structural walk guided by `schema`: granular maps recurse into their members; scalars, atomic
    /// maps and atomic lists (and lists without a list type) are leaves; list-map items are `k:` paths
    /// that are members themselves and have their fields below; set items are `v:` leaves. A member
    /// whose value is null or `{}` is a leaf, and so is every key of a map whose keys are not declared
    /// properties (labels, annotations, data). `apiVersion`, `kind`, `metadata` itself and the
    /// server-owned metadata fields (name, namespace, uid, resourceVersion, generation,
    /// creationTimestamp, selfLink, managedFields) are left out, as kube-apiserver does.
    ///
    /// Throws `.invalid` (with structured-merge-diff's message, naming the path) when the object does
    /// not conform: a member not declared in a closed schema, a list-map item without a key field and
    /// no default, duplicate list items, or a value of the wrong kind.
    public static func from(_ value: JSONValue, schema: StructuralSchema) throws(ApplyError) -> FieldSet {
        let type = TypeRef(root: schema)
        try Typed.validate(value, type)
        return Typed.fieldSet(value, type).strippingServerMetadata()
    }

    /// Paths the API server never records as owned.
    static let serverMetadata: FieldSet = {
        var set = FieldSet([FieldPath(fields: "apiVersion"), FieldPath(fields: "kind"), FieldPath(fields: "metadata")])
        for name in ["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation",
                     "managedFields", "resourceVersion"] {
            set.insert(FieldPath(fields: "metadata", name))
        }
        return set
    }()

    /// This set without the paths kube-apiserver strips from every manager's set.
    func strippingServerMetadata() -> FieldSet { difference(FieldSet.serverMetadata) }
}

/// Structural walks over JSON values guided by a `TypeRef`.
enum Typed {
    /// The relative field set of `value` (paths below it, not the value's own path), without validating.
    /// Items that cannot be named (a list-map item without its keys) are skipped.
    static func fieldSet(_ value: JSONValue, _ type: TypeRef) -> FieldSet {
        var set = FieldSet()
        switch type.shape(of: value) {
        case .leaf:
            break
        case .map:
            guard case .object(let o) = value else { break }
            for (key, child) in o {
                let (childType, declared) = type.lenientMember(key)
                let element = PathElement.field(key)
                let childShape = effectiveShape(child, childType)
                set.setChild(element, fieldSet(child, childType))
                if childShape == .leaf || child.objectValue?.isEmpty == true || !declared {
                    set.insertMember(element)
                }
            }
        case .listMap, .listSet:
            guard case .array(let items) = value else { break }
            let shape = type.shape(of: value)
            for item in items {
                guard case .success(let element) = type.pathElement(of: item, shape: shape) else { continue }
                set.setChild(element, set.child(element).union(fieldSet(item, type.items)))
                set.insertMember(element)
            }
        }
        return set
    }

    /// The shape of `value`, or `.leaf` when the value is null or of a kind the schema does not expect.
    static func effectiveShape(_ value: JSONValue, _ type: TypeRef) -> Shape {
        let shape = type.shape(of: value)
        switch (shape, value) {
        case (.map, .object), (.listMap, .array), (.listSet, .array): return shape
        default: return .leaf
        }
    }

    /// Checks that an applied configuration conforms to its schema; throws `.invalid` listing every
    /// problem the way structured-merge-diff's `ValidationErrors` print.
    static func validate(_ value: JSONValue, _ type: TypeRef) throws(ApplyError) {
        var errors: [String] = []
        validate(value, type, path: [], errors: &errors)
        if errors.count == 1 { throw .invalid(errors[0]) }
        if errors.count > 1 { throw .invalid((["errors:"] + errors.map { "  " + $0 }).joined(separator: "\n")) }
    }

    private static func validate(_ value: JSONValue, _ type: TypeRef, path: FieldPath, errors: inout [String]) {
        if value.isNull { return }
        let shape = type.shape(of: value)
        switch shape {
        case .map:
            guard case .object(let o) = value else {
                errors.append("\(path): expected map, got \(value.typeName)")
                return
            }
            for (key, child) in o {
                guard let (childType, _) = type.member(key) else {
                    errors.append("\(path.appending(.field(key))): field not declared in schema")
                    continue
                }
                validate(child, childType, path: path.appending(.field(key)), errors: &errors)
            }
        case .listMap, .listSet:
            guard case .array(let items) = value else {
                errors.append("\(path): expected list, got \(value.typeName)")
                return
            }
            var seen: Set<PathElement> = []
            for (i, item) in items.enumerated() {
                switch type.pathElement(of: item, shape: shape) {
                case .failure(let e):
                    errors.append("\(path): element \(i): \(e.message)")
                case .success(let element):
                    if !seen.insert(element).inserted {
                        errors.append("\(path): duplicate entries for key \(element)")
                    }
                    validate(item, type.items, path: path.appending(element), errors: &errors)
                }
            }
        case .leaf:
            if let message = scalarMismatch(value, type) { errors.append("\(path): \(message)") }
        }
    }

    /// Why `value` does not fit a leaf schema, or nil when it does (untyped leaves accept anything).
    private static func scalarMismatch(_ value: JSONValue, _ type: TypeRef) -> String? {
        guard let s = type.schema, !s.intOrString else { return nil }
        switch (s.type, value) {
        case ("integer", .int), ("integer", .double), ("number", .int), ("number", .double),
             ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array), (nil, _):
            return nil
        case ("integer", _), ("number", _): return "expected numeric (int or float), got \(value.typeName)"
        case ("string", _): return "expected string, got \(value.typeName)"
        case ("boolean", _): return "expected boolean, got \(value.typeName)"
        case ("object", _): return "expected map, got \(value.typeName)"
        case ("array", _): return "expected list, got \(value.typeName)"
        default: return nil
        }
    }
}
