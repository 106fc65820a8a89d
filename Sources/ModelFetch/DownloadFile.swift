internal import Crypto
internal import Dispatch
internal import Foundation
internal import Synchronization

/// The file a download is written to: `DIR/.NAME.partial` while it grows, renamed to `DIR/NAME`
/// once complete, synced and verified.
///
/// Every file operation (and the SHA-256 over the bytes) runs on this object's own serial
/// dispatch queue, never on the Swift cooperative pool; callers await it. The hash always covers
/// the partial file from byte 0: reopening an existing partial file re-hashes its prefix.
final class DownloadFile: Sendable {
    /// Bytes read at a time when hashing or copying a file.
    static let readChunk = 1 << 20

    let directory: String
    let finalPath: String
    let partialPath: String

    private struct State {
        var handle: FileHandle?
        var hasher = SHA256()
        var size = 0
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "stockade-fetch-file")

    /// A download of `name` into `directory`; nothing is touched until `open`.
    init(directory: String, name: String) {
        self.directory = directory
        finalPath = (directory as NSString).appendingPathComponent(name)
        partialPath = (directory as NSString).appendingPathComponent(".\(name).partial")
    }

    /// Bytes in the partial file (all hashed).
    var size: Int { state.withLock { $0.size } }

    // MARK: Operations (each on the queue)

    /// Creates the directory if needed and opens the partial file: keeping and re-hashing an
    /// existing one when `resume` is true, else starting empty. Returns its size.
    func open(resume: Bool) async throws(FetchError) -> Int {
        try await onQueue { () throws(FetchError) -> Int in
            try self.ioStep(self.directory, "creating the directory") {
                try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
            }
            let exists = FileManager.default.fileExists(atPath: self.partialPath)
            var hasher = SHA256()
            var size = 0
            if resume, exists {
                try self.hashFile(self.partialPath) { (chunk: Data) throws(FetchError) in
                    hasher.update(data: chunk)
                    size += chunk.count
                }
            } else {
                try self.ioStep(self.partialPath, "creating the partial file") {
                    guard FileManager.default.createFile(atPath: self.partialPath, contents: nil) else {
                        throw CocoaError(.fileWriteUnknown)
                    }
                }
            }
            let handle = try self.ioStep(self.partialPath, "opening the partial file") { () throws -> FileHandle in
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: self.partialPath))
                try handle.seek(toOffset: UInt64(size))
                try handle.truncate(atOffset: UInt64(size))
                return handle
            }
            self.state.withLock { state in
                try? state.handle?.close()
                state = State(handle: handle, hasher: hasher, size: size)
            }
            return size
        }
    }

    /// Appends `bytes` and adds them to the hash.
    func append(_ bytes: [UInt8]) async throws(FetchError) {
        try await onQueue { () throws(FetchError) in
            try self.state.withLock { state throws(FetchError) in
                guard let handle = state.handle else { throw FetchError.io(path: self.partialPath, detail: "not open") }
                try self.ioStep(self.partialPath, "writing") { try handle.write(contentsOf: bytes) }
                state.hasher.update(data: bytes)
                state.size += bytes.count
            }
        }
    }

    /// Empties the partial file and the hash (the server restarted the body from byte 0).
    func restart() async throws(FetchError) {
        try await onQueue { () throws(FetchError) in
            try self.state.withLock { state throws(FetchError) in
                guard let handle = state.handle else { throw FetchError.io(path: self.partialPath, detail: "not open") }
                try self.ioStep(self.partialPath, "truncating") {
                    try handle.truncate(atOffset: 0)
                    try handle.seek(toOffset: 0)
                }
                state.hasher = SHA256()
                state.size = 0
            }
        }
    }

    /// Copies the file at `source` into the partial file, chunk by chunk.
    func copy(from source: String) async throws(FetchError) {
        try await onQueue { () throws(FetchError) in
            try self.state.withLock { state throws(FetchError) in
                guard let handle = state.handle else { throw FetchError.io(path: self.partialPath, detail: "not open") }
                try self.hashFile(source) { (chunk: Data) throws(FetchError) in
                    try self.ioStep(self.partialPath, "writing") { try handle.write(contentsOf: chunk) }
                    state.hasher.update(data: chunk)
                    state.size += chunk.count
                }
            }
        }
    }

    /// Flushes the partial file to disk (fsync), closes it and returns its SHA-256 (lowercase hex).
    func finish() async throws(FetchError) -> String {
        try await onQueue { () throws(FetchError) -> String in
            try self.state.withLock { state throws(FetchError) -> String in
                guard let handle = state.handle else { throw FetchError.io(path: self.partialPath, detail: "not open") }
                state.handle = nil
                try self.ioStep(self.partialPath, "syncing to disk") {
                    try handle.synchronize()
                    try handle.close()
                }
                return state.hasher.finalize().hexString
            }
        }
    }

    /// Renames the partial file to the final name (atomically replacing any file there) and syncs
    /// the directory so the rename survives a crash.
    func commit() async throws(FetchError) {
        try await onQueue { () throws(FetchError) in
            try self.ioStep(self.finalPath, "renaming \(self.partialPath) into place") {
                try Self.atomicRename(self.partialPath, to: self.finalPath)
            }
            if let directory = FileHandle(forReadingAtPath: self.directory) {
                try? directory.synchronize()
                try? directory.close()
            }
        }
    }

    /// Closes and removes the partial file (after a checksum mismatch).
    func discard() async {
        _ = try? await onQueue { () throws(FetchError) in
            self.state.withLock { state in
                try? state.handle?.close()
                state = State()
            }
            try? FileManager.default.removeItem(atPath: self.partialPath)
        }
    }

    /// The SHA-256 and size of the final file, or `nil` when there is none.
    func existingFinal() async throws(FetchError) -> (sha256: String, bytes: Int)? {
        try await onQueue { () throws(FetchError) -> (sha256: String, bytes: Int)? in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: self.finalPath, isDirectory: &isDirectory) else { return nil }
            guard !isDirectory.boolValue else {
                throw FetchError.io(path: self.finalPath, detail: "is a directory, not a file")
            }
            var hasher = SHA256()
            var size = 0
            try self.hashFile(self.finalPath) { (chunk: Data) throws(FetchError) in
                hasher.update(data: chunk)
                size += chunk.count
            }
            return (hasher.finalize().hexString, size)
        }
    }

    // MARK: Helpers (on the queue)

    /// Reads `path` in chunks of `readChunk` bytes, handing each to `body`.
    private func hashFile(_ path: String, _ body: (Data) throws(FetchError) -> Void) throws(FetchError) {
        let handle = try ioStep(path, "opening for reading") { try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) }
        defer { try? handle.close() }
        while true {
            let chunk = try ioStep(path, "reading") { try handle.read(upToCount: Self.readChunk) }
            guard let chunk, !chunk.isEmpty else { return }
            try body(chunk)
        }
    }

    private func ioStep<T>(_ path: String, _ what: String, _ body: () throws -> T) throws(FetchError) -> T {
        do {
            return try body()
        } catch {
            throw .io(path: path, detail: "\(what) failed: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }

    private static func atomicRename(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
        }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws(FetchError) -> T) async throws(FetchError) -> T {
        let result: Result<T, FetchError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(FetchError) -> T in try body() }) }
        }
        return try result.get()
    }
}

extension Digest {
    /// The digest as lowercase hexadecimal.
    var hexString: String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }
}
