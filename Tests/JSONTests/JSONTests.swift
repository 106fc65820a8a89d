import JSON
import Testing

@Suite struct JSONParsingTests {
    @Test func parsesScalarsAndKeepsIntegersExact() throws {
        #expect(try JSONValue.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONValue.parse("-0.5") == .double(-0.5))
        #expect(try JSONValue.parse("1e3") == .double(1000))
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse(" null ") == .null)
        #expect(try JSONValue.parse("18446744073709551616") == .double(18_446_744_073_709_551_616))
    }

    @Test func keepsObjectOrderButComparesIgnoringIt() throws {
        let value = try JSONValue.parse(#"{"b":1,"a":[true,null,"x"]}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value == ["a": [true, nil, "x"], "b": 1])
        #expect(value.jsonString() == #"{"b":1,"a":[true,null,"x"]}"#)
        #expect(value.jsonString(sortedKeys: true) == #"{"a":[true,null,"x"],"b":1}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue.parse(#""a\"b\\c\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c\né😀"))
        #expect(value.jsonString() == "\"a\\\"b\\\\c\\né😀\"")
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{\"a\":}", "unexpected character '}'"),
        ("[1,]", "unexpected character ']'"),
        ("01", "leading zeros"),
        ("\"\\ud800\"", "unpaired surrogate"),
        ("{\"a\" 1}", "expected ':'"),
        ("[1] x", "after the document"),
        ("\"abc", "unterminated string"),
        ("nul", "invalid literal"),
        ("1e999", "out of range"),
    ])
    func rejectsMalformedInputWithAReason(input: String, reason: String) {
        #expect {
            _ = try JSONValue.parse(input)
        } throws: { error in
            (error as? JSONParseError)?.message.contains(reason) == true
        }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func limitsDepth() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(deep) }
        #expect(throws: Never.self) { _ = try JSONValue.parse(deep, maxDepth: 400) }
    }

    @Test func randomAndTruncatedInputNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let sample = Array(#"{"a":[1,2.5,"x\u0041",{"b":null}],"c":true}"#.utf8)
        for cut in 0...sample.count { _ = try? JSONValue.parse(sample[0..<cut]) }
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in sample.randomElement(using: &generator)! }
            _ = try? JSONValue.parse(bytes)
        }
    }
}

@Suite struct JSONValueTests {
    @Test func integralDoublesEqualIntegers() {
        #expect(JSONValue.int(3) == .double(3.0))
        #expect(JSONValue.int(3) != .double(3.5))
        #expect(Set<JSONValue>([.int(3), .double(3.0)]).count == 1)
    }

    @Test func setPathCreatesAndRemoves() {
        var value: JSONValue = ["metadata": ["name": "x"]]
        value.set(path: ["metadata", "labels", "app"], to: "web")
        #expect(value[path: ["metadata", "labels", "app"]] == "web")
        value.set(path: ["metadata", "name"], to: nil)
        #expect(value["metadata"]?["name"] == nil)
        value.set(path: ["spec", "x"], to: nil)
        #expect(value["spec"] == nil)
    }

    @Test func serializesPrettyAndDoubles() {
        let value: JSONValue = ["a": 1.5, "b": .double(2), "c": [], "d": [:]]
        #expect(value.jsonString() == #"{"a":1.5,"b":2,"c":[],"d":{}}"#)
        #expect(value.jsonString(pretty: true) == "{\n  \"a\": 1.5,\n  \"b\": 2,\n  \"c\": [],\n  \"d\": {}\n}")
    }
}

@Suite struct JSONDuplicateKeyTests {
    @Test func reportsRepeatedKeysWithTheirPaths() throws {
        let (value, duplicates) = try JSONValue.parseReportingDuplicates(Array(#"{"data":{"a":"1","a":"2"},"list":[{"n":1,"n":2}],"data2":{}}"#.utf8))
        #expect(value["data"]?["a"] == "2")
        #expect(duplicates == ["data.a", "list[0].n"])
        #expect(try JSONValue.parseReportingDuplicates(Array(#"{"a":1}"#.utf8)).1.isEmpty)
    }
}
