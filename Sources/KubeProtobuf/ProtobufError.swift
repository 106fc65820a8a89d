/// Why a Kubernetes protobuf body could not be decoded.
///
/// Every wire-level case carries the byte offset into the complete body (the `k8s\0` magic
/// included) where the problem was found, and, where known, the JSON path of the field being
/// decoded (for example `spec.template.spec.containers.ports.containerPort`).
public enum ProtobufError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body does not start with the 4-byte magic `k8s\0`.
    case missingMagic
    /// A varint runs past the end of its enclosing message.
    case truncatedVarint(offset: Int, field: String)
    /// A varint is longer than 10 bytes or does not fit in 64 bits.
    case varintOverflow(offset: Int, field: String)
    /// A length-delimited or fixed-width value claims more bytes than its enclosing message holds.
    case truncatedValue(offset: Int, field: String, needed: UInt64, available: Int)
    /// A tag uses field number 0 or a field number above 2^29 - 1.
    case invalidFieldNumber(offset: Int, field: String)
    /// A tag uses a wire type protobuf does not define (6 or 7), or an end-group without a start.
    case invalidWireType(offset: Int, field: String, wireType: Int)
    /// A known field arrived with a wire type its declared kind cannot have.
    case wrongWireType(offset: Int, field: String, expected: String, actual: Int)
    /// A string field holds bytes that are not valid UTF-8.
    case invalidUTF8(offset: Int, field: String)
    /// A well-formed value that the Kubernetes type does not allow (a bad IntOrString type, a
    /// timestamp outside years 1–9999, an int32 that does not fit, embedded JSON that does not parse).
    case invalidValue(offset: Int, field: String, reason: String)
    /// Groups nested deeper than the decoder allows while skipping an unknown field.
    case nestingTooDeep(offset: Int, field: String)
    /// The envelope names a content encoding (such as gzip) this decoder does not undo.
    case unsupportedContentEncoding(String)
    /// The envelope's apiVersion and kind have no message table.
    case unsupportedKind(apiVersion: String, kind: String)

    /// A one-line explanation naming the byte offset and field path where they are known.
    public var description: String {
        switch self {
        case .missingMagic:
            return "not a Kubernetes protobuf body: missing the 4-byte magic k8s\\0"
        case let .truncatedVarint(offset, field):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): varint runs past the end of the message"
        case let .varintOverflow(offset, field):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): varint longer than 64 bits"
        case let .truncatedValue(offset, field, needed, available):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): value needs \(needed) bytes but only \(available) remain"
        case let .invalidFieldNumber(offset, field):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): invalid field number"
        case let .invalidWireType(offset, field, wireType):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): invalid wire type \(wireType)"
        case let .wrongWireType(offset, field, expected, actual):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): expected \(expected), got wire type \(actual)"
        case let .invalidUTF8(offset, field):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): string is not valid UTF-8"
        case let .invalidValue(offset, field, reason):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): \(reason)"
        case let .nestingTooDeep(offset, field):
            return "invalid protobuf at byte \(offset)\(Self.at(field)): groups nested too deeply"
        case let .unsupportedContentEncoding(encoding):
            return "unsupported protobuf content encoding \"\(encoding)\""
        case let .unsupportedKind(apiVersion, kind):
            return "no protobuf decoder for apiVersion \"\(apiVersion)\" kind \"\(kind)\""
        }
    }

    /// The byte offset of a wire-level error, or `nil` for envelope-level errors.
    public var offset: Int? {
        switch self {
        case let .truncatedVarint(offset, _), let .varintOverflow(offset, _), let .truncatedValue(offset, _, _, _),
            let .invalidFieldNumber(offset, _), let .invalidWireType(offset, _, _), let .wrongWireType(offset, _, _, _),
            let .invalidUTF8(offset, _), let .invalidValue(offset, _, _), let .nestingTooDeep(offset, _):
            return offset
        case .missingMagic, .unsupportedContentEncoding, .unsupportedKind:
            return nil
        }
    }

    private static func at(_ field: String) -> String { field.isEmpty ? "" : " (\(field))" }

    /// The same error with `name` prepended to its field path; used as errors unwind out of nested messages.
    func within(_ name: String) -> ProtobufError {
        func join(_ field: String) -> String { field.isEmpty ? name : name + "." + field }
        switch self {
        case let .truncatedVarint(offset, field): return .truncatedVarint(offset: offset, field: join(field))
        case let .varintOverflow(offset, field): return .varintOverflow(offset: offset, field: join(field))
        case let .truncatedValue(offset, field, needed, available):
            return .truncatedValue(offset: offset, field: join(field), needed: needed, available: available)
        case let .invalidFieldNumber(offset, field): return .invalidFieldNumber(offset: offset, field: join(field))
        case let .invalidWireType(offset, field, wireType):
            return .invalidWireType(offset: offset, field: join(field), wireType: wireType)
        case let .wrongWireType(offset, field, expected, actual):
            return .wrongWireType(offset: offset, field: join(field), expected: expected, actual: actual)
        case let .invalidUTF8(offset, field): return .invalidUTF8(offset: offset, field: join(field))
        case let .invalidValue(offset, field, reason):
            return .invalidValue(offset: offset, field: join(field), reason: reason)
        case let .nestingTooDeep(offset, field): return .nestingTooDeep(offset: offset, field: join(field))
        case .missingMagic, .unsupportedContentEncoding, .unsupportedKind:
            return self
        }
    }
}
