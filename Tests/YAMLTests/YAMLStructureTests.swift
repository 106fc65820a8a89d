import JSON
import Testing
import YAML

@Suite struct YAMLStructureTests {
    @Test func blockAndFlowCollections() throws {
        let value = try YAML.parse("""
            list:
            - 1
            - two
            -
            - [a, {b: c}]
            map: {x: 1, "y": [true, null]}
            nested:
              deeper:
                deepest: value
            """)
        #expect(value == [
            "list": [1, "two", nil, ["a", ["b": "c"]]],
            "map": ["x": 1, "y": [true, nil]],
            "nested": ["deeper": ["deepest": "value"]],
        ])
        #expect(value.objectValue?.keys == ["list", "map", "nested"])
    }

    @Test func keyOrderIsKept() throws {
        let value = try YAML.parse("z: 1\na: 2\nm: 3\n")
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func anchorsAndAliasesAreResolved() throws {
        let value = try YAML.parse("""
            base: &b {x: 1, z: [1, 2]}
            copy: *b
            list: [&s scalar, *s, *s]
            re: &b 2
            after: *b
            """)
        #expect(value["copy"] == ["x": 1, "z": [1, 2]])
        #expect(value["list"] == ["scalar", "scalar", "scalar"])
        #expect(value["after"] == 2)
    }

    @Test func unknownAndSelfReferencingAliasesAreErrors() {
        let unknown = yamlError("a: 1\nb: *missing\n")
        #expect(unknown?.message == "unknown anchor \"missing\"")
        #expect(unknown?.line == 2)
        #expect(unknown?.column == 4)
        #expect(yamlError("a: &x [1, *x]")?.message == "unknown anchor \"x\"")
        #expect(yamlError("a: &x 1\n---\nb: *x\n")?.message == "unknown anchor \"x\"")
    }

    @Test func mergeKeyWithOneMapping() throws {
        let value = try YAML.parse("""
            defaults: &d {image: nginx, replicas: 1, port: 80}
            web:
              <<: *d
              replicas: 3
            """)
        #expect(value["web"] == ["image": "nginx", "replicas": 3, "port": 80])
    }

    @Test func mergeKeyWithSeveralMappingsEarlierWinsAndExplicitWinsAlways() throws {
        let value = try YAML.parse("""
            a: &a {x: a, w: a}
            b: &b {x: b, w: b, z: b}
            c:
              w: explicit
              <<: [*a, *b]
            d:
              <<: {k: inline}
              <<: *a
            """)
        #expect(value["c"] == ["x": "a", "w": "explicit", "z": "b"])
        #expect(value["c"]?.objectValue?.keys == ["w", "x", "z"])
        #expect(value["d"] == ["k": "inline", "x": "a", "w": "a"])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        #expect(try YAML.parse("\"<<\": 1") == ["<<": 1])
    }

    @Test func mergeOfANonMappingIsAnError() {
        let error = yamlError("a:\n  <<: [1, 2]\n")
        #expect(error?.message.contains("merge key") == true)
        #expect(error?.line == 2)
        #expect(yamlError("a:\n  <<: text\n")?.message.contains("merge key") == true)
    }

    @Test func duplicateKeysAreErrorsNamingKeyAndLine() {
        let error = yamlError("a: 1\nb: 2\na: 3\n")
        #expect(error?.message == "duplicate key \"a\" in mapping (first defined at line 1, column 1)")
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(yamlError("1: a\n\"1\": b\n")?.message.contains("duplicate key \"1\"") == true)
        #expect(yamlError("x: {a: 1, a: 2}")?.line == 1)
        #expect(yamlError("true: 1\nyes: 2\n")?.message.contains("duplicate key \"true\"") == true)
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        #expect(try YAML.parse("a: {k: 1}\nb: {k: 2}\n") == ["a": ["k": 1], "b": ["k": 2]])
    }

    @Test func multiDocumentStreams() throws {
        let docs = try YAML.parseDocuments("""
            a: 1
            ---
            b: 2
            ...
            ---
            - x
            --- scalar
            ---
            """)
        #expect(docs == [["a": 1], ["b": 2], ["x"], "scalar", nil])
        #expect(try YAML.parseDocuments("") == [])
        #expect(try YAML.parseDocuments("# only a comment\n") == [])
        #expect(try YAML.parseDocuments(Array("---\na: 1\n".utf8)) == [["a": 1]])
    }

    @Test func parseWantsExactlyOneDocument() throws {
        #expect(try YAML.parse("") == .null)
        #expect(try YAML.parse("# nothing\n") == .null)
        #expect(try YAML.parse("---\nk: v\n...\n") == ["k": "v"])
        let error = #expect(throws: YAMLError.self) { try YAML.parse("a: 1\n---\nb: 2\n") }
        #expect(error?.line == 2)
        #expect(error?.message.contains("single YAML document") == true)
    }

    @Test func documentsWithPositions() throws {
        let docs = try YAML.parseDocumentsWithPositions("a: 1\n---\nb:\n  - x\n")
        #expect(docs.count == 2)
        #expect(docs[1].positions[[.key("b"), .index(0)]] == YAMLMark(line: 4, column: 5))
        #expect(docs[1].position(of: [.key("b"), .index(0), .key("missing")]) == YAMLMark(line: 4, column: 5))
    }

    @Test func positionsOfNodes() throws {
        let doc = try YAML.parseWithPositions("""
            metadata:
              name: web
            items:
            - a
            - {b: 1}
            alias: &x [1]
            copy: *x
            """)
        #expect(doc.positions[[]] == YAMLMark(line: 1, column: 1))
        #expect(doc.positions[[.key("metadata"), .key("name")]] == YAMLMark(line: 2, column: 9))
        #expect(doc.positions[[.key("items"), .index(1), .key("b")]] == YAMLMark(line: 5, column: 7))
        #expect(doc.positions[[.key("copy")]] == YAMLMark(line: 7, column: 7))
        #expect(doc.position(of: [.key("copy"), .index(0)]) == YAMLMark(line: 7, column: 7))
        #expect(try YAML.parseWithPositions("").position(of: []) == nil)
    }

    @Test func pathDescriptions() {
        #expect(YAMLPath([.key("clusters"), .index(0), .key("cluster"), .key("server")]).description
            == "clusters[0].cluster.server")
        #expect(YAMLPath([.key("metadata"), .key("labels"), .key("app.kubernetes.io/name")]).description
            == "metadata.labels[\"app.kubernetes.io/name\"]")
        #expect(YAMLPath().description == "(root)")
        #expect(YAMLPath([.index(2)]).description == "[2]")
    }
}
