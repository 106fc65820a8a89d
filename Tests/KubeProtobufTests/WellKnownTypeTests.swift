import JSON
@testable import KubeProtobuf
import Testing

/// The apimachinery special messages. Duration and RawExtension appear in no tabled kind, so they
/// are exercised through a test-only table.
@Suite struct WellKnownTypeTests {
    static let wrapper = MessageSchema("Wrapper", [
        .special(1, "raw", .rawExtension),
        .special(2, "duration", .duration),
        .double(3, "ratio"),
        .int32s(4, "codes"),
        .special(5, "fields", .fieldsV1),
        .time(6, "time"),
        .microTime(7, "microTime"),
        .intOrString(8, "port"),
        .quantity(9, "quantity"),
        .bytes(10, "blob", .omitEmpty),
    ])

    static func decodeWrapper(_ build: (inout ProtoWriter) -> Void) throws(ProtobufError) -> JSONObject {
        let bytes = ProtoWriter(build).bytes
        return try MessageDecoder.decode(wrapper, bytes[...])
    }

    @Test(arguments: [
        (Int64(0), Int64(0), "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000Z"),
        (1_795_539_753, 123_456_789, "2026-11-24T17:02:33Z", "2026-11-24T17:02:33.123456Z"),
        (951_782_400, 999_999, "2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000999Z"),
        (-62_135_596_799, 0, "0001-01-01T00:00:01Z", "0001-01-01T00:00:01.000000Z"),
        (253_402_300_799, 999_999_999, "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.999999Z"),
        (-1, 0, "1969-12-31T23:59:59Z", "1969-12-31T23:59:59.000000Z"),
    ])
    func timeAndMicroTime(seconds: Int64, nanos: Int64, time: String, microTime: String) throws {
        let object = try Self.decodeWrapper { wrapper in
            wrapper.time(6, seconds: seconds, nanos: nanos)
            wrapper.time(7, seconds: seconds, nanos: nanos)
        }
        #expect(object["time"] == .string(time))
        #expect(object["microTime"] == .string(microTime))
    }

    @Test func zeroTimesAreNull() throws {
        let object = try Self.decodeWrapper { wrapper in
            wrapper.bytes(6, [])
            wrapper.time(7, seconds: WellKnownTypes.goZeroTimeSeconds)
        }
        #expect(object["time"] == .null)
        #expect(object["microTime"] == .null)
    }

    @Test func timesOutsideRFC3339AreRejected() {
        #expect(throws: ProtobufError.invalidValue(offset: 2, field: "time", reason: "seconds 253402300800 outside years 1...9999")) {
            try Self.decodeWrapper { $0.time(6, seconds: 253_402_300_800) }
        }
        #expect(throws: ProtobufError.invalidValue(offset: 2, field: "time", reason: "nanos -1 outside 0...999999999")) {
            try Self.decodeWrapper { $0.time(6, seconds: 0, nanos: -1) }
        }
    }

    @Test(arguments: [
        (Int64(0), "0s"), (1, "1ns"), (999, "999ns"), (1500, "1.5µs"), (1_500_000, "1.5ms"),
        (1_000_000_000, "1s"), (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"),
        (3_723_500_000_000, "1h2m3.5s"), (-5_000_000_000, "-5s"), (-1_500, "-1.5µs"),
        (Int64.min, "-2562047h47m16.854775808s"), (Int64.max, "2562047h47m16.854775807s"),
    ])
    func durations(nanoseconds: Int64, expected: String) throws {
        #expect(GoDuration.format(nanoseconds: nanoseconds) == expected)
        let object = try Self.decodeWrapper { $0.message(2) { $0.int(1, nanoseconds) } }
        #expect(object["duration"] == .string(expected))
    }

    @Test func rawExtensionAndFieldsV1HoldJSON() throws {
        let object = try Self.decodeWrapper { wrapper in
            wrapper.message(1) { $0.bytes(1, Array(#"{"kind":"Plugin","list":[1,2.5,null]}"#.utf8)) }
            wrapper.message(5) { $0.bytes(1, Array(#"{"f:spec":{}}"#.utf8)) }
        }
        #expect(object["raw"] == ["kind": "Plugin", "list": [1, 2.5, nil]])
        #expect(object["fields"] == ["f:spec": [:]])
        let empty = try Self.decodeWrapper { $0.message(1) { _ in } }
        #expect(empty["raw"] == .null)
    }

    @Test func badEmbeddedJSONReportsItsOffset() {
        // wrapper: tag(1) len(6) [tag(1) len(4) "{\"a\""]: the JSON breaks at its end, byte 4 + 4.
        #expect(throws: ProtobufError.invalidValue(offset: 8, field: "raw", reason: "embedded JSON: expected ':' after object key")) {
            try Self.decodeWrapper { $0.message(1) { $0.bytes(1, Array(#"{"a""#.utf8)) } }
        }
    }

    @Test func intOrStringQuantityBytesAndDouble() throws {
        let object = try Self.decodeWrapper { wrapper in
            wrapper.intOrString(8, -1)
            wrapper.message(9) { _ in }
            wrapper.double(3, 0.25)
            wrapper.bytes(10, [0xFB, 0xFF])
        }
        #expect(object["port"] == -1)
        #expect(object["quantity"] == "0")
        #expect(object["ratio"] == 0.25)
        #expect(object["blob"] == "+/8=")
        #expect(try Self.decodeWrapper { $0.bytes(10, []) }["blob"] == nil)  // omitEmpty bytes
        #expect(throws: ProtobufError.invalidValue(offset: 2, field: "port", reason: "IntOrString type 2 is neither 0 (int) nor 1 (string)")) {
            try Self.decodeWrapper { $0.message(8) { $0.varint(1, 2) } }
        }
        #expect(throws: ProtobufError.invalidValue(offset: 0, field: "ratio", reason: "inf has no JSON representation")) {
            try Self.decodeWrapper { $0.double(3, .infinity) }
        }
    }

    @Test func repeatedScalarsArePackedOrNot() throws {
        let object = try Self.decodeWrapper { wrapper in
            wrapper.int(4, 7)
            wrapper.packed(4, [-1, 0, 2_147_483_647])
            wrapper.int(4, -2_147_483_648)
        }
        #expect(object["codes"] == [7, -1, 0, 2_147_483_647, -2_147_483_648])
    }

    @Test(arguments: [
        ([UInt8](), ""), ([0x66], "Zg=="), ([0x66, 0x6F], "Zm8="), ([0x66, 0x6F, 0x6F], "Zm9v"),
        (Array("foobar".utf8), "Zm9vYmFy"),
    ])
    func base64(bytes: [UInt8], expected: String) {
        #expect(Base64.encode(bytes) == expected)
    }
}
