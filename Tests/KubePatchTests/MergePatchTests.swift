import JSON
import KubePatch
import Testing

@Suite("JSON merge patch (RFC 7386)")
struct MergePatchTests {
    /// RFC 7386 Appendix A, every row: (original, patch, result).
    static let appendixA: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test("Appendix A", arguments: appendixA)
    func appendix(original: String, patch: String, expected: String) throws {
        let result = MergePatch.apply(try JSONValue.parse(patch), to: try JSONValue.parse(original))
        #expect(result == (try JSONValue.parse(expected)))
    }

    @Test("Section 3 example: nested change, removal, list replaced")
    func section3Example() throws {
        let original = try JSONValue.parse(#"""
            {"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}
            """#)
        let patch = try JSONValue.parse(#"""
            {"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}
            """#)
        let expected = try JSONValue.parse(#"""
            {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}
            """#)
        #expect(MergePatch.apply(patch, to: original) == expected)
    }

    @Test("existing keys keep their position, new keys are appended in patch order")
    func keyOrder() throws {
        let result = MergePatch.apply(try JSONValue.parse(#"{"z":1,"b":2,"a":3}"#), to: try JSONValue.parse(#"{"a":0,"m":0}"#))
        #expect(result.objectValue?.keys == ["a", "m", "z", "b"])
    }

    @Test("fixture 03: merge patch deletes k1, adds k2, merges a label")
    func configMapFixture() throws {
        let fixture = try Fixture("03-configmap-crud-list.json")
        #expect(fixture.contentType(8) == "application/merge-patch+json")
        // The object before the patch: the last response that carried cm-a with k1.
        let before = try #require((0..<8).reversed().map(fixture.responseBody).first {
            $0[path: ["metadata", "name"]] == "cm-a" && $0[path: ["data", "k1"]] != nil
        })
        let result = MergePatch.apply(fixture.requestBody(8), to: before)
        #expect(result["data"] == fixture.responseBody(8)["data"])
        #expect(result[path: ["metadata", "labels"]] == fixture.responseBody(8)[path: ["metadata", "labels"]])
    }

    @Test("diff produces the minimal patch")
    func diffShape() throws {
        let a = try JSONValue.parse(#"{"keep":1,"drop":2,"change":{"x":1,"y":2},"list":[1,2],"scalarToObject":3}"#)
        let b = try JSONValue.parse(#"{"keep":1,"change":{"x":1,"y":3,"z":4},"list":[2],"scalarToObject":{"n":1},"new":"v"}"#)
        let expected = try JSONValue.parse(#"{"drop":null,"change":{"y":3,"z":4},"list":[2],"scalarToObject":{"n":1},"new":"v"}"#)
        #expect(MergePatch.diff(from: a, to: b) == expected)
        #expect(MergePatch.diff(from: a, to: a) == [:])
        #expect(MergePatch.diff(from: a, to: [1, 2]) == [1, 2])
    }

    @Test("property: apply(diff(a, b), a) == b for random documents without nulls")
    func diffRoundTrip() {
        var generator = RandomJSON(seed: 0x5EED_7386)
        for _ in 0..<400 {
            let a = generator.document(depth: 4, allowNull: false)
            let b = generator.mutation(of: a, depth: 4)
            let patch = MergePatch.diff(from: a, to: b)
            #expect(MergePatch.apply(patch, to: a) == b, "a=\(a.jsonString()) b=\(b.jsonString()) patch=\(patch.jsonString())")
        }
    }

    @Test("body validation reproduces kube-apiserver's decode errors")
    func bodyValidation() throws {
        try MergePatch.validateBody(["a": 1])
        #expect(throws: PatchError(kind: .malformed, message: "Invalid JSON Patch")) { try MergePatch.validateBody(.null) }
        let error = try #require(throws: PatchError.self) { try MergePatch.validateBody([1]) }
        #expect(error.httpStatus == 400)
        #expect(error.wireMessage == "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}")
        let scalar = try #require(throws: PatchError.self) { try MergePatch.validateBody(true) }
        #expect(scalar.message.contains("cannot unmarshal bool into"))
    }
}
