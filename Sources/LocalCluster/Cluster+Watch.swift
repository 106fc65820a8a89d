import JSON

/// What a watch stream delivers: an event with its object, or a terminal error (sent as an ERROR event).
enum WatchMessage: Sendable {
    case event(type: String, object: JSONValue)
    case error(APIError)
}

/// Which changes a watcher wants.
struct WatchFilter: Sendable {
    var resource: GroupResource
    /// nil watches every namespace.
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector

    func matches(_ key: ObjectKey, _ object: JSONValue) -> Bool {
        if let namespace, key.namespace != namespace { return false }
        if !fields.isEverything, !fields.matches(object) { return false }
        return labels.isEverything || labels.matches(ObjectMetadata.labels(of: object))
    }
}

final class WatchSubscription: Sendable {
    let id: Int
    let filter: WatchFilter
    let continuation: AsyncStream<WatchMessage>.Continuation

    init(id: Int, filter: WatchFilter, continuation: AsyncStream<WatchMessage>.Continuation) {
        self.id = id
        self.filter = filter
        self.continuation = continuation
    }
}

extension Cluster {
    /// Events a watcher may have queued before it is considered too slow and its stream is closed
    /// (the client then re-watches from its last resourceVersion, as client-go does).
    static let watchBufferLimit = 10_000

    /// Starts a watch. With `fromVersion` nil the current objects are sent first as ADDED events
    /// (`sendInitialEvents` semantics); otherwise every change after that version is replayed from the
    /// history, or the stream holds one `410 Expired` error when the history no longer reaches back.
    func watch(_ filter: WatchFilter, fromVersion: Int64?, initialEventsEndBookmark: Bool) -> (stream: AsyncStream<WatchMessage>, id: Int) {
        let (stream, continuation) = AsyncStream.makeStream(of: WatchMessage.self, bufferingPolicy: .bufferingOldest(Cluster.watchBufferLimit))
        nextWatcherID += 1
        let id = nextWatcherID
        if let fromVersion {
            if fromVersion < compactedThrough {
                continuation.yield(.error(.expired("too old resource version: \(fromVersion) (\(compactedThrough + 1))")))
                continuation.finish()
                return (stream, id)
            }
            for event in history where event.resourceVersion > fromVersion && event.key.resource == filter.resource {
                if let message = Cluster.message(for: event, filter: filter) { continuation.yield(message) }
            }
        } else {
            let keys = (objects[filter.resource] ?? [:]).keys.sorted()
            for key in keys {
                let object = objects[filter.resource]![key]!
                if filter.matches(key, object) { continuation.yield(.event(type: "ADDED", object: object)) }
            }
            if initialEventsEndBookmark {
                continuation.yield(.event(type: "BOOKMARK", object: bookmarkObject(initialEventsEnd: true, resource: filter.resource)))
            }
        }
        let subscription = WatchSubscription(id: id, filter: filter, continuation: continuation)
        watchers[filter.resource, default: [:]][id] = subscription
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.stopWatching(resource: filter.resource, id: id) }
        }
        return (stream, id)
    }

    func stopWatching(resource: GroupResource, id: Int) {
        watchers[resource]?[id] = nil
    }

    /// A BOOKMARK object carrying the current resourceVersion (and the initial-events-end annotation).
    func bookmarkObject(initialEventsEnd: Bool, resource: GroupResource) -> JSONValue {
        let type = registry.type(for: resource)
        var metadata: JSONObject = ["resourceVersion": .string(String(resourceVersion))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(type?.kind ?? ""), "apiVersion": .string(type?.groupVersion ?? ""), "metadata": .object(metadata)]
    }

    /// The current resourceVersion, for bookmarks sent by the HTTP layer.
    func currentBookmark(resource: GroupResource) -> JSONValue {
        bookmarkObject(initialEventsEnd: false, resource: resource)
    }

    func notifyWatchers(_ event: ChangeEvent) {
        guard let subscribers = watchers[event.key.resource] else { return }
        for subscriber in subscribers.values {
            guard let message = Cluster.message(for: event, filter: subscriber.filter) else { continue }
            if case .dropped = subscriber.continuation.yield(message) {
                logger.warning("closing a watch that fell \(Cluster.watchBufferLimit) events behind", metadata: ["resource": "\(event.key.resource)"])
                subscriber.continuation.finish()
                watchers[event.key.resource]?[subscriber.id] = nil
            }
        }
    }

    /// Translates a change into what a filtered watcher sees: leaving the selector is DELETED,
    /// entering it is ADDED (kube-apiserver's semantics for label-selector watches).
    static func message(for event: ChangeEvent, filter: WatchFilter) -> WatchMessage? {
        let now = filter.matches(event.key, event.object)
        let before = event.previous.map { filter.matches(event.key, $0) } ?? false
        switch event.kind {
        case .added: return now ? .event(type: "ADDED", object: event.object) : nil
        case .deleted: return (now || before) ? .event(type: "DELETED", object: event.object) : nil
        case .modified:
            switch (before, now) {
            case (true, true): return .event(type: "MODIFIED", object: event.object)
            case (false, true): return .event(type: "ADDED", object: event.object)
            case (true, false): return .event(type: "DELETED", object: event.object)
            case (false, false): return nil
            }
        }
    }
}
