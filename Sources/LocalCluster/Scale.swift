import JSON

/// The autoscaling/v1 `Scale` view of an object with a scale subresource.
enum Scale {
    static func from(_ object: JSONValue, type: ResourceType) -> JSONValue {
        guard let scale = type.scale else { return object }
        var metadata: JSONObject = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: ["metadata", key]] { metadata[key] = value }
        }
        var status: JSONObject = ["replicas": object[path: scale.statusReplicasPath] ?? 0]
        if let path = scale.labelSelectorPath, let selector = object[path: path]?.stringValue {
            status["selector"] = .string(selector)
        } else if !type.isCustom, let matchLabels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue {
            status["selector"] = .string(matchLabels.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ","))
        }
        var spec: JSONObject = [:]
        if let replicas = object[path: scale.specReplicasPath] { spec["replicas"] = replicas }
        return ["kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata), "spec": .object(spec), "status": .object(status)]
    }
}

extension Cluster {
    func currentRegistry() -> ResourceRegistry { registry }
    func currentVersion() -> Int64 { resourceVersion }

    /// Writes `spec.replicas` of a Scale into the object (PUT .../scale).
    func updateScale(_ type: ResourceType, key: ObjectKey, scale: JSONValue, options: WriteOptions) throws(APIError) -> WriteResult {
        guard let old = stored(key), let mapping = type.scale else { throw APIError.notFound(type.groupResource, name: key.name) }
        if let rv = scale[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty, rv != old[path: ["metadata", "resourceVersion"]]?.stringValue {
            throw APIError.staleResourceVersion(type.groupResource, name: key.name)
        }
        guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
            throw APIError.invalid(kind: "Scale", group: "autoscaling", name: key.name,
                                   causes: [.init(reason: "FieldValueInvalid", message: "Invalid value: \(scale[path: ["spec", "replicas"]]?.jsonString() ?? "null"): must be greater than or equal to 0", field: "spec.replicas")])
        }
        var object = old
        object.set(path: mapping.specReplicasPath, to: .int(replicas))
        return try replace(type, key: key, old: old, proposed: object, subresource: nil, options: options)
    }

    /// `PUT /api/v1/namespaces/{name}/finalize`: replaces `spec.finalizers`.
    func finalizeNamespace(_ key: ObjectKey, body: JSONValue, options: WriteOptions) throws(APIError) -> WriteResult {
        guard let old = stored(key), let type = registry.type(for: ResourceRegistry.namespaceResource) else {
            throw APIError.notFound(ResourceRegistry.namespaceResource, name: key.name)
        }
        var object = old
        object.set(path: ["spec", "finalizers"], to: body[path: ["spec", "finalizers"]])
        if let labels = body[path: ["metadata", "labels"]] { object.set(path: ["metadata", "labels"], to: labels) }
        let result = try replace(type, key: key, old: old, proposed: object, subresource: nil, options: options)
        scheduleControllers()
        return result
    }

    /// Deletes every object matching the selectors; returns them as they were before deletion.
    func deleteCollection(_ type: ResourceType, namespace: String?, list: ListOptions, options: DeleteOptions) throws(APIError) -> ([JSONValue], Int64) {
        var unpaged = list
        unpaged.limit = nil
        unpaged.continueToken = nil
        let matched = try self.list(type.groupResource, namespace: namespace, options: unpaged).items
        for object in matched {
            guard let name = ObjectMetadata.name(of: object) else { continue }
            let key = ObjectKey(resource: type.groupResource, namespace: type.namespaced ? (ObjectMetadata.namespace(of: object) ?? "") : "", name: name)
            _ = try? delete(type, key: key, options: options)
        }
        return (matched, resourceVersion)
    }
}
