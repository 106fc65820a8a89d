/// A value as protobuf puts it on the wire, before any schema gives it a meaning.
enum WireValue {
    /// Wire type 0.
    case varint(UInt64)
    /// Wire type 1: eight little-endian bytes.
    case fixed64(UInt64)
    /// Wire type 2: the payload bytes, indexed by their offset in the whole body.
    case lengthDelimited(ArraySlice<UInt8>)
    /// Wire type 3 (with its matching end group already consumed): deprecated, only ever skipped.
    case group
    /// Wire type 5: four little-endian bytes.
    case fixed32(UInt32)

    var wireType: Int {
        switch self {
        case .varint: return 0
        case .fixed64: return 1
        case .lengthDelimited: return 2
        case .group: return 3
        case .fixed32: return 5
        }
    }
}

/// One tag/value pair read from a message.
struct WireField {
    /// The protobuf field number (1 ... 2^29 - 1).
    let number: Int
    /// Offset of the tag's first byte in the whole body, for error messages.
    let offset: Int
    let value: WireValue
}

/// Reads protobuf wire data (varints, fixed32/64, length-delimited values, groups) from a slice of a
/// body. Offsets are the slice's own indices, so they stay absolute within the body.
///
/// The reader never traps: every read checks the remaining length and throws `ProtobufError`
/// with the offset where the data ran out or went wrong.
struct WireReader {
    /// Deepest group nesting skipped before giving up (groups are deprecated; Kubernetes never sends them).
    static let maxGroupDepth = 64

    let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    /// Reads a base-128 varint of at most 10 bytes that fits in 64 bits.
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw .truncatedVarint(offset: start, field: "") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw .varintOverflow(offset: start, field: "") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .varintOverflow(offset: start, field: "") }
        }
    }

    /// Reads the next field, or returns `nil` at the end of the message.
    mutating func next() throws(ProtobufError) -> WireField? {
        guard !isAtEnd else { return nil }
        let offset = position
        let (number, wireType) = try readTag()
        return WireField(
            number: number, offset: offset,
            value: try readValue(wireType: wireType, number: number, tagOffset: offset, depth: 0))
    }

    private mutating func readTag() throws(ProtobufError) -> (number: Int, wireType: Int) {
        let offset = position
        let tag = try readVarint()
        let number = tag >> 3
        guard number >= 1, number <= (1 << 29) - 1 else { throw .invalidFieldNumber(offset: offset, field: "") }
        return (Int(number), Int(tag & 7))
    }

    private mutating func readValue(
        wireType: Int, number: Int, tagOffset: Int, depth: Int
    ) throws(ProtobufError) -> WireValue {
        switch wireType {
        case 0:
            return .varint(try readVarint())
        case 1:
            let raw = try take(8)
            var value: UInt64 = 0
            for (index, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
            return .fixed64(value)
        case 2:
            let lengthOffset = position
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw .truncatedValue(offset: lengthOffset, field: "", needed: length, available: bytes.endIndex - position)
            }
            return .lengthDelimited(try take(Int(length)))
        case 3:
            try skipGroup(number: number, depth: depth + 1)
            return .group
        case 5:
            let raw = try take(4)
            var value: UInt32 = 0
            for (index, byte) in raw.enumerated() { value |= UInt32(byte) << (8 * UInt32(index)) }
            return .fixed32(value)
        default:
            throw .invalidWireType(offset: tagOffset, field: "", wireType: wireType)
        }
    }

    /// Consumes fields up to and including the end-group tag that closes group `number`.
    private mutating func skipGroup(number: Int, depth: Int) throws(ProtobufError) {
        let start = position
        guard depth <= Self.maxGroupDepth else { throw .nestingTooDeep(offset: start, field: "") }
        while true {
            guard !isAtEnd else {
                throw .truncatedValue(offset: start, field: "", needed: 1, available: 0)
            }
            let tagOffset = position
            let (inner, wireType) = try readTag()
            if wireType == 4 {
                guard inner == number else { throw .invalidWireType(offset: tagOffset, field: "", wireType: 4) }
                return
            }
            _ = try readValue(wireType: wireType, number: inner, tagOffset: tagOffset, depth: depth)
        }
    }

    private mutating func take(_ count: Int) throws(ProtobufError) -> ArraySlice<UInt8> {
        let available = bytes.endIndex - position
        guard count <= available else {
            throw .truncatedValue(offset: position, field: "", needed: UInt64(count), available: available)
        }
        let slice = bytes[position..<(position + count)]
        position += count
        return slice
    }
}
