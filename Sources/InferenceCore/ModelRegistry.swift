import Synchronization

/// The loaded versions of one model, which of them serves requests that name no version, and how many
/// requests each is handling — so traffic can switch atomically and an old version can drain.
///
/// Guarantees: ``acquire(version:)`` and ``serve(version:)`` are atomic with respect to each other, so a
/// request gets either the old or the new version, never none; a version passed to ``retire(version:)``
/// takes no new request from that moment, and `retire` returns only once every lease on it was
/// released. Thread-safe; every operation but `retire` is one short critical section.
public final class ModelRegistry<Model: Sendable>: Sendable {
    /// A request's hold on one loaded version; give it back with ``release(_:)``.
    public struct Lease: Sendable {
        public let version: String
        public let model: Model
        fileprivate let entry: UInt64
    }

    private struct Entry: Sendable {
        var id: UInt64
        var version: String
        var model: Model
        var leases = 0
        var retiring = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private struct State: Sendable {
        var entries: [Entry] = []
        var serving: UInt64?
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// The model's name, for error messages.
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// Adds a loaded `model` as `version`, addressable by version at once; it gets unversioned traffic
    /// only after ``serve(version:)``. A version being retired under the same number is unaffected.
    public func add(version: String, model: Model) {
        state.withLock { s in
            s.nextID += 1
            s.entries.append(Entry(id: s.nextID, version: version, model: model))
        }
    }

    /// Sends requests that name no version to `version` from now on. Returns false (and changes
    /// nothing) when no such version is loaded.
    @discardableResult
    public func serve(version: String) -> Bool {
        state.withLock { s in
            guard let entry = s.entries.first(where: { $0.version == version && !$0.retiring }) else { return false }
            s.serving = entry.id
            return true
        }
    }

    /// A lease on `version`, or on the serving version when `version` is nil. Fails with 404 naming the
    /// available versions when that version is not loaded (or is being unloaded).
    public func acquire(version: String?) throws(InferenceError) -> Lease {
        let result: Result<Lease, InferenceError> = state.withLock { s in
            let index: Int?
            if let version {
                index = s.entries.firstIndex { $0.version == version && !$0.retiring }
            } else {
                index = s.entries.firstIndex { $0.id == s.serving && !$0.retiring }
            }
            guard let index else { return .failure(Self.missing(version, in: s, name: name)) }
            s.entries[index].leases += 1
            let entry = s.entries[index]
            return .success(Lease(version: entry.version, model: entry.model, entry: entry.id))
        }
        return try result.get()
    }

    /// Gives a lease back; the last lease on a retiring version lets its ``retire(version:)`` return.
    public func release(_ lease: Lease) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { s in
            guard let index = s.entries.firstIndex(where: { $0.id == lease.entry }) else { return [] }
            s.entries[index].leases -= 1
            guard s.entries[index].retiring, s.entries[index].leases == 0 else { return [] }
            return s.entries.remove(at: index).drained
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The model serving `version` (the serving version when nil), without taking a lease; 404 naming
    /// the available versions when it is not loaded.
    public func model(version: String?) throws(InferenceError) -> (version: String, model: Model) {
        let lease = try acquire(version: version)
        release(lease)
        return (lease.version, lease.model)
    }

    /// Stops `version` taking new requests and waits until its in-flight leases are released, then
    /// removes it and returns its model (nil when no such version is loaded). Retiring the serving
    /// version leaves unversioned requests with nothing to serve them: switch first.
    public func retire(version: String) async -> Model? {
        let found: (id: UInt64, model: Model, idle: Bool)? = state.withLock { s in
            guard let index = s.entries.firstIndex(where: { $0.version == version && !$0.retiring }) else { return nil }
            let entry = s.entries[index]
            if entry.leases == 0 {
                s.entries.remove(at: index)
                return (entry.id, entry.model, true)
            }
            s.entries[index].retiring = true
            return (entry.id, entry.model, false)
        }
        guard let found else { return nil }
        if !found.idle {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { s in
                    guard let index = s.entries.firstIndex(where: { $0.id == found.id }) else { return true }
                    s.entries[index].drained.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        return found.model
    }

    /// The versions taking requests, in ascending order (numeric versions numerically).
    public var versions: [String] {
        state.withLock { s in s.entries.filter { !$0.retiring }.map(\.version) }.sorted(by: Self.precedes)
    }

    /// The version requests without a version go to.
    public var servingVersion: String? {
        state.withLock { s in s.entries.first { $0.id == s.serving }?.version }
    }

    /// Every model held, including those draining (for shutting them all down at exit).
    public var allModels: [Model] {
        state.withLock { s in s.entries.map(\.model) }
    }

    private static func missing(_ version: String?, in s: State, name: String) -> InferenceError {
        let available = s.entries.filter { !$0.retiring }.map(\.version).sorted(by: precedes)
        let list = available.isEmpty ? "none" : available.map { "'\($0)'" }.joined(separator: ", ")
        guard let version else { return InferenceError(.unavailable(retryAfter: nil), "model '\(name)' has no version serving yet") }
        return InferenceError(.notFound, "model '\(name)' has no loaded version '\(version)'; available: \(list)")
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}
