public import Foundation

/// A typed, persisted Kubernetes object: a fixed `apiVersion`/`kind`, the REST resource that serves it
/// and its `metadata`.
///
/// The instance `apiVersion`/`kind` are what the object carries on the wire; a freshly made object
/// starts with the static values, and decoding fills them in from the statics when the server left
/// them out (items of built-in lists carry neither).
public protocol KubeObject: Codable, Sendable, Hashable {
    /// The `apiVersion` value of this type, e.g. `apps/v1`.
    static var apiVersion: String { get }
    /// The `kind` value of this type, e.g. `Deployment`.
    static var kind: String { get }
    /// The REST resource serving this type.
    static var resource: GroupVersionResource { get }
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
}

extension KubeObject {
    /// The group, version and kind of this type.
    public static var groupVersionKind: GroupVersionKind { GroupVersionKind(apiVersion: apiVersion, kind: kind) }
}

extension GroupVersionResource {
    /// `gateway.networking.k8s.io/v1` HTTPRoutes.
    public static let httpRoutes = GroupVersionResource(
        group: "gateway.networking.k8s.io", version: "v1", resource: "httproutes")
    /// `apiextensions.k8s.io/v1` CustomResourceDefinitions (cluster-scoped).
    public static let customResourceDefinitions = GroupVersionResource(
        group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions", namespaced: false)
}

/// `intstr.IntOrString`: a value the API accepts as a JSON integer or a JSON string (ports, percentages).
public enum IntOrString: Codable, Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral
{
    /// A JSON integer, e.g. `8080`.
    case int(Int)
    /// A JSON string, e.g. `http` or `25%`.
    case string(String)

    /// `.int(value)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.string(value)`.
    public init(stringLiteral value: String) { self = .string(value) }

    /// Decodes a JSON integer or string; anything else fails.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer or a string")
        }
    }

    /// Encodes as a JSON integer or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let i): try container.encode(i)
        case .string(let s): try container.encode(s)
        }
    }

    /// The integer, if this is one.
    public var intValue: Int? { if case .int(let i) = self { i } else { nil } }
    /// The string, if this is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The value as written: `8080` or `http`.
    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .string(let s): s
        }
    }
}

/// `metav1.MicroTime`: RFC 3339 with exactly six fractional digits, e.g. `2026-11-24T16:55:00.123456Z`.
///
/// The API server rejects MicroTime values with no or more than six fractional digits (400), so values
/// written to Leases and `events.k8s.io` Events must come from ``string(from:)``. Models keep MicroTime
/// fields as the strings the server sent.
public enum MicroTime {
    /// `date` in UTC with six fractional digits (rounded to the nearest microsecond).
    public static func string(from date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return pad(c.year ?? 0, 4) + "-" + pad(c.month ?? 0, 2) + "-" + pad(c.day ?? 0, 2) + "T"
            + pad(c.hour ?? 0, 2) + ":" + pad(c.minute ?? 0, 2) + ":" + pad(c.second ?? 0, 2) + "."
            + pad(Int(fraction), 6) + "Z"
    }

    /// Parses an RFC 3339 timestamp (`Z` or `±HH:MM` offset, any number of fractional digits, so also
    /// `metav1.Time`); `nil` when malformed. Fractions beyond microseconds are truncated.
    public static func date(from string: String) -> Date? {
        let b = Array(string.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for c in b[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"), let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var micros = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let h = number(i + 1, 2), let m = number(i + 4, 2)
            else { return nil }
            offset = (h * 60 + m) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let whole = calendar.date(from: components), calendar.component(.day, from: whole) == day else { return nil }
        return Date(timeIntervalSince1970: (whole.timeIntervalSince1970 - Double(offset)).rounded() + Double(micros) / 1_000_000)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// `core/v1.ObjectReference`: a pointer to another object (an Event's `regarding`/`related`).
public struct ObjectReference: Codable, Sendable, Hashable {
    /// The referent's `apiVersion`.
    public var apiVersion: String?
    /// The referent's kind.
    public var kind: String?
    /// The referent's name.
    public var name: String?
    /// The referent's namespace.
    public var namespace: String?
    /// The referent's uid.
    public var uid: String?
    /// The referent's resourceVersion.
    public var resourceVersion: String?
    /// A field path within the referent, e.g. `spec.containers{app}`.
    public var fieldPath: String?

    /// A reference with the given fields; the rest unset.
    public init(
        apiVersion: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    /// A reference to `object` (apiVersion, kind, name, namespace, uid).
    public init<T: KubeObject>(to object: T) {
        self.init(
            apiVersion: T.apiVersion, kind: T.kind, name: object.metadata.name, namespace: object.metadata.namespace,
            uid: object.metadata.uid)
    }
}

/// `metav1.LabelSelector` as a JSON object (`matchLabels`, `matchExpressions`), as in a Deployment's
/// `spec.selector`. (``LabelSelector`` is the query-string form.)
public struct LabelSelectorSpec: Codable, Sendable, Hashable {
    /// One `matchExpressions` entry.
    public struct Requirement: Codable, Sendable, Hashable {
        /// The label key.
        public var key: String
        /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
        public var `operator`: String
        /// The values for `In`/`NotIn`.
        public var values: [String]?

        /// A requirement with every field given.
        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// Labels that must all be equal.
    public var matchLabels: [String: String]?
    /// Further requirements, all of which must hold.
    public var matchExpressions: [Requirement]?

    /// A selector with the given parts.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// The query-string form, if every part can be expressed (unknown operators give `nil`).
    public var labelSelector: LabelSelector? {
        var selector = LabelSelector(matchLabels: matchLabels ?? [:])
        for r in matchExpressions ?? [] {
            switch r.operator {
            case "In": selector = selector.in(r.key, r.values ?? [])
            case "NotIn": selector = selector.notIn(r.key, r.values ?? [])
            case "Exists": selector = selector.exists(r.key)
            case "DoesNotExist": selector = selector.doesNotExist(r.key)
            default: return nil
            }
        }
        return selector
    }
}

/// Decoding of the `apiVersion`/`kind`/`metadata` header shared by every ``KubeObject`` model.
enum KubeObjectHeader {
    static func decode<T: KubeObject, K: CodingKey>(
        _ type: T.Type, _ container: KeyedDecodingContainer<K>, apiVersion: K, kind: K, metadata: K
    ) throws -> (apiVersion: String, kind: String, metadata: ObjectMeta) {
        (
            try container.decodeIfPresent(String.self, forKey: apiVersion) ?? T.apiVersion,
            try container.decodeIfPresent(String.self, forKey: kind) ?? T.kind,
            try container.decodeIfPresent(ObjectMeta.self, forKey: metadata) ?? ObjectMeta()
        )
    }
}
