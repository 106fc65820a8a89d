import JSON

/// The columns `kubectl get` shows for built-in kinds (kube-apiserver's table printers), Name and Age aside.
enum BuiltinColumns {
    static func path(_ name: String, _ type: String, _ path: String, priority: Int = 0) -> PrinterColumn {
        PrinterColumn(name: name, type: type, format: nil, description: name, priority: priority, jsonPath: path, compute: nil)
    }

    static func computed(_ name: String, _ type: String = "string", priority: Int = 0, _ compute: @escaping @Sendable (JSONValue) -> JSONValue) -> PrinterColumn {
        PrinterColumn(name: name, type: type, format: nil, description: name, priority: priority, jsonPath: nil, compute: compute)
    }

    static func int(_ value: JSONValue?) -> Int64 { value?.intValue ?? 0 }
    static func count(_ value: JSONValue?) -> JSONValue {
        .int(Int64((value?.objectValue?.count ?? 0) + (value?.arrayValue?.count ?? 0)))
    }
    static func containers(_ object: JSONValue, _ field: String) -> JSONValue {
        .string((object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []).compactMap { $0[field]?.stringValue }.joined(separator: ","))
    }
    static func selector(_ object: JSONValue) -> JSONValue {
        let labels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
        return .string(labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ","))
    }

    static let deployment: [PrinterColumn] = [
        computed("Ready") { .string("\(int($0[path: ["status", "readyReplicas"]]))/\(int($0[path: ["spec", "replicas"]]))") },
        computed("Up-to-date", "integer") { .int(int($0[path: ["status", "updatedReplicas"]])) },
        computed("Available", "integer") { .int(int($0[path: ["status", "availableReplicas"]])) },
        computed("Containers", priority: 1) { containers($0, "name") },
        computed("Images", priority: 1) { containers($0, "image") },
        computed("Selector", priority: 1) { selector($0) },
    ]

    static let replicaSet: [PrinterColumn] = [
        computed("Desired", "integer") { .int(int($0[path: ["spec", "replicas"]])) },
        computed("Current", "integer") { .int(int($0[path: ["status", "replicas"]])) },
        computed("Ready", "integer") { .int(int($0[path: ["status", "readyReplicas"]])) },
    ]

    static let service: [PrinterColumn] = [
        path("Type", "string", ".spec.type"),
        path("Cluster-IP", "string", ".spec.clusterIP"),
        computed("External-IP") { object in
            let ingress = (object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            return .string(ingress.isEmpty ? "<none>" : ingress.joined(separator: ","))
        },
        computed("Port(s)") { object in
            let ports = (object[path: ["spec", "ports"]]?.arrayValue ?? []).map { "\(int($0["port"]))/\($0["protocol"]?.stringValue ?? "TCP")" }
            return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
        },
    ]

    static let pod: [PrinterColumn] = [
        computed("Ready") { object in
            let statuses = object[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let total = object[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
            return .string("\(statuses.filter { $0["ready"] == true }.count)/\(total)")
        },
        path("Status", "string", ".status.phase"),
        computed("Restarts", "integer") { object in
            .int((object[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(0) { $0 + int($1["restartCount"]) })
        },
    ]

    static let autoscaler: [PrinterColumn] = [
        computed("Reference") { .string("\($0[path: ["spec", "scaleTargetRef", "kind"]]?.stringValue ?? "")/\($0[path: ["spec", "scaleTargetRef", "name"]]?.stringValue ?? "")") },
        computed("Targets") { object in
            let targets = (object[path: ["spec", "metrics"]]?.arrayValue ?? []).map { metric -> String in
                let name = metric[path: ["resource", "name"]]?.stringValue ?? metric["type"]?.stringValue ?? "metric"
                if let utilization = metric[path: ["resource", "target", "averageUtilization"]]?.intValue { return "\(name): <unknown>/\(utilization)%" }
                return "\(name): <unknown>"
            }
            return .string(targets.isEmpty ? "<none>" : targets.joined(separator: ", "))
        },
        path("MinPods", "integer", ".spec.minReplicas"),
        path("MaxPods", "integer", ".spec.maxReplicas"),
        computed("Replicas", "integer") { .int(int($0[path: ["status", "currentReplicas"]])) },
    ]

    static let configMap: [PrinterColumn] = [computed("Data", "integer") { .int(count($0["data"]).intValue! + count($0["binaryData"]).intValue!) }]
    static let secret: [PrinterColumn] = [path("Type", "string", ".type"), computed("Data", "integer") { count($0["data"]) }]
    static let serviceAccount: [PrinterColumn] = [computed("Secrets", "integer") { count($0["secrets"]) }]
}
