import Foundation
import JSON

/// Durable storage for the embedded API server: an append-only log of object writes.
///
/// Why a log and not SQLite: the server keeps every object in memory anyway (watch and list are served
/// from memory), so the store only needs "append a change durably" and "replay at start". A log with a
/// length and CRC-32 per record does exactly that with no dependency, and makes torn or corrupted writes
/// detectable record by record. The log is rewritten (compacted) at start and when it grows well past
/// the live data, via a temporary file, `fsync` and an atomic rename.
///
/// File layout: the header `STOCKADE-LOG 1\n`, then records `[u32 length LE][u32 crc32 LE][JSON]`, each
/// JSON `{"rv":N,"key":K,"object":{...}}` or `{"rv":N,"key":K,"deleted":true}`.
/// Contract: `append` returns only after the record is on stable storage (`fsync`).
final class ObjectLog {
    struct Record: Equatable {
        var resourceVersion: Int64
        var key: String
        /// nil for a deletion.
        var object: JSONValue?
    }

    /// A store that cannot be read back safely; the server refuses to start rather than drop data.
    struct CorruptStore: Error, CustomStringConvertible {
        var file: String
        var offset: Int
        var reason: String
        var description: String {
            "store file \(file) is corrupt at byte \(offset): \(reason); refusing to start. Move the file aside to start with an empty store, or restore it from a backup."
        }
    }

    static let header = Array("STOCKADE-LOG 1\n".utf8)

    let path: String
    private var handle: FileHandle
    private var appendedBytes = 0
    private var liveBytesEstimate = 0

    /// Reads the log at `path` (if it exists) and hands every record, oldest first, to `replay`.
    /// Throws `CorruptStore` naming the file and offset when a record is torn or fails its checksum.
    /// Call `compact(to:)` next: it rewrites the file and opens it for appending.
    init(path: String, replay: (Record) -> Void) throws {
        self.path = path
        if FileManager.default.fileExists(atPath: path) {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            for record in try ObjectLog.decode(Array(data), file: path) { replay(record) }
        }
        handle = FileHandle.nullDevice
    }

    /// Rewrites the log to hold exactly `records` (one per live object), atomically, then opens it for append.
    func compact(to records: [Record]) throws {
        let temporary = path + ".tmp"
        let out = try ObjectLog.createFile(atPath: temporary)
        var buffer = ObjectLog.header
        var total = 0
        for record in records {
            ObjectLog.encode(record, into: &buffer)
            if buffer.count > 1 << 20 {
                try out.write(contentsOf: buffer)
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(contentsOf: buffer)
        total += buffer.count
        try out.synchronize()
        try out.close()
        if rename(temporary, path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try ObjectLog.syncDirectory(of: path)
        try? handle.close()
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        appendedBytes = 0
        liveBytesEstimate = total
    }

    /// Appends records and makes them durable before returning.
    func append(_ records: [Record]) throws {
        var buffer: [UInt8] = []
        for record in records { ObjectLog.encode(record, into: &buffer) }
        try handle.write(contentsOf: buffer)
        try handle.synchronize()
        appendedBytes += buffer.count
    }

    /// True when the appended history dwarfs the live data and a compaction would pay off.
    var wantsCompaction: Bool { appendedBytes > 64 << 20 && appendedBytes > 4 * liveBytesEstimate }

    func close() { try? handle.close() }

    // MARK: - Encoding

    static func encode(_ record: Record, into buffer: inout [UInt8]) {
        var body: JSONObject = ["rv": .int(record.resourceVersion), "key": .string(record.key)]
        if let object = record.object { body["object"] = object } else { body["deleted"] = true }
        let payload = JSONValue.object(body).serialized()
        appendUInt32(UInt32(payload.count), to: &buffer)
        appendUInt32(CRC32.checksum(payload), to: &buffer)
        buffer.append(contentsOf: payload)
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> [Record] {
        guard bytes.count >= header.count, Array(bytes[0..<header.count]) == header else {
            throw CorruptStore(file: file, offset: 0, reason: "missing or unknown header (not a Stockade store, or written by an incompatible version)")
        }
        var records: [Record] = []
        var offset = header.count
        while offset < bytes.count {
            guard offset + 8 <= bytes.count else {
                throw CorruptStore(file: file, offset: offset, reason: "torn record header (\(bytes.count - offset) trailing bytes)")
            }
            let length = Int(readUInt32(bytes, at: offset))
            let checksum = readUInt32(bytes, at: offset + 4)
            let start = offset + 8
            guard length <= bytes.count - start else {
                throw CorruptStore(file: file, offset: offset, reason: "torn record (needs \(length) bytes, \(bytes.count - start) present)")
            }
            let payload = bytes[start..<start + length]
            guard CRC32.checksum(payload) == checksum else {
                throw CorruptStore(file: file, offset: offset, reason: "checksum mismatch in record \(records.count + 1)")
            }
            guard let value = try? JSONValue.parse(payload), let rv = value["rv"]?.intValue, let key = value["key"]?.stringValue else {
                throw CorruptStore(file: file, offset: offset, reason: "record \(records.count + 1) is not a valid store record")
            }
            records.append(Record(resourceVersion: rv, key: key, object: value["deleted"] == true ? nil : value["object"]))
            offset = start + length
        }
        return records
    }

    private static func appendUInt32(_ value: UInt32, to buffer: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32($1 * 8) }
    }

    private static func createFile(atPath path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    private static func syncDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: directory.isEmpty ? "." : directory))
        try? handle.synchronize()
        try handle.close()
    }
}

/// CRC-32 (IEEE 802.3, the zlib polynomial).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
