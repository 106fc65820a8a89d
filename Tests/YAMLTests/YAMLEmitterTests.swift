import JSON
import Testing
import YAML
import SeededRandom

@Suite struct YAMLEmitterTests {
    @Test func goldenDeployment() {
        let deployment: JSONValue = [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": ["name": "web", "labels": ["app": "web"]],
            "spec": [
                "replicas": 2,
                "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]],
                    "spec": [
                        "containers": [[
                            "name": "web",
                            "image": "nginx:1.27",
                            "args": ["--port=8080", "yes", "*"],
                            "ports": [["containerPort": 8080, "protocol": "TCP"]],
                            "env": [["name": "GREETING", "value": "hello\nworld\n"], ["name": "ONE", "value": "1"]],
                            "resources": [:],
                        ]],
                        "tolerations": [],
                        "terminationGracePeriodSeconds": 30.5,
                    ],
                ],
            ],
            "status": [:],
        ]
        let expected = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    args:
                    - --port=8080
                    - "yes"
                    - '*'
                    ports:
                    - containerPort: 8080
                      protocol: TCP
                    env:
                    - name: GREETING
                      value: |
                        hello
                        world
                    - name: ONE
                      value: "1"
                    resources: {}
                  tolerations: []
                  terminationGracePeriodSeconds: 30.5
            status: {}

