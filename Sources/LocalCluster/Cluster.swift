import Foundation
import JSON
import KubeSchema
import Logging

/// Where an object lives: resource, namespace ("" for cluster-scoped) and name.
struct ObjectKey: Hashable, Sendable, Comparable {
    var resource: GroupResource
    var namespace: String
    var name: String

    /// The persisted key: `group/resource/namespace/name`.
    var storageKey: String { "\(resource.group)/\(resource.resource)/\(namespace)/\(name)" }

    init(resource: GroupResource, namespace: String, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    init?(storageKey: String) {
        let parts = storageKey.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else { return nil }
        self.init(resource: GroupResource(group: parts[0], resource: parts[1]), namespace: parts[2], name: parts[3])
    }

    /// Order of list results: namespace, then name.
    static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        (a.namespace, a.name) < (b.namespace, b.name)
    }
}

/// One change to an object, as kept in the watch history.
struct ChangeEvent: Sendable {
    enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    var resourceVersion: Int64
    var kind: Kind
    var key: ObjectKey
    /// The object after the change (for deletions: the last stored state).
    var object: JSONValue
    /// The object before the change (nil for additions).
    var previous: JSONValue?
}

/// The embedded API server's state: every object, the resourceVersion counter, the watch history, the
/// served resource types (built-in and from CRDs) and the built-in controllers (garbage collector,
/// namespace lifecycle, CRD establishment).
///
/// All state changes are serialised by this actor, which runs on its own thread (see `DedicatedExecutor`)
/// because each write is made durable with `fsync` before it is acknowledged.
actor Cluster {
    nonisolated let executor: DedicatedExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let log: ObjectLog
    let logger: Logger
    var registry: ResourceRegistry
    var objects: [GroupResource: [ObjectKey: JSONValue]] = [:]
    var resourceVersion: Int64 = 0
    /// Resource version of the most recent write per resource, for consistent paging.
    var lastWrite: [GroupResource: Int64] = [:]
    /// Owner uid -> dependents, for garbage collection.
    var dependents: [String: Set<ObjectKey>] = [:]
    var uids: [String: ObjectKey] = [:]
    var history: [ChangeEvent] = []
    /// Events at or below this version are no longer in `history` (the watch window starts after it).
    var compactedThrough: Int64 = 0
    let historyLimit: Int
    var watchers: [GroupResource: [Int: WatchSubscription]] = [:]
    var nextWatcherID = 0
    var controllersScheduled = false
    /// Objects with a deletionTimestamp (what the deletion controllers look at).
    var deleting: Set<ObjectKey> = []
    /// Objects whose owners must be checked by the garbage collector.
    var gcQueue: Set<ObjectKey> = []
    /// The CRD generation whose resource types are being served, per CRD name.
    var servedCRDGenerations: [String: Int64] = [:]
    var clusterIPs = ClusterIPAllocator()

    /// Loads the store in `dataDirectory` (creating it), replaying and compacting the log.
    init(dataDirectory: String, historyLimit: Int = 10_000, logger: Logger) throws {
        executor = DedicatedExecutor(name: "stockade-apiserver-store")
        self.logger = logger
        self.historyLimit = historyLimit
        var loaded: [String: (Int64, JSONValue)] = [:]
        var maxVersion: Int64 = 0
        log = try ObjectLog(path: dataDirectory + "/store.log") { record in
            maxVersion = max(maxVersion, record.resourceVersion)
            if let object = record.object { loaded[record.key] = (record.resourceVersion, object) } else { loaded[record.key] = nil }
        }
        var registry = ResourceRegistry()
        var objects: [GroupResource: [ObjectKey: JSONValue]] = [:]
        for (storageKey, (_, object)) in loaded {
            guard let key = ObjectKey(storageKey: storageKey) else { continue }
            objects[key.resource, default: [:]][key] = object
        }
        // CRDs define resource types; register them before anything reads custom resources.
        var served: [String: Int64] = [:]
        for crd in objects[ResourceRegistry.crdResource]?.values ?? [:].values where CustomResources.isEstablished(crd) {
            registry.register(CustomResources.resourceTypes(for: crd))
            served[ObjectMetadata.name(of: crd) ?? ""] = crd[path: ["metadata", "generation"]]?.intValue ?? 0
        }
        servedCRDGenerations = served
        self.registry = registry
        self.objects = objects
        resourceVersion = maxVersion
        compactedThrough = maxVersion
        for (resource, byKey) in objects {
            lastWrite[resource] = maxVersion
            for (key, object) in byKey {
                if ObjectMetadata.isDeleting(object) { deleting.insert(key) }
                if let uid = ObjectMetadata.uid(of: object) { uids[uid] = key }
                for owner in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
                    if let uid = owner["uid"]?.stringValue { dependents[uid, default: []].insert(key) }
                }
            }
        }
        for object in objects[GroupResource(group: "", resource: "services")]?.values ?? [:].values {
            if let ip = object[path: ["spec", "clusterIP"]]?.stringValue { clusterIPs.reserve(ip) }
        }
        var records = loaded.sorted { $0.value.0 < $1.value.0 }.map { ObjectLog.Record(resourceVersion: $0.value.0, key: $0.key, object: $0.value.1) }
        records.append(Cluster.versionMarker(maxVersion))
        try log.compact(to: records)
    }

    /// Creates the namespaces every cluster has, if missing.
    func bootstrap() throws {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let key = ObjectKey(resource: ResourceRegistry.namespaceResource, namespace: "", name: name)
            if objects[key.resource]?[key] != nil { continue }
            var namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            BuiltinDefaults.apply(to: &namespace, type: registry.type(for: key.resource)!, clusterIPs: &clusterIPs)
            stampNewObject(&namespace, key: key)
            stampVersion(&namespace)
            try commit(.added, key: key, object: namespace, previous: nil)
        }
    }

    // MARK: - Indexes

    func index(_ key: ObjectKey, _ object: JSONValue) {
        if ObjectMetadata.isDeleting(object) { deleting.insert(key) }
        if let uid = object[path: ["metadata", "uid"]]?.stringValue { uids[uid] = key }
        for owner in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
            if let uid = owner["uid"]?.stringValue { dependents[uid, default: []].insert(key) }
        }
    }

    func unindex(_ key: ObjectKey, _ object: JSONValue) {
        deleting.remove(key)
        if let uid = object[path: ["metadata", "uid"]]?.stringValue, uids[uid] == key { uids[uid] = nil }
        for owner in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
            if let uid = owner["uid"]?.stringValue {
                dependents[uid]?.remove(key)
                if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
            }
        }
    }

    func stored(_ key: ObjectKey) -> JSONValue? { objects[key.resource]?[key] }

    // MARK: - Committing changes

    /// Makes one change durable, applies it to memory, records it in the watch history and notifies
    /// watchers. `object` must already carry its new resourceVersion (see `stampVersion`).
    func commit(_ kind: ChangeEvent.Kind, key: ObjectKey, object: JSONValue, previous: JSONValue?) throws {
        guard let version = Int64(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") else {
            throw APIError.internalError("object \(key.storageKey) reached the store without a resourceVersion")
        }
        resourceVersion = max(resourceVersion, version)
        do {
            try log.append([ObjectLog.Record(resourceVersion: version, key: key.storageKey, object: kind == .deleted ? nil : object)])
        } catch {
            logger.error("store write failed", metadata: ["error": "\(error)", "key": "\(key.storageKey)"])
            throw APIError.internalError("failed to persist \(key.resource.qualified) \"\(key.name)\": \(error)")
        }
        if let previous { unindex(key, previous) }
        if kind == .deleted {
            objects[key.resource]?[key] = nil
        } else {
            objects[key.resource, default: [:]][key] = object
            index(key, object)
        }
        lastWrite[key.resource] = version
        let event = ChangeEvent(resourceVersion: version, kind: kind, key: key, object: object, previous: previous)
        history.append(event)
        if history.count > historyLimit {
            let drop = history.count - historyLimit
            compactedThrough = history[drop - 1].resourceVersion
            history.removeFirst(drop)
        }
        notifyWatchers(event)
        if log.wantsCompaction { try? compactLog() }
        scheduleControllers()
    }

    /// Gives an object the next resourceVersion and kube-apiserver's metadata key order.
    func stampVersion(_ object: inout JSONValue) {
        object.set(path: ["metadata", "resourceVersion"], to: .string(String(nextVersion())))
        object = ObjectMetadata.canonicalized(object)
    }

    /// Reserves the next resourceVersion.
    func nextVersion() -> Int64 {
        resourceVersion += 1
        return resourceVersion
    }

    func compactLog() throws {
        var records: [ObjectLog.Record] = []
        for byKey in objects.values {
            for (key, object) in byKey {
                let version = Int64(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0
                records.append(ObjectLog.Record(resourceVersion: version, key: key.storageKey, object: object))
            }
        }
        records.sort { $0.resourceVersion < $1.resourceVersion }
        records.append(Cluster.versionMarker(resourceVersion))
        try log.compact(to: records)
    }

    /// A deletion record under a key no object can have: it carries the resourceVersion counter across
    /// compactions that drop the records of deleted objects, so versions never go backwards.
    static func versionMarker(_ version: Int64) -> ObjectLog.Record {
        ObjectLog.Record(resourceVersion: version, key: "#resourceVersion", object: nil)
    }

    /// Ends every watch stream (clients re-watch from their last resourceVersion, elsewhere).
    func closeWatches() {
        for byID in watchers.values { for watcher in byID.values { watcher.continuation.finish() } }
        watchers = [:]
    }

    /// Ends watches and closes the store; call once no request can reach the cluster any more.
    func shutdown() {
        closeWatches()
        log.close()
    }
}
