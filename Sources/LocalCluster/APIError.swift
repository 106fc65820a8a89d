public import JSON

/// An API failure, rendered on the wire as a `metav1.Status` object with the same reason, code,
/// details and causes that kube-apiserver uses.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// One `details.causes` entry.
    public struct Cause: Sendable, Hashable {
        public var reason: String
        public var message: String
        public var field: String?

        public init(reason: String, message: String, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var code: Int
    public var reason: String
    public var message: String
    /// `details`; nil renders no details, an empty object renders `details: {}`.
    public var details: JSONObject?
    public var causes: [Cause]
    /// Extra response headers (`Retry-After`).
    public var retryAfterSeconds: Int?
    /// `metadata.continue` of the Status (an expired continue token's replacement).
    public var continueToken: String?

    public init(code: Int, reason: String, message: String, details: JSONObject? = nil, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `metav1.Status` body.
    public var status: JSONValue {
        var details = self.details
        if !causes.isEmpty {
            var d = details ?? [:]
            d["causes"] = .array(causes.map { cause in
                var c: JSONObject = ["reason": .string(cause.reason), "message": .string(cause.message)]
                if let field = cause.field { c["field"] = .string(field) }
                return .object(c)
            })
            details = d
        }
        if let retryAfterSeconds {
            var d = details ?? [:]
            d["retryAfterSeconds"] = .int(Int64(retryAfterSeconds))
            details = d
        }
        var body: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": continueToken.map { ["continue": .string($0)] } ?? [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason),
        ]
        if let details { body["details"] = .object(details) }
        body["code"] = .int(Int64(code))
        return .object(body)
    }
}

extension APIError {
    static func detailsFor(name: String?, group: String, kind: String) -> JSONObject {
        var d: JSONObject = [:]
        if let name { d["name"] = .string(name) }
        if !group.isEmpty { d["group"] = .string(group) }
        d["kind"] = .string(kind)
        return d
    }

    /// `404 NotFound`: `configmaps "x" not found` (kind is the plural resource, as kube-apiserver says).
    static func notFound(_ resource: GroupResource, name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(resource.qualified) \"\(name)\" not found",
                 details: detailsFor(name: name, group: resource.group, kind: resource.resource))
    }

    static func alreadyExists(_ resource: GroupResource, name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(resource.qualified) \"\(name)\" already exists",
                 details: detailsFor(name: name, group: resource.group, kind: resource.resource))
    }

    static func conflict(_ resource: GroupResource, name: String, reason detail: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(resource.qualified) \"\(name)\": \(detail)",
                 details: detailsFor(name: name, group: resource.group, kind: resource.resource))
    }

    static func staleResourceVersion(_ resource: GroupResource, name: String) -> APIError {
        conflict(resource, name: name, reason: "the object has been modified; please apply your changes to the latest version and try again")
    }

    /// `422 Invalid` with one cause per field error: `Kind.group "name" is invalid: [a, b]`.
    static func invalid(kind: String, group: String, name: String, causes: [Cause]) -> APIError {
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        let list = causes.map { cause in cause.field.map { "\($0): \(cause.message)" } ?? cause.message }
        let joined = list.count == 1 ? list[0] : "[\(list.joined(separator: ", "))]"
        return APIError(code: 422, reason: "Invalid", message: "\(qualified) \"\(name)\" is invalid: \(joined)",
                        details: detailsFor(name: name, group: group, kind: kind), causes: causes)
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotSupported(_ resource: GroupResource, verb: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed",
                 message: "the server does not allow this method on the requested resource",
                 details: [:])
    }

    static func unsupportedMediaType(_ contentType: String, supported: [String]) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType",
                 message: "the body of the request was in an unknown format - accepted media types include: \(supported.joined(separator: ", "))",
                 details: [:])
    }

    static let patchUnsupportedMediaType = APIError(code: 415, reason: "UnsupportedMediaType", message: "415: Unsupported Media Type", details: [:])

    static func notAcceptable(_ available: String) -> APIError {
        APIError(code: 406, reason: "NotAcceptable", message: "406: Not Acceptable\n\nAvailable representations: \(available)", details: [:])
    }

    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func forbidden(_ resource: GroupResource, name: String, message: String) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: "\(resource.qualified) \"\(name)\" is forbidden: \(message)",
                 details: detailsFor(name: name, group: resource.group, kind: resource.resource))
    }

    /// `410 Gone` with reason Expired (a resourceVersion or continue token older than the kept history).
    static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(limit)")
    }

    static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                 causes: [Cause(reason: "", message: message)])
    }

    /// 422 against an options type (`CreateOptions.meta.k8s.io "" is invalid: ...`).
    static func invalidOptions(_ kind: String, field: String, value: String, detail: String) -> APIError {
        let message = "Invalid value: \"\(value)\": \(detail)"
        return APIError(code: 422, reason: "Invalid", message: "\(kind).meta.k8s.io \"\" is invalid: \(field): \(message)",
                        details: ["group": "meta.k8s.io", "kind": .string(kind)],
                        causes: [Cause(reason: "FieldValueInvalid", message: message, field: field)])
    }
}
