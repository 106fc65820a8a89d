import JSON

/// Writes block YAML in kubectl's layout: two-space indentation, sequences under a mapping key at the
/// key's own indentation (`containers:\n- name: x`), the first member of a mapping inside a sequence on
/// the dash's line, `{}` and `[]` for empty collections, and scalars styled by `YAMLEmitter.scalar`.
struct YAMLEmitter {
    private(set) var output = ""

    /// Simple keys longer than this are written as explicit `? key` entries (libyaml caps simple keys at
    /// 1024 characters).
    static let maxSimpleKeyLength = 1000

    /// One document: the value and a final newline.
    mutating func document(_ value: JSONValue) {
        switch value {
        case .object(let members) where !members.isEmpty:
            mapping(members, indent: 0, continuing: false)
        case .array(let items) where !items.isEmpty:
            sequence(items, indent: 0, continuing: false)
        default:
            leaf(value, containerIndent: 0)
        }
    }

    /// Members at column `indent`; with `continuing`, the first is written where the cursor already is.
    private mutating func mapping(_ members: JSONObject, indent: Int, continuing: Bool) {
        for (i, (key, value)) in members.enumerated() {
            if i > 0 || !continuing { pad(indent) }
            let keyText = Self.inlineScalar(key)
            if keyText.count > Self.maxSimpleKeyLength {
                output += "? " + keyText + "\n"
                pad(indent)
                output += ":"
                mappingValue(value, indent: indent, sequenceIndent: indent + 2)
            } else {
                output += keyText + ":"
                mappingValue(value, indent: indent, sequenceIndent: indent)
            }
        }
    }

    /// What follows `key:` for a mapping at column `indent`.
    private mutating func mappingValue(_ value: JSONValue, indent: Int, sequenceIndent: Int) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            mapping(members, indent: indent + 2, continuing: false)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            sequence(items, indent: sequenceIndent, continuing: false)
        default:
            output += " "
            leaf(value, containerIndent: indent)
        }
    }

    /// Items with their dash at column `indent`.
    private mutating func sequence(_ items: [JSONValue], indent: Int, continuing: Bool) {
        for (i, item) in items.enumerated() {
            if i > 0 || !continuing { pad(indent) }
            output += "- "
            switch item {
            case .object(let members) where !members.isEmpty:
                mapping(members, indent: indent + 2, continuing: true)
            case .array(let nested) where !nested.isEmpty:
                sequence(nested, indent: indent + 2, continuing: true)
            default:
                leaf(item, containerIndent: indent)
            }
        }
    }

    /// A scalar or an empty collection and its newline; a literal block's lines go two columns right of the
    /// collection that holds it.
    private mutating func leaf(_ value: JSONValue, containerIndent: Int) {
        switch value {
        case .null: output += "null\n"
        case .bool(let b): output += b ? "true\n" : "false\n"
        case .int(let i): output += String(i) + "\n"
        case .double(let d): output += Self.number(d) + "\n"
        case .array: output += "[]\n"
        case .object: output += "{}\n"
        case .string(let s):
            if let block = Self.literalBlock(s) {
                output += block.header + "\n"
                for line in block.lines {
                    if !line.isEmpty {
                        pad(containerIndent + 2)
                        output += line
                    }
                    output += "\n"
                }
            } else {
                output += Self.inlineScalar(s) + "\n"
            }
        }
    }

    private mutating func pad(_ count: Int) {
        output += String(repeating: " ", count: count)
    }

    /// A double that reads back equal: integral values as integers, others in shortest round-trip form.
    static func number(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        if d == d.rounded(), abs(d) < 1e21, let i = Int64(exactly: d) { return String(i) }
        return d.description
    }
}
