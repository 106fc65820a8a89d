import JSON

/// How scalar text becomes a `JSONValue`, following Kubernetes (sigs.k8s.io/yaml over go-yaml v2,
/// YAML 1.1 rules): quoted and block scalars are strings; plain scalars may be null, booleans
/// (`yes`/`no`/`on`/`off`/`y`/`n`/`true`/`false` in three capitalisations), integers (decimal, `0x`,
/// `0o` or leading-`0` octal, `0b`, `_` separators, signed) or floats; explicit `!!` tags force a type.
enum YAMLScalarResolver {
    static let tagPrefix = "tag:yaml.org,2002:"

    /// The core tags this reader understands, expanded.
    static let knownTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "binary", "timestamp", "map", "seq"].map { tagPrefix + $0 })

    /// What a plain (unquoted, untagged) scalar means.
    enum PlainMeaning: Equatable {
        case value(JSONValue)
        /// `.inf`, `-.inf`, `.nan` and friends: valid YAML, but not representable in Kubernetes JSON.
        case nonFinite
    }

    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let trues: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let falses: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    static let nonFinites: Set<String> = [
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    ]

    /// The meaning of plain scalar text under the implicit YAML 1.1 rules go-yaml v2 applies.
    static func resolvePlain(_ text: String) -> PlainMeaning {
        if nulls.contains(text) { return .value(.null) }
        if trues.contains(text) { return .value(.bool(true)) }
        if falses.contains(text) { return .value(.bool(false)) }
        if nonFinites.contains(text) { return .nonFinite }
        guard let first = text.utf8.first, isNumberStart(first) else { return .value(.string(text)) }
        return .value(number(text) ?? .string(text))
    }

    /// The value of a scalar event, honouring its style and explicit tag.
    static func resolve(_ scalar: YAMLEvent.Scalar) throws(YAMLError) -> JSONValue {
        let text = scalar.value
        guard let tag = scalar.tag else {
            guard scalar.style == .plain else { return .string(text) }
            switch resolvePlain(text) {
            case .value(let value): return value
            case .nonFinite: throw nonFiniteError(text, at: scalar.mark)
            }
        }
        switch tag {
        case "!", tagPrefix + "str", tagPrefix + "timestamp":
            return .string(text)
        case tagPrefix + "int":
            guard let value = integer(text) else { throw mismatch(text, tag: tag, at: scalar.mark) }
            return value
        case tagPrefix + "float":
            if nonFinites.contains(text) { throw nonFiniteError(text, at: scalar.mark) }
            guard let value = number(text), let d = value.doubleValue else {
                throw mismatch(text, tag: tag, at: scalar.mark)
            }
            return .double(d)
        case tagPrefix + "bool":
            if trues.contains(text) { return .bool(true) }
            if falses.contains(text) { return .bool(false) }
            throw mismatch(text, tag: tag, at: scalar.mark)
        case tagPrefix + "null":
            guard nulls.contains(text) else { throw mismatch(text, tag: tag, at: scalar.mark) }
            return .null
        case tagPrefix + "binary":
            return .string(try base64(text, at: scalar.mark))
        case tagPrefix + "map", tagPrefix + "seq":
            throw YAMLError("the tag \(shortTag(tag)) cannot be applied to a scalar", at: scalar.mark)
        default:
            throw YAMLError("unknown tag \(shortTag(tag))", at: scalar.mark)
        }
    }

    /// `!!int` for YAML core tags, the tag as written otherwise.
    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(tagPrefix) ? "!!" + tag.dropFirst(tagPrefix.count) : tag
    }

    static func nonFiniteError(_ text: String, at mark: YAMLMark) -> YAMLError {
        YAMLError("\"\(text)\" cannot be represented in JSON (infinity and NaN are not numbers there)", at: mark)
    }

    private static func mismatch(_ text: String, tag: String, at mark: YAMLMark) -> YAMLError {
        YAMLError("cannot read \"\(text)\" as \(shortTag(tag))", at: mark)
    }

    private static func isNumberStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// An integer, else a float matching go-yaml's float syntax; nil when neither (or the float overflows,
    /// which go-yaml then reads as a string).
    static func number(_ text: String) -> JSONValue? {
        if let value = integer(text) { return value }
        let digits = Array(text.utf8.lazy.filter { $0 != UInt8(ascii: "_") })
        guard isFloatSyntax(digits) else { return nil }
        var normalized = String(decoding: digits, as: UTF8.self)
        if let dot = normalized.firstIndex(of: "."),
            normalized.index(after: dot) == normalized.endIndex
                || "eE".contains(normalized[normalized.index(after: dot)])
        {
            normalized.insert("0", at: normalized.index(after: dot))
        }
        guard let d = Double(normalized), d.isFinite else { return nil }
        return .double(d)
    }

    /// Go's `strconv.ParseInt(s, 0, 64)` after removing `_`, with out-of-range values as doubles.
    static func integer(_ text: String) -> JSONValue? {
        let bytes = Array(text.utf8.lazy.filter { $0 != UInt8(ascii: "_") })
        var i = 0
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            i = 1
        }
        var base: UInt64 = 10
        if bytes.count - i >= 2, bytes[i] == UInt8(ascii: "0") {
            switch bytes[i + 1] | 0x20 {
            case UInt8(ascii: "x"): base = 16; i += 2
            case UInt8(ascii: "o"): base = 8; i += 2
            case UInt8(ascii: "b"): base = 2; i += 2
            default: base = 8; i += 1
            }
        }
        guard i < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        var approximate = 0.0
        var overflow = false
        for byte in bytes[i...] {
            guard let digit = digitValue(byte), digit < base else { return nil }
            approximate = approximate * Double(base) + Double(digit)
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = sum
        }
        if overflow {
            // Decimal text is re-read as a float for a correctly rounded value.
            if base == 10 { return nil }
            return .double(negative ? -approximate : approximate)
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .int(.min) }
            return magnitude <= UInt64(Int64.max) ? .int(-Int64(magnitude)) : .double(-Double(magnitude))
        }
        return magnitude <= UInt64(Int64.max) ? .int(Int64(magnitude)) : .double(Double(magnitude))
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, go-yaml v2's float syntax.
    private static func isFloatSyntax(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }

    /// `!!binary` content kept as base64 text, with the line breaks and spaces of block style removed.
    private static func base64(_ text: String, at mark: YAMLMark) throws(YAMLError) -> String {
        let compact = text.filter { !$0.isWhitespace }
        let valid = compact.utf8.count % 4 == 0 && compact.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                true
            default: false
            }
        }
        guard valid else { throw YAMLError("!!binary value is not valid base64", at: mark) }
        return compact
    }
}
