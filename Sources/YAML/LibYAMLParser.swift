internal import CLibYAML

/// Owns one libyaml `yaml_parser_t` and a private copy of its input; both are freed in `deinit`.
///
/// `next()` returns events until `.streamEnd`; after that, or after an error, it must not be called again.
/// This is the only place in the module that touches libyaml's memory.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let inputCount: Int

    init(bytes: some Collection<UInt8>) throws(YAMLError) {
        inputCount = bytes.count
        input = .allocate(capacity: max(inputCount, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            input.deallocate()
            throw YAMLError(message: "cannot initialize the YAML parser (out of memory)", line: 1, column: 1)
        }
        yaml_parser_set_input_string(parser, input.baseAddress, inputCount)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or the parser's error with its position.
    func next() throws(YAMLError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: mark)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            } ?? ""
            return .scalar(YAMLEvent.Scalar(
                value: value, anchor: Self.string(data.anchor), tag: Self.string(data.tag),
                style: Self.style(data.style), mark: mark))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), mark: mark)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(anchor: Self.string(data.anchor), tag: Self.string(data.tag), mark: mark)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            throw YAMLError("unexpected libyaml event \(event.type.rawValue)", at: mark)
        }
    }

    /// libyaml's error as a `YAMLError`. Reader errors (bad encoding) carry only a byte offset, which is
    /// turned into a line and column here.
    private func currentError() -> YAMLError {
        let p = parser.pointee
        var message = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        if p.error == YAML_READER_ERROR {
            if p.problem_value >= 0 { message += " (byte 0x\(String(UInt32(p.problem_value), radix: 16)))" }
            let mark = position(ofByte: p.problem_offset)
            return YAMLError(message, at: mark)
        }
        if let context = p.context {
            let contextMark = Self.mark(p.context_mark)
            message += " \(String(cString: context))"
            if contextMark != Self.mark(p.problem_mark) { message += " started at \(contextMark)" }
        }
        if p.error == YAML_MEMORY_ERROR { return YAMLError(message, at: Self.mark(p.mark)) }
        return YAMLError(message, at: Self.mark(p.problem_mark))
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset into UTF-8 input.
    private func position(ofByte offset: Int) -> YAMLMark {
        var line = 1
        var column = 1
        for byte in input.prefix(min(offset, inputCount)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }

    private static func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLEvent.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
