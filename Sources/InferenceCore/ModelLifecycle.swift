/// The size and modification time of a version's `model.onnx`, as one directory scan saw them.
public struct FileStamp: Sendable, Hashable, CustomStringConvertible {
    /// Size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    public var description: String { "\(size) bytes, mtime \(modified) ns" }
}

/// What the model lifecycle asks its driver to carry out, in order.
public enum ModelLifecycleAction: Sendable, Hashable {
    /// Load `version` (the file that had `stamp`) next to the versions already loaded, warm it up, and
    /// report ``ModelLifecycle/loadSucceeded(version:)`` or ``ModelLifecycle/loadFailed(version:stamp:)``.
    case load(version: Int, stamp: FileStamp)
    /// Switch traffic for requests that name no version to `version` (already loaded), atomically.
    case serve(version: Int)
    /// Stop `version` taking new requests, let its queued and in-flight requests finish, then stop its
    /// compute threads and unload it. The lifecycle already counts it as gone.
    case unload(version: Int)
}

/// The version policy of one model in a repository, as a value-type state machine: it is given
/// directory listings (version → ``FileStamp`` of `VERSION/model.onnx`) and load results, and returns
/// the ``ModelLifecycleAction``s to carry out. It does no I/O and keeps no time.
///
/// Policy (what holds after the returned actions are carried out):
/// - The served version is the highest loaded version still on disk; if no loaded version is on disk
///   any more, the one serving keeps serving (a repository is never left empty by a removal).
/// - The highest version on disk that is complete and has not failed with its current file is loaded
///   when it is not loaded yet, one load at a time; every loaded version other than the served one is
///   unloaded once a switch happened, so in steady state exactly one version is loaded.
/// - Complete means: present with the same size and mtime in two consecutive listings (a file still
///   being written changes between polls). Versions in the ``start(_:)`` listing count as complete.
/// - A version whose load failed is not retried until its size or mtime changes (or it disappears and
///   comes back).
/// - The files of a loaded version are not reloaded when they change: publish a new version number.
public struct ModelLifecycle: Sendable {
    /// The version requests without a version go to; `nil` until the first load succeeds.
    public private(set) var serving: Int?
    /// Versions loaded and not being unloaded.
    public private(set) var loaded: Set<Int> = []
    /// The version being loaded, if any.
    public private(set) var loading: (version: Int, stamp: FileStamp)?
    /// Versions whose load failed, with the file that failed.
    public private(set) var failed: [Int: FileStamp] = [:]
    /// The latest listing.
    public private(set) var present: [Int: FileStamp] = [:]
    private var complete: Set<Int> = []

    public init() {}

    /// The first listing (at start): every version in it counts as complete, so the highest is loaded.
    public mutating func start(_ listing: [Int: FileStamp]) -> [ModelLifecycleAction] {
        present = listing
        complete = Set(listing.keys)
        return plan()
    }

    /// A later listing (one poll).
    public mutating func observe(_ listing: [Int: FileStamp]) -> [ModelLifecycleAction] {
        complete = Set(listing.compactMap { version, stamp in present[version] == stamp ? version : nil })
        present = listing
        failed = failed.filter { listing[$0.key] != nil }
        return plan()
    }

    /// The load of `version` finished and its warm-up passed.
    public mutating func loadSucceeded(version: Int) -> [ModelLifecycleAction] {
        guard let current = loading, current.version == version else { return [] }
        loading = nil
        loaded.insert(version)
        return plan()
    }

    /// The load or warm-up of `version` (from the file with `stamp`) failed.
    public mutating func loadFailed(version: Int, stamp: FileStamp) -> [ModelLifecycleAction] {
        guard let current = loading, current.version == version else { return [] }
        loading = nil
        failed[version] = stamp
        return plan()
    }

    private mutating func plan() -> [ModelLifecycleAction] {
        var actions: [ModelLifecycleAction] = []
        if let target = loaded.filter({ present[$0] != nil }).max(), target != serving {
            serving = target
            actions.append(.serve(version: target))
        }
        if serving != nil {
            for version in loaded.sorted() where version != serving {
                loaded.remove(version)
                actions.append(.unload(version: version))
            }
        }
        guard loading == nil else { return actions }
        let candidates = present.filter { version, stamp in
            loaded.contains(version) || (complete.contains(version) && failed[version] != stamp)
        }
        if let best = candidates.keys.max(), !loaded.contains(best), let stamp = present[best] {
            loading = (best, stamp)
            actions.append(.load(version: best, stamp: stamp))
        }
        return actions
    }
}
