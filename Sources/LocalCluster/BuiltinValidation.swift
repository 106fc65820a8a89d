import JSON
import KubeSchema

/// Rules of built-in kinds that a structural schema cannot express.
enum BuiltinValidation {
    static func errors(_ object: JSONValue, old: JSONValue?, type: ResourceType, registry: ResourceRegistry) -> [FieldError] {
        guard !type.isCustom else { return [] }
        switch (type.group, type.resource) {
        case ("apps", "deployments"), ("apps", "replicasets"): return workload(object)
        case ("", "services"): return service(object, old: old)
        case ("", "configmaps"), ("", "secrets"): return configData(object)
        case ("autoscaling", "horizontalpodautoscalers"): return autoscaler(object)
        case ("apiextensions.k8s.io", "customresourcedefinitions"): return CRDValidation.errors(object, old: old, registry: registry)
        default: return []
        }
    }

    static func workload(_ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        if let replicas = object[path: ["spec", "replicas"]]?.intValue, replicas < 0 {
            errors.append(.invalid("spec.replicas", .int(replicas), "must be greater than or equal to 0"))
        }
        let selector = object[path: ["spec", "selector"]]
        if selector == nil {
            errors.append(.required("spec.selector", ""))
        }
        let templateLabels = ObjectMetadata.labels(of: object[path: ["spec", "template"]] ?? [:])
        if let matchLabels = selector?["matchLabels"]?.objectValue {
            let matches = matchLabels.allSatisfy { templateLabels[$0.key] == $0.value.stringValue }
            if !matches {
                errors.append(.invalid("spec.template.metadata.labels", .object(JSONObject(templateLabels.map { ($0.key, JSONValue.string($0.value)) })),
                                       "`selector` does not match template `labels`"))
            }
        }
        let containers = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        if containers.isEmpty { errors.append(.required("spec.template.spec.containers", "")) }
        for (i, container) in containers.enumerated() {
            if (container["name"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.template.spec.containers[\(i)].name", "")) }
            if (container["image"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.template.spec.containers[\(i)].image", "")) }
        }
        return errors
    }

    static func service(_ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var errors: [FieldError] = []
        let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let ports = object[path: ["spec", "ports"]]?.arrayValue ?? []
        if ports.isEmpty, type != "ExternalName", object[path: ["spec", "clusterIP"]] != "None" {
            errors.append(.required("spec.ports", ""))
        }
        for (i, port) in ports.enumerated() {
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) {
                errors.append(.invalid("spec.ports[\(i)].port", port["port"] ?? .int(0), "must be between 1 and 65535, inclusive"))
            }
            if ports.count > 1, (port["name"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.ports[\(i)].name", "")) }
        }
        if let old, let before = old[path: ["spec", "clusterIP"]], before != object[path: ["spec", "clusterIP"]], type != "ExternalName" {
            errors.append(.invalid("spec.clusterIPs[0]", object[path: ["spec", "clusterIP"]], "may not change once set"))
        }
        return errors
    }

    static func configData(_ object: JSONValue) -> [FieldError] {
        var size = 0
        for (key, value) in object["data"]?.objectValue ?? [:] { size += key.utf8.count + (value.stringValue?.utf8.count ?? 0) }
        for (key, value) in object["binaryData"]?.objectValue ?? [:] { size += key.utf8.count + (value.stringValue?.utf8.count ?? 0) * 3 / 4 }
        if size > 1_048_576 { return [FieldError(.tooLong, field: "[]", badValue: nil, detail: "may not be more than 1048576 bytes")] }
        return []
    }

    static func autoscaler(_ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        let maxReplicas = object[path: ["spec", "maxReplicas"]]?.intValue ?? 0
        let minReplicas = object[path: ["spec", "minReplicas"]]?.intValue ?? 1
        if maxReplicas < 1 { errors.append(.invalid("spec.maxReplicas", .int(maxReplicas), "must be greater than or equal to 1")) }
        if minReplicas > maxReplicas, maxReplicas >= 1 {
            errors.append(.invalid("spec.minReplicas", .int(minReplicas), "must be less than or equal to maxReplicas"))
        }
        for field in ["kind", "name"] where (object[path: ["spec", "scaleTargetRef", field]]?.stringValue ?? "").isEmpty {
            errors.append(.required("spec.scaleTargetRef.\(field)", ""))
        }
        return errors
    }
}
