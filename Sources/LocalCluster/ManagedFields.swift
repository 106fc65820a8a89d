import JSON
import KubeApply
import KubeSchema

/// Field ownership for every write, through the server-side apply machinery in KubeApply.
enum ManagedFields {
    /// Fields an endpoint resets and nobody owns through it (kube-apiserver's reset fields): `.status` on
    /// the main resource of a kind with a status subresource, `.spec` on the `/status` subresource.
    static func ignored(_ type: ResourceType, subresource: String?) -> FieldSet {
        switch subresource {
        case nil: return type.hasStatus ? FieldSet([FieldPath(fields: "status")]) : FieldSet()
        case "status": return FieldSet([FieldPath(fields: "spec")])
        default: return FieldSet()
        }
    }

    /// Records a non-apply write (create, update, patch) in `metadata.managedFields` under `manager`.
    static func trackUpdate(old: JSONValue?, new: JSONValue, manager: String, type: ResourceType, subresource: String?) -> JSONValue {
        FieldManager.update(old: old, new: new, manager: manager, apiVersion: type.groupVersion, subresource: subresource,
                            schema: type.schema ?? .any, now: ObjectMetadata.timestamp(), ignoring: ignored(type, subresource: subresource))
    }

    /// Server-side apply of `applied` onto `live` (nil when creating), with kube-apiserver's answers:
    /// conflicts 409 (one `FieldManagerConflict` cause per field), schema mismatches 500, bad requests 400.
    static func apply(live: JSONValue?, applied: JSONValue, type: ResourceType, subresource: String?, options: WriteOptions) throws(APIError) -> JSONValue {
        do {
            return try FieldManager.apply(live: live, applied: applied, manager: options.fieldManager, apiVersion: type.groupVersion,
                                          subresource: subresource, force: options.force, schema: type.schema ?? .any,
                                          now: ObjectMetadata.timestamp(), ignoring: ignored(type, subresource: subresource))
        } catch {
            switch error {
            case .conflicts(let conflicts):
                return try throwConflict(conflicts, error)
            case .invalid(let message):
                let name = ObjectMetadata.name(of: applied) ?? ""
                let namespace = ObjectMetadata.namespace(of: applied).map { "\($0)/" } ?? "/"
                throw APIError(code: 500, reason: "", message: "failed to create typed patch object (\(namespace)\(name); \(type.groupVersion), Kind=\(type.kind)): \(message)")
            case .badRequest(let message):
                throw APIError.badRequest(message)
            }
        }
    }

    private static func throwConflict(_ conflicts: [Conflict], _ error: ApplyError) throws(APIError) -> JSONValue {
        var details = JSONObject()
        details["causes"] = error.causes
        throw APIError(code: 409, reason: "Conflict", message: error.message, details: details)
    }
}
