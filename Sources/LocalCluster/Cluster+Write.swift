import Foundation
import JSON

extension Cluster {
    // MARK: - Create

    /// Creates an object after decoding checks, pruning, defaulting and validation. `namespace` is the
    /// namespace in the URL (nil for cluster-scoped resources).
    /// `managedFields`, when given, replaces the server's own tracking (server-side apply computed it).
    func create(_ type: ResourceType, namespace: String?, body: JSONValue, options: WriteOptions,
                managedFields: JSONValue? = nil) throws(APIError) -> WriteResult {
        var object = try Admission.checkedBody(body, type: type, namespace: namespace)
        let warnings = try Admission.pruneUnknownFields(&object, type: type, validation: options.fieldValidation, patch: false)
        try Admission.assignName(&object, type: type)
        let name = ObjectMetadata.name(of: object)!
        let key = ObjectKey(resource: type.groupResource, namespace: type.namespaced ? (namespace ?? "") : "", name: name)
        Admission.resetSystemFields(&object)
        if type.hasStatus { object["status"] = nil }
        BuiltinDefaults.apply(to: &object, type: type, clusterIPs: &clusterIPs)
        Admission.applySchemaDefaults(&object, type: type)
        try Admission.validate(object, old: nil, type: type, registry: registry)
        if type.namespaced { try checkNamespaceAccepts(key) }
        if stored(key) != nil { throw APIError.alreadyExists(type.groupResource, name: name) }
        stampNewObject(&object, key: key, generation: type.generation)
        if let managedFields {
            object.set(path: ["metadata", "managedFields"], to: managedFields)
        } else {
            object = ManagedFields.trackUpdate(old: nil, new: object, manager: options.fieldManager, type: type, subresource: nil)
        }
        object = ObjectMetadata.canonicalized(object)
        if options.dryRun {
            object.set(path: ["metadata", "resourceVersion"], to: nil)
            return WriteResult(object: object, created: true, warnings: warnings)
        }
        stampVersion(&object)
        try commitOrThrow(.added, key: key, object: object, previous: nil)
        afterCreate(key, object)
        return WriteResult(object: object, created: true, warnings: warnings)
    }

    /// Sets uid, creationTimestamp and generation on a new object.
    func stampNewObject(_ object: inout JSONValue, key: ObjectKey, generation: GenerationPolicy = .none) {
        object.set(path: ["metadata", "uid"], to: .string(UUID().uuidString.lowercased()))
        object.set(path: ["metadata", "creationTimestamp"], to: .string(ObjectMetadata.timestamp()))
        if generation != .none { object.set(path: ["metadata", "generation"], to: 1) }
        if key.namespace.isEmpty { object.set(path: ["metadata", "namespace"], to: nil) }
    }

    func checkNamespaceAccepts(_ key: ObjectKey) throws(APIError) {
        let nsKey = ObjectKey(resource: ResourceRegistry.namespaceResource, namespace: "", name: key.namespace)
        guard let namespace = stored(nsKey) else {
            throw APIError.notFound(ResourceRegistry.namespaceResource, name: key.namespace)
        }
        if ObjectMetadata.isDeleting(namespace) {
            var error = APIError.forbidden(key.resource, name: key.name,
                                           message: "unable to create new content in namespace \(key.namespace) because it is being terminated")
            error.causes = [.init(reason: "NamespaceTerminating", message: "namespace \(key.namespace) is being terminated", field: "metadata.namespace")]
            throw error
        }
    }

    func commitOrThrow(_ kind: ChangeEvent.Kind, key: ObjectKey, object: JSONValue, previous: JSONValue?) throws(APIError) {
        do {
            try commit(kind, key: key, object: object, previous: previous)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.internalError("\(error)")
        }
    }

    // MARK: - Update

