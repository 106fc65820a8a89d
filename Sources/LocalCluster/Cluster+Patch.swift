import JSON
import KubeSchema
import KubePatch
import YAML

extension Cluster {
    /// PATCH with a JSON patch, merge patch, strategic merge patch (built-in kinds only) or server-side
    /// apply. The patched object then goes through the same admission as an update. A patch that carries
    /// `metadata.resourceVersion` is a precondition (409 when stale).
    func patch(_ type: ResourceType, key: ObjectKey, bodyType: BodyType, body: [UInt8], subresource: String?,
               options: WriteOptions) throws(APIError) -> WriteResult {
        if bodyType == .applyPatch {
            return try apply(type, key: key, body: body, subresource: subresource, options: options)
        }
        guard let old = stored(key) else { throw APIError.notFound(type.groupResource, name: key.name) }
        let patchDocument: JSONValue
        do { patchDocument = try JSONValue.parse(body) } catch {
            throw APIError.badRequest("error decoding patch: \(error.message)")
        }
        let current = subresource == "scale" ? Scale.from(old, type: type) : old
        let patched = try PatchApplication.apply(bodyType, patchDocument, to: current, schema: subresource == "scale" ? nil : type.schema,
                                                 isCustom: type.isCustom && subresource != "scale")
        if subresource == "scale" { return try updateScale(type, key: key, scale: patched, options: options) }
        var object = try Admission.checkedBody(patched, type: type, namespace: type.namespaced ? key.namespace : nil)
        if ObjectMetadata.name(of: object) != key.name {
            throw APIError.badRequest("the name of the object (\(ObjectMetadata.name(of: object) ?? "")) does not match the name on the URL (\(key.name))")
        }
        if object[path: ["metadata", "resourceVersion"]] != old[path: ["metadata", "resourceVersion"]] {
            throw APIError.staleResourceVersion(type.groupResource, name: key.name)
        }
        let warnings = try Admission.pruneUnknownFields(&object, type: type, validation: options.fieldValidation, patch: true)
        var result = try replace(type, key: key, old: old, proposed: object, subresource: subresource, options: options)
        result.warnings = warnings
        return result
    }

    /// Server-side apply (`application/apply-patch+yaml`): merges the applied configuration with field
    /// ownership; conflicts with other managers are 409 unless `force`. Creates the object if missing.
    func apply(_ type: ResourceType, key: ObjectKey, body: [UInt8], subresource: String?, options: WriteOptions) throws(APIError) -> WriteResult {
        var applied: JSONValue
        do { applied = try YAML.parse(body) } catch {
            throw APIError.badRequest("error decoding YAML: \(error)")
        }
        applied = try Admission.checkedBody(applied, type: type, namespace: type.namespaced ? key.namespace : nil)
        if let name = ObjectMetadata.name(of: applied), name != key.name {
            throw APIError.badRequest("the name of the object (\(name)) does not match the name on the URL (\(key.name))")
        }
        applied.set(path: ["metadata", "name"], to: .string(key.name))
        let warnings = try Admission.pruneUnknownFields(&applied, type: type, validation: options.fieldValidation, patch: true)
        guard let old = stored(key) else {
            guard subresource == nil else { throw APIError.notFound(type.groupResource, name: key.name) }
            var fresh = applied
            Admission.resetSystemFields(&fresh)
            let object = try ManagedFields.apply(live: nil, applied: fresh, type: type, subresource: nil, options: options)
            var result = try create(type, namespace: type.namespaced ? key.namespace : nil, body: object, options: options, managedFields: object[path: ["metadata", "managedFields"]])
            result.warnings = warnings
            return result
        }
        if let rv = applied[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
           rv != old[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError.staleResourceVersion(type.groupResource, name: key.name)
        }
        applied.set(path: ["metadata", "resourceVersion"], to: nil)
        let merged = try ManagedFields.apply(live: old, applied: applied, type: type, subresource: subresource, options: options)
        var result = try replace(type, key: key, old: old, proposed: merged, subresource: subresource, options: options, managedFieldsDone: true)
        result.warnings = warnings
        return result
    }
}

/// Applies a JSON, merge or strategic merge patch document, with kube-apiserver's error answers.
enum PatchApplication {
    static func apply(_ bodyType: BodyType, _ document: JSONValue, to current: JSONValue, schema: StructuralSchema?, isCustom: Bool) throws(APIError) -> JSONValue {
        do {
            switch bodyType {
            case .mergePatch:
                try MergePatch.validateBody(document)
                return MergePatch.apply(document, to: current)
            case .jsonPatch:
                return try JSONPatch.apply(document, to: current)
            case .strategicMergePatch:
                guard !isCustom else {
                    throw APIError(code: 415, reason: "UnsupportedMediaType",
                                   message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
                                   details: [:])
                }
                return try StrategicMergePatch.apply(document, to: current, schema: schema)
            default:
                throw APIError.patchUnsupportedMediaType
            }
        } catch let error as PatchError {
            throw APIError(code: error.httpStatus, reason: error.reason, message: error.wireMessage, details: error.hidesMessageOnWire ? [:] : nil)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.internalError("\(error)")
        }
    }
}
