public import JSON

/// Options of a list request. Unset options are not sent.
public struct ListOptions: Sendable, Hashable {
    /// Only objects whose labels match.
    public var labelSelector: LabelSelector?
    /// Only objects whose fields match, e.g. `metadata.name=web`.
    public var fieldSelector: String?
    /// At most this many items per page; the response's `metadata.continue` fetches the next page.
    public var limit: Int?
    /// The `continue` token of the previous page.
    public var continueToken: String?
    /// Serve the list at (or not older than, per `resourceVersionMatch`) this version.
    public var resourceVersion: String?
    /// `Exact` or `NotOlderThan`.
    public var resourceVersionMatch: String?
    /// Server-side time limit in seconds.
    public var timeoutSeconds: Int?

    /// Options with the given values.
    public init(
        labelSelector: LabelSelector? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil,
        timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
    }

    /// The query parameters, in a fixed order, without unset options or an empty selector.
    public var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if let s = labelSelector?.encoded, !s.isEmpty { items.append(QueryItem("labelSelector", s)) }
        if let s = fieldSelector, !s.isEmpty { items.append(QueryItem("fieldSelector", s)) }
        if let limit { items.append(QueryItem("limit", String(limit))) }
        if let continueToken { items.append(QueryItem("continue", continueToken)) }
        if let resourceVersion { items.append(QueryItem("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(QueryItem("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { items.append(QueryItem("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}

/// Options of a watch request (`?watch=true`). Bookmarks are requested by default.
public struct WatchOptions: Sendable, Hashable {
    /// Only objects whose labels match.
    public var labelSelector: LabelSelector?
    /// Only objects whose fields match.
    public var fieldSelector: String?
    /// Start after this version; `nil` starts with synthetic ADDED events for current objects.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events carrying newer resource versions.
    public var allowWatchBookmarks: Bool
    /// Server-side time limit in seconds, after which the server ends the stream.
    public var timeoutSeconds: Int?

    /// Options with the given values.
    public init(
        labelSelector: LabelSelector? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    /// The query parameters, `watch=true` first.
    public var queryItems: [QueryItem] {
        var items = [QueryItem("watch", "true")]
        if let s = labelSelector?.encoded, !s.isEmpty { items.append(QueryItem("labelSelector", s)) }
        if let s = fieldSelector, !s.isEmpty { items.append(QueryItem("fieldSelector", s)) }
        if let resourceVersion { items.append(QueryItem("resourceVersion", resourceVersion)) }
        if allowWatchBookmarks { items.append(QueryItem("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { items.append(QueryItem("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}

/// Options shared by create, update and patch.
public struct WriteOptions: Sendable, Hashable {
    /// Validate and admit but do not persist (`dryRun=All`).
    public var dryRun: Bool
    /// The field manager recorded in `managedFields`; required for apply patches.
    public var fieldManager: String?
    /// `Strict`, `Warn` or `Ignore` handling of unknown or duplicate fields.
    public var fieldValidation: String?

    /// Options with the given values.
    public init(dryRun: Bool = false, fieldManager: String? = nil, fieldValidation: String? = nil) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
    }

    /// The query parameters.
    public var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if dryRun { items.append(QueryItem("dryRun", "All")) }
        if let fieldManager { items.append(QueryItem("fieldManager", fieldManager)) }
        if let fieldValidation { items.append(QueryItem("fieldValidation", fieldValidation)) }
        return items
    }
}

/// How a PATCH body is interpreted; each has its own `Content-Type`.
public enum PatchType: Sendable, Hashable {
    /// RFC 7386 JSON merge patch.
    case merge
    /// RFC 6902 JSON patch (a list of operations).
    case json
    /// Kubernetes strategic merge patch (built-in types only).
    case strategicMerge
    /// Server-side apply as `fieldManager`; `force` takes ownership of conflicting fields.
    case apply(fieldManager: String, force: Bool)

    /// The `Content-Type` header value.
    public var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    /// Whether sending the same patch twice has the same effect as once (merge and apply).
    public var isIdempotent: Bool {
        switch self {
        case .merge, .apply: true
        case .json, .strategicMerge: false
        }
    }
}

/// Options of a delete request, sent as a `metav1.DeleteOptions` body.
public struct DeleteOptions: Sendable, Hashable {
    /// How dependents are deleted.
    public enum Propagation: String, Sendable, Hashable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    /// The dependents policy; `nil` leaves the resource's default.
    public var propagationPolicy: Propagation?
    /// Override of the grace period, in seconds.
    public var gracePeriodSeconds: Int64?
    /// Delete only if the object still has this uid.
    public var preconditionUID: String?
    /// Delete only if the object still has this resourceVersion.
    public var preconditionResourceVersion: String?
    /// Validate but do not delete.
    public var dryRun: Bool

    /// Options with the given values.
    public init(
        propagationPolicy: Propagation? = nil, gracePeriodSeconds: Int64? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    /// The `DeleteOptions` object; only set fields appear.
    public var body: JSONValue {
        var object: JSONObject = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let propagationPolicy { object["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let gracePeriodSeconds { object["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
        if preconditionUID != nil || preconditionResourceVersion != nil {
            var pre = JSONObject()
            if let preconditionUID { pre["uid"] = .string(preconditionUID) }
            if let preconditionResourceVersion { pre["resourceVersion"] = .string(preconditionResourceVersion) }
            object["preconditions"] = .object(pre)
        }
        if dryRun { object["dryRun"] = ["All"] }
        return .object(object)
    }
}
