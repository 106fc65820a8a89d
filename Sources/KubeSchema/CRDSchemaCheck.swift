public import JSON

/// The checks kube-apiserver makes on a CRD version's `openAPIV3Schema` at CRD create/update, limited to
/// what the embedded API server can then enforce.
public enum CRDSchemaCheck {
    private static let validReasons: [JSONValue] = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"]

    /// All problems of `openAPIV3Schema`, with field paths under `fieldPath` (e.g.
    /// `spec.versions[0].schema.openAPIV3Schema`), printed like kube-apiserver's CRD validation
    /// (`...properties[spec].type`). Empty means the schema is usable for validation, pruning,
    /// defaulting and CEL. Checked:
    /// - the schema parses (types are known, keywords have the right JSON types);
    /// - keywords a structural schema forbids (`$ref`, `definitions`, `patternProperties`, `uniqueItems: true`,
    ///   ...), and `allOf`/`anyOf`/`oneOf`/`not`, which this server does not enforce;
    /// - structural: every node has a `type` unless it preserves unknown fields or is int-or-string, the
    ///   root is an object, arrays have `items`, `properties` and `additionalProperties` are exclusive,
    ///   embedded resources are objects, and the root `metadata` restricts at most `name`/`generateName`;
    /// - `x-kubernetes-list-type: map` has item-property keys, each required or defaulted;
    /// - every `pattern` is a valid RE2 expression;
    /// - every `x-kubernetes-validations` rule (and `messageExpression`) compiles in the supported CEL
    ///   subset (an unsupported feature is named), `reason` is valid, `fieldPath` parses, and transition
    ///   rules sit where old values correlate;
    /// - every `default` is valid against its schema and has no unknown fields.
    public static func check(openAPIV3Schema: JSONValue, fieldPath: String) -> [FieldError] {
        let schema: StructuralSchema
        do { schema = try StructuralSchema(json: openAPIV3Schema) } catch {
            return [.invalid(fieldPath + render(error.path), nil, error.message)]
        }
        var errors: [FieldError] = []
        var walker = Walker(errors: [])
        walker.check(openAPIV3Schema, schema, path: fieldPath, level: .root, correlatable: true)
        errors += walker.errors
        return errors
    }

    /// Renders a `SchemaError` path (`["properties", "spec", "type"]`) as `.properties[spec].type`.
    static func render(_ path: [String]) -> String {
        var out = ""
        var i = 0
        while i < path.count {
            let part = path[i]
            if part.hasPrefix("[") {
                out += part
            } else if part == "properties", i + 1 < path.count {
                out += ".properties[\(path[i + 1])]"
                i += 1
            } else {
                out += ".\(part)"
            }
            i += 1
        }
        return out
    }

    enum Level {
        case root, property, items
    }

    struct Walker {
        var errors: [FieldError]

        mutating func check(_ raw: JSONValue, _ s: StructuralSchema, path: String, level: Level, correlatable: Bool) {
            guard case .object(let o) = raw else { return }
            forbiddenKeywords(o, path: path)
            structure(o, s, path: path, level: level)
            lists(s, path: path)
            if let pattern = s.pattern {
                do { _ = try GoRegex(pattern) } catch {
                    errors.append(.invalid("\(path).pattern", .string(pattern), "must be a valid regular expression, but isn't: \(error.message)"))
                }
            }
            rules(s, path: path, correlatable: correlatable)
            defaults(s, path: path)

            if let properties = o["properties"]?.objectValue {
                for (name, child) in properties {
                    guard let sub = s.properties[name] else { continue }
                    if level == .root && name == "metadata" {
                        metadata(child, path: "\(path).properties[metadata]")
                        continue
                    }
                    check(child, sub, path: "\(path).properties[\(name)]", level: .property, correlatable: correlatable)
                }
            }
            if let additional = o["additionalProperties"], additional.objectValue != nil, let sub = s.additionalProperties {
                check(additional, sub, path: "\(path).additionalProperties", level: .property, correlatable: correlatable)
            }
            if let items = o["items"], let sub = s.items {
                if items.arrayValue != nil {
                    errors.append(.forbidden("\(path).items", "items must be a schema object and not an array"))
                } else {
                    let itemsCorrelate = correlatable && (s.listType == "map" || s.listType == "set")
                    check(items, sub, path: "\(path).items", level: .items, correlatable: itemsCorrelate)
                }
            }
        }

