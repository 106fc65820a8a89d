import Foundation

/// A resource request decoded from its URL, as kube-apiserver's RequestInfoFactory does.
struct RequestInfo: Equatable {
    /// get, list, watch, create, update, patch, delete, deletecollection.
    var verb: String
    var group: String
    var version: String
    var namespace: String?
    var resource: String
    var name: String?
    var subresource: String?

    /// Parses `/api/v1/...` and `/apis/{group}/{version}/...` resource paths (including the deprecated
    /// `/watch/` prefix). Returns nil for paths that are not resource requests.
    static func parse(method: String, path: String, query: QueryParameters) -> RequestInfo? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map { String($0) }
        guard let prefix = parts.first else { return nil }
        var group = ""
        let version: String
        if prefix == "api", parts.count >= 3 {
            version = parts[1]
            parts.removeFirst(2)
        } else if prefix == "apis", parts.count >= 4 {
            group = parts[1]
            version = parts[2]
            parts.removeFirst(3)
        } else {
            return nil
        }
        var watchPath = false
        if parts.first == "watch" {
            watchPath = true
            parts.removeFirst()
        }
        var namespace: String?
        if parts.first == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2, !["status", "finalize"].contains(parts[2]) {
                parts.removeFirst(2)
            }
        }
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        let resource = parts[0]
        let name = parts.count > 1 ? parts[1] : nil
        let subresource = parts.count > 2 ? parts[2] : nil
        if resource == "namespaces", name != nil, namespace == name, parts.count <= 3 {
            // /api/v1/namespaces/{name}[/status]: the namespace object itself.
            namespace = nil
        }
        let verb: String
        switch method {
        case "GET", "HEAD":
            if watchPath || query.isTrue("watch") { verb = "watch" } else { verb = name == nil ? "list" : "get" }
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = name == nil ? "deletecollection" : "delete"
        default: verb = method.lowercased()
        }
        return RequestInfo(verb: verb, group: group, version: version, namespace: namespace, resource: resource,
                           name: name, subresource: subresource)
    }
}

/// Decoded query parameters (`+` and percent escapes decoded), in order, first value wins for `subscript`.
struct QueryParameters {
    private(set) var pairs: [(String, String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = QueryParameters.decode(String(kv[0]))
            let value = kv.count > 1 ? QueryParameters.decode(String(kv[1])) : ""
            pairs.append((key, value))
        }
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s
    }

    subscript(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }

    func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }

    /// `true`/`1` (how kube-apiserver reads boolean query flags).
    func isTrue(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return value == "true" || value == "1" || value == "True"
    }
}
