import JSON

extension YAMLEmitter {
    /// A string on one line: plain when it reads back as the same string, double-quoted when a plain
    /// scalar would read as something else here or in other YAML 1.1 readers (`"yes"`, `"1"`, `""`,
    /// `"<<"`, `"2001-12-14"`) or it needs escapes, single-quoted when
    /// only YAML syntax gets in the way (`'*'`, `'a: b'`) — the choices go-yaml v2 makes.
    static func inlineScalar(_ s: String) -> String {
        guard case .value(.string) = YAMLScalarResolver.resolvePlain(s), s != "<<", !looksLikeYAML11Special(s) else {
            return doubleQuoted(s)
        }
        if canBePlain(s) { return s }
        if s.unicodeScalars.allSatisfy(isInlinePrintable) {
            var quoted = "'"
            for c in s.unicodeScalars {
                if c == "'" { quoted += "'" }
                quoted.unicodeScalars.append(c)
            }
            return quoted + "'"
        }
        return doubleQuoted(s)
    }

    /// A `|` block for a multi-line string with at least one line that is not blank and whose characters
    /// all survive block style, else nil (blank-only text reads back differently in block style). The header
    /// carries an indentation indicator when the first line starts with a space or tab, and the chomping
    /// indicator that restores the exact number of trailing newlines.
    static func literalBlock(_ s: String) -> (header: String, lines: [Substring])? {
        guard s.contains("\n"), s.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\t" || isInlinePrintable($0) })
        else { return nil }
        let allLines = s.split(separator: "\n", omittingEmptySubsequences: false)
        let trailingNewlines = s.reversed().prefix { $0 == "\n" }.count
        let lines = trailingNewlines > 0 ? Array(allLines.dropLast()) : allLines
        guard lines.contains(where: { $0.contains { $0 != " " && $0 != "\t" } }) else { return nil }
        var header = "|"
        if let first = lines.first(where: { !$0.isEmpty }), first.first == " " || first.first == "\t" {
            header += "2"
        }
        switch trailingNewlines {
        case 0: header += "-"
        case 1: break
        default: header += "+"
        }
        return (header, lines)
    }

    /// Whether `s` can be written without quotes in block context and read back unchanged.
    static func canBePlain(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard scalars.allSatisfy(isInlinePrintable), last != " ", last != ":" else { return false }
        switch first {
        case " ", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "?", ":":
            return false
        case "-":
            guard scalars.count > 1, scalars[1] != " " else { return false }
        default:
            break
        }
        if s.hasPrefix("---") || s.hasPrefix("...") || s.contains(": ") || s.contains(" #") { return false }
        return s != "<<" && !looksLikeYAML11Special(s)
    }

    /// Strings other YAML 1.1 readers take for timestamps or base-60 numbers; go-yaml v2 quotes them.
    private static func looksLikeYAML11Special(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        // Timestamps start with a four-digit year and a dash: 2001-12-14, 2001-12-14T21:59:43Z.
        if bytes.count >= 8, (0..<4).allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") { return true }
        // Base 60: 1:20, -190:20:30.5
        var i = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0
        guard isDigit(i), bytes.contains(UInt8(ascii: ":")) else { return false }
        while i < bytes.count {
            let b = bytes[i]
            guard isDigit(i) || b == UInt8(ascii: ":") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") else {
                return false
            }
            i += 1
        }
        return true
    }

    /// libyaml's printable set minus line breaks and tab: what may appear in a plain or quoted line as is.
    static func isInlinePrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: c.value != 0x2028 && c.value != 0x2029
        case 0xE000...0xFFFD: c.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// A double-quoted scalar with YAML escapes for everything outside the inline printable set.
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isInlinePrintable(c) {
                    out.unicodeScalars.append(c)
                } else if c.value <= 0xFF {
                    out += "\\x" + hex(c.value, digits: 2)
                } else {
                    out += "\\u" + hex(c.value, digits: 4)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
