import JSON
import KubeSchema

/// CustomResourceDefinition checks kube-apiserver makes at create/update time, including the
/// structural-schema and CEL checks (unsupported CEL is reported here instead of being ignored).
enum CRDValidation {
    static func errors(_ crd: JSONValue, old: JSONValue?, registry: ResourceRegistry) -> [FieldError] {
        var errors: [FieldError] = []
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let plural = spec[path: ["names", "plural"]]?.stringValue ?? ""
        let kind = spec[path: ["names", "kind"]]?.stringValue ?? ""
        let name = ObjectMetadata.name(of: crd) ?? ""
        if group.isEmpty { errors.append(.required("spec.group", "")) } else if !group.contains(".") {
            errors.append(.invalid("spec.group", .string(group), "should be a domain with at least one dot"))
        }
        if plural.isEmpty { errors.append(.required("spec.names.plural", "")) }
        if kind.isEmpty { errors.append(.required("spec.names.kind", "")) }
        if !plural.isEmpty, !group.isEmpty, name != "\(plural).\(group)" {
            errors.append(.invalid("metadata.name", .string(name), "must be spec.names.plural+\".\"+spec.group"))
        }
        let scope = spec["scope"]?.stringValue ?? ""
        if scope != "Namespaced", scope != "Cluster" {
            errors.append(.notSupported("spec.scope", .string(scope), supported: ["Cluster", "Namespaced"]))
        }
        if let old, old[path: ["spec", "group"]] != spec["group"] {
            errors.append(.invalid("spec.group", .string(group), "field is immutable"))
        }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty { errors.append(.invalid("spec.versions", .array([]), "must have exactly one version marked as storage version")) }
        let storageCount = versions.filter { $0["storage"] == true }.count
        if !versions.isEmpty, storageCount != 1 {
            errors.append(.invalid("spec.versions", .int(Int64(storageCount)), "must have exactly one version marked as storage version"))
        }
        for (i, version) in versions.enumerated() {
            let path = "spec.versions[\(i)]"
            if (version["name"]?.stringValue ?? "").isEmpty { errors.append(.required("\(path).name", "")) }
            guard let schema = version[path: ["schema", "openAPIV3Schema"]] else {
                errors.append(.required("\(path).schema.openAPIV3Schema", "schemas are required"))
                continue
            }
            errors += CRDSchemaCheck.check(openAPIV3Schema: schema, fieldPath: "\(path).schema.openAPIV3Schema")
        }
        if registry.type(group: group, version: versions.first?["name"]?.stringValue ?? "", resource: plural).map({ !$0.isCustom }) == true {
            errors.append(.invalid("spec.names.plural", .string(plural), "conflicts with a built-in resource"))
        }
        return errors
    }
}
