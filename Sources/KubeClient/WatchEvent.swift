public import JSON
import KubeCore

/// One event of a watch stream.
public struct WatchEvent: Sendable, Hashable {
    /// What happened to the object.
    public enum EventType: String, Sendable, Hashable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        /// Only `metadata.resourceVersion` of the object is meaningful: the stream has seen up to it.
        case bookmark = "BOOKMARK"
    }

    /// What happened.
    public var type: EventType
    /// The object after the change (for DELETED: its last state).
    public var object: JSONValue

    /// An event of `type` about `object`.
    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    /// The object's `metadata.resourceVersion`.
    public var resourceVersion: String? { object[path: ["metadata", "resourceVersion"]]?.stringValue }

    /// The object decoded as `T`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONValueDecoder().decode(T.self, from: object)
    }
}

/// Splits a byte stream into lines at `\n`, whatever the chunk boundaries.
struct LineSplitter: Sendable {
    private var buffer: [UInt8] = []

    /// Appends `chunk` and returns every complete line (without its `\n`; `\r` trimmed; empty lines skipped).
    mutating func feed(_ chunk: [UInt8]) -> [[UInt8]] {
        buffer += chunk
        var lines: [[UInt8]] = []
        var start = 0
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[start..<newline])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if !line.isEmpty { lines.append(line) }
            start = newline + 1
        }
        buffer.removeFirst(start)
        return lines
    }

    /// The bytes after the last newline.
    var remainder: [UInt8] { buffer }
}

/// Decodes one watch line into an event; an ERROR event becomes its Status error.
enum WatchLineDecoder {
    static func decode(_ line: [UInt8], request: APIRequest) throws(KubeAPIError) -> WatchEvent {
        guard let value = try? JSONValue.parse(line), let typeName = value["type"]?.stringValue,
            let object = value["object"]
        else {
            throw KubeAPIError.invalidResponse(
                "malformed watch event: \(String(decoding: line.prefix(200), as: UTF8.self))", status: 200, request: request)
        }
        if typeName == "ERROR" { throw KubeAPIError.fromStatus(object, request: request) }
        guard let type = WatchEvent.EventType(rawValue: typeName) else {
            throw KubeAPIError.invalidResponse("unknown watch event type \(typeName)", status: 200, request: request)
        }
        return WatchEvent(type: type, object: object)
    }
}
