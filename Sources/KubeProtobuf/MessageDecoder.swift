import JSON

/// Decodes protobuf message bytes into a JSON object by following a `MessageSchema`.
///
/// Semantics:
/// * fields the table does not know are skipped, whatever their wire type;
/// * a known field with a wire type its kind cannot have is an error (never reinterpreted);
/// * repeated scalars are accepted packed and unpacked; repeated values and map entries accumulate;
/// * a non-repeated field seen twice keeps the last value (Kubernetes never sends duplicates);
/// * members come out in table order, so objects read like the Go types' JSON.
///
/// Tables are finite and acyclic, so the recursion depth is bounded by the deepest table.
enum MessageDecoder {
    static func decode(_ schema: MessageSchema, _ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> JSONObject {
        var slots = [JSONValue?](repeating: .none, count: schema.fields.count)
        var reader = WireReader(bytes)
        while let field = try reader.next() {
            guard let (index, spec) = schema.field(number: field.number) else { continue }
            do {
                try apply(field, spec, to: &slots[index])
            } catch {
                if case .inline = spec.kind { throw error }
                throw error.within(spec.name)
            }
        }
        var object = JSONObject()
        for (index, spec) in schema.fields.enumerated() {
            guard let value = slots[index] else { continue }
            if case .inline = spec.kind, case .object(let members) = value {
                for (key, member) in members { object[key] = member }
            } else {
                object[spec.name] = value
            }
        }
        return object
    }

    private static func apply(_ field: WireField, _ spec: FieldSpec, to slot: inout JSONValue?) throws(ProtobufError) {
        if case .map(let valueKind) = spec.kind {
            let (key, value) = try mapEntry(field, valueKind: valueKind)
            var members = slot?.objectValue ?? JSONObject()
            members[key] = value
            slot = .object(members)
            return
        }
        if spec.isRepeated {
            var elements = slot?.arrayValue ?? []
            if case .lengthDelimited(let payload) = field.value, let width = packedWidth(spec.kind) {
                elements += try unpack(payload, kind: spec.kind, width: width)
            } else {
                elements.append(try value(spec.kind, field.value, offset: field.offset))
            }
            slot = .array(elements)
            return
        }
        let decoded = try value(spec.kind, field.value, offset: field.offset)
        // Spelled out: JSONValue is ExpressibleByNilLiteral, so a bare `nil` here would mean `.null`.
        if spec.presence == .omitEmpty && decoded.isGoZeroValue {
            slot = Optional<JSONValue>.none
        } else {
            slot = decoded
        }
    }

    /// Decodes one map entry message {1 key string, 2 value}. Missing parts take their zero values.
    private static func mapEntry(
        _ field: WireField, valueKind: FieldKind
    ) throws(ProtobufError) -> (String, JSONValue) {
        let payload = try lengthDelimited(field.value, offset: field.offset, expected: "a map entry")
        var key = ""
        var value: JSONValue?
        var reader = WireReader(payload)
        while let entryField = try reader.next() {
            switch entryField.number {
            case 1:
                key = try string(entryField.value, offset: entryField.offset)
            case 2:
                value = try self.value(valueKind, entryField.value, offset: entryField.offset)
            default:
                continue
            }
        }
        if let value { return (key, value) }
        return (key, try self.value(valueKind, .lengthDelimited(payload[payload.endIndex...]), offset: field.offset))
    }

    /// Decodes one (non-repeated, non-map) value of `kind`.
    static func value(_ kind: FieldKind, _ wire: WireValue, offset: Int) throws(ProtobufError) -> JSONValue {
        switch kind {
        case .string:
            return .string(try string(wire, offset: offset))
        case .bytes:
            return .string(Base64.encode(try lengthDelimited(wire, offset: offset, expected: "bytes")))
        case .int32:
            return .int(Int64(Int32(truncatingIfNeeded: try varint(wire, offset: offset))))
        case .int64:
            return .int(Int64(bitPattern: try varint(wire, offset: offset)))
        case .bool:
            return .bool(try varint(wire, offset: offset) != 0)
        case .double:
            guard case .fixed64(let bits) = wire else {
                throw .wrongWireType(offset: offset, field: "", expected: "fixed64", actual: wire.wireType)
            }
            let number = Double(bitPattern: bits)
            guard number.isFinite else {
                throw .invalidValue(offset: offset, field: "", reason: "\(number) has no JSON representation")
            }
            return .double(number)
        case .message(let schema), .inline(let schema):
            return .object(try decode(schema, try lengthDelimited(wire, offset: offset, expected: "a message")))
        case .map:
            // Only reachable through a table declaring a map of maps, which no Kubernetes type has.
            throw .invalidValue(offset: offset, field: "", reason: "a map cannot be the value of a map")
        case .intOrString, .quantity, .time, .microTime, .rawExtension, .fieldsV1, .duration:
            return try WellKnownTypes.decode(kind, try lengthDelimited(wire, offset: offset, expected: "a message"))
        }
    }

    // MARK: - Wire type checks

    static func varint(_ wire: WireValue, offset: Int) throws(ProtobufError) -> UInt64 {
        guard case .varint(let raw) = wire else {
            throw .wrongWireType(offset: offset, field: "", expected: "varint", actual: wire.wireType)
        }
        return raw
    }

    static func lengthDelimited(
        _ wire: WireValue, offset: Int, expected: String
    ) throws(ProtobufError) -> ArraySlice<UInt8> {
        guard case .lengthDelimited(let payload) = wire else {
            throw .wrongWireType(offset: offset, field: "", expected: "\(expected) (length-delimited)", actual: wire.wireType)
        }
        return payload
    }

    static func string(_ wire: WireValue, offset: Int) throws(ProtobufError) -> String {
        let payload = try lengthDelimited(wire, offset: offset, expected: "a string")
        guard let text = String(validating: payload, as: UTF8.self) else {
            throw .invalidUTF8(offset: payload.startIndex, field: "")
        }
        return text
    }

    // MARK: - Packed repeated scalars

    /// The wire width of a packable kind: 0 for varints, 8 for fixed64; `nil` when not packable.
    private static func packedWidth(_ kind: FieldKind) -> Int? {
        switch kind {
        case .int32, .int64, .bool: return 0
        case .double: return 8
        default: return nil
        }
    }

    private static func unpack(
        _ payload: ArraySlice<UInt8>, kind: FieldKind, width: Int
    ) throws(ProtobufError) -> [JSONValue] {
        var values: [JSONValue] = []
        if width == 0 {
            var reader = WireReader(payload)
            while !reader.isAtEnd {
                let offset = reader.position
                values.append(try value(kind, .varint(try reader.readVarint()), offset: offset))
            }
            return values
        }
        var offset = payload.startIndex
        while offset < payload.endIndex {
            guard width <= payload.endIndex - offset else {
                throw .truncatedValue(offset: offset, field: "", needed: UInt64(width), available: payload.endIndex - offset)
            }
            var bits: UInt64 = 0
            for index in 0..<width { bits |= UInt64(payload[offset + index]) << (8 * UInt64(index)) }
            values.append(try value(kind, .fixed64(bits), offset: offset))
            offset += width
        }
        return values
    }
}

extension JSONValue {
    /// Whether Go's encoding/json would drop this value from an `omitempty` field: "", 0, false.
    var isGoZeroValue: Bool {
        switch self {
        case .string(let text): return text.isEmpty
        case .int(let number): return number == 0
        case .double(let number): return number == 0
        case .bool(let flag): return !flag
        case .null, .array, .object: return false
        }
    }
}
