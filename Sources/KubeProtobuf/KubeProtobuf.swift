public import JSON

/// Decodes Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) into the JSON
/// object the same request would carry as `application/json`.
///
/// client-go's typed clientset, and so kubectl's imperative commands (`kubectl create configmap`,
/// `create secret generic`, `create deployment`, `autoscale`, ...), send protobuf. A server that
/// answers in JSON only needs to turn those bodies into its JSON object model; this is that step.
///
/// The body is the 4-byte magic `k8s\0` followed by a `runtime.Unknown` envelope
/// (`k8s.io/apimachinery/pkg/runtime/generated.proto`: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw,
/// 3 contentEncoding, 4 contentType); `raw` holds the object's message.
public enum KubeProtobuf {
    /// The media type of Kubernetes protobuf bodies.
    public static let mediaType = "application/vnd.kubernetes.protobuf"

    /// The 4 bytes every Kubernetes protobuf body starts with: `k8s` and a NUL.
    public static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Decodes a protobuf body into the JSON object for its kind, with `apiVersion` and `kind` set
    /// from the envelope (first, as Kubernetes' own JSON puts them).
    ///
    /// Fields the message tables do not know are skipped; fields they know are decoded with their
    /// declared kind or rejected, never reinterpreted. Malformed input throws; it never traps.
    /// - Throws: `ProtobufError.missingMagic` without the magic, `.unsupportedKind` for a kind
    ///   without a table, `.unsupportedContentEncoding` for a compressed `raw`, and the wire-level
    ///   cases (with byte offsets into `bytes`) for malformed data.
    public static func decode(_ bytes: [UInt8]) throws(ProtobufError) -> JSONValue {
        let envelope = try Envelope(bytes)
        guard let schema = KindRegistry.schema(apiVersion: envelope.apiVersion, kind: envelope.kind) else {
            throw .unsupportedKind(apiVersion: envelope.apiVersion, kind: envelope.kind)
        }
        var object: JSONObject = ["apiVersion": .string(envelope.apiVersion), "kind": .string(envelope.kind)]
        for (key, value) in try MessageDecoder.decode(schema, envelope.raw) { object[key] = value }
        return .object(object)
    }

    /// Whether `decode` has a message table for this apiVersion (`v1`, `apps/v1`, ...) and kind.
    public static func supports(apiVersion: String, kind: String) -> Bool {
        KindRegistry.schema(apiVersion: apiVersion, kind: kind) != nil
    }

    /// Every apiVersion/kind pair `decode` accepts, sorted.
    public static var supportedKinds: [(apiVersion: String, kind: String)] { KindRegistry.all }
}

/// The `runtime.Unknown` envelope after the magic.
struct Envelope {
    var apiVersion = ""
    var kind = ""
    var raw: ArraySlice<UInt8> = []

    init(_ bytes: [UInt8]) throws(ProtobufError) {
        guard bytes.starts(with: KubeProtobuf.magic) else { throw .missingMagic }
        var contentEncoding = ""
        var reader = WireReader(bytes[KubeProtobuf.magic.count...])
        do {
            while let field = try reader.next() {
                switch field.number {
                case 1:
                    let typeMeta = try MessageDecoder.lengthDelimited(field.value, offset: field.offset, expected: "typeMeta")
                    try readTypeMeta(typeMeta)
                case 2:
                    raw = try MessageDecoder.lengthDelimited(field.value, offset: field.offset, expected: "raw bytes")
                case 3:
                    contentEncoding = try MessageDecoder.string(field.value, offset: field.offset)
                case 4:
                    _ = try MessageDecoder.string(field.value, offset: field.offset)
                default:
                    continue
                }
            }
        } catch {
            throw error.within("<envelope>")
        }
        guard contentEncoding.isEmpty else { throw .unsupportedContentEncoding(contentEncoding) }
    }

    private mutating func readTypeMeta(_ payload: ArraySlice<UInt8>) throws(ProtobufError) {
        var reader = WireReader(payload)
        while let field = try reader.next() {
            switch field.number {
            case 1: apiVersion = try MessageDecoder.string(field.value, offset: field.offset)
            case 2: kind = try MessageDecoder.string(field.value, offset: field.offset)
            default: continue
            }
        }
    }
}
