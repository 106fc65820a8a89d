import JSON

/// Formatting the way Go's `fmt` and `encoding/json` print values, so that messages built here match
/// kube-apiserver's byte for byte.
package enum GoFormat {
    /// `fmt.Sprintf("%v", f)` for a float64: `%g` with the shortest digits, which Go prints in `%e` form
    /// (`1e+06`) when the decimal exponent is < -4 or >= 6.
    static func vFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, exponent) = decompose(value)
        let sign = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 { return sign + eForm(digits, exponent) }
        return sign + fForm(digits, exponent)
    }

    /// `encoding/json`'s float64 encoding: `%f` shortest, `%e` (with `e-7` not `e-07`) below 1e-6 or from 1e21.
    static func jsonFloat(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "null" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, exponent) = decompose(value)
        let sign = negative ? "-" : ""
        let magnitude = abs(value)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            var e = eForm(digits, exponent)
            if let range = e.range(of: "e-0") { e.replaceSubrange(range, with: "e-") }
            return sign + e
        }
        return sign + fForm(digits, exponent)
    }

    /// Shortest decimal digits (no leading/trailing zeros) and the exponent of the first digit.
    private static func decompose(_ value: Double) -> (Bool, [Character], Int) {
        let text = "\(abs(value))"
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(intPart) + Array(fracPart)
        var pointPosition = intPart.count + exp  // digits before the decimal point
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { digits = ["0"]; pointPosition = 1 }
        return (value < 0, digits, pointPosition - 1)
    }

    private static func eForm(_ digits: [Character], _ exponent: Int) -> String {
        var s = String(digits[0])
        if digits.count > 1 { s += "." + String(digits[1...]) }
        let e = abs(exponent)
        return s + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }

    private static func fForm(_ digits: [Character], _ exponent: Int) -> String {
        if exponent < 0 {
            return "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
        }
        if digits.count <= exponent + 1 {
            return String(digits) + String(repeating: "0", count: exponent + 1 - digits.count)
        }
        return String(digits[...exponent]) + "." + String(digits[(exponent + 1)...])
    }

    /// `strconv.Quote`: a double-quoted Go string literal.
    package static func quote(_ s: String) -> String {
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
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if (0x80..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .format && scalar.value != 0xAD
                    || scalar.properties.generalCategory == .unassigned || scalar.properties.generalCategory == .surrogate
                    || scalar.properties.generalCategory == .privateUse || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator
                {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `json.Marshal` of an unstructured value: map keys sorted, HTML characters escaped.
    static func json(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, into: &out)
        return out
    }

    private static func writeJSON(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += jsonFloat(d)
        case .string(let s): out += jsonString(s)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                writeJSON(v, into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in o.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                out += jsonString(key) + ":"
                writeJSON(o[key]!, into: &out)
            }
            out += "}"
        }
    }

    package static func jsonString(_ s: String) -> String {
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
                if scalar.value < 0x20 { out += "\\u" + hex(scalar.value, width: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A bad value as `field.Error.ErrorBody` prints it: numbers and booleans with `%v`, strings with
    /// `%q`, null as `null`, lists and maps as JSON.
    static func badValue(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return vFloat(d)
        case .string(let s): return quote(s)
        case .array, .object: return json(value)
        }
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
