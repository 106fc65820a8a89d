import JSON

/// events.k8s.io/v1 Event <-> core/v1 Event (the storage form), as kube-apiserver converts them:
/// renamed fields (`note`/`message`, `regarding`/`involvedObject`, `reportingController`/
/// `reportingComponent`, `deprecated*` / `source`, `firstTimestamp`, `lastTimestamp`, `count`).
enum EventsConversion {
    /// (events.k8s.io/v1 field, core/v1 field)
    static let renames: [(String, String)] = [
        ("note", "message"), ("regarding", "involvedObject"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
    ]

    static let conversion = VersionConversion(toStorage: toCore, fromStorage: toEventsV1)

    @Sendable static func toCore(_ event: JSONValue) -> JSONValue {
        rename(event, apiVersion: "v1", from: \.0, to: \.1)
    }

    @Sendable static func toEventsV1(_ event: JSONValue) -> JSONValue {
        rename(event, apiVersion: "events.k8s.io/v1", from: \.1, to: \.0)
    }

    private static func rename(_ event: JSONValue, apiVersion: String, from: KeyPath<(String, String), String>,
                               to: KeyPath<(String, String), String>) -> JSONValue {
        guard case .object(let object) = event else { return event }
        var result = JSONObject()
        for (key, value) in object {
            let target = renames.first { $0[keyPath: from] == key }.map { $0[keyPath: to] } ?? key
            result[target] = value
        }
        result["apiVersion"] = .string(apiVersion)
        return .object(result)
    }

    /// Field selectors written against events.k8s.io/v1 names, in core/v1 names.
    static func coreFieldName(_ field: String) -> String {
        for (v1, core) in renames where field == v1 || field.hasPrefix(v1 + ".") {
            return core + field.dropFirst(v1.count)
        }
        return field
    }
}
