import JSON
import KubePatch
import Testing

@Suite("JSON patch (RFC 6902)")
struct JSONPatchTests {
    struct Example: Sendable, CustomStringConvertible {
        let name: String
        let document: String
        let patch: String
        /// nil: the patch must fail.
        let result: String?
        var description: String { name }
    }

    /// RFC 6902 Appendix A, all sixteen examples.
    static let appendixA: [Example] = [
        Example(name: "A.1 add an object member", document: #"{"foo":"bar"}"#,
                patch: #"[{"op":"add","path":"/baz","value":"qux"}]"#, result: #"{"baz":"qux","foo":"bar"}"#),
        Example(name: "A.2 add an array element", document: #"{"foo":["bar","baz"]}"#,
                patch: #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, result: #"{"foo":["bar","qux","baz"]}"#),
        Example(name: "A.3 remove an object member", document: #"{"baz":"qux","foo":"bar"}"#,
                patch: #"[{"op":"remove","path":"/baz"}]"#, result: #"{"foo":"bar"}"#),
        Example(name: "A.4 remove an array element", document: #"{"foo":["bar","qux","baz"]}"#,
                patch: #"[{"op":"remove","path":"/foo/1"}]"#, result: #"{"foo":["bar","baz"]}"#),
        Example(name: "A.5 replace a value", document: #"{"baz":"qux","foo":"bar"}"#,
                patch: #"[{"op":"replace","path":"/baz","value":"boo"}]"#, result: #"{"baz":"boo","foo":"bar"}"#),
        Example(name: "A.6 move a value", document: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
                patch: #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
                result: #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        Example(name: "A.7 move an array element", document: #"{"foo":["all","grass","cows","eat"]}"#,
                patch: #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, result: #"{"foo":["all","cows","eat","grass"]}"#),
        Example(name: "A.8 test a value: success", document: #"{"baz":"qux","foo":["a",2,"c"]}"#,
                patch: #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
                result: #"{"baz":"qux","foo":["a",2,"c"]}"#),
        Example(name: "A.9 test a value: error", document: #"{"baz":"qux"}"#,
                patch: #"[{"op":"test","path":"/baz","value":"bar"}]"#, result: nil),
        Example(name: "A.10 add a nested member object", document: #"{"foo":"bar"}"#,
                patch: #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, result: #"{"foo":"bar","child":{"grandchild":{}}}"#),
        Example(name: "A.11 ignore unrecognized elements", document: #"{"foo":"bar"}"#,
                patch: #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, result: #"{"foo":"bar","baz":"qux"}"#),
        Example(name: "A.12 add to a nonexistent target", document: #"{"foo":"bar"}"#,
                patch: #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, result: nil),
        Example(name: "A.13 invalid JSON patch document (duplicate op)", document: #"{"foo":"bar"}"#,
                patch: #"[{"op":"add","path":"/baz","value":"qux","op":"remove"}]"#, result: nil),
        Example(name: "A.14 ~ escape ordering", document: #"{"/":9,"~1":10}"#,
                patch: #"[{"op":"test","path":"/~01","value":10}]"#, result: #"{"/":9,"~1":10}"#),
        Example(name: "A.15 compare strings and numbers", document: #"{"/":9,"~1":10}"#,
                patch: #"[{"op":"test","path":"/~01","value":"10"}]"#, result: nil),
        Example(name: "A.16 add an array value", document: #"{"foo":["bar"]}"#,
                patch: #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, result: #"{"foo":["bar",["abc","def"]]}"#),
    ]

    @Test("Appendix A", arguments: appendixA)
    func appendix(_ example: Example) throws {
        let document = try JSONValue.parse(example.document)
        let patch = try JSONValue.parse(example.patch)
        if let expected = example.result {
            #expect(try JSONPatch.apply(patch, to: document) == (try JSONValue.parse(expected)))
        } else {
            let error = try #require(throws: PatchError.self) { try JSONPatch.apply(patch, to: document) }
            #expect(error.kind == .invalid)
            #expect(error.operationIndex == 0)
        }
    }

    @Test("RFC 6901 section 5 pointers resolve")
    func pointers() throws {
        let document = try JSONValue.parse(#"""
            {"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8}
            """#)
        let cases: [(String, JSONValue)] = [
            ("", document), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2),
            ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
        ]
        for (text, expected) in cases {
            let pointer = try #require(JSONPointer(text), "\(text)")
            #expect(pointer.resolve(in: document) == expected, "\(text)")
            #expect(pointer.description == text)
        }
        #expect(JSONPointer("foo") == nil)
        #expect(JSONPointer("/a~2") == nil)
        #expect(JSONPointer("/a~") == nil)
        #expect(JSONPointer("/foo/01")?.resolve(in: document) == nil)
        #expect(JSONPointer("/foo/-")?.resolve(in: document) == nil)
    }

    @Test("array index rules: no leading zeros, end only for add, '-' only for add")
    func arrayIndices() throws {
        let document: JSONValue = ["a": [1, 2]]
        #expect(try JSONPatch.apply([["op": "add", "path": "/a/2", "value": 3]], to: document) == ["a": [1, 2, 3]])
        #expect(try JSONPatch.apply([["op": "add", "path": "/a/0", "value": 0]], to: document) == ["a": [0, 1, 2]])
        let failing: [JSONValue] = [
            ["op": "add", "path": "/a/3", "value": 3],
            ["op": "add", "path": "/a/01", "value": 3],
            ["op": "add", "path": "/a/-1", "value": 3],
            ["op": "replace", "path": "/a/2", "value": 3],
            ["op": "replace", "path": "/a/-", "value": 3],
            ["op": "remove", "path": "/a/-"],
            ["op": "test", "path": "/a/00", "value": 1],
        ]
        for operation in failing {
            #expect(throws: PatchError.self, "\(operation.jsonString())") { try JSONPatch.apply([operation], to: document) }
        }
    }

    @Test("root operations, copy, move rules and deep equality in test")
    func moreOperations() throws {
        let document: JSONValue = ["a": ["b": [1, 2]], "n": 1]
        #expect(try JSONPatch.apply([["op": "replace", "path": "", "value": [1]]], to: document) == [1])
        #expect(try JSONPatch.apply([["op": "add", "path": "", "value": "x"]], to: document) == "x")
        #expect(try JSONPatch.apply([["op": "copy", "from": "/a", "path": "/c"]], to: document)
            == ["a": ["b": [1, 2]], "n": 1, "c": ["b": [1, 2]]])
        #expect(try JSONPatch.apply([["op": "move", "from": "/a/b/0", "path": "/a/b/-"]], to: document)
            == ["a": ["b": [2, 1]], "n": 1])
        #expect(try JSONPatch.apply([["op": "move", "from": "/n", "path": "/n"]], to: document) == document)
        #expect(try JSONPatch.apply([["op": "test", "path": "/a", "value": ["b": [1.0, 2]]]], to: document) == document)
        #expect(try JSONPatch.apply([["op": "add", "path": "/a/b/0", "value": .null]], to: document) == ["a": ["b": [nil, 1, 2]], "n": 1])
        let intoChild = try #require(throws: PatchError.self) {
            try JSONPatch.apply([["op": "move", "from": "/a", "path": "/a/b/c"]], to: document)
        }
        #expect(intoChild.message.contains("own children"))
        #expect(throws: PatchError.self) { try JSONPatch.apply([["op": "remove", "path": ""]], to: document) }
        #expect(throws: PatchError.self) { try JSONPatch.apply([["op": "test", "path": "/a/b", "value": [2, 1]]], to: document) }
        #expect(throws: PatchError.self) { try JSONPatch.apply([["op": "copy", "from": "/zz", "path": "/c"]], to: document) }
        #expect(throws: PatchError.self) { try JSONPatch.apply([["op": "add", "path": "/n/x", "value": 1]], to: document) }
    }

    @Test("a failing operation leaves nothing applied and names the operation")
    func atomicity() throws {
        let document: JSONValue = ["data": ["k": "v"]]
        let patch: JSONValue = [
            ["op": "add", "path": "/data/new", "value": "1"],
            ["op": "remove", "path": "/data/x"],
        ]
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(patch, to: document) }
        #expect(error.description.hasPrefix("operation 1 (remove /data/x): path not found"))
        #expect(error.operationIndex == 1 && error.operation == "remove" && error.path == "/data/x")
        #expect(error.httpStatus == 422 && error.reason == "Invalid")
        #expect(error.hidesMessageOnWire)
        #expect(error.wireMessage == PatchError.genericInvalidMessage)
        #expect(document == ["data": ["k": "v"]])
    }

    @Test("malformed operations: missing members, unknown op, bad pointer")
    func malformedOperations() throws {
        let cases: [(JSONValue, String)] = [
            (["path": "/a"], "missing \"op\""),
            (["op": "add", "value": 1], "missing \"path\""),
            (["op": "add", "path": "/a"], "missing \"value\""),
            (["op": "move", "path": "/a"], "missing \"from\""),
            (["op": "bogus", "path": "/a"], "unknown operation \"bogus\""),
            (["op": "add", "path": "a", "value": 1], "is not a JSON pointer"),
            (.null, "missing \"op\""),
        ]
        for (operation, message) in cases {
            let error = try #require(throws: PatchError.self) { try JSONPatch.apply([operation], to: ["a": 1]) }
            #expect(error.kind == .invalid)
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test("body decoding reproduces kube-apiserver's 400 messages")
    func decoding() throws {
        let object = try #require(throws: PatchError.self) { try JSONPatch.apply(["op": "add"], to: [:]) }
        #expect(object.kind == .malformed && object.httpStatus == 400 && object.reason == "BadRequest")
        #expect(object.wireMessage == "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")
        let element = try #require(throws: PatchError.self) { try JSONPatch.apply([1], to: [:]) }
        #expect(element.wireMessage == "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp")
        let field = try #require(throws: PatchError.self) { try JSONPatch.apply([["op": true, "path": "/a"]], to: [:]) }
        #expect(field.wireMessage == "error decoding patch: json: cannot unmarshal bool into Go struct field jsonPatchOp.op of type string")
        #expect(try JSONPatch.apply(.null, to: ["a": 1]) == ["a": 1])
        #expect(try JSONPatch.decode([["op": "test", "path": "/a", "value": nil]])
            == [JSONPatch.Operation(op: "test", path: "/a", value: .null)])
    }

    @Test("fixture 03: JSON patch exchanges reproduce status and result")
    func configMapFixture() throws {
        let fixture = try Fixture("03-configmap-crud-list.json")
        // 9: add + replace + passing test, applied to the object returned by the merge patch (8).
        #expect(fixture.contentType(9) == "application/json-patch+json")
        let applied = try JSONPatch.apply(fixture.requestBody(9), to: fixture.responseBody(8))
        #expect(applied["data"] == fixture.responseBody(9)["data"])
        // 10, 11, 12: failing test, missing path, unknown op: 422 with the generic message.
        for index in [10, 11, 12] {
            let error = try #require(throws: PatchError.self) { try JSONPatch.apply(fixture.requestBody(index), to: fixture.responseBody(9)) }
            let status = fixture.responseBody(index)
            #expect(Int64(error.httpStatus) == status["code"]?.intValue)
            #expect(error.reason == status["reason"]?.stringValue)
            #expect(error.wireMessage == status["message"]?.stringValue)
            #expect(error.hidesMessageOnWire && status["details"] == [:])
        }
        // 13: an object instead of an array: 400 with the decoder's message.
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(fixture.requestBody(13), to: fixture.responseBody(9)) }
        let status = fixture.responseBody(13)
        #expect(Int64(error.httpStatus) == status["code"]?.intValue)
        #expect(error.reason == status["reason"]?.stringValue)
        #expect(error.wireMessage == status["message"]?.stringValue)
        #expect(!error.hidesMessageOnWire)
    }
}
