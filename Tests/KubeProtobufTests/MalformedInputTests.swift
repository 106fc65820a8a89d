import JSON
import KubeProtobuf
import Testing

/// Envelope handling, unknown fields, and every way the wire data can be broken.
@Suite struct MalformedInputTests {
    /// A ConfigMap body whose object message is exactly `raw`, and the offset where `raw` starts.
    static func configMap(raw: [UInt8]) -> (body: [UInt8], rawStart: Int) {
        let body = kubeBody(apiVersion: "v1", kind: "ConfigMap") { $0.raw(raw) }
        // The envelope is: magic(4), typeMeta field, then field 2's tag and length, then raw.
        let typeMetaLength = 2 + 2 + 2 + "ConfigMap".utf8.count
        let lengthBytes = raw.count < 128 ? 1 : 2
        return (body, 4 + 2 + typeMetaLength + 1 + lengthBytes)
    }

    @Test func requiresTheMagic() {
        #expect(throws: ProtobufError.missingMagic) { try KubeProtobuf.decode([]) }
        #expect(throws: ProtobufError.missingMagic) { try KubeProtobuf.decode(Array("k8s".utf8)) }
        #expect(throws: ProtobufError.missingMagic) { try KubeProtobuf.decode(Array(#"{"kind":"ConfigMap"}"#.utf8)) }
    }

