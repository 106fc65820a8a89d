/// A pull reader over one JSON document, for decoders that want to read some members their own way
/// (straight into typed storage) and take the rest as ``JSONValue``s.
///
/// It applies exactly the grammar, depth limit and error messages of ``JSONValue/parse(_:maxDepth:)``:
/// reading a document member by member accepts and rejects the same documents as parsing it whole.
/// Call ``finish()`` after the top-level value to reject trailing content.
public struct JSONReader {
    private var parser: JSONParser

    /// A reader at the start of `bytes`; nesting deeper than `maxDepth` is an error.
    public init(bytes: [UInt8], maxDepth: Int = JSONValue.defaultMaxDepth) {
        parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
    }

    /// The first byte of the next value (whitespace skipped), or nil at the end of the input.
    public mutating func peek() -> UInt8? {
        parser.skipWhitespace()
        return parser.index < parser.bytes.count ? parser.bytes[parser.index] : nil
    }

    /// Reads the next value whole.
    public mutating func readValue() throws(JSONParseError) -> JSONValue {
        parser.skipWhitespace()
        return try parser.parseValue()
    }

    /// Reads the next value, which must be an object, calling `member` with each key in document order;
    /// `member` must read that key's value (with any of the `read` methods) before returning.
    public mutating func readObject(_ member: (inout JSONReader, String) throws(JSONParseError) -> Void) throws(JSONParseError) {
        if try opensEmpty(UInt8(ascii: "{"), UInt8(ascii: "}"), "an object") { return }
        while true {
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count else { throw parser.error("unexpected end of input in object") }
            guard parser.bytes[parser.index] == UInt8(ascii: "\"") else { throw parser.error("expected a string key in object") }
            let key = try parser.parseString()
            parser.skipWhitespace()
            guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
                throw parser.error("expected ':' after object key")
            }
            parser.index += 1
            try member(&self, key)
            if try closes(UInt8(ascii: "}"), in: "object") { return }
        }
    }

    /// Reads the next value, which must be an array, calling `element` once per element in order;
    /// `element` must read that element before returning.
    public mutating func readArray(_ element: (inout JSONReader) throws(JSONParseError) -> Void) throws(JSONParseError) {
        if try opensEmpty(UInt8(ascii: "["), UInt8(ascii: "]"), "an array") { return }
        while true {
            try element(&self)
            if try closes(UInt8(ascii: "]"), in: "array") { return }
        }
    }

    /// Reads the next value when it is a flat array of numbers, handing each number (`.int` or
    /// `.double`, as ``readValue()`` would give it) to `accept`, and returns true. Returns false and
    /// leaves the reader where it was when the value is not an array, an element is not a number
    /// (a nested array, a string, a malformed number...), or `accept` returns false; the caller then
    /// reads the value another way, which reports any syntax error with its position.
    public mutating func readNumbers(_ accept: (JSONValue) -> Bool) -> Bool {
        let saved = (parser.index, parser.depth)
        do throws(JSONParseError) {
            var accepted = true
            try readArray { reader throws(JSONParseError) in
                reader.parser.skipWhitespace()
                guard accepted, reader.parser.index < reader.parser.bytes.count,
                      reader.parser.bytes[reader.parser.index] == UInt8(ascii: "-") || reader.parser.isDigit(reader.parser.bytes[reader.parser.index])
                else { throw JSONReader.notNumbers }
                accepted = accept(try reader.parser.parseNumber())
            }
            if accepted { return true }
        } catch {}
        (parser.index, parser.depth) = saved
        return false
    }

    private static let notNumbers = JSONParseError(message: "not a flat array of numbers", offset: 0, line: 0, column: 0)

    /// Fails unless only whitespace follows the value read last.
    public mutating func finish() throws(JSONParseError) {
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("unexpected character after the document") }
    }

    /// Enters the container that must start here (`opening`, else "expected `what`"); true when it is
    /// empty, with its `closing` byte consumed and the depth restored.
    private mutating func opensEmpty(_ opening: UInt8, _ closing: UInt8, _ what: String) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == opening else {
            throw parser.error("expected \(what)")
        }
        try parser.enter()
        parser.index += 1
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == closing else { return false }
        parser.index += 1
        parser.depth -= 1
        return true
    }

    /// After a member or element: true at the container's closing byte (consumed), false after a comma.
    private mutating func closes(_ closing: UInt8, in container: String) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else { throw parser.error("unexpected end of input in \(container)") }
        switch parser.bytes[parser.index] {
        case UInt8(ascii: ","):
            parser.index += 1
            return false
        case closing:
            parser.index += 1
            parser.depth -= 1
            return true
        default:
            throw parser.error("expected ',' or '\(String(UnicodeScalar(closing)))' in \(container)")
        }
    }
}
