public import Logging

/// The id of the request being served: the client's `X-Request-Id` when it is usable, else one
/// generated here. It is echoed in the response's `X-Request-Id` and carried as `request_id`
/// metadata on the request's log lines.
public enum RequestID {
    /// Longest client-supplied id kept; longer ones are replaced by a generated id.
    public static let maxLength = 128

    /// The id of the request served by the current task, if any.
    @TaskLocal public static var current: String?

    /// `header` when it is 1...``maxLength`` visible ASCII characters (0x21...0x7E, so it cannot
    /// break a header or a log line); otherwise a fresh ``generate()`` id.
    public static func resolve(_ header: String?) -> String {
        if let header, !header.isEmpty, header.utf8.count <= maxLength,
           header.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            return header
        }
        return generate()
    }

    /// 32 lowercase hexadecimal digits from the system's cryptographic random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                bytes.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A metadata provider adding `request_id` to every log line emitted while a request is served
    /// (``current`` is set); give it to `LoggingSystem.bootstrap` or a `Logger`.
    public static let metadataProvider = Logger.MetadataProvider {
        guard let id = current else { return [:] }
        return ["request_id": .string(id)]
    }
}
