public import JSON
public import KubeCore

/// The standard verbs on unstructured objects. `namespace: nil` uses the configuration's namespace for
/// namespaced resources (it is ignored for cluster-scoped ones); list and watch take `allNamespaces`.
extension KubeClient {
    func namespace(_ resource: GroupVersionResource, _ namespace: String?) -> String? {
        resource.namespaced ? (namespace ?? configuration.namespace) : nil
    }

    /// The named object (or its `subresource`).
    public func get(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String, subresource: String? = nil
    ) async throws(KubeAPIError) -> JSONValue {
        try await send(.get(resource, namespace: self.namespace(resource, namespace), name: name, subresource: subresource))
    }

    /// One list response (a page when `options.limit` is set), with `metadata.continue` for the next.
    public func list(
        _ resource: GroupVersionResource, namespace: String? = nil, allNamespaces: Bool = false,
        options: ListOptions = ListOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        let ns = allNamespaces ? nil : self.namespace(resource, namespace)
        return try await send(.list(resource, namespace: ns, options: options))
    }

    /// Every item, following `continue` tokens with pages of `pageSize`, and the list's resourceVersion
    /// (of the first page: the snapshot all pages belong to), ready to start a watch from.
    public func listAll(
        _ resource: GroupVersionResource, namespace: String? = nil, allNamespaces: Bool = false,
        options: ListOptions = ListOptions(), pageSize: Int = 500
    ) async throws(KubeAPIError) -> (items: [JSONValue], resourceVersion: String) {
        var options = options
        options.limit = pageSize
        var items: [JSONValue] = []
        var resourceVersion: String?
        while true {
            let page = try await list(resource, namespace: namespace, allNamespaces: allNamespaces, options: options)
            items += page["items"]?.arrayValue ?? []
            if resourceVersion == nil { resourceVersion = page[path: ["metadata", "resourceVersion"]]?.stringValue }
            guard let token = page[path: ["metadata", "continue"]]?.stringValue, !token.isEmpty else { break }
            options.continueToken = token
            options.resourceVersion = nil
            options.resourceVersionMatch = nil
        }
        return (items, resourceVersion ?? "")
    }

    /// Creates `object` and returns it as stored.
    public func create(
        _ resource: GroupVersionResource, namespace: String? = nil, object: JSONValue,
        options: WriteOptions = WriteOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        try await send(.create(resource, namespace: self.namespace(resource, namespace), object: object, options: options))
    }

    /// Replaces the object named by `object`'s `metadata.name` (conditional on its resourceVersion, if
    /// set) and returns it as stored. With `subresource: "status"` only the status is written.
    public func update(
        _ resource: GroupVersionResource, namespace: String? = nil, object: JSONValue, subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        return try await send(.update(
            resource, namespace: self.namespace(resource, namespace), name: name, object: object,
            subresource: subresource, options: options))
    }

    /// Patches the named object (or its `subresource`) and returns it as stored.
    public func patch(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String, type: PatchType, patch: JSONValue,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        try await send(.patch(
            resource, namespace: self.namespace(resource, namespace), name: name, type: type, patch: patch,
            subresource: subresource, options: options))
    }

    /// Server-side applies `object` (named by its `metadata.name`) as `fieldManager`.
    public func apply(
        _ resource: GroupVersionResource, namespace: String? = nil, object: JSONValue, fieldManager: String,
        force: Bool = false, subresource: String? = nil, dryRun: Bool = false
    ) async throws(KubeAPIError) -> JSONValue {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        return try await patch(
            resource, namespace: namespace, name: name, type: .apply(fieldManager: fieldManager, force: force),
            patch: object, subresource: subresource, options: WriteOptions(dryRun: dryRun))
    }

    /// Deletes the named object; returns the server's answer (the object while finalizers run, or a
    /// Status).
    @discardableResult
    public func delete(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String,
        options: DeleteOptions = DeleteOptions()
    ) async throws(KubeAPIError) -> JSONValue {
        try await send(.delete(resource, namespace: self.namespace(resource, namespace), name: name, options: options))
    }

    /// The `/status` subresource of the named object.
    public func getStatus(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String
    ) async throws(KubeAPIError) -> JSONValue {
        try await get(resource, namespace: namespace, name: name, subresource: "status")
    }

    /// Replaces only the status of `object` (via `/status`).
    public func updateStatus(
        _ resource: GroupVersionResource, namespace: String? = nil, object: JSONValue
    ) async throws(KubeAPIError) -> JSONValue {
        try await update(resource, namespace: namespace, object: object, subresource: "status")
    }

    /// The `autoscaling/v1` Scale of the named object.
    public func getScale(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String
    ) async throws(KubeAPIError) -> JSONValue {
        try await get(resource, namespace: namespace, name: name, subresource: "scale")
    }

    /// Sets `spec.replicas` through the `/scale` subresource and returns the new Scale.
    public func scale(
        _ resource: GroupVersionResource, namespace: String? = nil, name: String, replicas: Int
    ) async throws(KubeAPIError) -> JSONValue {
        try await patch(
            resource, namespace: namespace, name: name, type: .merge,
            patch: ["spec": ["replicas": .int(Int64(replicas))]], subresource: "scale")
    }
}