        private mutating func forbiddenKeywords(_ o: JSONObject, path: String) {
            for key in ["$ref", "id", "$schema", "definitions", "dependencies", "patternProperties", "additionalItems"] where o[key] != nil {
                errors.append(.forbidden("\(path).\(key)", "\(key) is not supported"))
            }
            if o["uniqueItems"]?.boolValue == true {
                errors.append(.forbidden("\(path).uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
            }
            for key in ["allOf", "anyOf", "oneOf", "not"] where o[key] != nil {
                errors.append(.forbidden("\(path).\(key)", "\(key) is not supported by this API server (Stockade's embedded API server)"))
            }
        }

        private mutating func structure(_ o: JSONObject, _ s: StructuralSchema, path: String, level: Level) {
            if o["x-kubernetes-preserve-unknown-fields"]?.boolValue == false {
                errors.append(.invalid("\(path).x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"))
            }
            if s.intOrString, let type = s.type {
                errors.append(.invalid("\(path).type", .string(type), "must be empty if x-kubernetes-int-or-string is true"))
            }
            switch level {
            case .root:
                if s.type == nil {
                    errors.append(.required("\(path).type", "must not be empty at the root"))
                } else if s.type != "object" {
                    errors.append(.invalid("\(path).type", .string(s.type!), "must be object at the root"))
                }
            case .property, .items:
                if s.type == nil && !s.preserveUnknownFields && !s.intOrString {
                    errors.append(.required("\(path).type", level == .items
                        ? "must not be empty for specified array items" : "must not be empty for specified object fields"))
                }
            }
            if s.type == "array" && o["items"] == nil {
                errors.append(.required("\(path).items", "must be specified"))
            }
            if o["properties"] != nil && o["additionalProperties"] != nil {
                errors.append(.forbidden("\(path).additionalProperties", "additionalProperties and properties are mutual exclusive"))
            }
            if s.embeddedResource {
                if s.type != "object" {
                    errors.append(.invalid("\(path).type", .string(s.type ?? ""), "must be object if x-kubernetes-embedded-resource is true"))
                }
                if s.properties.isEmpty && !s.preserveUnknownFields {
                    errors.append(.required("\(path).properties",
                        "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
                }
            }
        }

        /// The root `metadata` may only be `type: object` with string `name`/`generateName` restrictions.
        private mutating func metadata(_ raw: JSONValue, path: String) {
            guard case .object(let o) = raw else { return }
            let allowedTop: Set<String> = ["type", "properties", "description"]
            var ok = o.keys.allSatisfy { allowedTop.contains($0) } && (o["type"] == nil || o["type"] == "object")
            if let properties = o["properties"]?.objectValue {
                ok = ok && properties.keys.allSatisfy { $0 == "name" || $0 == "generateName" }
            }
            if !ok {
                errors.append(.forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"))
            }
        }

        private mutating func lists(_ s: StructuralSchema, path: String) {
            if s.listType != "map" {
                if !s.listMapKeys.isEmpty {
                    errors.append(.forbidden("\(path).x-kubernetes-list-map-keys", "must be empty if x-kubernetes-list-type is not map"))
                }
                return
            }
            if s.listMapKeys.isEmpty {
                errors.append(.required("\(path).x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"))
            }
            guard let items = s.items else { return }
            guard items.type == "object" else {
                errors.append(.invalid("\(path).items.type", .string(items.type ?? ""), "must be object if parent array's x-kubernetes-list-type is map"))
                return
            }
            let keys = JSONValue.array(s.listMapKeys.map { .string($0) })
            var seen = Set<String>()
            for key in s.listMapKeys {
                if !seen.insert(key).inserted {
                    errors.append(.invalid("\(path).x-kubernetes-list-map-keys", keys, "must not contain duplicate entries"))
                }
                guard let property = items.properties[key] else {
                    errors.append(.invalid("\(path).x-kubernetes-list-map-keys", keys, "entries must all be names of item properties"))
                    continue
                }
                if property.type == "array" || property.type == "object" {
                    errors.append(.invalid("\(path).items.properties[\(key)].type", .string(property.type!),
                        "must be a scalar type if parent array's x-kubernetes-list-type is map"))
                }
                if !items.required.contains(key), property.defaultValue == nil || property.defaultValue == .null {
                    errors.append(.required("\(path).items.properties[\(key)]",
                        "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"))
                }
            }
        }

        private mutating func rules(_ s: StructuralSchema, path: String, correlatable: Bool) {
            for (i, rule) in s.validations.enumerated() {
                let rulePath = "\(path).x-kubernetes-validations[\(i)]"
                if rule.rule.trimmingSpaces.isEmpty {
                    errors.append(.required("\(rulePath).rule", ""))
                    continue
                }
                do {
                    let program = try CELValidator.program(rule.rule)
                    if program.referencesOldSelf && !correlatable {
                        errors.append(.invalid("\(rulePath).rule", .string(rule.rule),
                            "oldSelf cannot be used on the uncorrelatable portion of the schema within \(path)"))
                    }
                } catch {
                    errors.append(.invalid("\(rulePath).rule", .string(rule.rule), "compilation failed: \(error)"))
                }
                if let expression = rule.messageExpression {
                    do { _ = try CELValidator.program(expression) } catch {
                        errors.append(.invalid("\(rulePath).messageExpression", .string(expression), "messageExpression compilation failed: \(error)"))
                    }
                }
                if let message = rule.message, message.contains("\n") || message.contains("\r") {
                    errors.append(.invalid("\(rulePath).message", .string(message), "message must not contain line breaks"))
                }
                if let reason = rule.reason, !CRDSchemaCheck.validReasons.contains(.string(reason)) {
                    errors.append(.notSupported("\(rulePath).reason", .string(reason), supported: CRDSchemaCheck.validReasons))
                }
                if let fieldPath = rule.fieldPath, CELValidator.appendFieldPath("", fieldPath) == nil {
                    errors.append(.invalid("\(rulePath).fieldPath", .string(fieldPath), "fieldPath must be a valid path"))
                }
            }
        }

        private mutating func defaults(_ s: StructuralSchema, path: String) {
            guard let value = s.defaultValue, !value.isNull else { return }
            var pruned = value
            if !SchemaPruner.prune(&pruned, schema: s, isRoot: false).isEmpty {
                errors.append(.invalid("\(path).default", value, "must not have unknown fields"))
            }
            errors += SchemaValidator.validate(pruned, schema: s, path: "\(path).default")
        }
    }
}
