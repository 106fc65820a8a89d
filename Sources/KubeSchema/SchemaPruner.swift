public import JSON

/// Drops fields a structural schema does not declare, as kube-apiserver prunes custom resources (and as
/// its decoder drops unknown fields of built-in kinds).
public enum SchemaPruner {
    /// Removes from `value` every object member that `schema` does not declare, unless the node has
    /// `additionalProperties` or `x-kubernetes-preserve-unknown-fields` (then only declared members are
    /// descended into). Returns the removed paths, sorted, in the form kube-apiserver reports them in
    /// `unknown field "<path>"` warnings and strict errors: `spec.extra`, `spec.list[0].x`, `topLevelExtra`.
    ///
    /// At the resource root (`isRoot`) and in `x-kubernetes-embedded-resource` objects, string
    /// `apiVersion` and `kind` are kept and an object `metadata` is pruned against ObjectMeta (so
    /// `metadata.bogus` is removed and reported) whatever the schema says about them.
    @discardableResult
    public static func prune(_ value: inout JSONValue, schema: StructuralSchema, isRoot: Bool) -> [String] {
        var pruned: [String] = []
        prune(&value, schema, path: "", isResourceRoot: isRoot, into: &pruned)
        return pruned.sorted()
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private static func prune(_ value: inout JSONValue, _ s: StructuralSchema?, path: String, isResourceRoot: Bool, into pruned: inout [String]) {
        let embedded = isResourceRoot || (s?.embeddedResource ?? false)
        if let s, s.preserveUnknownFields {
            skipPrune(&value, s, path: path, embedded: embedded, into: &pruned)
            return
        }
        switch value {
        case .object(var object):
            value = .null
            for key in object.keys {
                var member = object[key]!
                if embedded, keepMetaField(key, &member, path: path, into: &pruned) {
                    object[key] = member
                    continue
                }
                if let s, let property = s.properties[key] {
                    prune(&member, property, path: join(path, key), isResourceRoot: false, into: &pruned)
                    object[key] = member
                } else if let additional = s?.additionalProperties {
                    prune(&member, additional, path: join(path, key), isResourceRoot: false, into: &pruned)
                    object[key] = member
                } else {
                    pruned.append(join(path, key))
                    object[key] = nil
                }
            }
            value = .object(object)
        case .array(var array):
            value = .null
            for i in array.indices {
                prune(&array[i], s?.items, path: "\(path)[\(i)]", isResourceRoot: false, into: &pruned)
            }
            value = .array(array)
        default:
            return
        }
    }

    /// Below `x-kubernetes-preserve-unknown-fields` unknown members stay, declared ones are pruned normally.
    private static func skipPrune(_ value: inout JSONValue, _ s: StructuralSchema, path: String, embedded: Bool, into pruned: inout [String]) {
        switch value {
        case .object(var object):
            value = .null
            for key in object.keys {
                var member = object[key]!
                if embedded, keepMetaField(key, &member, path: path, into: &pruned) {
                    object[key] = member
                    continue
                }
                if let property = s.properties[key] {
                    prune(&member, property, path: join(path, key), isResourceRoot: false, into: &pruned)
                } else if let additional = s.additionalProperties {
                    prune(&member, additional, path: join(path, key), isResourceRoot: false, into: &pruned)
                }
                object[key] = member
            }
            value = .object(object)
        case .array(var array):
            guard let items = s.items else { return }
            value = .null
            for i in array.indices {
                skipPrune(&array[i], items, path: "\(path)[\(i)]", embedded: items.embeddedResource, into: &pruned)
            }
            value = .array(array)
        default:
            return
        }
    }

    /// Handles apiVersion/kind/metadata of a resource; true when `key` was one of them and is kept.
    private static func keepMetaField(_ key: String, _ member: inout JSONValue, path: String, into pruned: inout [String]) -> Bool {
        switch key {
        case "apiVersion", "kind":
            return member.stringValue != nil
        case "metadata":
            guard case .object = member else { return false }
            if let objectMeta = BuiltinSchemas.objectMeta {
                prune(&member, objectMeta, path: join(path, key), isResourceRoot: false, into: &pruned)
            }
            return true
        default:
            return false
        }
    }
}
