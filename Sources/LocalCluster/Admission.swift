import Foundation
import JSON
import KubeSchema

/// The admission chain shared by create, update and patch: body checks, unknown-field handling,
/// naming, defaulting and validation, with kube-apiserver's status codes and messages.
enum Admission {
    /// Checks a request body: an object whose apiVersion/kind (defaulted from the URL when absent) name
    /// this resource, and whose namespace (if set) is the URL's.
    static func checkedBody(_ body: JSONValue, type: ResourceType, namespace: String?) throws(APIError) -> JSONValue {
        guard case .object = body else {
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; json parse error: json: cannot unmarshal \(body.typeName == "array" ? "array" : body.typeName) into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }")
        }
        var object = body
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        if !kind.isEmpty, kind != type.kind {
            throw APIError.badRequest("\(kind) in version \"\(ResourceRegistry.split(apiVersion: apiVersion).version)\" cannot be handled as a \(type.kind): converting (\(kind)) to (\(type.kind)): unknown conversion")
        }
        if !apiVersion.isEmpty, apiVersion != type.groupVersion {
            throw APIError.badRequest("\(type.kind) in version \"\(ResourceRegistry.split(apiVersion: apiVersion).version)\" cannot be handled as a \(type.kind): no kind \"\(type.kind)\" is registered for version \"\(apiVersion)\"")
        }
        object["apiVersion"] = .string(type.groupVersion)
        object["kind"] = .string(type.kind)
        if object["metadata"] == nil || object["metadata"] == .null { object["metadata"] = [:] }
        guard case .object = object["metadata"]! else {
            throw APIError.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): metadata must be an object")
        }
        if type.namespaced, let namespace {
            if let given = ObjectMetadata.namespace(of: object), !given.isEmpty, given != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.set(path: ["metadata", "namespace"], to: .string(namespace))
        } else if !type.namespaced {
            object.set(path: ["metadata", "namespace"], to: nil)
        }
        return object
    }

    /// Removes fields the schema does not declare. Strict rejects them (400 for create/update, 422 for
    /// patches, as kube-apiserver does), Warn returns one warning per field, Ignore drops them silently.
    static func pruneUnknownFields(_ object: inout JSONValue, type: ResourceType, validation: FieldValidation, patch: Bool) throws(APIError) -> [String] {
        guard let schema = type.schema else { return [] }
        let unknown = SchemaPruner.prune(&object, schema: schema, isRoot: true).sorted()
        guard !unknown.isEmpty else { return [] }
        let list = unknown.map { "unknown field \"\($0)\"" }
        switch validation {
        case .ignore: return []
        case .warn: return list
        case .strict:
            let message = "strict decoding error: " + list.joined(separator: ", ")
            if patch {
                throw APIError(code: 422, reason: "Invalid", message: " \"\" is invalid: patch: Invalid value: \"\(type.kind)\": \(message)",
                               details: [:], causes: [.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(type.kind)\": \(message)", field: "patch")])
            }
            throw APIError.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): \(message)")
        }
    }

    /// Fills `metadata.name` from `generateName` (five random characters, as kube-apiserver does), or
    /// rejects an object with neither.
    static func assignName(_ object: inout JSONValue, type: ResourceType) throws(APIError) {
        if let name = ObjectMetadata.name(of: object), !name.isEmpty { return }
        if let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
            let suffix = String((0..<5).map { _ in alphabet.randomElement()! })
            object.set(path: ["metadata", "name"], to: .string(String(prefix.prefix(58)) + suffix))
            return
        }
        throw APIError.invalid(kind: type.kind, group: type.group, name: "",
                               causes: [.init(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name")])
    }

    /// Drops what clients may not set on create.
    static func resetSystemFields(_ object: inout JSONValue) {
        for field in ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"] {
            object.set(path: ["metadata", field], to: nil)
        }
    }

    static func applySchemaDefaults(_ object: inout JSONValue, type: ResourceType) {
        guard type.isCustom, let schema = type.schema else { return }
        SchemaDefaulter.applyDefaults(&object, schema: schema)
    }

    /// Name syntax, schema (custom resources and built-in types), CEL rules (only when the schema
    /// passed, like kube-apiserver), and the built-in kinds' own rules.
    static func validate(_ object: JSONValue, old: JSONValue?, type: ResourceType, registry: ResourceRegistry) throws(APIError) {
        let name = ObjectMetadata.name(of: object) ?? ""
        var errors: [FieldError] = []
        if old == nil {
            let problems: [String]
            switch type.groupResource {
            case ResourceRegistry.namespaceResource: problems = NameValidation.labelProblems(name)
            case GroupResource(group: "", resource: "services"): problems = NameValidation.dns1035Problems(name)
            default: problems = NameValidation.subdomainProblems(name)
            }
            errors += problems.map { FieldError.invalid("metadata.name", .string(name), $0) }
        }
        errors += metadataErrors(object)
        if let schema = type.schema {
            var schemaErrors = SchemaValidator.validate(object, schema: schema)
            // Like kube-apiserver: CEL rules run unless a blocking schema error (required, unsupported,
            // type, too long/many) makes them meaningless; then one cause says they were skipped.
            if type.isCustom, CELValidator.hasRules(schema) {
                if let skipped = CELValidator.rulesNotCheckedError(for: schemaErrors) {
                    schemaErrors.append(skipped)
                } else {
                    schemaErrors += CELValidator.validate(new: object, old: old, schema: schema)
                }
            }
            errors += schemaErrors
        }
        errors += BuiltinValidation.errors(object, old: old, type: type, registry: registry)
        guard !errors.isEmpty else { return }
        throw APIError.invalid(kind: type.kind, group: type.group, name: name,
                               causes: errors.map { APIError.Cause(reason: $0.reason, message: $0.message, field: $0.field) })
    }

    static func metadataErrors(_ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if let problem = NameValidation.qualifiedNameProblem(key) {
                errors.append(.invalid("metadata.labels", .string(key), problem))
            }
            if let s = value.stringValue, let problem = NameValidation.labelValueProblem(s) {
                errors.append(.invalid("metadata.labels", .string(s), problem))
            }
        }
        for (key, _) in object[path: ["metadata", "annotations"]]?.objectValue ?? [:] {
            if let problem = NameValidation.qualifiedNameProblem(key.lowercased()) {
                errors.append(.invalid("metadata.annotations", .string(key), problem))
            }
        }
        for (i, owner) in (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).enumerated() {
            for field in ["apiVersion", "kind", "name", "uid"] where (owner[field]?.stringValue ?? "").isEmpty {
                errors.append(.invalid("metadata.ownerReferences[\(i)].\(field)", owner[field] ?? .string(""), "\(field) must not be empty"))
            }
        }
        return errors
    }

    /// No new finalizers on an object that is being deleted (422 Forbidden, as kube-apiserver).
    static func checkFinalizers(new: JSONValue, old: JSONValue, type: ResourceType, key: ObjectKey) throws(APIError) {
        guard ObjectMetadata.isDeleting(old) else { return }
        let added = ObjectMetadata.finalizers(of: new).filter { !ObjectMetadata.finalizers(of: old).contains($0) }
        guard !added.isEmpty else { return }
        let list = added.map { "\"\($0)\"" }.joined(separator: ", ")
        throw APIError.invalid(kind: type.kind, group: type.group, name: key.name, causes: [
            .init(reason: "FieldValueForbidden", message: "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\(list)}", field: "metadata.finalizers"),
        ])
    }

    static func generationChanged(_ policy: GenerationPolicy, old: JSONValue, new: JSONValue) -> Bool {
        func strip(_ value: JSONValue, keepAnnotations: Bool, keepStatus: Bool) -> JSONValue {
            guard case .object(var o) = value else { return value }
            let annotations = o["metadata"]?["annotations"]
            o["metadata"] = nil
            if !keepStatus { o["status"] = nil }
            if keepAnnotations { o["__annotations"] = annotations ?? .null }
            return .object(o)
        }
        switch policy {
        case .none: return false
        case .specChanges: return strip(old, keepAnnotations: false, keepStatus: false) != strip(new, keepAnnotations: false, keepStatus: false)
        case .specOrAnnotationChanges: return strip(old, keepAnnotations: true, keepStatus: false) != strip(new, keepAnnotations: true, keepStatus: false)
        case .nonMetadataChanges: return strip(old, keepAnnotations: false, keepStatus: true) != strip(new, keepAnnotations: false, keepStatus: true)
        }
    }

    /// Kinds whose PUT on a missing object creates it (kube-apiserver's AllowCreateOnUpdate).
    static func allowsCreateOnUpdate(_ type: ResourceType) -> Bool {
        switch (type.group, type.resource) {
        case ("coordination.k8s.io", "leases"), ("", "events"), ("events.k8s.io", "events"): return true
        default: return false
        }
    }
}
