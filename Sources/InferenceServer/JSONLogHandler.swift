import Foundation
import JSON
public import Logging
import Synchronization

/// A swift-log `LogHandler` that writes each log event as one JSON object on one line:
/// `{"ts":"2026-01-02T03:04:05.678Z","level":"info","label":"stockade-serve","message":"...",...}`.
///
/// `ts` is RFC 3339 in UTC with milliseconds; `level` is swift-log's level name (`trace` ...
/// `critical`). The metadata of the handler, its metadata provider and the event (later wins) follow,
/// flattened into the top-level object in key order: nested dictionaries become dotted keys
/// (`http.method`), arrays become JSON arrays, everything else a string. A metadata key that would
/// shadow `ts`, `level`, `label`, `message` or `error` is written as `metadata.<key>`. An error
/// attached to the event is `error`. Strings are JSON-escaped, so a message with quotes, newlines or
/// control characters still yields exactly one valid line.
public struct JSONLogHandler: LogHandler {
    /// Receives each finished line (without its newline). Calls may come from any thread.
    public typealias Sink = @Sendable (String) -> Void

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label (`label` in each line).
    public let label: String
    private let sink: Sink

    private static let reservedKeys: Set<String> = ["ts", "level", "label", "message", "error"]
    private static let standardErrorLock = Mutex(())

    /// A handler for `label` that hands each line to `sink`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, sink: @escaping Sink) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    /// A handler writing each line plus `\n` to standard error in one write; lines from concurrent
    /// loggers never interleave.
    public static func standardError(label: String, metadataProvider: Logger.MetadataProvider? = nil) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: metadataProvider) { line in
            let data = Data((line + "\n").utf8)
            standardErrorLock.withLock { _ in FileHandle.standardError.write(data) }
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        sink(Self.line(
            timestamp: Date(), level: event.level, label: label, message: event.message.description,
            error: event.error.map { "\($0)" }, metadata: merged))
    }

    /// The JSON line for one event (exposed for tests).
    static func line(
        timestamp: Date, level: Logger.Level, label: String, message: String, error: String?, metadata: Logger.Metadata
    ) -> String {
        var object = JSONObject()
        object["ts"] = .string(Self.rfc3339(timestamp))
        object["level"] = .string(level.rawValue)
        object["label"] = .string(label)
        object["message"] = .string(message)
        if let error { object["error"] = .string(error) }
        var flat: [(String, JSONValue)] = []
        for (key, value) in metadata { flatten(key: key, value: value, into: &flat) }
        for (key, value) in flat.sorted(by: { $0.0 < $1.0 }) {
            let name = reservedKeys.contains(key) ? "metadata.\(key)" : key
            object[name] = value
        }
        return JSONValue.object(object).jsonString()
    }

    private static func flatten(key: String, value: Logger.Metadata.Value, into out: inout [(String, JSONValue)]) {
        if case let .dictionary(dictionary) = value {
            for (inner, innerValue) in dictionary { flatten(key: "\(key).\(inner)", value: innerValue, into: &out) }
        } else {
            out.append((key, json(value)))
        }
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case let .string(string): .string(string)
        case let .stringConvertible(convertible): .string(convertible.description)
        case let .array(values): .array(values.map(json))
        case let .dictionary(dictionary):
            .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for `date` in UTC (proleptic Gregorian calendar).
    static func rfc3339(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, msOfDay) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        // Howard Hinnant's civil_from_days.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let dayOfMonth = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))T\(pad(msOfDay / 3_600_000, 2)):"
            + "\(pad(msOfDay / 60000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
    }
}
