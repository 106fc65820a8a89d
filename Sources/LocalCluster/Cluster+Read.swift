import Foundation
import JSON

/// Options of a LIST request, already validated.
struct ListOptions: Sendable {
    var labels = LabelSelector.everything
    var fields = FieldSelector.everything
    var limit: Int?
    var continueToken: String?
    var resourceVersion: String?
    var resourceVersionMatch: String?
}

/// A page of list results.
struct ListResult: Sendable {
    var items: [JSONValue]
    var resourceVersion: Int64
    var continueToken: String?
    var remainingItemCount: Int?
}

extension Cluster {
    func get(_ key: ObjectKey) throws(APIError) -> JSONValue {
        guard let object = stored(key) else { throw APIError.notFound(key.resource, name: key.name) }
        return object
    }

    /// Lists objects of a resource (in one namespace or all), sorted by namespace and name, with
    /// kube-apiserver's paging: a continue token encodes the version and the last key; continuing after
    /// the resource changed gives 410 Expired with a token for an inconsistent continuation.
    func list(_ resource: GroupResource, namespace: String?, options: ListOptions) throws(APIError) -> ListResult {
        if let rv = options.resourceVersion, !rv.isEmpty, rv != "0" {
            guard let requested = Int64(rv), requested >= 0 else {
                throw APIError.badRequest("invalid resource version: resourceVersion: Invalid value: \"\(rv)\": strconv.ParseUint: parsing \"\(rv)\": invalid syntax")
            }
            if requested > resourceVersion {
                throw APIError(code: 504, reason: "Timeout", message: "Timeout: Too large resource version: \(requested), current: \(resourceVersion)",
                               details: [:], causes: [.init(reason: "ResourceVersionTooLarge", message: "Too large resource version")],
                               retryAfterSeconds: 1)
            }
            if options.resourceVersionMatch == "Exact", requested < (lastWrite[resource] ?? 0) {
                throw APIError.expired("The resourceVersion for the provided list is too old.")
            }
        }
        // resourceVersion=0 serves from the "cache": limit and continue are ignored, as on kube-apiserver.
        let ignorePaging = options.resourceVersion == "0"
        var startAfter: ObjectKey?
        var version = resourceVersion
        if let token = options.continueToken, !token.isEmpty, !ignorePaging {
            let decoded = try ContinueToken.decode(token)
            if decoded.resourceVersion >= 0, (lastWrite[resource] ?? 0) > decoded.resourceVersion {
                let fresh = ContinueToken(resourceVersion: -1, start: decoded.start).encoded
                var error = APIError.expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                error.continueToken = fresh
                throw error
            }
            if decoded.resourceVersion > 0 { version = decoded.resourceVersion }
            startAfter = ContinueToken.key(from: decoded.start, resource: resource)
        }
        let all = objects[resource] ?? [:]
        var keys = all.keys.filter { key in
            if let namespace, key.namespace != namespace { return false }
            if let startAfter, !(startAfter < key) { return false }
            return true
        }
        keys.sort()
        let filtered = options.labels.isEverything && options.fields.isEverything
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        var index = 0
        let limit = ignorePaging ? nil : options.limit.flatMap { $0 > 0 ? $0 : nil }
        while index < keys.count {
            let key = keys[index]
            let object = all[key]!
            index += 1
            guard options.labels.matches(ObjectMetadata.labels(of: object)), options.fields.isEverything || options.fields.matches(object) else { continue }
            items.append(object)
            lastKey = key
            if let limit, items.count == limit { break }
        }
        var result = ListResult(items: items, resourceVersion: version)
        if let limit, items.count == limit, let lastKey {
            let rest = keys[index...]
            let more = filtered ? !rest.isEmpty : rest.contains { key in
                let object = all[key]!
                return options.labels.matches(ObjectMetadata.labels(of: object)) && options.fields.matches(object)
            }
            if more {
                result.continueToken = ContinueToken(resourceVersion: version, start: ContinueToken.start(for: lastKey)).encoded
                if filtered { result.remainingItemCount = rest.count }
            }
        }
        return result
    }
}

/// kube-apiserver's continue token: base64url of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`.
struct ContinueToken {
    var resourceVersion: Int64
    var start: String

    var encoded: String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(resourceVersion), "start": .string(start)]
        return Data(json.serialized()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The key after which the next page starts: `namespace/name` (or `name`) followed by NUL.
    static func start(for key: ObjectKey) -> String {
        (key.namespace.isEmpty ? key.name : "\(key.namespace)/\(key.name)") + "\u{0}"
    }

    static func key(from start: String, resource: GroupResource) -> ObjectKey {
        let trimmed = start.hasSuffix("\u{0}") ? String(start.dropLast()) : start
        let parts = trimmed.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 { return ObjectKey(resource: resource, namespace: parts[0], name: parts[1]) }
        return ObjectKey(resource: resource, namespace: "", name: trimmed)
    }

    static func decode(_ token: String) throws(APIError) -> ContinueToken {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let value = try? JSONValue.parse(Array(data)),
              value["v"] == "meta.k8s.io/v1", let rv = value["rv"]?.intValue, let start = value["start"]?.stringValue
        else {
            throw APIError.badRequest("invalid continue token: continue key is not valid")
        }
        return ContinueToken(resourceVersion: rv, start: start)
    }
}
