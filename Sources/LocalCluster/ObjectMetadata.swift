import Foundation
import JSON

/// Reading and stamping `metadata` fields of untyped objects.
enum ObjectMetadata {
    static func labels(of object: JSONValue) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if let s = value.stringValue { labels[key] = s }
        }
        return labels
    }

    static func name(of object: JSONValue) -> String? { object[path: ["metadata", "name"]]?.stringValue }
    static func namespace(of object: JSONValue) -> String? { object[path: ["metadata", "namespace"]]?.stringValue }
    static func uid(of object: JSONValue) -> String? { object[path: ["metadata", "uid"]]?.stringValue }
    static func finalizers(of object: JSONValue) -> [String] {
        (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }
    static func isDeleting(_ object: JSONValue) -> Bool { object[path: ["metadata", "deletionTimestamp"]] != nil }

    /// RFC 3339 time with whole seconds in UTC, as `metav1.Time` is serialised.
    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// The order kube-apiserver writes `metadata` keys in; unknown keys keep their relative order after.
    static let keyOrder = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                           "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
                           "ownerReferences", "finalizers", "managedFields"]

    /// Puts `kind`, `apiVersion`, `metadata` first and orders metadata keys as built-in objects are
    /// written. (Custom resources are instead serialised with every key sorted, as kube-apiserver does.)
    static func canonicalized(_ object: JSONValue) -> JSONValue {
        guard case .object(let o) = object else { return object }
        var result = JSONObject()
        for key in ["kind", "apiVersion", "metadata"] { if let v = o[key] { result[key] = v } }
        for (key, value) in o where result[key] == nil { result[key] = value }
        if case .object(let metadata)? = result["metadata"] {
            var ordered = JSONObject()
            for key in keyOrder { if let v = metadata[key] { ordered[key] = v } }
            for (key, value) in metadata where ordered[key] == nil { ordered[key] = value }
            result["metadata"] = .object(ordered)
        }
        return .object(result)
    }
}
