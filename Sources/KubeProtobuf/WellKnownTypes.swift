import JSON

/// Decoders for the apimachinery messages whose JSON form is not an object:
///
/// * `pkg/util/intstr/generated.proto` `IntOrString` {1 int64 type, 2 int32 intVal, 3 string strVal}
/// * `pkg/api/resource/generated.proto` `Quantity` {1 string string}
/// * `pkg/apis/meta/v1/generated.proto` `Time` / `MicroTime` {1 int64 seconds, 2 int32 nanos},
///   `FieldsV1` {1 bytes Raw}, `Duration` {1 int64 duration}
/// * `pkg/runtime/generated.proto` `RawExtension` {1 bytes raw}
enum WellKnownTypes {
    /// Go's zero `time.Time` as Unix seconds (0001-01-01T00:00:00Z); it marshals to JSON null.
    static let goZeroTimeSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z, the last second RFC 3339's four-digit year can express.
    static let maxTimeSeconds: Int64 = 253_402_300_799

    static func decode(_ kind: FieldKind, _ payload: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        switch kind {
        case .intOrString: return try intOrString(payload)
        case .quantity: return try quantity(payload)
        case .time: return try time(payload, fractionDigits: 0)
        case .microTime: return try time(payload, fractionDigits: 6)
        case .rawExtension, .fieldsV1: return try embeddedJSON(payload)
        case .duration: return try duration(payload)
        default:
            throw .invalidValue(offset: payload.startIndex, field: "", reason: "not a well-known type")
        }
    }

    private static func intOrString(_ payload: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        var type: Int64 = 0
        var intValue: Int64 = 0
        var stringValue = ""
        var reader = WireReader(payload)
        while let field = try reader.next() {
            switch field.number {
            case 1: type = Int64(bitPattern: try MessageDecoder.varint(field.value, offset: field.offset))
            case 2: intValue = Int64(Int32(truncatingIfNeeded: try MessageDecoder.varint(field.value, offset: field.offset)))
            case 3: stringValue = try MessageDecoder.string(field.value, offset: field.offset)
            default: continue
            }
        }
        switch type {
        case 0: return .int(intValue)
        case 1: return .string(stringValue)
        default:
            throw .invalidValue(offset: payload.startIndex, field: "", reason: "IntOrString type \(type) is neither 0 (int) nor 1 (string)")
        }
    }

    private static func quantity(_ payload: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        var text = "0"
        var reader = WireReader(payload)
        while let field = try reader.next() {
            guard field.number == 1 else { continue }
            text = try MessageDecoder.string(field.value, offset: field.offset)
        }
        return .string(text)
    }

    private static func time(_ payload: ArraySlice<UInt8>, fractionDigits: Int) throws(ProtobufError) -> JSONValue {
        if payload.isEmpty { return .null }
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        var reader = WireReader(payload)
        while let field = try reader.next() {
            switch field.number {
            case 1: seconds = Int64(bitPattern: try MessageDecoder.varint(field.value, offset: field.offset))
            case 2: nanos = Int64(Int32(truncatingIfNeeded: try MessageDecoder.varint(field.value, offset: field.offset)))
            default: continue
            }
        }
        if seconds == goZeroTimeSeconds && nanos == 0 { return .null }
        guard (0..<1_000_000_000).contains(nanos) else {
            throw .invalidValue(offset: payload.startIndex, field: "", reason: "nanos \(nanos) outside 0...999999999")
        }
        guard (goZeroTimeSeconds...maxTimeSeconds).contains(seconds) else {
            throw .invalidValue(offset: payload.startIndex, field: "", reason: "seconds \(seconds) outside years 1...9999")
        }
        return .string(RFC3339.format(seconds: seconds, nanos: nanos, fractionDigits: fractionDigits))
    }

    private static func embeddedJSON(_ payload: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        var raw: ArraySlice<UInt8> = []
        var reader = WireReader(payload)
        while let field = try reader.next() {
            guard field.number == 1 else { continue }
            raw = try MessageDecoder.lengthDelimited(field.value, offset: field.offset, expected: "raw bytes")
        }
        if raw.isEmpty { return .null }
        do {
            return try JSONValue.parse(raw)
        } catch {
            throw .invalidValue(offset: raw.startIndex + error.offset, field: "", reason: "embedded JSON: \(error.message)")
        }
    }

    private static func duration(_ payload: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        var nanoseconds: Int64 = 0
        var reader = WireReader(payload)
        while let field = try reader.next() {
            guard field.number == 1 else { continue }
            nanoseconds = Int64(bitPattern: try MessageDecoder.varint(field.value, offset: field.offset))
        }
        return .string(GoDuration.format(nanoseconds: nanoseconds))
    }
}
