import JSON
import Testing

@Suite struct JSONValueDecoderTests {
    private let decoder = JSONValueDecoder()

    private func path(_ error: any Error) -> [String] {
        let context: DecodingError.Context? =
            switch error as? DecodingError {
            case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .keyNotFound(_, let c)?, .dataCorrupted(let c)?: c
            default: nil
            }
        return context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } ?? ["<not a DecodingError>"]
    }

    private func message(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .keyNotFound(_, let c)?, .dataCorrupted(let c)?:
            c.debugDescription
        default: "\(error)"
        }
    }

    @Test func primitives() throws {
        #expect(try decoder.decode(Bool.self, from: true) == true)
        #expect(try decoder.decode(String.self, from: "s") == "s")
        #expect(try decoder.decode(Int.self, from: 42) == 42)
        #expect(try decoder.decode(Int64.self, from: .int(.min)) == .min)
        #expect(try decoder.decode(UInt64.self, from: .int(.max)) == UInt64(Int64.max))
        #expect(try decoder.decode(UInt8.self, from: 255) == 255)
        #expect(try decoder.decode(Int8.self, from: -128) == -128)
        #expect(try decoder.decode(Int16.self, from: .double(1000)) == 1000)
        #expect(try decoder.decode(Int32.self, from: -7) == -7)
        #expect(try decoder.decode(UInt.self, from: 7) == 7)
        #expect(try decoder.decode(UInt16.self, from: 65535) == 65535)
        #expect(try decoder.decode(UInt32.self, from: 1) == 1)
        #expect(try decoder.decode(Double.self, from: 3) == 3)
        #expect(try decoder.decode(Double.self, from: 0.25) == 0.25)
        #expect(try decoder.decode(Float.self, from: 1.5) == 1.5)
        #expect(try decoder.decode(String?.self, from: nil) == nil)
        #expect(try decoder.decode(Int?.self, from: 3) == 3)
    }

    @Test(arguments: [
        (JSONValue.int(256), "UInt8", "256 is out of range for UInt8"),
        (.int(-1), "UInt", "-1 is out of range for UInt"),
        (.int(128), "Int8", "128 is out of range for Int8"),
        (.double(1e300), "Float", "1e+300 is out of range for Float"),
        (.double(1.5), "Int", "expected an integer, found a number"),
        (.string("1"), "Int", "expected an integer, found a string"),
        (.int(1), "String", "expected a string, found an integer"),
        (.int(0), "Bool", "expected a boolean, found an integer"),
        (.string("x"), "Double", "expected a number, found a string"),
        (.null, "String", "expected a string, found null"),
        (.bool(true), "[Int]", "expected an array, found a boolean"),
        (JSONValue.object(["a": 1]), "[Int]", "expected an array, found an object"),
        (JSONValue.array([1]), "[String: Int]", "expected an object, found an array"),
    ])
    func mismatchesAndRangesAreErrors(_ value: JSONValue, _ typeName: String, _ expected: String) {
        do {
            switch typeName {
            case "UInt8": _ = try decoder.decode(UInt8.self, from: value)
            case "UInt": _ = try decoder.decode(UInt.self, from: value)
            case "Int8": _ = try decoder.decode(Int8.self, from: value)
            case "Float": _ = try decoder.decode(Float.self, from: value)
            case "Int": _ = try decoder.decode(Int.self, from: value)
            case "String": _ = try decoder.decode(String.self, from: value)
            case "Bool": _ = try decoder.decode(Bool.self, from: value)
            case "Double": _ = try decoder.decode(Double.self, from: value)
            case "[Int]": _ = try decoder.decode([Int].self, from: value)
            default: _ = try decoder.decode([String: Int].self, from: value)
            }
            Issue.record("decoding \(value) as \(typeName) should fail")
        } catch {
            #expect(message(error) == expected)
            #expect(error is DecodingError)
        }
    }

    struct Pod: Decodable, Equatable {
        struct Container: Decodable, Equatable {
            var name: String
            var ports: [UInt16]
            var env: [String: String]?
        }
        var name: String
        var replicas: Int?
        var containers: [Container]
        var extra: JSONValue?
    }

    @Test func nestedStructsArraysDictionariesAndOptionals() throws {
        let value: JSONValue = [
            "name": "web",
            "containers": [["name": "a", "ports": [80, 443], "env": ["K": "V"]], ["name": "b", "ports": []]],
            "extra": ["free": ["form", 1]],
        ]
        let pod = try decoder.decode(Pod.self, from: value)
        #expect(pod == Pod(
            name: "web", replicas: nil,
            containers: [.init(name: "a", ports: [80, 443], env: ["K": "V"]), .init(name: "b", ports: [], env: nil)],
            extra: ["free": ["form", 1]]))
    }

    @Test func errorsCarryTheCodingPath() {
        let badPort: JSONValue = ["name": "web", "containers": [["name": "a", "ports": [80]], ["name": "b", "ports": [1, 70000]]]]
        let error1 = #expect(throws: DecodingError.self) { try decoder.decode(Pod.self, from: badPort) }
        #expect(error1.map(path) == ["containers", "[1]", "ports", "[1]"])
        #expect(error1.map(message) == "70000 is out of range for UInt16")

        let missing: JSONValue = ["name": "web", "containers": [["ports": []]]]
        let error2 = #expect(throws: DecodingError.self) { try decoder.decode(Pod.self, from: missing) }
        #expect(error2.map(path) == ["containers", "[0]"])
        #expect(error2.map(message) == "missing required field \"name\"")
        guard case .keyNotFound(let key, _)? = error2 else {
            Issue.record("expected keyNotFound")
            return
        }
        #expect(key.stringValue == "name")

        let badEnv: JSONValue = ["name": "w", "containers": [["name": "a", "ports": [], "env": ["K": true]]]]
        let error3 = #expect(throws: DecodingError.self) { try decoder.decode(Pod.self, from: badEnv) }
        #expect(error3.map(path) == ["containers", "[0]", "env", "K"])
    }

    @Test func jsonValueAndObjectDecodeUnchangedAndInOrder() throws {
        let value: JSONValue = ["z": 1, "a": [true, nil, 1.5, "s"]]
        let decoded = try decoder.decode(JSONValue.self, from: value)
        #expect(decoded == value)
        #expect(decoded.objectValue?.keys == ["z", "a"])
        #expect(try decoder.decode(JSONObject.self, from: value).keys == ["z", "a"])
        #expect(throws: DecodingError.self) { try decoder.decode(JSONObject.self, from: [1]) }
        #expect(try decoder.decode([String: JSONValue].self, from: value)["a"] == [true, nil, 1.5, "s"])
    }

    struct Manual: Decodable {
        var values: [Int?]
        var nested: [String]
        var sawEnd: Bool
        var superName: String
        init(from decoder: any Decoder) throws {
            var list = try decoder.unkeyedContainer()
            #expect(list.count == 4)
            var values: [Int?] = []
            while values.count < 2 {
                values.append(try list.decodeNil() ? nil : try list.decode(Int.self))
            }
            var inner = try list.nestedUnkeyedContainer()
            nested = [try inner.decode(String.self)]
            let keyed = try list.nestedContainer(keyedBy: AnyKey.self)
            superName = try String(from: try keyed.superDecoder(forKey: AnyKey(stringValue: "name")))
            #expect(keyed.allKeys.map(\.stringValue) == ["name"])
            #expect(!keyed.contains(AnyKey(stringValue: "other")))
            #expect(try keyed.decodeIfPresent(Int.self, forKey: AnyKey(stringValue: "other")) == nil)
            sawEnd = list.isAtEnd
            #expect(throws: DecodingError.self) { _ = try list.decode(Int.self) }
            self.values = values
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func unkeyedAndKeyedContainerOperations() throws {
        let manual = try decoder.decode(Manual.self, from: [nil, 2, ["x"], ["name": "n"]])
        #expect(manual.values == [nil, 2])
        #expect(manual.nested == ["x"])
        #expect(manual.superName == "n")
        #expect(manual.sawEnd)
    }

    @Test func failedElementDecodeDoesNotAdvance() throws {
        struct Retry: Decodable {
            var value: String
            init(from decoder: any Decoder) throws {
                var list = try decoder.unkeyedContainer()
                if let number = try? list.decode(Int.self) {
                    value = "int \(number)"
                } else {
                    value = try list.decode(String.self)
                }
            }
        }
        #expect(try decoder.decode(Retry.self, from: ["text"]).value == "text")
    }

    @Test func userInfoReachesDecoders() throws {
        struct Reader: Decodable {
            var flag: Bool
            init(from decoder: any Decoder) throws { flag = decoder.userInfo[JSONValueDecoderTests.flagKey] as? Bool ?? false }
        }
        let decoder = JSONValueDecoder(userInfo: [Self.flagKey: true])
        #expect(try decoder.decode(Reader.self, from: nil).flag)
    }

    static let flagKey = CodingUserInfoKey(rawValue: "flag")!
}
