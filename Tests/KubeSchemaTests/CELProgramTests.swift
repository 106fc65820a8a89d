import JSON
import KubeSchema
import Testing

@Suite struct CELProgramTests {
    static let object: JSONValue = [
        "spec": [
            "replicas": 3, "minReplicas": 1, "ratio": 0.5, "name": "llama-3", "tags": ["a", "b"],
            "labels": ["app": "web", "tier": "front"], "x-y": "dash", "empty": [:], "nothing": nil,
            "items": [["name": "a", "weight": 10], ["name": "b", "weight": 90]],
        ],
    ]

    static let cases: [(String, JSONValue)] = [
        ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 / 2", 3), ("-7 / 2", -3), ("7 % 3", 1), ("-7 % 3", -1),
        ("1.5 + 2.0", 3.5), ("1.0 / 4.0", 0.25), ("-(3)", -3), ("-9223372036854775808", .int(Int64.min)), ("0x10", 16),
        ("'a' + \"b\"", "ab"), ("[1] + [2]", [1, 2]), ("r'\\d' == '\\\\d'", true), ("'\\u00e9' == 'é'", true), ("'''x'''", "x"),
        ("true && false", false), ("true || false", true), ("!true", false), ("!!true", true),
        ("1 < 2", true), ("2 <= 2", true), ("3 > 4", false), ("1 < 1.5", true), ("2.0 >= 2", true), ("'a' < 'b'", true),
        ("false < true", true), ("1 == 1.0", true), ("1 == 'a'", false), ("[1, 2] == [1, 2]", true), ("{'a': 1} == {'a': 1}", true),
        ("null == null", true), ("1 != 2", true),
        ("true ? 1 : 2", 1), ("false ? 1 : 2 > 1 ? 3 : 4", 3),
        ("self.spec.replicas", 3), ("self.spec.minReplicas <= self.spec.replicas", true), ("self.spec.ratio * 2.0", 1.0),
        ("self.spec.tags[1]", "b"), ("self.spec.labels['app']", "web"), ("self['spec']['name']", "llama-3"),
        ("self.spec.x__dash__y", "dash"), ("self.spec.items[1].weight", 90),
        ("has(self.spec.labels)", true), ("has(self.spec.missing)", false), ("has(self.spec.labels.app)", true),
        ("size(self.spec.tags)", 2), ("self.spec.tags.size()", 2), ("size(self.spec.labels)", 2), ("size('héllo')", 5), ("self.spec.empty.size() == 0", true),
        ("'b' in self.spec.tags", true), ("'z' in self.spec.tags", false), ("'app' in self.spec.labels", true), ("2 in [1, 2]", true),
        ("self.spec.name.startsWith('llama')", true), ("self.spec.name.endsWith('-3')", true), ("self.spec.name.contains('ma-')", true),
        ("self.spec.name.matches('^[a-z]+-[0-9]$')", true), ("matches('abc', 'b')", true), ("'abc'.matches('^b')", false),
        ("self.spec.items.all(i, i.weight >= 10)", true), ("self.spec.items.exists(i, i.name == 'b')", true),
        ("self.spec.items.exists_one(i, i.weight > 5)", false), ("self.spec.labels.all(k, k.size() > 2)", true),
        ("[].all(x, x > 0)", true), ("[].exists(x, x > 0)", false),
        ("self.spec.items.map_ok == 1 || true", true),
        ("false && (1 / 0 == 1)", false), ("(1 / 0 == 1) && false", false), ("true || self.spec.missing", true),
        ("self.spec.missing || true", true), ("[1, 0].exists(x, 1 / x == 1)", true), ("[0, 1].all(x, x != 1 && 1 / x == 1)", false),
        ("self.spec.nothing == null", true),
        ("{'a': 1, 'b': [true]}['b'][0]", true),
        ("self.spec.replicas == 3 // trailing comment", true),
    ]

    @Test(arguments: cases)
    func evaluates(rule: String, expected: JSONValue) throws {
        let program = try CELProgram.compile(rule)
        #expect(try program.evaluate(self: Self.object, oldSelf: nil) == expected)
    }

    static let failures: [(String, String)] = [
        ("1 / 0", "division by zero"), ("1 % 0", "modulus by zero"),
        ("9223372036854775807 + 1", "integer overflow"), ("-9223372036854775808 - 1", "integer overflow"),
        ("9223372036854775807 * 2", "integer overflow"), ("-9223372036854775808 / -1", "integer overflow"),
        ("-(-9223372036854775808)", "integer overflow"),
        ("self.spec.missing", "no such key: missing"), ("self.spec.labels['nope']", "no such key: nope"),
        ("self.spec.tags[5]", "index '5' out of range in list size '2'"),
        ("1 + 1.0", "no such overload"), ("'a' < 1", "no such overload"), ("!1", "no such overload"), ("1 && true", "no such overload"),
        ("size(1)", "no such overload"), ("1 ? 2 : 3", "no such overload"), ("1.5 % 1.0", "no such overload"),
        ("true && (1 / 0 == 1)", "division by zero"), ("[0, 1].all(x, 1 / x == 1)", "division by zero"),
        ("{'a': 1, 'a': 2}", "Failed with repeated key"),
        ("oldSelf == self", "no such attribute: oldSelf"),
    ]

