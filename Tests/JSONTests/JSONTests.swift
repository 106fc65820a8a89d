import JSON
import SeededRandom
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

    /// Numbers parsed without building a string (short integers and decimals, Clinger's fast path) must
    /// equal what the general path (`Int64(text)`, `Double(text)`) gives, bit for bit.
    @Test func fastNumberPathMatchesTheGeneralPath() throws {
        var generator = SeededGenerator(seed: 17)
        var texts = ["0", "-0", "0.0", "-0.0", "1e22", "1e23", "9007199254740992.5", "0.1", "123456789012345678",
                     "1234567890123456789", "-999999999999999999", "4.5e-7", "1E+2", "0.30000000000000004", "2.5e-22", "7e-23",
                     "0.000000000000000000001234", "1.50000000000000000000", "12345678901234567890", "0e400", "-0e-400",
                     "1e-400", "0.0000001", "1e00022", "9007199254740993.0", "123456789012345678e-5"]
        for _ in 0..<5000 {
            let digits = Int.random(in: 1...19, using: &generator)
            var text = (Bool.random(using: &generator) ? "-" : "") + String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<digits { text += String(Int.random(in: 0...9, using: &generator)) }
            let point = Int.random(in: 0...digits, using: &generator)
            if point < digits { text.insert(".", at: text.index(text.endIndex, offsetBy: -(digits - point))) }
            if text.hasSuffix(".") { text += "0" }
            if let dot = text.firstIndex(of: "."), dot == text.startIndex || text[text.index(before: dot)] == "-" {
                text.insert("0", at: dot)
            }
            if Int.random(in: 0..<4, using: &generator) == 0 { text += "e" + String(Int.random(in: -30...30, using: &generator)) }
            texts.append(text)
        }
        for text in texts {
            let parsed = try JSONValue.parse(text)
            let isInteger = !text.contains(".") && !text.lowercased().contains("e")
            if isInteger, let n = Int64(text) {
                #expect(parsed == .int(n), "\(text)")
            } else {
                let want = try #require(Double(text))
                guard case .double(let got) = parsed else { Issue.record("\(text) gave \(parsed)"); continue }
                #expect(got.bitPattern == want.bitPattern, "\(text): \(got) != \(want)")
            }
        }
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
