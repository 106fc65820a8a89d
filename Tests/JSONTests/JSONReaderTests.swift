import JSON
import Testing

/// Reading a document member by member must accept and reject exactly what parsing it whole does, with
/// the same values and the same error messages and positions.
@Suite struct JSONReaderTests {
    /// Rebuilds the value with the reader's pieces: objects and arrays step by step, flat number arrays
    /// through `readNumbers` when it takes them, everything else whole.
    private func read(_ reader: inout JSONReader) throws(JSONParseError) -> JSONValue {
        switch reader.peek() {
        case UInt8(ascii: "{"):
            var object = JSONObject()
            try reader.readObject { reader, key throws(JSONParseError) in object[key] = try read(&reader) }
            return .object(object)
        case UInt8(ascii: "["):
            var numbers: [JSONValue] = []
            if reader.readNumbers({ numbers.append($0); return true }) { return .array(numbers) }
            var elements: [JSONValue] = []
            try reader.readArray { reader throws(JSONParseError) in elements.append(try read(&reader)) }
            return .array(elements)
        default:
            return try reader.readValue()
        }
    }

    private func readWhole(_ text: String, maxDepth: Int = 8) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in
            var reader = JSONReader(bytes: Array(text.utf8), maxDepth: maxDepth)
            let value = try read(&reader)
            try reader.finish()
            return value
        }
    }

    /// The value as ordered JSON text (keeping `1` and `1.0` apart), or the error's message and position.
    private func render(_ result: Result<JSONValue, JSONParseError>) -> String {
        switch result {
        case .success(let value): return "value " + value.jsonString()
        case .failure(let error): return "error " + error.description
        }
    }

    @Test func acceptsAndRejectsWhatTheParserDoes() {
        let documents = [
            #"{"a": [1, -2.5, 3e2], "b": {"c": [[1, 2], []], "d": "x"}, "e": [1, "two", null]}"#,
            #"  [ 0.1 , 0.2 ]  "#, "[]", "{}", #"{"a":1,"a":2}"#, "[1, 2", "[1, 2,]", "[1 2]", "[-]", "[01]",
            #"{"a" 1}"#, #"{"a": 1,}"#, #"{1: 2}"#, "[1] x", #"{"a": [1, 2] "b": 3}"#, "[[[[[[[[[1]]]]]]]]]",
            "[[[[[[[[1]]]]]]]]", #"{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}}"#, "[1e999]", "",
            "[1, [2, 3], 4]", #"[1, true]"#, "[-0, 0.0, -0.0, 1E+2]", "[ \n1\t,\r2 ]",
        ]
        for text in documents {
            let whole = Result { () throws(JSONParseError) in try JSONValue.parse(text, maxDepth: 8) }
            let pieces = readWhole(text)
            #expect(render(pieces) == render(whole), "\(text)")
        }
    }

    @Test func readNumbersLeavesTheReaderWhereItWasWhenItDeclines() throws {
        var reader = JSONReader(bytes: Array(#"[1, 2, "three"]"#.utf8))
        #expect(!reader.readNumbers { _ in true })
        #expect(try reader.readValue() == [1, 2, "three"])
        var declined = JSONReader(bytes: Array("[1, 2, 3]".utf8))
        var seen: [JSONValue] = []
        #expect(!declined.readNumbers { seen.append($0); return seen.count < 2 })
        #expect(try declined.readValue() == [1, 2, 3])
    }
}
