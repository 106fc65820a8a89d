import JSON

/// The embedded-resource and list-type passes, which kube-apiserver runs after the OpenAPI pass and
/// which print Kubernetes field paths (`[key]` for map values).
extension SchemaValidator {
    static func validateEmbedded(_ value: JSONValue, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        switch value {
        case .object(let object):
            if s.embeddedResource { validateEmbeddedResource(object, path, &errors) }
            for (key, v) in object {
                if let property = s.properties[key] {
                    validateEmbedded(v, property, child(path, key), &errors)
                } else if let additional = s.additionalProperties {
                    validateEmbedded(v, additional, "\(path)[\(key)]", &errors)
                }
            }
        case .array(let array):
            guard let items = s.items else { return }
            for (i, v) in array.enumerated() { validateEmbedded(v, items, "\(path)[\(i)]", &errors) }
        default:
            return
        }
    }

    private static func validateEmbeddedResource(_ object: JSONObject, _ path: String, _ errors: inout [FieldError]) {
        if object["apiVersion"] == nil { errors.append(.required(child(path, "apiVersion"), "must not be empty")) }
        if object["kind"] == nil { errors.append(.required(child(path, "kind"), "must not be empty")) }
        for key in ["apiVersion", "kind"] {
            guard let v = object[key] else { continue }
            if case .string(let s) = v {
                if s.isEmpty { errors.append(.invalid(child(path, key), v, "must not be empty")) }
            } else {
                errors.append(.invalid(child(path, key), v, "must be a string"))
            }
        }
        if let metadata = object["metadata"], metadata.objectValue == nil, !metadata.isNull {
            errors.append(.invalid(child(path, "metadata"), metadata, "must be an object"))
        }
    }

    static func validateLists(_ value: JSONValue, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        switch value {
        case .object(let object):
            for (key, v) in object {
                if let property = s.properties[key] {
                    validateLists(v, property, child(path, key), &errors)
                } else if let additional = s.additionalProperties {
                    validateLists(v, additional, "\(path)[\(key)]", &errors)
                }
            }
        case .array(let array):
            switch s.listType {
            case "set": validateSet(array, path, &errors)
            case "map": validateMapList(array, s, path, &errors)
            default: break
            }
            guard let items = s.items else { return }
            for (i, v) in array.enumerated() { validateLists(v, items, "\(path)[\(i)]", &errors) }
        default:
            return
        }
    }

    /// `x-kubernetes-list-type: set`: every repeated element is a Duplicate at its (later) index.
    private static func validateSet(_ array: [JSONValue], _ path: String, _ errors: inout [FieldError]) {
        var seen = Set<JSONValue>()
        for (i, element) in array.enumerated() where !seen.insert(element).inserted {
            errors.append(.duplicate("\(path)[\(i)]", element))
        }
    }

    /// `x-kubernetes-list-type: map`: items must be objects, unique by their key fields; a repeat is a
    /// Duplicate whose value is the key object (`{"type":"Ready"}`). A missing key takes the key
    /// property's default, if any.
    private static func validateMapList(_ array: [JSONValue], _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        for (i, element) in array.enumerated() {
            switch element {
            case .object, .null: continue
            default:
                errors.append(.invalid("\(path)[\(i)]", element, "must be an object for an array of list-type map"))
                return
            }
        }
        var seen = Set<JSONValue>()
        for (i, element) in array.enumerated() {
            guard case .object(let object) = element else { continue }
            var key = JSONObject()
            for name in s.listMapKeys {
                if let v = object[name] ?? s.items?.properties[name]?.defaultValue { key[name] = v }
            }
            if !seen.insert(.object(key)).inserted {
                errors.append(.duplicate("\(path)[\(i)]", .object(key)))
            }
        }
    }
}