    @Test(arguments: failures)
    func evaluationErrors(rule: String, message: String) throws {
        let program = try CELProgram.compile(rule)
        #expect(throws: CELError.evaluation(message)) { try program.evaluate(self: Self.object, oldSelf: nil) }
    }

    static let unsupported: [(String, String)] = [
        ("quantity(self.spec.cpu).isGreaterThan(quantity('1'))", "quantity()"),
        ("url(self.spec.url).getHost() == 'x'", "url()"),
        ("self.spec.tags.filter(t, t == 'a').size() == 1", "filter()"),
        ("self.spec.tags.map(t, t + 'x')[0] == 'ax'", "map()"),
        ("self.spec.name.lowerAscii() == 'x'", "lowerAscii()"),
        ("int(self.spec.ratio) == 0", "int()"),
        ("self.?spec.hasValue()", "optional syntax"),
        ("self.spec.tags[?0]", "optional syntax"),
        ("optional.of(1).hasValue()", "optional syntax"),
        ("1u == 1u", "uint literals"),
        ("b'abc' == b'abc'", "bytes literals"),
        ("Foo{a: 1}", "message construction"),
        ("type(self) == map", "type()"),
        ("self.spec.name.split('-')[0] == 'llama'", "split()"),
    ]

    @Test(arguments: unsupported)
    func unsupportedFeaturesAreRejectedAtCompileTime(rule: String, feature: String) {
        #expect(throws: CELError.unsupported(feature)) { try CELProgram.compile(rule) }
    }

    @Test(arguments: ["self.", "1 +", "(1", "'unterminated", "self.spec[", "a ? b", "1 2", "in", "9223372036854775808", "'\\q'"])
    func syntaxErrors(rule: String) {
        #expect {
            try CELProgram.compile(rule)
        } throws: { error in
            if case .syntax = error as? CELError { return true }
            return false
        }
    }

    @Test func checkErrors() {
        #expect(throws: CELError.compile("undeclared reference to 'spec'")) { try CELProgram.compile("spec.replicas > 1") }
        #expect(throws: CELError.compile("found no matching overload for 'size' with 2 argument(s)")) { try CELProgram.compile("size(self, self)") }
        #expect(throws: CELError.compile("invalid argument to has() macro")) { try CELProgram.compile("has(self)") }
        #expect {
            try CELProgram.compile("self.name.matches('(?=x)')")
        } throws: { error in
            if case .compile(let m) = error as? CELError { return m.hasPrefix("invalid regular expression in matches()") }
            return false
        }
        #expect((try? CELProgram.compile("self.items.all(x, x.y > 0)")) != nil)
    }

    @Test func transitionRulesAndOptionalOldSelf() throws {
        let rule = try CELProgram.compile("self.replicas >= oldSelf.replicas")
        #expect(rule.referencesOldSelf)
        #expect(try rule.evaluate(self: ["replicas": 3], oldSelf: ["replicas": 2]) == true)
        #expect(try rule.evaluate(self: ["replicas": 1], oldSelf: ["replicas": 2]) == false)
        #expect(try CELProgram.compile("self.a == 1").referencesOldSelf == false)
        #expect(try CELProgram.compile("[1].all(oldSelf, oldSelf > 0)").referencesOldSelf == false)

        let optional = try CELProgram.compile("!oldSelf.hasValue() || self >= oldSelf.value()")
        #expect(try optional.evaluate(self: 1, oldSelf: nil, optionalOldSelf: true) == true)
        #expect(try optional.evaluate(self: 1, oldSelf: 2, optionalOldSelf: true) == false)
        #expect(try CELProgram.compile("oldSelf.orValue(5)").evaluate(self: 1, oldSelf: nil, optionalOldSelf: true) == 5)
        #expect(throws: CELError.evaluation("no such overload")) {
            try CELProgram.compile("oldSelf == 1").evaluate(self: 1, oldSelf: 1, optionalOldSelf: true)
        }
        #expect(throws: CELError.evaluation("no such overload")) {
            try CELProgram.compile("oldSelf.hasValue()").evaluate(self: 1, oldSelf: 1)
        }
    }
}
