/// The resource types the server serves, looked up by group/version/resource or by group/resource.
struct ResourceRegistry: Sendable {
    static let namespaceResource = GroupResource(group: "", resource: "namespaces")
    static let crdResource = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    /// Served types keyed by "group/version/resource".
    private(set) var types: [String: ResourceType] = [:]
    /// The storage-version type per group/resource.
    private(set) var storage: [GroupResource: ResourceType] = [:]
    /// Served group/versions in registration order (built-ins first, as discovery lists them).
    private(set) var groupVersions: [(group: String, version: String)] = []

    init() {
        register(BuiltinResources.all)
    }

    mutating func register(_ newTypes: [ResourceType]) {
        for type in newTypes {
            types["\(type.group)/\(type.version)/\(type.resource)"] = type
            if type.version == type.storageVersion, type.storageResource == nil { storage[type.groupResource] = type }
            if !groupVersions.contains(where: { $0.group == type.group && $0.version == type.version }) {
                groupVersions.append((type.group, type.version))
            }
        }
    }

    /// Removes every version of `resource` (a CRD was deleted or stopped being served).
    mutating func unregister(_ resource: GroupResource) {
        types = types.filter { $0.value.groupResource != resource }
        storage[resource] = nil
        groupVersions.removeAll { gv in !types.values.contains { $0.group == gv.group && $0.version == gv.version } }
    }

    func type(group: String, version: String, resource: String) -> ResourceType? {
        types["\(group)/\(version)/\(resource)"]
    }

    /// The storage-version type of a resource.
    func type(for resource: GroupResource) -> ResourceType? { storage[resource] }

    /// Types served at one group/version, sorted by resource name.
    func types(group: String, version: String) -> [ResourceType] {
        types.values.filter { $0.group == group && $0.version == version }.sorted { $0.resource < $1.resource }
    }

    /// Finds the storage type for an ownerReference or similar `apiVersion` + `kind` pair.
    func type(apiVersion: String, kind: String) -> ResourceType? {
        let (group, version) = ResourceRegistry.split(apiVersion: apiVersion)
        return types.values.first { $0.group == group && $0.version == version && $0.kind == kind }
    }

    static func split(apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }

    func isGroupServed(_ group: String) -> Bool { groupVersions.contains { $0.group == group } }
}
