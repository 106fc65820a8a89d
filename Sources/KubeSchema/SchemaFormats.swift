import Foundation

/// The OpenAPI `format`s the validator checks on strings. Formats not listed here (int32, int64,
/// double, int-or-string, password, ...) are accepted without a check, as kube-apiserver does for
/// formats it does not know.
enum SchemaFormats {
    enum Failure: Equatable {
        /// kube-openapi's "must be of type <format>" (a TypeInvalid cause).
        case typeInvalid
        /// Any other message (a FieldValueInvalid cause).
        case invalid(String)
    }

    /// The regular expression kube-apiserver quotes for a malformed quantity.
    static let quantityExpression = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"

    /// nil when `string` is valid for `format` (or the format is not checked).
    static func check(_ string: String, format: String) -> Failure? {
        switch format {
        case "date-time", "datetime": return isDateTime(string) ? nil : .typeInvalid
        case "date": return isDate(string) ? nil : .typeInvalid
        case "byte": return Data(base64Encoded: string) != nil ? nil : .typeInvalid
        case "uuid": return isUUID(string) ? nil : .typeInvalid
        case "ipv4": return isIPv4(string) ? nil : .typeInvalid
        case "hostname": return isHostname(string) ? nil : .typeInvalid
        case "quantity":
            return isQuantity(string) ? nil : .invalid("quantities must match the regular expression '\(quantityExpression)'")
        default: return nil
        }
    }

    private static func digits(_ s: Substring, _ count: Int) -> Int? {
        guard s.count == count, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    /// `YYYY-MM-DD`, a real calendar date.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = digits(parts[0], 4), let m = digits(parts[1], 2), let d = digits(parts[2], 2),
            (1...12).contains(m), d >= 1
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// strfmt's `IsDateTime`: a date, `T` (any case), `hh:mm:ss`, optional fraction, and `Z` or `±hh:mm`.
    static func isDateTime(_ s: String) -> Bool {
        let lower = s.lowercased()
        let parts = lower.split(separator: "t", omittingEmptySubsequences: false)
        guard parts.count == 2, isDate(String(parts[0])) else { return false }
        var time = parts[1]
        let zone: Substring
        if time.hasSuffix("z") {
            zone = "z"
            time = time.dropLast()
        } else if time.count > 6, let signIndex = time.index(time.endIndex, offsetBy: -6, limitedBy: time.startIndex),
            time[signIndex] == "+" || time[signIndex] == "-"
        {
            zone = time[signIndex...]
            time = time[..<signIndex]
        } else {
            return false
        }
        if zone != "z" {
            let z = zone.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard z.count == 2, digits(z[0], 2) != nil, digits(z[1], 2) != nil else { return false }
        }
        var clock = time
        if let dot = time.firstIndex(of: ".") {
            let fraction = time[time.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            clock = time[..<dot]
        }
        let hms = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 3, let h = digits(hms[0], 2), let m = digits(hms[1], 2), let sec = digits(hms[2], 2) else { return false }
        return h <= 23 && m <= 59 && sec <= 59
    }

    static func isUUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { p in
            !p.isEmpty && p.count <= 3 && p.allSatisfy { $0.isASCII && $0.isNumber } && Int(p)! <= 255
        }
    }

    static func isHostname(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 255 else { return false }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count), label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return false }
            return label.first != "-" && label.last != "-"
        }
    }

    /// A Kubernetes quantity: an optionally signed decimal number and a suffix (binary SI Ki..Ei,
    /// decimal SI n u m k M G T P E, or a decimal exponent e/E).
    static func isQuantity(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let number = rest.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != "." else { return false }
        let suffix = rest.dropFirst(number.count)
        switch suffix {
        case "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E": return true
        default:
            guard let first = suffix.first, first == "e" || first == "E" else { return false }
            var exponent = suffix.dropFirst()
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            return !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}
