import JSON
import Testing
import YAML

@Suite struct YAMLScalarTests {
    private func scalar(_ text: String) throws -> JSONValue {
        let value = try YAML.parse("v: \(text)\n")
        return try #require(value["v"])
    }

    @Test(arguments: [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    ])
    func plainTrueWords(_ word: String) throws {
        #expect(try scalar(word) == .bool(true))
    }

    @Test(arguments: [
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    ])
    func plainFalseWords(_ word: String) throws {
        #expect(try scalar(word) == .bool(false))
    }

    @Test(arguments: ["~", "null", "Null", "NULL", ""])
    func plainNulls(_ word: String) throws {
        #expect(try scalar(word) == .null)
    }

    @Test func boolAndNullLookalikesStayStrings() throws {
        for word in ["yES", "tRUE", "nULL", "none", "nil", "Nope", "yess", "ok"] {
            #expect(try scalar(word) == .string(word), "\(word)")
        }
    }

    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("42", 42), ("+42", 42), ("-42", -42), ("1_000_000", 1_000_000),
        ("0x1F", 31), ("0X1f", 31), ("-0x10", -16), ("0o17", 15), ("017", 15), ("-017", -15),
        ("0b101", 5), ("-0b101", -5), ("0b_1010", 10), ("9223372036854775807", .max),
        ("-9223372036854775808", .min), ("0x7FFFFFFFFFFFFFFF", .max),
    ])
    func integers(_ text: String, _ expected: Int64) throws {
        let value = try scalar(text)
        guard case .int(let i) = value else {
            Issue.record("\(text) parsed as \(value), not an integer")
            return
        }
        #expect(i == expected)
    }

    @Test(arguments: [
        ("9223372036854775808", 9_223_372_036_854_775_808.0), ("-9223372036854775809", -9_223_372_036_854_775_808.0),
        ("18446744073709551616", 18_446_744_073_709_551_616.0), ("0x1FFFFFFFFFFFFFFFF", 36_893_488_147_419_103_232.0),
        ("99999999999999999999", 1e20),
        ("-0b1111111111111111111111111111111111111111111111111111111111111111", -18_446_744_073_709_551_615.0),
    ])
    func integersBeyondInt64BecomeDoubles(_ text: String, _ expected: Double) throws {
        guard case .double(let d) = try scalar(text) else {
            Issue.record("\(text) should be a double")
            return
        }
        #expect(d == expected)
    }

    @Test(arguments: [
        ("1e3", 1000.0), ("1E3", 1000), (".5", 0.5), ("-.5", -0.5), ("+.5", 0.5), ("1.", 1), ("-1.5", -1.5),
        ("6.02e23", 6.02e23), ("1.5e-3", 0.0015), ("1_000.5", 1000.5), ("08", 8), ("0.0", 0), ("3.0", 3),
    ])
    func floats(_ text: String, _ expected: Double) throws {
        let value = try scalar(text)
        guard case .double(let d) = value else {
            Issue.record("\(text) parsed as \(value), not a double")
            return
        }
        #expect(d == expected)
    }

    @Test func numberLookalikesStayStrings() throws {
        for text in ["1.2.3", "0x", "0xZZ", "+", ".", "1e", "12abc", "1:20", "2001-12-14", "1e400",
            "0b102", "--1", "1-2", "0x1p3", "_1", "1 000"]
        {
            #expect(try scalar(text) == .string(text), "\(text)")
        }
    }

    @Test(arguments: [".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.INF", ".nan", ".NaN", ".NAN"])
    func infinityAndNaNAreErrorsNamingTheLine(_ text: String) throws {
        let error = #expect(throws: YAMLError.self) { try YAML.parse("a: 1\nb: \(text)\n") }
        #expect(error?.line == 2)
        #expect(error?.column == 4)
        #expect(error?.message.contains(text) == true)
        #expect(error?.description.hasPrefix("line 2, column 4: ") == true)
    }

    @Test func quotedAndBlockScalarsAreAlwaysStrings() throws {
        #expect(try scalar("\"123\"") == "123")
        #expect(try scalar("'true'") == "true")
        #expect(try scalar("\"\"") == "")
        #expect(try scalar("'~'") == "~")
        #expect(try scalar("\"0x1F\"") == "0x1F")
        #expect(try YAML.parse("v: |\n  123\n")["v"] == "123\n")
        #expect(try YAML.parse("v: |-\n  yes\n")["v"] == "yes")
        #expect(try YAML.parse("v: >\n  folded\n  text\n\n  para\n")["v"] == "folded text\npara\n")
        #expect(try YAML.parse("v: \"a\\tb\\u00e9\\n\"")["v"] == "a\tbé\n")
        #expect(try YAML.parse("v: 'it''s'")["v"] == "it's")
    }

    @Test func explicitTagsAreHonoured() throws {
        #expect(try scalar("!!str 123") == .string("123"))
        #expect(try scalar("!!str yes") == .string("yes"))
        #expect(try scalar("!!str") == .string(""))
        #expect(try scalar("! 12") == .string("12"))
        #expect(try scalar("!!int \"12\"") == .int(12))
        #expect(try scalar("!!int 0x10") == .int(16))
        guard case .double(1.0) = try scalar("!!float 1") else {
            Issue.record("!!float 1 should be the double 1.0")
            return
        }
        #expect(try scalar("!!float '2.5'") == .double(2.5))
        #expect(try scalar("!!bool 'yes'") == .bool(true))
        #expect(try scalar("!!bool off") == .bool(false))
        #expect(try scalar("!!null ''") == .null)
        #expect(try scalar("!!null ~") == .null)
        #expect(try scalar("!!binary aGVsbG8=") == .string("aGVsbG8="))
        #expect(try YAML.parse("v: !!binary |\n  aGVs\n  bG8=\n")["v"] == .string("aGVsbG8="))
        #expect(try scalar("!!timestamp 2001-12-14") == .string("2001-12-14"))
        #expect(try YAML.parse("!!map {a: 1}") == ["a": 1])
        #expect(try YAML.parse("!!seq [1, 2]") == [1, 2])
    }

    @Test(arguments: [
        ("v: !foo x", "unknown tag !foo"), ("v: !!set {a}", "unknown tag !!set"), ("v: !k8s [1]", "unknown tag !k8s"),
        ("v: !!int abc", "cannot read \"abc\" as !!int"), ("v: !!int 1.5", "cannot read \"1.5\" as !!int"),
        ("v: !!float abc", "cannot read \"abc\" as !!float"), ("v: !!bool 1", "cannot read \"1\" as !!bool"),
        ("v: !!null x", "cannot read \"x\" as !!null"), ("v: !!binary 'not base64!'", "not valid base64"),
        ("v: !!map x", "!!map cannot be applied to a scalar"), ("v: !!seq {a: 1}", "!!seq cannot be applied to a mapping"),
        ("v: !!map [1]", "!!map cannot be applied to a sequence"), ("v: !!float .inf", "cannot be represented"),
        ("v: !<tag:example.com,2024:x> 1", "unknown tag tag:example.com,2024:x"),
    ])
    func badTagsAreErrors(_ text: String, _ expectedMessage: String) {
        let error = yamlError(text)
        #expect(error?.message.contains(expectedMessage) == true, "\(String(describing: error))")
        #expect(error?.line == 1)
        #expect(error?.column == 4)
    }

    @Test func yAndNAsKeysAreBooleansLikeInKubernetes() throws {
        #expect(try YAML.parse("y: 1\nn: 2\nx: 3\n") == ["true": 1, "false": 2, "x": 3])
        #expect(YAML.emit(["y": 1]) == "\"y\": 1\n")
    }

    @Test func nonStringKeysBecomeStrings() throws {
        let value = try YAML.parse("1: a\ntrue: b\n~: c\n1.5: d\n0x10: e\nno: f\n2.0: g\n\"x\": h\n")
        #expect(value.objectValue?.keys == ["1", "true", "null", "1.5", "16", "false", "2", "x"])
        #expect(value["null"] == "c")
        #expect(value["false"] == "f")
    }

    @Test func complexKeysAreErrors() {
        let error = yamlError("a: 1\n? [x, y]\n: z\n")
        #expect(error?.message.contains("complex mapping keys") == true)
        #expect(error?.line == 2)
        #expect(yamlError("{a: 1}: x")?.message.contains("complex mapping keys") == true)
        #expect(yamlError("base: &k [1]\n*k : v\n")?.message.contains("complex mapping keys") == true)
    }
}