    /// Replaces an object (PUT) or its status (`subresource == "status"`). A body resourceVersion that is
    /// not the stored one is a 409 Conflict. A write that changes nothing keeps the resourceVersion.
    func update(_ type: ResourceType, key: ObjectKey, body: JSONValue, subresource: String?, options: WriteOptions) throws(APIError) -> WriteResult {
        var object = try Admission.checkedBody(body, type: type, namespace: type.namespaced ? key.namespace : nil)
        if let bodyName = ObjectMetadata.name(of: object), bodyName != key.name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(key.name))")
        }
        object.set(path: ["metadata", "name"], to: .string(key.name))
        let warnings = try Admission.pruneUnknownFields(&object, type: type, validation: options.fieldValidation, patch: false)
        guard let old = stored(key) else {
            if subresource == nil, Admission.allowsCreateOnUpdate(type) {
                var result = try create(type, namespace: type.namespaced ? key.namespace : nil, body: object, options: options)
                result.warnings = warnings
                return result
            }
            throw APIError.notFound(type.groupResource, name: key.name)
        }
        if let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty,
           rv != old[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError.staleResourceVersion(type.groupResource, name: key.name)
        }
        var result = try replace(type, key: key, old: old, proposed: object, subresource: subresource, options: options)
        result.warnings = warnings
        return result
    }

    /// The shared tail of update and patch: carry over what the client may not change, default,
    /// validate, bump generation, track managed fields, and commit (or finish a deletion).
    func replace(_ type: ResourceType, key: ObjectKey, old: JSONValue, proposed: JSONValue, subresource: String?,
                 options: WriteOptions, managedFieldsDone: Bool = false) throws(APIError) -> WriteResult {
        var object: JSONValue
        if subresource == "status" {
            object = old
            object["status"] = proposed["status"]
            if managedFieldsDone { object.set(path: ["metadata", "managedFields"], to: proposed[path: ["metadata", "managedFields"]]) }
        } else {
            object = proposed
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
                object.set(path: ["metadata", field], to: old[path: ["metadata", field]])
            }
            if !managedFieldsDone || object[path: ["metadata", "managedFields"]] == nil {
                object.set(path: ["metadata", "managedFields"], to: old[path: ["metadata", "managedFields"]])
            }
            if type.hasStatus { object["status"] = old["status"] }
            BuiltinDefaults.apply(to: &object, type: type, clusterIPs: &clusterIPs)
            Admission.applySchemaDefaults(&object, type: type)
            try Admission.checkFinalizers(new: object, old: old, type: type, key: key)
        }
        object.set(path: ["metadata", "resourceVersion"], to: old[path: ["metadata", "resourceVersion"]])
        try Admission.validate(object, old: old, type: type, registry: registry)
        if subresource == nil, Admission.generationChanged(type.generation, old: old, new: object) {
            let generation = old[path: ["metadata", "generation"]]?.intValue ?? 0
            object.set(path: ["metadata", "generation"], to: .int(generation + 1))
        }
        if !managedFieldsDone {
            object = ManagedFields.trackUpdate(old: old, new: object, manager: options.fieldManager, type: type, subresource: subresource)
        }
        object = ObjectMetadata.canonicalized(object)
        if object == old { return WriteResult(object: old, created: false, warnings: []) }
        if options.dryRun { return WriteResult(object: object, created: false, warnings: []) }
        stampVersion(&object)
        if ObjectMetadata.isDeleting(object), ObjectMetadata.finalizers(of: object).isEmpty {
            // Removing the last finalizer completes the deletion: watchers see DELETED with the
            // previous stored state (at the new resourceVersion), the caller sees the updated object.
            var last = old
            last.set(path: ["metadata", "resourceVersion"], to: object[path: ["metadata", "resourceVersion"]])
            try commitOrThrow(.deleted, key: key, object: last, previous: old)
            afterDelete(key, last)
            return WriteResult(object: object, created: false, warnings: [])
        }
        try commitOrThrow(.modified, key: key, object: object, previous: old)
        afterUpdate(key, object, old: old)
        return WriteResult(object: object, created: false, warnings: [])
    }

    // MARK: - Delete

    /// Deletes an object, honouring preconditions, finalizers and the propagation policy: Foreground and
    /// Orphan add their finalizer and leave the work to the garbage collector.
    func delete(_ type: ResourceType, key: ObjectKey, options: DeleteOptions) throws(APIError) -> DeleteResult {
        guard let old = stored(key) else { throw APIError.notFound(type.groupResource, name: key.name) }
        if key.resource == ResourceRegistry.namespaceResource, ["default", "kube-system", "kube-public"].contains(key.name) {
            throw APIError.forbidden(key.resource, name: key.name, message: "this namespace may not be deleted")
        }
        if let uid = options.preconditionUID, uid != ObjectMetadata.uid(of: old) {
            throw APIError(code: 409, reason: "Conflict",
                           message: "Operation cannot be fulfilled on \(type.kind) \"\(key.name)\": the UID in the precondition (\(uid)) does not match the UID in record (\(ObjectMetadata.uid(of: old) ?? "")). The object might have been deleted and then recreated",
                           details: APIError.detailsFor(name: key.name, group: type.group, kind: type.kind))
        }
        if let rv = options.preconditionResourceVersion, rv != old[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError(code: 409, reason: "Conflict",
                           message: "Operation cannot be fulfilled on \(type.kind) \"\(key.name)\": the ResourceVersion in the precondition (\(rv)) does not match the ResourceVersion in record (\(old[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")). The object might have been modified",
                           details: APIError.detailsFor(name: key.name, group: type.group, kind: type.kind))
        }
        var finalizers = ObjectMetadata.finalizers(of: old)
        let policy = options.propagation ?? .background
        if policy == .foreground, !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        if policy == .orphan, !finalizers.contains("orphan") { finalizers.append("orphan") }
        if type.groupResource == ResourceRegistry.namespaceResource || !finalizers.isEmpty {
            var object = old
            if !ObjectMetadata.isDeleting(old) {
                object.set(path: ["metadata", "deletionTimestamp"], to: .string(ObjectMetadata.timestamp()))
                object.set(path: ["metadata", "deletionGracePeriodSeconds"], to: 0)
            }
            if !finalizers.isEmpty { object.set(path: ["metadata", "finalizers"], to: .array(finalizers.map(JSONValue.string))) }
            if type.groupResource == ResourceRegistry.namespaceResource {
                object.set(path: ["status", "phase"], to: "Terminating")
            }
            object = ObjectMetadata.canonicalized(object)
            if object == old || options.dryRun { return .pending(object) }
            stampVersion(&object)
            try commitOrThrow(.modified, key: key, object: object, previous: old)
            return .pending(object)
        }
        if options.dryRun { return .deleted(old) }
        var last = old
        stampVersion(&last)
        try commitOrThrow(.deleted, key: key, object: last, previous: old)
        afterDelete(key, last)
        return .deleted(last)
    }
}
