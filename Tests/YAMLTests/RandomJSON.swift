import JSON
import SeededRandom

/// Random `JSONValue`s for round-trip tests: every type, deep and wide collections, tricky keys and
/// strings, integers across all magnitudes and finite doubles from arbitrary bit patterns.
struct RandomJSON {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func value(depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth >= 4 ? 6 : 9), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(integer())
        case 3: return .double(double())
        case 4, 5: return .string(string())
        case 6, 7:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &rng) { object[key()] = value(depth: depth + 1) }
            return .object(object)
        default:
            return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in value(depth: depth + 1) })
        }
    }

    mutating func integer() -> Int64 {
        let bits = Int.random(in: 0...63, using: &rng)
        let magnitude = Int64.random(in: 0...(Int64.max >> (63 - bits)), using: &rng)
        return Bool.random(using: &rng) ? -magnitude : magnitude
    }

    mutating func double() -> Double {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            while true {
                let d = Double(bitPattern: rng.next())
                if d.isFinite { return d }
            }
        case 1: return Double(Int.random(in: -100_000...100_000, using: &rng)) / 100
        default: return Double.random(in: -1e6...1e6, using: &rng)
        }
    }

    mutating func string() -> String {
        if Bool.random(using: &rng) { return trickyStrings.randomElement(using: &rng)! }
        var s = ""
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            if Bool.random(using: &rng) {
                s += trickyStrings.randomElement(using: &rng)!
            } else {
                s.unicodeScalars.append(scalar())
            }
        }
        return s
    }

    mutating func key() -> String {
        if Int.random(in: 0..<100, using: &rng) == 0 {
            return String(repeating: "k", count: Int.random(in: 990...1100, using: &rng)) + string()
        }
        return string()
    }

    private mutating func scalar() -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x24F, 0x2000...0x206F, 0xFEF0...0xFFFF, 0x1F600...0x1F64F]
        while true {
            let range = ranges.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { return scalar }
        }
    }
}
