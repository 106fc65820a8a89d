import JSON

/// The control loops kube-controller-manager and the apiextensions server would run: garbage collection
/// of dependents (background, foreground, orphan), namespace termination, and CRD establishment.
/// They run on the cluster actor right after the write that triggered them, as separate turns, so the
/// triggering request is answered first (as with the real, asynchronous controllers).
extension Cluster {
    func afterCreate(_ key: ObjectKey, _ object: JSONValue) {
        if !(object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).isEmpty { gcQueue.insert(key) }
    }

    func afterUpdate(_ key: ObjectKey, _ object: JSONValue, old: JSONValue) {
        if object[path: ["metadata", "ownerReferences"]] != old[path: ["metadata", "ownerReferences"]] { gcQueue.insert(key) }
    }

    func afterDelete(_ key: ObjectKey, _ object: JSONValue) {
        if let uid = ObjectMetadata.uid(of: object) { gcQueue.formUnion(dependents[uid] ?? []) }
        if key.resource == ResourceRegistry.crdResource { retireCustomResource(object) }
    }

    func scheduleControllers() {
        guard !controllersScheduled else { return }
        controllersScheduled = true
        Task { self.runControllers() }
    }

    /// One pass of every controller; writes they make schedule another pass until nothing is left to do.
    func runControllers() {
        controllersScheduled = false
        establishCustomResourceDefinitions()
        finishDeletions()
        collectDanglingDependents()
    }

    private func write(_ update: () throws -> Void, context: String) {
        do { try update() } catch {
            logger.warning("controller write failed", metadata: ["context": "\(context)", "error": "\(error)"])
        }
    }

    // MARK: Garbage collection

    /// Objects being deleted with the foregroundDeletion or orphan finalizer, and terminating namespaces.
    private func finishDeletions() {
        for key in deleting.sorted() {
            guard let object = stored(key) else { continue }
            let finalizers = ObjectMetadata.finalizers(of: object)
            if finalizers.contains("foregroundDeletion") { foreground(key, object) }
            if finalizers.contains("orphan") { orphan(key, object) }
            if key.resource == ResourceRegistry.namespaceResource { terminateNamespace(key, object) }
            if key.resource == ResourceRegistry.crdResource, finalizers.contains(CustomResources.cleanupFinalizer) {
                cleanUpCustomResources(key, object)
            }
        }
    }

    private func dependentsOf(_ object: JSONValue) -> [ObjectKey] {
        guard let uid = ObjectMetadata.uid(of: object) else { return [] }
        return (dependents[uid] ?? []).sorted()
    }

    private func foreground(_ key: ObjectKey, _ object: JSONValue) {
        var blocking = false
        for dependentKey in dependentsOf(object) {
            guard let dependent = stored(dependentKey), let type = registry.type(for: dependentKey.resource) else { continue }
            let reference = (dependent[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).first { $0["uid"]?.stringValue == ObjectMetadata.uid(of: object) }
            if reference?["blockOwnerDeletion"] == true { blocking = true }
            if !ObjectMetadata.isDeleting(dependent) {
                write({ _ = try delete(type, key: dependentKey, options: DeleteOptions(propagation: .foreground)) }, context: "foreground delete \(dependentKey.storageKey)")
            }
        }
        if !blocking { removeFinalizer("foregroundDeletion", from: key) }
    }

    private func orphan(_ key: ObjectKey, _ object: JSONValue) {
        let uid = ObjectMetadata.uid(of: object)
        for dependentKey in dependentsOf(object) {
            guard var dependent = stored(dependentKey) else { continue }
            let previous = dependent
            let remaining = (dependent[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
            dependent.set(path: ["metadata", "ownerReferences"], to: remaining.isEmpty ? nil : .array(remaining))
            stampVersion(&dependent)
            write({ try commitOrThrow(.modified, key: dependentKey, object: dependent, previous: previous) }, context: "orphan \(dependentKey.storageKey)")
        }
        removeFinalizer("orphan", from: key)
    }

    /// Removes a finalizer the server itself manages; removing the last one completes the deletion.
    func removeFinalizer(_ finalizer: String, from key: ObjectKey) {
        guard let old = stored(key), let type = registry.type(for: key.resource) else { return }
        var object = old
        let remaining = ObjectMetadata.finalizers(of: old).filter { $0 != finalizer }
        object.set(path: ["metadata", "finalizers"], to: remaining.isEmpty ? nil : .array(remaining.map(JSONValue.string)))
        write({ _ = try replace(type, key: key, old: old, proposed: object, subresource: nil,
                                 options: WriteOptions(fieldManager: "stockade-controller-manager"), managedFieldsDone: true) },
              context: "remove finalizer \(finalizer) from \(key.storageKey)")
    }

    /// Dependents whose owners are all gone (or never existed) are deleted in the background.
    private func collectDanglingDependents() {
        let queue = gcQueue
        gcQueue = []
        for key in queue.sorted() {
            guard let object = stored(key), !ObjectMetadata.isDeleting(object), let type = registry.type(for: key.resource) else { continue }
            let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            guard !owners.isEmpty else { continue }
            let ownerAlive = owners.contains { owner in
                guard let uid = owner["uid"]?.stringValue, let ownerKey = uids[uid], let ownerObject = stored(ownerKey) else { return false }
                return !(ObjectMetadata.isDeleting(ownerObject) && ObjectMetadata.finalizers(of: ownerObject).contains("orphan"))
            }
            if !ownerAlive {
                write({ _ = try delete(type, key: key, options: DeleteOptions(propagation: .background)) }, context: "collect \(key.storageKey)")
            }
        }
    }

    // MARK: Namespaces

    private func terminateNamespace(_ key: ObjectKey, _ namespace: JSONValue) {
        var remaining = 0
        for (resource, byKey) in objects where resource != ResourceRegistry.namespaceResource {
            guard let type = registry.type(for: resource) else { continue }
            for objectKey in byKey.keys where objectKey.namespace == key.name {
                remaining += 1
                if !ObjectMetadata.isDeleting(byKey[objectKey]!) {
                    write({ _ = try delete(type, key: objectKey, options: DeleteOptions(propagation: .background)) }, context: "namespace cleanup")
                }
            }
        }
        guard remaining == 0 else { return }
        var specFinalizers = (namespace[path: ["spec", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if specFinalizers.contains("kubernetes") {
            specFinalizers.removeAll { $0 == "kubernetes" }
            var object = namespace
            object.set(path: ["spec", "finalizers"], to: specFinalizers.isEmpty ? nil : .array(specFinalizers.map(JSONValue.string)))
            stampVersion(&object)
            write({ try commitOrThrow(.modified, key: key, object: object, previous: namespace) }, context: "namespace finalize")
            return
        }
        if ObjectMetadata.finalizers(of: namespace).isEmpty, specFinalizers.isEmpty {
            var last = namespace
            stampVersion(&last)
            write({ try commitOrThrow(.deleted, key: key, object: last, previous: namespace) }, context: "namespace delete")
        }
    }
}
