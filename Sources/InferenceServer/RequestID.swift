import Synchronization

/// The id of the request being served: the client's `X-Request-Id` when it is usable, else one
/// generated here. It is echoed in the response's `X-Request-Id` and carried as `request_id`
/// metadata on the request's log lines (see ``InferenceService``).
public enum RequestID {
    /// Longest client-supplied id kept; longer ones are replaced by a generated id.
    public static let maxLength = 128

    /// `header` when it is 1...``maxLength`` visible ASCII characters (0x21...0x7E, so it cannot
    /// break a header or a log line); otherwise a fresh ``generate()`` id.
    public static func resolve(_ header: String?) -> String {
        if let header, !header.isEmpty, header.utf8.count <= maxLength,
           header.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            return header
        }
        return generate()
    }

    /// 32 lowercase hexadecimal digits, unique within the process and, with overwhelming
    /// probability, across processes: 16 digits drawn once per process from the system's
    /// cryptographic random source, then 16 of a per-process counter (no system call per request).
    public static func generate() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        appendHex(processPrefix, into: &bytes, at: 0)
        appendHex(counter.add(1, ordering: .relaxed).newValue, into: &bytes, at: 16)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let processPrefix: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    private static func appendHex(_ value: UInt64, into bytes: inout [UInt8], at offset: Int) {
        var word = value
        for index in stride(from: offset + 15, through: offset, by: -1) {
            let digit = UInt8(word & 0xF)
            bytes[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            word >>= 4
        }
    }
}
