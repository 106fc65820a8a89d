/// A tiny protobuf encoder for building test bodies: the mirror image of the decoder's wire reader.
///
/// Writes fields in the order they are called, which lets tests produce the out-of-order,
/// repeated, packed and unknown fields a real encoder might also send.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    init(_ build: (inout ProtoWriter) -> Void) {
        build(&self)
    }

    // MARK: - Raw wire pieces

    mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func tag(_ field: Int, _ wireType: Int) {
        rawVarint(UInt64(field) << 3 | UInt64(wireType))
    }

    mutating func raw(_ data: [UInt8]) {
        bytes += data
    }

    // MARK: - Typed fields

    mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, 0)
        rawVarint(value)
    }

    /// int32 and int64 use plain two's complement varints (10 bytes for negatives), like Go.
    mutating func int(_ field: Int, _ value: Int64) {
        varint(field, UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        varint(field, value ? 1 : 0)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        tag(field, 5)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func double(_ field: Int, _ value: Double) {
        fixed64(field, value.bitPattern)
    }

    mutating func bytes(_ field: Int, _ data: [UInt8]) {
        tag(field, 2)
        rawVarint(UInt64(data.count))
        bytes += data
    }

    mutating func string(_ field: Int, _ text: String) {
        bytes(field, Array(text.utf8))
    }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        bytes(field, ProtoWriter(build).bytes)
    }

    /// A packed repeated varint field.
    mutating func packed(_ field: Int, _ values: [Int64]) {
        var payload = ProtoWriter()
        for value in values { payload.rawVarint(UInt64(bitPattern: value)) }
        bytes(field, payload.bytes)
    }

    /// One `map<string, string>` entry.
    mutating func entry(_ field: Int, _ key: String, _ value: String) {
        message(field) { entry in
            entry.string(1, key)
            entry.string(2, value)
        }
    }

    /// One `map<string, bytes>` entry.
    mutating func entry(_ field: Int, _ key: String, bytes value: [UInt8]) {
        message(field) { entry in
            entry.string(1, key)
            entry.bytes(2, value)
        }
    }

    /// One `map<string, Quantity>` entry.
    mutating func quantityEntry(_ field: Int, _ key: String, _ quantity: String) {
        message(field) { entry in
            entry.string(1, key)
            entry.message(2) { $0.string(1, quantity) }
        }
    }

    /// An `IntOrString` holding an integer.
    mutating func intOrString(_ field: Int, _ value: Int64) {
        message(field) { target in
            target.varint(1, 0)
            target.int(2, value)
            target.string(3, "")
        }
    }

    /// An `IntOrString` holding a string.
    mutating func intOrString(_ field: Int, _ value: String) {
        message(field) { target in
            target.varint(1, 1)
            target.int(2, 0)
            target.string(3, value)
        }
    }

    /// A `metav1.Time` / `MicroTime`.
    mutating func time(_ field: Int, seconds: Int64, nanos: Int64 = 0) {
        message(field) { time in
            time.int(1, seconds)
            time.int(2, nanos)
        }
    }
}

/// Builds a complete Kubernetes protobuf body: the `k8s\0` magic and a `runtime.Unknown` envelope.
func kubeBody(
    apiVersion: String, kind: String, contentEncoding: String = "", _ build: (inout ProtoWriter) -> Void
) -> [UInt8] {
    let raw = ProtoWriter(build).bytes
    let envelope = ProtoWriter { unknown in
        unknown.message(1) { typeMeta in
            typeMeta.string(1, apiVersion)
            typeMeta.string(2, kind)
        }
        unknown.bytes(2, raw)
        unknown.string(3, contentEncoding)
        unknown.string(4, "")
    }
    return [0x6B, 0x38, 0x73, 0x00] + envelope.bytes
}

extension ProtoWriter {
    /// An `ObjectMeta` the way client-go writes one for a new object: every non-pointer scalar
    /// present (empty strings, generation 0, an empty creationTimestamp).
    mutating func newObjectMeta(_ field: Int = 1, name: String, namespace: String = "", extra: (inout ProtoWriter) -> Void = { _ in }) {
        message(field) { meta in
            meta.string(1, name)
            meta.string(2, "")
            meta.string(3, namespace)
            meta.string(4, "")
            meta.string(5, "")
            meta.string(6, "")
            meta.int(7, 0)
            meta.bytes(8, [])
            extra(&meta)
        }
    }
}
