/// One libyaml parser event, copied out of C memory into Swift values.
enum YAMLEvent {
    /// How a scalar was written; only plain scalars go through implicit type resolution.
    enum ScalarStyle {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    case streamStart
    case streamEnd
    case documentStart(YAMLMark)
    case documentEnd
    case alias(anchor: String, mark: YAMLMark)
    case scalar(Scalar)
    case sequenceStart(anchor: String?, tag: String?, mark: YAMLMark)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, mark: YAMLMark)
    case mappingEnd

    /// A scalar node as written: its text, style and explicit tag (expanded, e.g. `tag:yaml.org,2002:int`).
    struct Scalar {
        var value: String
        var anchor: String?
        var tag: String?
        var style: ScalarStyle
        var mark: YAMLMark

        /// A plain scalar without a tag: the only kind that resolves to null/bool/number or a merge key.
        var isPlainUntagged: Bool { style == .plain && tag == nil }
    }
}
