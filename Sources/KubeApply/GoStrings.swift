import JSON

/// String renderings that must match what Go's standard library produces, because Kubernetes writes
/// them into managedFields keys and error messages that clients compare byte for byte.
enum GoStrings {
    /// `strconv.Quote` / `fmt.Sprintf("%q", s)`: a double-quoted Go string literal. Printable characters
    /// stay as they are; quotes, backslashes and control characters are escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    out += v > 0xFFFF ? "\\U" + hex(v, width: 8) : "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON string literal as Go's `encoding/json` writes it (HTML-safe: `<`, `>` and `&` become
    /// `\u003c`, `\u003e`, `\u0026`; U+2028 and U+2029 are escaped too).
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

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

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