            """
        #expect(YAML.emit(deployment) == expected)
    }

    @Test(arguments: [
        ("yes", "\"yes\""), ("on", "\"on\""), ("N", "\"N\""), ("1", "\"1\""), ("1.0", "\"1.0\""),
        ("0x1F", "\"0x1F\""), ("null", "\"null\""), ("~", "\"~\""), ("", "\"\""), (".inf", "\".inf\""),
        ("<<", "\"<<\""), ("2001-12-14", "\"2001-12-14\""), ("1:20", "\"1:20\""),
        (" lead", "' lead'"), ("trail ", "'trail '"), ("a: b", "'a: b'"), ("a #b", "'a #b'"), ("*", "'*'"),
        ("- a", "'- a'"), ("-", "'-'"), ("'x", "'''x'"), ("{a}", "'{a}'"), ("key:", "'key:'"), ("---", "'---'"),
        ("% x", "'% x'"), ("@x", "'@x'"), ("!x", "'!x'"), ("&x", "'&x'"), ("?x", "'?x'"), ("|", "'|'"),
        ("x\ty", "\"x\\ty\""), ("a\u{0}b", "\"a\\0b\""), ("\u{85}", "\"\\N\""), ("\u{2028}", "\"\\L\""),
        ("\u{FEFF}", "\"\\uFEFF\""), ("\u{7F}", "\"\\x7F\""), ("\r", "\"\\r\""), ("say \"hi\"", "say \"hi\""),
        ("-a", "-a"), ("a:b", "a:b"), ("a#b", "a#b"), ("it's", "it's"), ("café", "café"), ("😀", "😀"),
        ("500m", "500m"), ("https://x.io:443/a?b#c", "https://x.io:443/a?b#c"), ("1e400", "1e400"),
    ])
    func scalarQuoting(_ string: String, _ expected: String) throws {
        let text = YAML.emit(["k": .string(string)])
        #expect(text == "k: \(expected)\n")
        #expect(try YAML.parse(text) == ["k": .string(string)])
        let asKey = YAML.emit([string: 1])
        #expect(asKey == "\(expected): 1\n")
        #expect(try YAML.parse(asKey) == [string: 1])
    }

    @Test func multiLineStringsUseLiteralBlocksWithTheRightIndicators() throws {
        #expect(YAML.emit(["k": "a\nb"]) == "k: |-\n  a\n  b\n")
        #expect(YAML.emit(["k": "a\nb\n"]) == "k: |\n  a\n  b\n")
        #expect(YAML.emit(["k": "a\n\n"]) == "k: |+\n  a\n\n")
        #expect(YAML.emit(["k": "  x\ny"]) == "k: |2-\n    x\n  y\n")
        #expect(YAML.emit(["k": "a\n\nb"]) == "k: |-\n  a\n\n  b\n")
        #expect(YAML.emit(["k": "a\r\nb"]) == "k: \"a\\r\\nb\"\n")
        #expect(YAML.emit([["k": "a\nb"]]) == "- k: |-\n    a\n    b\n")
        #expect(YAML.emit(["a\nb": 1]) == "\"a\\nb\": 1\n")
        #expect(YAML.emit("x\ny\n") == "|\n  x\n  y\n")
    }

    @Test func layoutOfCollections() {
        #expect(YAML.emit(.null) == "null\n")
        #expect(YAML.emit(5) == "5\n")
        #expect(YAML.emit(-2.5) == "-2.5\n")
        #expect(YAML.emit(.double(3)) == "3\n")
        #expect(YAML.emit(true) == "true\n")
        #expect(YAML.emit("yes") == "\"yes\"\n")
        #expect(YAML.emit([:]) == "{}\n")
        #expect(YAML.emit([]) == "[]\n")
        #expect(YAML.emit([[1, 2], [3], [], [:]]) == "- - 1\n  - 2\n- - 3\n- []\n- {}\n")
        #expect(YAML.emit([["a": 1, "b": ["c": [1]]]]) == "- a: 1\n  b:\n    c:\n    - 1\n")
        #expect(YAML.emit(["a": [["b": [["c": 1]]]]]) == "a:\n- b:\n  - c: 1\n")
        #expect(YAML.emit(documents: [["a": 1], "x", []]) == "a: 1\n---\nx\n---\n[]\n")
        #expect(YAML.emit(documents: []) == "")
    }

    @Test func longKeysUseExplicitEntries() throws {
        let long = String(repeating: "k", count: 1_500)
        let value: JSONValue = [long: ["a": 1], "short": [long: [1, 2]], "s": [long: "x"]]
        let text = YAML.emit(value)
        #expect(text.hasPrefix("? \(long)\n:\n  a: 1\n"))
        #expect(try YAML.parse(text) == value)
    }

    @Test func everyTrickyStringRoundTripsAsKeyAndValue() throws {
        var object = JSONObject()
        for s in trickyStrings { object[s] = .string(s) }
        let value = JSONValue.array([.object(object), .array(trickyStrings.map { .string($0) })])
        let text = YAML.emit(value)
        #expect(try YAML.parse(text) == value, "\(text)")
        for s in trickyStrings {
            let single = JSONValue.string(s)
            #expect(try YAML.parse(YAML.emit(single)) == single, "\(s.debugDescription)")
        }
    }

    @Test func numbersRoundTripExactly() throws {
        let values: [JSONValue] = [
            .int(.max), .int(.min), .int(0), .double(0.1), .double(-0.0), .double(1e21), .double(1e-7),
            .double(.greatestFiniteMagnitude), .double(.leastNonzeroMagnitude), .double(123_456_789.125),
            .double(9_223_372_036_854_775_808), .double(-1e300),
        ]
        for value in values {
            let back = try YAML.parse(YAML.emit(value))
            #expect(back == value, "\(value) came back as \(back)")
        }
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = RandomJSON(seed: 20_240_601)
        for _ in 0..<600 {
            let value = generator.value()
            let text = YAML.emit(value)
            let back: JSONValue
            do {
                back = try YAML.parse(text)
            } catch {
                Issue.record("\(error) reading back:\n\(text)\nfrom \(value.jsonString())")
                continue
            }
            #expect(back == value, "\(text)")
            if case .object(let original) = value, case .object(let read) = back {
                #expect(read.keys == original.keys)
            }
        }
    }

    @Test func shortStringsOfSyntaxCharactersRoundTripEverywhere() throws {
        var rng = SeededGenerator(seed: 42)
        let alphabet: [String] = [
            " ", "\t", "\n", "\r", "#", ":", "-", "?", "'", "\"", "|", ">", "0", "1", ".", "e", "a", "y", "\u{85}",
            "\u{2028}", "\u{FEFF}", "~", "[", "{", ",", "&", "*", "!", "%", "@", "`", "<", "\\", "\u{0}", "é",
        ]
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) { s += alphabet.randomElement(using: &rng)! }
            for value: JSONValue in [.string(s), [s: [.string(s), [s: .string(s)]]], [[.string(s)]]] {
                let text = YAML.emit(value)
                #expect(try YAML.parse(text) == value, "\(s.debugDescription) as\n\(text)")
            }
        }
    }

    @Test func randomMultiDocumentStreamsRoundTrip() throws {
        var generator = RandomJSON(seed: 7)
        for _ in 0..<50 {
            let documents = (0..<Int.random(in: 1...4, using: &generator.rng)).map { _ in generator.value() }
            #expect(try YAML.parseDocuments(YAML.emit(documents: documents)) == documents)
        }
    }
}
