/// What a field holds, on the wire and in JSON.
///
/// Scalars follow protobuf's encoding (varint integers are two's complement, so negative int32
/// values arrive as 10-byte varints); the Kubernetes well-known messages become the JSON their Go
/// types marshal to.
indirect enum FieldKind: Sendable {
    /// Length-delimited UTF-8 → JSON string.
    case string
    /// Length-delimited bytes → standard base64 with padding, as Go's encoding/json writes `[]byte`.
    case bytes
    /// Varint truncated to 32 bits → JSON integer.
    case int32
    /// Varint as a signed 64-bit integer → JSON integer.
    case int64
    /// Varint, non-zero is true → JSON boolean.
    case bool
    /// Fixed64 IEEE 754 → JSON number (non-finite values are rejected).
    case double
    /// A nested message → JSON object (an empty message present on the wire is `{}`).
    case message(MessageSchema)
    /// A Go struct embedded with `json:",inline"`: its fields are merged into the enclosing object.
    case inline(MessageSchema)
    /// `map<string, V>` (repeated entries with key = 1, value = 2) → JSON object.
    case map(FieldKind)
    /// `intstr.IntOrString` {1 type, 2 intVal, 3 strVal} → JSON integer or string.
    case intOrString
    /// `resource.Quantity` {1 string} → JSON string.
    case quantity
    /// `metav1.Time` {1 seconds, 2 nanos} → RFC 3339 in UTC, whole seconds; an empty message (Go's zero time) → null.
    case time
    /// `metav1.MicroTime` → RFC 3339 in UTC with exactly six fractional digits; empty → null.
    case microTime
    /// `runtime.RawExtension` {1 raw} → the raw bytes parsed as JSON; no bytes → null.
    case rawExtension
    /// `metav1.FieldsV1` {1 Raw} → the raw bytes parsed as JSON; no bytes → null.
    case fieldsV1
    /// `metav1.Duration` {1 duration in ns} → Go's `time.Duration.String()` form, such as `1h0m0s`.
    case duration
}

/// When a scalar that is present on the wire appears in the JSON.
///
/// Kubernetes' gogo-protobuf marshallers write every non-pointer scalar field, zero or not, while
/// Go's encoding/json drops zero values of fields tagged `omitempty`. Pointer fields and fields
/// without `omitempty` keep whatever the wire says.
enum Presence: Sendable {
    /// A Go pointer field, or a field without `omitempty`: emitted whenever it is on the wire.
    case always
    /// A non-pointer Go field tagged `omitempty`: a zero value ("", 0, false) means unset.
    case omitEmpty
}

/// One entry of a message table: field number → JSON name and kind.
struct FieldSpec: Sendable {
    let number: Int
    /// The JSON member name. For `.inline` fields it is documentation only: the nested members are
    /// merged into the enclosing object.
    let name: String
    let kind: FieldKind
    let isRepeated: Bool
    let presence: Presence
}

/// A declarative message table: the fields of one Kubernetes protobuf message, in the order the Go
/// struct declares them (which is the order the JSON object gets its members).
final class MessageSchema: Sendable {
    /// The protobuf message name, for diagnostics.
    let name: String
    let fields: [FieldSpec]
    private let indexByNumber: [Int: Int]

    /// Builds a table. Field numbers must be unique; a duplicate is a programming error in a table.
    init(_ name: String, _ fields: [FieldSpec]) {
        var index: [Int: Int] = [:]
        for (position, field) in fields.enumerated() {
            precondition(index[field.number] == nil, "\(name): duplicate field number \(field.number)")
            index[field.number] = position
        }
        self.name = name
        self.fields = fields
        self.indexByNumber = index
    }

    /// The position and table entry for a field number, or `nil` for a field the table does not know.
    func field(number: Int) -> (index: Int, spec: FieldSpec)? {
        guard let position = indexByNumber[number] else { return nil }
        return (position, fields[position])
    }
}

// MARK: - Table-building shorthands

extension FieldSpec {
    static func string(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .string, isRepeated: false, presence: presence)
    }

    static func strings(_ number: Int, _ name: String) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .string, isRepeated: true, presence: .always)
    }

    static func bytes(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .bytes, isRepeated: false, presence: presence)
    }

    static func int32(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .int32, isRepeated: false, presence: presence)
    }

    static func int32s(_ number: Int, _ name: String) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .int32, isRepeated: true, presence: .always)
    }

    static func int64(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .int64, isRepeated: false, presence: presence)
    }

    static func int64s(_ number: Int, _ name: String) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .int64, isRepeated: true, presence: .always)
    }

    static func bool(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .bool, isRepeated: false, presence: presence)
    }

    static func double(_ number: Int, _ name: String, _ presence: Presence = .always) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .double, isRepeated: false, presence: presence)
    }

    static func message(_ number: Int, _ name: String, _ schema: MessageSchema) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .message(schema), isRepeated: false, presence: .always)
    }

    static func messages(_ number: Int, _ name: String, _ schema: MessageSchema) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .message(schema), isRepeated: true, presence: .always)
    }

    static func inline(_ number: Int, _ name: String, _ schema: MessageSchema) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .inline(schema), isRepeated: false, presence: .always)
    }

    static func map(_ number: Int, _ name: String, _ value: FieldKind) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: .map(value), isRepeated: false, presence: .always)
    }

    static func special(_ number: Int, _ name: String, _ kind: FieldKind) -> FieldSpec {
        FieldSpec(number: number, name: name, kind: kind, isRepeated: false, presence: .always)
    }

    static func intOrString(_ number: Int, _ name: String) -> FieldSpec { special(number, name, .intOrString) }
    static func quantity(_ number: Int, _ name: String) -> FieldSpec { special(number, name, .quantity) }
    static func time(_ number: Int, _ name: String) -> FieldSpec { special(number, name, .time) }
    static func microTime(_ number: Int, _ name: String) -> FieldSpec { special(number, name, .microTime) }
}