    @Test func unknownKindsAndEncodingsAreRejected() {
        #expect(throws: ProtobufError.unsupportedKind(apiVersion: "v1", kind: "Endpoints")) {
            try KubeProtobuf.decode(kubeBody(apiVersion: "v1", kind: "Endpoints") { _ in })
        }
        #expect(throws: ProtobufError.unsupportedKind(apiVersion: "", kind: "")) {
            try KubeProtobuf.decode(KubeProtobuf.magic)
        }
        #expect(throws: ProtobufError.unsupportedContentEncoding("gzip")) {
            try KubeProtobuf.decode(kubeBody(apiVersion: "v1", kind: "ConfigMap", contentEncoding: "gzip") { _ in })
        }
    }

    @Test func registryListsTheTabledKinds() {
        #expect(KubeProtobuf.supports(apiVersion: "apps/v1", kind: "Deployment"))
        #expect(!KubeProtobuf.supports(apiVersion: "apps/v1", kind: "StatefulSet"))
        let kinds = KubeProtobuf.supportedKinds.map { "\($0.apiVersion) \($0.kind)" }
        #expect(kinds == [
            "apps/v1 Deployment", "authentication.k8s.io/v1 SelfSubjectReview", "autoscaling/v1 HorizontalPodAutoscaler", "autoscaling/v1 Scale",
            "autoscaling/v2 HorizontalPodAutoscaler", "v1 ConfigMap", "v1 Namespace", "v1 Pod",
            "v1 Secret", "v1 Service", "v1 ServiceAccount",
        ])
    }

    @Test func emptyObjectMessageStillGetsTypeMeta() throws {
        #expect(try KubeProtobuf.decode(kubeBody(apiVersion: "v1", kind: "ConfigMap") { _ in }) == [
            "apiVersion": "v1", "kind": "ConfigMap",
        ])
    }

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        let raw = ProtoWriter { cm in
            cm.varint(99, 12_345)
            cm.fixed64(98, 7)
            cm.fixed32(97, 7)
            cm.string(96, "ignored")
            cm.tag(95, 3)  // a (deprecated) group, with a nested group inside
            cm.varint(1, 1)
            cm.tag(94, 3)
            cm.string(2, "x")
            cm.tag(94, 4)
            cm.tag(95, 4)
            cm.newObjectMeta(name: "kept") { meta in meta.varint(1000, 1) }
            cm.entry(2, "k", "v")
            cm.string(536_870_911, "highest field number")
        }.bytes
        let object = try KubeProtobuf.decode(Self.configMap(raw: raw).body)
        #expect(object == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kept", "creationTimestamp": nil], "data": ["k": "v"]])
    }

    @Test func truncatedVarint() {
        // metadata {generation: <varint with a continuation bit and nothing after it>}
        let (body, start) = Self.configMap(raw: [0x0A, 0x02, 0x38, 0x80])
        #expect(throws: ProtobufError.truncatedVarint(offset: start + 3, field: "metadata")) { try KubeProtobuf.decode(body) }
    }

    @Test func varintLongerThan64Bits() {
        let raw: [UInt8] = [0x0A, 0x0C, 0x38] + [UInt8](repeating: 0xFF, count: 10) + [0x01]
        let (body, start) = Self.configMap(raw: raw)
        #expect(throws: ProtobufError.varintOverflow(offset: start + 3, field: "metadata")) { try KubeProtobuf.decode(body) }
    }

    @Test func lengthPastTheEnd() {
        // metadata claims 5 bytes, 2 remain.
        let (body, start) = Self.configMap(raw: [0x0A, 0x05, 0x0A, 0x01])
        #expect(throws: ProtobufError.truncatedValue(offset: start + 1, field: "", needed: 5, available: 2)) {
            try KubeProtobuf.decode(body)
        }
        // A nested string claims more than its enclosing metadata message holds.
        let (nested, nestedStart) = Self.configMap(raw: [0x0A, 0x03, 0x0A, 0x09, 0x61, 0x62])
        #expect(throws: ProtobufError.truncatedValue(offset: nestedStart + 3, field: "metadata", needed: 9, available: 1)) {
            try KubeProtobuf.decode(nested)
        }
        // Fixed-width values past the end.
        let (fixed, fixedStart) = Self.configMap(raw: [0x09, 0x01, 0x02])
        #expect(throws: ProtobufError.truncatedValue(offset: fixedStart + 1, field: "", needed: 8, available: 2)) {
            try KubeProtobuf.decode(fixed)
        }
    }

    @Test func wrongWireTypeForAKnownField() {
        let (body, start) = Self.configMap(raw: [0x08, 0x01])  // metadata as a varint
        #expect(throws: ProtobufError.wrongWireType(offset: start, field: "metadata", expected: "a message (length-delimited)", actual: 0)) {
            try KubeProtobuf.decode(body)
        }
        let immutable = ProtoWriter { $0.string(4, "true") }.bytes  // immutable as a string
        let (second, secondStart) = Self.configMap(raw: immutable)
        #expect(throws: ProtobufError.wrongWireType(offset: secondStart, field: "immutable", expected: "varint", actual: 2)) {
            try KubeProtobuf.decode(second)
        }
        let label = ProtoWriter { $0.newObjectMeta(name: "x") { $0.varint(11, 1) } }.bytes  // a label entry as a varint
        let (third, _) = Self.configMap(raw: label)
        #expect(throws: ProtobufError.self) { try KubeProtobuf.decode(third) }
    }

    @Test func invalidUTF8() {
        let raw = ProtoWriter { $0.message(1) { $0.bytes(1, [0x61, 0xFF, 0x62]) } }.bytes
        let (body, start) = Self.configMap(raw: raw)
        #expect(throws: ProtobufError.invalidUTF8(offset: start + 4, field: "metadata.name")) { try KubeProtobuf.decode(body) }
        let key = ProtoWriter { $0.message(2) { $0.bytes(1, [0xC3]) } }.bytes
        let (second, secondStart) = Self.configMap(raw: key)
        #expect(throws: ProtobufError.invalidUTF8(offset: secondStart + 4, field: "data")) { try KubeProtobuf.decode(second) }
    }

    @Test func invalidTagsAndGroups() {
        let (wireType7, start7) = Self.configMap(raw: [0x0F])
        #expect(throws: ProtobufError.invalidWireType(offset: start7, field: "", wireType: 7)) { try KubeProtobuf.decode(wireType7) }
        let (fieldZero, startZero) = Self.configMap(raw: [0x02, 0x00])
        #expect(throws: ProtobufError.invalidFieldNumber(offset: startZero, field: "")) { try KubeProtobuf.decode(fieldZero) }
        let (strayEnd, startEnd) = Self.configMap(raw: [0x0C])  // end group for field 1, never started
        #expect(throws: ProtobufError.invalidWireType(offset: startEnd, field: "", wireType: 4)) { try KubeProtobuf.decode(strayEnd) }
        let (mismatched, startMismatch) = Self.configMap(raw: [0x0B, 0x14])  // start group 1, end group 2
        #expect(throws: ProtobufError.invalidWireType(offset: startMismatch + 1, field: "", wireType: 4)) {
            try KubeProtobuf.decode(mismatched)
        }
        let (unterminated, _) = Self.configMap(raw: [0x0B, 0x08, 0x01])
        #expect(throws: ProtobufError.self) { try KubeProtobuf.decode(unterminated) }
        let deep = [UInt8](repeating: 0x0B, count: 100)  // groups nested 100 deep
        let (tooDeep, _) = Self.configMap(raw: deep)
        #expect(throws: ProtobufError.self) { try KubeProtobuf.decode(tooDeep) }
    }

    @Test func errorsDescribeOffsetAndField() {
        let error = ProtobufError.invalidUTF8(offset: 17, field: "metadata.name")
        #expect(error.description == "invalid protobuf at byte 17 (metadata.name): string is not valid UTF-8")
        #expect(error.offset == 17)
        #expect(ProtobufError.unsupportedKind(apiVersion: "v1", kind: "Endpoints").offset == nil)
    }
}
