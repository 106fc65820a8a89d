import Foundation
import JSON

/// Files under Tests/KubeProtobufTests/Fixtures, written by scripts/capture-kubectl-protobuf.py.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Decodes a `.pb.hex` fixture (lowercase hex, optional trailing newline) into bytes.
    static func hexBytes(_ name: String) throws -> [UInt8] {
        let digits = Array(try text(name).filter { !$0.isWhitespace }.utf8)
        guard digits.count % 2 == 0 else { throw Failure(description: "\(name): odd number of hex digits") }
        func nibble(_ digit: UInt8) throws -> UInt8 {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            default: throw Failure(description: "\(name): not a hex digit: \(digit)")
            }
        }
        return try stride(from: 0, to: digits.count, by: 2).map { try nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(try text(name))
    }
}
