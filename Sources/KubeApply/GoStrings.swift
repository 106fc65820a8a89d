import JSON
import KubeSchema

/// String renderings that must match what Go's standard library produces, because Kubernetes writes
/// them into managedFields keys and error messages that clients compare byte for byte.
enum GoStrings {
    /// `strconv.Quote` (shared with KubeSchema's error messages).
    static func quote(_ s: String) -> String { GoFormat.quote(s) }

    /// A JSON string literal as Go's `encoding/json` writes it (HTML-safe).
    static func jsonString(_ s: String) -> String { GoFormat.jsonString(s) }

    /// Compact JSON of a value with Go's string escaping; object members in the given order.
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return jsonString(s)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.map { jsonString($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        default: return value.jsonString()
        }
    }

    /// `value.ToString` of structured-merge-diff: strings quoted with `%q`, other scalars as Go prints them.
    static func display(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return quote(s)
        case .null: return "null"
        case .array(let items): return "[" + items.map(display).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { "\($0.key)=\(display($0.value))" }.joined(separator: ", ") + "}"
        default: return value.jsonString()
        }
    }
}
