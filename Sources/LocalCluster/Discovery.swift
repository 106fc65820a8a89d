import JSON

/// Discovery documents (legacy and aggregated v2) generated from the served resource types.
enum Discovery {
    static func version() -> JSONValue {
        [
            "major": .string(ServerVersion.major), "minor": .string(ServerVersion.minor),
            "emulationMajor": .string(ServerVersion.major), "emulationMinor": .string(ServerVersion.minor),
            "minCompatibilityMajor": "1", "minCompatibilityMinor": "35",
            "gitVersion": .string(ServerVersion.gitVersion), "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "", "goVersion": "", "compiler": "swift", "platform": "linux/amd64",
        ]
    }

    /// `/api`: APIVersions (no apiVersion field, as kube-apiserver sends it).
    static func apiVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func groups(_ registry: ResourceRegistry) -> [(name: String, versions: [String])] {
        var result: [(String, [String])] = []
        for gv in registry.groupVersions where !gv.group.isEmpty {
            if let i = result.firstIndex(where: { $0.0 == gv.group }) {
                if !result[i].1.contains(gv.version) { result[i].1.append(gv.version) }
            } else {
                result.append((gv.group, [gv.version]))
            }
        }
        return result
    }

    static func apiGroup(name: String, versions: [String]) -> JSONValue {
        let list: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["name": .string(name), "versions": .array(list), "preferredVersion": list.first ?? .null]
    }

    /// `/apis`: APIGroupList.
    static func apiGroupList(_ registry: ResourceRegistry) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups(registry).map { apiGroup(name: $0.name, versions: $0.versions) })]
    }

    /// `/apis/{group}`: APIGroup, or nil when the group is not served.
    static func group(_ name: String, _ registry: ResourceRegistry) -> JSONValue? {
        guard let group = groups(registry).first(where: { $0.name == name }) else { return nil }
        guard case .object(var o) = apiGroup(name: group.name, versions: group.versions) else { return nil }
        var result: JSONObject = ["kind": "APIGroup", "apiVersion": "v1"]
        for (k, v) in o { result[k] = v }
        o = result
        return .object(o)
    }

    /// `/api/v1` or `/apis/{group}/{version}`: APIResourceList, or nil when not served.
    static func resourceList(group: String, version: String, _ registry: ResourceRegistry) -> JSONValue? {
        let types = registry.types(group: group, version: version)
        guard !types.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for type in types {
            var entry: JSONObject = ["name": .string(type.resource), "singularName": .string(type.singular),
                                     "namespaced": .bool(type.namespaced), "kind": .string(type.kind),
                                     "verbs": .array(type.verbs.map(JSONValue.string))]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map(JSONValue.string)) }
            resources.append(.object(entry))
            if type.scale != nil {
                resources.append(["name": .string("\(type.resource)/scale"), "singularName": "", "namespaced": .bool(type.namespaced),
                                  "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]])
            }
            if type.hasStatus {
                resources.append(["name": .string("\(type.resource)/status"), "singularName": "", "namespaced": .bool(type.namespaced),
                                  "kind": .string(type.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        var list: JSONObject = ["kind": "APIResourceList"]
        if !group.isEmpty { list["apiVersion"] = "v1" }
        list["groupVersion"] = .string(group.isEmpty ? version : "\(group)/\(version)")
        list["resources"] = .array(resources)
        return .object(list)
    }

    /// Aggregated discovery (apidiscovery.k8s.io/v2) for `/api` (legacy: true) or `/apis`.
    static func aggregated(legacy: Bool, _ registry: ResourceRegistry) -> JSONValue {
        var items: [JSONValue] = []
        let groupList: [(name: String, versions: [String])] = legacy ? [("", ["v1"])] : groups(registry)
        for group in groupList {
            var versions: [JSONValue] = []
            for version in group.versions {
                let resources: [JSONValue] = registry.types(group: group.name, version: version).map { type in
                    var entry: JSONObject = [
                        "resource": .string(type.resource),
                        "responseKind": ["group": "", "version": "", "kind": .string(type.kind)],
                        "scope": type.namespaced ? "Namespaced" : "Cluster",
                        "singularResource": .string(type.singular),
                        "verbs": .array(type.verbs.map(JSONValue.string)),
                    ]
                    if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
                    if !type.categories.isEmpty { entry["categories"] = .array(type.categories.map(JSONValue.string)) }
                    var subresources: [JSONValue] = []
                    if type.scale != nil {
                        subresources.append(["subresource": "scale", "responseKind": ["group": "autoscaling", "version": "v1", "kind": "Scale"],
                                              "verbs": ["get", "patch", "update"]])
                    }
                    if type.hasStatus {
                        subresources.append(["subresource": "status", "responseKind": ["group": "", "version": "", "kind": .string(type.kind)],
                                              "verbs": ["get", "patch", "update"]])
                    }
                    if !subresources.isEmpty { entry["subresources"] = .array(subresources) }
                    return .object(entry)
                }
                versions.append(["version": .string(version), "resources": .array(resources), "freshness": "Current"])
            }
            let metadata: JSONValue = group.name.isEmpty ? [:] : ["name": .string(group.name)]
            items.append(["metadata": metadata, "versions": .array(versions)])
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:], "items": .array(items)]
    }

    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
}
