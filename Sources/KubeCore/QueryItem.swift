/// One `name=value` pair of a URL query, unencoded.
public struct QueryItem: Sendable, Hashable {
    /// The parameter name.
    public var name: String
    /// The parameter value, before percent-encoding.
    public var value: String

    /// A pair of `name` and `value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `s` with every byte outside RFC 3986's unreserved set percent-encoded (so `=`, `,`, `!`, `&`, space
    /// and `/` are safe inside a query value or a path segment).
    public static func percentEncode(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
