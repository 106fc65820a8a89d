public import JSON

/// Validates a JSON value against a structural schema the way kube-apiserver validates custom resources
/// (kube-openapi's validator as converted by apiextensions-apiserver), with the same messages, reasons
/// and field paths.
///
/// Three passes run in kube-apiserver's order: the OpenAPI schema (type, format, enum, bounds, lengths,
/// pattern, required, ...), then `x-kubernetes-embedded-resource` objects (apiVersion and kind required),
/// then `x-kubernetes-list-type` set/map uniqueness. CEL rules are separate (`CELValidator`).
///
/// Field paths: schema errors name map values with dots (`spec.labels.app`), as kube-openapi does;
/// embedded-resource and list-type errors use Kubernetes field paths (`spec.labels[app]`). List items are
/// `[i]` everywhere. An empty path prints as `<nil>`.
public enum SchemaValidator {
    /// All errors of `value` against `schema`; `path` is the path of `value` itself ("" for an object root).
    public static func validate(_ value: JSONValue, schema: StructuralSchema, path root: String = "") -> [FieldError] {
        var errors: [FieldError] = []
        validateNode(value, schema, root, &errors)
        validateEmbedded(value, schema, root, &errors)
        validateLists(value, schema, root, &errors)
        return errors
    }

    // MARK: - OpenAPI pass

    /// The JSON kind of a value as kube-openapi names a Go value's type: floats are always "number".
    static func dataType(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    private static func typeMatches(_ value: JSONValue, _ s: StructuralSchema) -> Bool {
        if s.intOrString {
            switch value {
            case .int, .string: return true
            case .double(let d): return Int64(exactly: d) != nil
            default: return false
            }
        }
        guard let type = s.type else { return true }
        switch (type, value) {
        case ("integer", .int), ("number", .int), ("number", .double), ("string", .string), ("boolean", .bool),
            ("array", .array), ("object", .object):
            return true
        case ("integer", .double(let d)): return Int64(exactly: d) != nil
        case ("string", .int), ("string", .double): return s.format == "quantity"
        default: return false
        }
    }

    private static func validateNode(_ value: JSONValue, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        let declared = s.intOrString ? "integer,string" : s.type
        if case .null = value {
            if s.nullable || declared == nil { return }
            errors.append(.typeInvalid(path, "null", "\(path) in body must be of type \(declared!): \"null\""))
            return
        }
        if !typeMatches(value, s), let declared {
            let actual = dataType(value)
            errors.append(.typeInvalid(path, .string(actual), "\(path) in body must be of type \(declared): \"\(actual)\""))
        }
        if case .string(let string) = value {
            validateString(string, s, path, &errors)
            if let format = s.format, let failure = SchemaFormats.check(string, format: format) {
                switch failure {
                case .typeInvalid:
                    errors.append(.typeInvalid(path, value, "\(path) in body must be of type \(format): \(GoFormat.quote(string))"))
                case .invalid(let detail):
                    errors.append(.invalid(path, value, detail))
                }
            }
        }
        if let enumValues = s.enumValues, !enumValues.contains(where: { $0 == value }) {
            errors.append(.notSupported(path, value, supported: enumValues))
        }
        switch value {
        case .object(let object): validateObject(object, s, path, &errors)
        case .array(let array): validateArray(array, s, path, &errors)
        case .int, .double: validateNumber(value, s, path, &errors)
        default: break
        }
    }

    private static func validateString(_ string: String, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        guard s.maxLength != nil || s.minLength != nil || s.pattern != nil else { return }
        let length = string.unicodeScalars.count
        if let max = s.maxLength, length > max {
            errors.append(.tooLong(path, .string(string), maxLength: max))
        }
        if let min = s.minLength, length < min {
            errors.append(.invalid(path, .string(string), "\(path) in body should be at least \(min) chars long"))
        }
        if let pattern = s.pattern, let regex = try? GoRegex(pattern), !regex.matches(string) {
            errors.append(.invalid(path, .string(string), "\(path) in body should match '\(pattern)'"))
        }
    }

    private static func validateObject(_ object: JSONObject, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        if let min = s.minProperties, object.count < min {
            errors.append(.invalid(path, .int(Int64(object.count)), "\(path) in body should have at least \(min) properties"))
            return
        }
        if let max = s.maxProperties, object.count > max {
            errors.append(.tooMany(path, actual: object.count, max: max))
            return
        }
        if let additional = s.additionalProperties {
            for (key, value) in object where s.properties[key] == nil {
                validateNode(value, additional, child(path, key), &errors)
            }
        }
        for name in s.propertyNames {
            if let value = object[name], let property = s.properties[name] {
                validateNode(value, property, child(path, name), &errors)
            }
        }
        for name in s.required where object[name] == nil {
            errors.append(.required(child(path, name)))
        }
    }

    private static func validateArray(_ array: [JSONValue], _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        if let items = s.items {
            for (i, item) in array.enumerated() { validateNode(item, items, "\(path)[\(i)]", &errors) }
        }
        if let min = s.minItems, array.count < min {
            errors.append(.invalid(path, .int(Int64(array.count)), "\(path) in body should have at least \(min) items"))
        }
        if let max = s.maxItems, array.count > max {
            errors.append(.tooMany(path, actual: array.count, max: max))
        }
    }

    private static func validateNumber(_ value: JSONValue, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        guard let number = value.doubleValue else { return }
        if let factor = s.multipleOf, factor != 0 {
            let quotient = number / factor
            if quotient != quotient.rounded(.towardZero) {
                errors.append(.invalid(path, value, "\(path) in body should be a multiple of \(GoFormat.vFloat(factor))"))
            }
        }
        if let min = s.minimum {
            if s.exclusiveMinimum ? number <= min : number < min {
                let relation = s.exclusiveMinimum ? "greater than" : "greater than or equal to"
                errors.append(.invalid(path, value, "\(path) in body should be \(relation) \(GoFormat.vFloat(min))"))
            }
        }
        if let max = s.maximum {
            if s.exclusiveMaximum ? number >= max : number > max {
                let relation = s.exclusiveMaximum ? "less than" : "less than or equal to"
                errors.append(.invalid(path, value, "\(path) in body should be \(relation) \(GoFormat.vFloat(max))"))
            }
        }
    }

    /// `parent.name`, or `name` at the root.
    static func child(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }
}
