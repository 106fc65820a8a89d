public import JSON

/// Structural defaulting as kube-apiserver applies it to custom resources on decode.
public enum SchemaDefaulter {
    /// Applies `default`s: in every object that exists, each declared property with a default that is
    /// absent, or null while the property is not nullable, gets a copy of the default; array items and
    /// `additionalProperties` values that are null and not nullable get their schema's default. Defaults
    /// are then descended into like user data (a default may itself receive nested defaults).
    ///
    /// Afterwards, like kube-apiserver, object members that are still null, not nullable and without a
    /// default are removed (`PruneNonNullableNullsWithoutDefaults`), so a later `required` check reports
    /// them as missing rather than as a type error.
    public static func applyDefaults(_ value: inout JSONValue, schema: StructuralSchema) {
        applyDefaultsOnly(&value, schema)
        pruneNonNullableNulls(&value, schema)
    }

    private static func hasDefault(_ s: StructuralSchema) -> Bool {
        if let d = s.defaultValue, !d.isNull { return true }
        return false
    }

    private static func isNonNullableNull(_ v: JSONValue, _ s: StructuralSchema) -> Bool {
        v.isNull && !s.nullable
    }

    private static func applyDefaultsOnly(_ value: inout JSONValue, _ s: StructuralSchema) {
        switch value {
        case .object(var object):
            value = .null
            for name in s.propertyNames {
                guard let property = s.properties[name], hasDefault(property) else { continue }
                if let existing = object[name], !isNonNullableNull(existing, property) { continue }
                object[name] = property.defaultValue
            }
            for key in object.keys {
                var member = object[key]!
                if let property = s.properties[key] {
                    applyDefaultsOnly(&member, property)
                } else if let additional = s.additionalProperties {
                    if isNonNullableNull(member, additional), hasDefault(additional) { member = additional.defaultValue! }
                    applyDefaultsOnly(&member, additional)
                } else {
                    continue
                }
                object[key] = member
            }
            value = .object(object)
        case .array(var array):
            guard let items = s.items else { return }
            value = .null
            for i in array.indices {
                if isNonNullableNull(array[i], items), hasDefault(items) { array[i] = items.defaultValue! }
                applyDefaultsOnly(&array[i], items)
            }
            value = .array(array)
        default:
            return
        }
    }

    private static func pruneNonNullableNulls(_ value: inout JSONValue, _ s: StructuralSchema) {
        switch value {
        case .object(var object):
            value = .null
            for key in object.keys {
                guard let child = s.properties[key] ?? s.additionalProperties else { continue }
                var member = object[key]!
                if member.isNull {
                    if !child.nullable && !hasDefault(child) { object[key] = nil }
                    continue
                }
                pruneNonNullableNulls(&member, child)
                object[key] = member
            }
            value = .object(object)
        case .array(var array):
            guard let items = s.items else { return }
            value = .null
            for i in array.indices { pruneNonNullableNulls(&array[i], items) }
            value = .array(array)
        default:
            return
        }
    }
}
