import JSON
import KubeSchema

/// Turning CustomResourceDefinitions into served resource types, and the CRD controllers.
enum CustomResources {
    static let cleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    static func isEstablished(_ crd: JSONValue) -> Bool {
        (crd[path: ["status", "conditions"]]?.arrayValue ?? []).contains { $0["type"] == "Established" && $0["status"] == "True" }
    }

    /// One ResourceType per served version of the CRD (schemas that fail to build serve as `nil`,
    /// which CRD validation prevents for new CRDs).
    static func resourceTypes(for crd: JSONValue) -> [ResourceType] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
              let plural = spec[path: ["names", "plural"]]?.stringValue, let kind = spec[path: ["names", "kind"]]?.stringValue
        else { return [] }
        let versions = spec["versions"]?.arrayValue ?? []
        let storageVersion = versions.first { $0["storage"] == true }?["name"]?.stringValue ?? versions.first?["name"]?.stringValue ?? ""
        return versions.compactMap { version -> ResourceType? in
            guard version["served"] != false, let name = version["name"]?.stringValue else { return nil }
            let schemaJSON = version[path: ["schema", "openAPIV3Schema"]]
            let schema = schemaJSON.flatMap { try? StructuralSchema(json: $0) }
            var scale: ScaleSubresource?
            if let s = version[path: ["subresources", "scale"]] {
                scale = ScaleSubresource(specReplicasPath: jsonPathSegments(s["specReplicasPath"]?.stringValue ?? ".spec.replicas"),
                                         statusReplicasPath: jsonPathSegments(s["statusReplicasPath"]?.stringValue ?? ".status.replicas"),
                                         labelSelectorPath: s["labelSelectorPath"]?.stringValue.map(jsonPathSegments))
            }
            let hasStatus = version[path: ["subresources", "status"]] != nil
            let columns = (version["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column -> PrinterColumn? in
                guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue else { return nil }
                return PrinterColumn(name: name, type: column["type"]?.stringValue ?? "string", format: column["format"]?.stringValue,
                                     description: column["description"]?.stringValue ?? "Custom resource definition column (in JSONPath format): \(path)",
                                     priority: Int(column["priority"]?.intValue ?? 0), jsonPath: path, compute: nil)
            }
            return ResourceType(
                group: group, version: name, resource: plural, kind: kind,
                singular: spec[path: ["names", "singular"]]?.stringValue ?? kind.lowercased(),
                namespaced: spec["scope"]?.stringValue != "Cluster",
                shortNames: (spec[path: ["names", "shortNames"]]?.arrayValue ?? []).compactMap(\.stringValue),
                categories: (spec[path: ["names", "categories"]]?.arrayValue ?? []).compactMap(\.stringValue),
                hasStatus: hasStatus, scale: scale, generation: hasStatus ? .specChanges : .nonMetadataChanges,
                schema: schema, columns: columns, isCustom: true, storageVersion: storageVersion)
        }
    }

    /// `.spec.replicas` -> ["spec", "replicas"].
    static func jsonPathSegments(_ path: String) -> [String] {
        path.split(separator: ".").map(String.init)
    }

    /// The status kube-apiserver's apiextensions controllers converge a CRD to.
    static func establishedStatus(for crd: JSONValue, now: String) -> JSONValue {
        let names = crd[path: ["spec", "names"]] ?? [:]
        var accepted: JSONObject = [:]
        for key in ["plural", "singular", "shortNames", "kind", "listKind", "categories"] {
            if let value = names[key] { accepted[key] = value }
        }
        let storage = (crd[path: ["spec", "versions"]]?.arrayValue ?? []).first { $0["storage"] == true }?["name"] ?? .null
        var stored = (crd[path: ["status", "storedVersions"]]?.arrayValue ?? [])
        if !stored.contains(storage) { stored.append(storage) }
        return [
            "conditions": [
                ["type": "NamesAccepted", "status": "True", "lastTransitionTime": .string(now), "reason": "NoConflicts", "message": "no conflicts found"],
                ["type": "Established", "status": "True", "lastTransitionTime": .string(now), "reason": "InitialNamesAccepted",
                 "message": "the initial names have been accepted"],
            ],
            "acceptedNames": .object(accepted),
            "storedVersions": .array(stored),
        ]
    }
}

extension Cluster {
    /// Establishes new CRDs (conditions, accepted names, cleanup finalizer), serves them, and re-serves
    /// a CRD whose spec changed (new generation).
    func establishCustomResourceDefinitions() {
        for (key, crd) in objects[ResourceRegistry.crdResource] ?? [:] where !ObjectMetadata.isDeleting(crd) {
            let generation = crd[path: ["metadata", "generation"]]?.intValue ?? 0
            let needsStatus = !CustomResources.isEstablished(crd) || !ObjectMetadata.finalizers(of: crd).contains(CustomResources.cleanupFinalizer)
            if needsStatus {
                var object = crd
                object["status"] = CustomResources.establishedStatus(for: crd, now: ObjectMetadata.timestamp())
                var finalizers = ObjectMetadata.finalizers(of: crd)
                if !finalizers.contains(CustomResources.cleanupFinalizer) { finalizers.append(CustomResources.cleanupFinalizer) }
                object.set(path: ["metadata", "finalizers"], to: .array(finalizers.map(JSONValue.string)))
                object = ObjectMetadata.canonicalized(object)
                stampVersion(&object)
                do {
                    try commitOrThrow(.modified, key: key, object: object, previous: crd)
                } catch {
                    logger.warning("failed to establish CRD", metadata: ["crd": "\(key.name)", "error": "\(error)"])
                    continue
                }
            }
            if needsStatus || servedCRDGenerations[key.name] != generation {
                serve(crd: crd)
                servedCRDGenerations[key.name] = generation
            }
        }
    }

    /// (Re)registers the resource types of an established CRD.
    func serve(crd: JSONValue) {
        let types = CustomResources.resourceTypes(for: crd)
        guard let resource = types.first?.groupResource else { return }
        registry.unregister(resource)
        registry.register(types)
    }

    /// A CRD being deleted: delete its custom resources, then release the cleanup finalizer.
    func cleanUpCustomResources(_ key: ObjectKey, _ crd: JSONValue) {
        guard let resource = CustomResources.resourceTypes(for: crd).first?.groupResource else {
            removeFinalizer(CustomResources.cleanupFinalizer, from: key)
            return
        }
        let remaining = objects[resource] ?? [:]
        if remaining.isEmpty {
            removeFinalizer(CustomResources.cleanupFinalizer, from: key)
            return
        }
        guard let type = registry.type(for: resource) else { return }
        for objectKey in remaining.keys where !ObjectMetadata.isDeleting(remaining[objectKey]!) {
            do { _ = try delete(type, key: objectKey, options: DeleteOptions(propagation: .background)) } catch {
                logger.warning("CRD cleanup delete failed", metadata: ["object": "\(objectKey.storageKey)", "error": "\(error)"])
            }
        }
    }

    /// Stops serving a deleted CRD's resources.
    func retireCustomResource(_ crd: JSONValue) {
        if let name = ObjectMetadata.name(of: crd) { servedCRDGenerations[name] = nil }
        if let resource = CustomResources.resourceTypes(for: crd).first?.groupResource { registry.unregister(resource) }
    }
}
