import JSON

/// Conversion between a served version and the storage version of a built-in resource.
struct VersionConversion: Sendable {
    /// Served-version object -> storage-version object.
    var toStorage: @Sendable (JSONValue) -> JSONValue
    /// Storage-version object -> served-version object.
    var fromStorage: @Sendable (JSONValue) -> JSONValue
}

/// autoscaling/v1 HorizontalPodAutoscaler served from autoscaling/v2 storage, as kube-apiserver does:
/// the CPU utilisation target maps to a Resource metric; v2-only metrics travel in the annotation
/// `autoscaling.alpha.kubernetes.io/metrics` so a v1 round trip keeps them.
enum AutoscalerV1Conversion {
    static let metricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics"

    static let conversion = VersionConversion(toStorage: toV2, fromStorage: toV1)

    static func isCPUUtilization(_ metric: JSONValue) -> Bool {
        metric["type"] == "Resource" && metric[path: ["resource", "name"]] == "cpu" && metric[path: ["resource", "target", "type"]] == "Utilization"
    }

    @Sendable static func toV1(_ v2: JSONValue) -> JSONValue {
        var v1 = v2
        v1["apiVersion"] = "autoscaling/v1"
        var spec: JSONObject = [:]
        for key in ["scaleTargetRef", "minReplicas", "maxReplicas"] { if let value = v2[path: ["spec", key]] { spec[key] = value } }
        let metrics = v2[path: ["spec", "metrics"]]?.arrayValue ?? []
        if let cpu = metrics.first(where: isCPUUtilization) {
            spec["targetCPUUtilizationPercentage"] = cpu[path: ["resource", "target", "averageUtilization"]]
        }
        let others = metrics.filter { !isCPUUtilization($0) }
        if !others.isEmpty {
            v1.set(path: ["metadata", "annotations", metricsAnnotation], to: .string(JSONValue.array(others).jsonString()))
        }
        v1["spec"] = .object(spec)
        if let status = v2["status"] {
            var s: JSONObject = [:]
            for key in ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"] { if let value = status[key] { s[key] = value } }
            if let current = (status["currentMetrics"]?.arrayValue ?? []).first(where: { $0[path: ["resource", "name"]] == "cpu" }),
               let utilization = current[path: ["resource", "current", "averageUtilization"]] {
                s["currentCPUUtilizationPercentage"] = utilization
            }
            v1["status"] = .object(s)
        }
        return v1
    }

    @Sendable static func toV2(_ v1: JSONValue) -> JSONValue {
        var v2 = v1
        v2["apiVersion"] = "autoscaling/v2"
        var spec: JSONObject = [:]
        for key in ["scaleTargetRef", "minReplicas", "maxReplicas"] { if let value = v1[path: ["spec", key]] { spec[key] = value } }
        var metrics: [JSONValue] = []
        if let target = v1[path: ["spec", "targetCPUUtilizationPercentage"]] {
            metrics.append(["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": target]]])
        }
        if let annotation = v1[path: ["metadata", "annotations", metricsAnnotation]]?.stringValue,
           let others = try? JSONValue.parse(annotation), let list = others.arrayValue {
            metrics += list
        }
        v2.set(path: ["metadata", "annotations", metricsAnnotation], to: nil)
        if v2[path: ["metadata", "annotations"]]?.objectValue?.isEmpty == true { v2.set(path: ["metadata", "annotations"], to: nil) }
        if !metrics.isEmpty { spec["metrics"] = .array(metrics) }
        v2["spec"] = .object(spec)
        if let status = v1["status"] {
            var s: JSONObject = [:]
            for key in ["observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas"] { if let value = status[key] { s[key] = value } }
            v2["status"] = .object(s)
        }
        return v2
    }
}
