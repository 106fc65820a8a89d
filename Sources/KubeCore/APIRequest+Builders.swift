public import JSON

/// Request builders for the standard verbs of a resource. `namespace` is ignored for cluster-scoped
/// resources and optional for list/watch (omitted: across all namespaces). Bodies are JSON.
extension APIRequest {
    /// The path of a collection or, with `name`, of one object, with an optional subresource.
    public static func path(
        _ resource: GroupVersionResource, namespace: String?, name: String? = nil, subresource: String? = nil
    ) -> String {
        var path = resource.basePath
        if resource.namespaced, let namespace, !namespace.isEmpty {
            path += "/namespaces/" + QueryItem.percentEncode(namespace)
        }
        path += "/" + resource.resource
        if let name {
            path += "/" + QueryItem.percentEncode(name)
            if let subresource { path += "/" + subresource }
        }
        return path
    }

    private static func key(_ resource: GroupVersionResource, _ namespace: String?, _ name: String?) -> String? {
        let ns = resource.namespaced ? namespace.flatMap { $0.isEmpty ? nil : $0 } : nil
        switch (ns, name) {
        case let (ns?, name?): return "\(ns)/\(name)"
        case let (nil, name?): return name
        case let (ns?, nil): return ns
        case (nil, nil): return nil
        }
    }

    private static let json = Header("Accept", "application/json")
    private static let jsonBody = Header("Content-Type", "application/json")

    /// GET one object (or its `subresource`, e.g. `status` or `scale`).
    public static func get(
        _ resource: GroupVersionResource, namespace: String?, name: String, subresource: String? = nil
    ) -> APIRequest {
        APIRequest(
            method: .get, path: path(resource, namespace: namespace, name: name, subresource: subresource),
            headers: [json], objectKey: key(resource, namespace, name), resource: resource.description)
    }

    /// GET a collection (one page when `options.limit` is set).
    public static func list(
        _ resource: GroupVersionResource, namespace: String?, options: ListOptions = ListOptions()
    ) -> APIRequest {
        APIRequest(
            method: .get, path: path(resource, namespace: namespace), query: options.queryItems, headers: [json],
            objectKey: key(resource, namespace, nil), resource: resource.description)
    }

    /// A watch of a collection: newline-delimited `{"type","object"}` events.
    public static func watch(
        _ resource: GroupVersionResource, namespace: String?, options: WatchOptions = WatchOptions()
    ) -> APIRequest {
        APIRequest(
            method: .get, path: path(resource, namespace: namespace), query: options.queryItems, headers: [json],
            isWatch: true, objectKey: key(resource, namespace, nil), resource: resource.description)
    }

    /// POST `object` into the collection; the server may complete its name from `generateName`.
    public static func create(
        _ resource: GroupVersionResource, namespace: String?, object: JSONValue, options: WriteOptions = WriteOptions()
    ) -> APIRequest {
        let name = object[path: ["metadata", "name"]]?.stringValue
        return APIRequest(
            method: .post, path: path(resource, namespace: namespace), query: options.queryItems,
            headers: [json, jsonBody], body: object.serialized(), objectKey: key(resource, namespace, name),
            resource: resource.description)
    }

    /// PUT `object` over the named object (or its `subresource`); its `metadata.resourceVersion`, when
    /// set, makes the update conditional (409 Conflict if stale).
    public static func update(
        _ resource: GroupVersionResource, namespace: String?, name: String, object: JSONValue,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) -> APIRequest {
        APIRequest(
            method: .put, path: path(resource, namespace: namespace, name: name, subresource: subresource),
            query: options.queryItems, headers: [json, jsonBody], body: object.serialized(),
            objectKey: key(resource, namespace, name), resource: resource.description)
    }

    /// PATCH the named object (or its `subresource`) with `patch` interpreted per `type`. For `.apply`,
    /// `fieldManager` and `force` go into the query (overriding `options.fieldManager`).
    public static func patch(
        _ resource: GroupVersionResource, namespace: String?, name: String, type: PatchType, patch: JSONValue,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) -> APIRequest {
        var query = options.queryItems
        if case .apply(let manager, let force) = type {
            query.removeAll { $0.name == "fieldManager" }
            query.append(QueryItem("fieldManager", manager))
            if force { query.append(QueryItem("force", "true")) }
        }
        return APIRequest(
            method: .patch, path: path(resource, namespace: namespace, name: name, subresource: subresource),
            query: query, headers: [json, Header("Content-Type", type.contentType)], body: patch.serialized(),
            isIdempotent: type.isIdempotent, objectKey: key(resource, namespace, name),
            resource: resource.description)
    }

    /// DELETE the named object with `options` as a `DeleteOptions` body.
    public static func delete(
        _ resource: GroupVersionResource, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()
    ) -> APIRequest {
        APIRequest(
            method: .delete, path: path(resource, namespace: namespace, name: name), headers: [json, jsonBody],
            body: options.body.serialized(), objectKey: key(resource, namespace, name),
            resource: resource.description)
    }
}
