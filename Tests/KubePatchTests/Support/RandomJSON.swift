import JSON

/// A deterministic generator of JSON documents for property tests (SplitMix64, fixed seed, so a failure
/// reproduces on every run).
struct RandomJSON {
    private var state: UInt64
    private let keys = ["a", "b", "c", "d", "e", "spec", "list"]

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func scalar() -> JSONValue {
        switch below(5) {
        case 0: return .bool(chance(50))
        case 1: return .int(Int64(below(10)))
        case 2: return .double(Double(below(100)) / 4)
        default: return .string(keys[below(keys.count)] + String(below(3)))
        }
    }

    mutating func key() -> String { keys[below(keys.count)] }

    /// A random document. With `allowNull`, `null` appears only as an object member value outside arrays
    /// (the position where merge patch and strategic merge patch agree on its meaning).
    mutating func document(depth: Int, allowNull: Bool) -> JSONValue {
        guard depth > 0 else { return scalar() }
        switch below(6) {
        case 0, 1, 2:
            var object = JSONObject()
            for _ in 0..<below(5) {
                object[key()] = (allowNull && chance(15)) ? .null : document(depth: depth - 1, allowNull: allowNull)
            }
            return .object(object)
        case 3:
            return .array((0..<below(4)).map { _ in document(depth: depth - 1, allowNull: false) })
        default:
            return scalar()
        }
    }

    /// A document that shares structure with `base`: members kept, dropped, changed or added at random.
    mutating func mutation(of base: JSONValue, depth: Int) -> JSONValue {
        guard case .object(let object) = base, depth > 0 else {
            return chance(30) ? base : document(depth: depth, allowNull: false)
        }
        var result = JSONObject()
        for (key, value) in object {
            switch below(10) {
            case 0, 1: continue
            case 2, 3, 4: result[key] = mutation(of: value, depth: depth - 1)
            case 5: result[key] = document(depth: depth - 1, allowNull: false)
            default: result[key] = value
            }
        }
        if chance(40) { result[key()] = document(depth: depth - 1, allowNull: false) }
        return chance(5) ? document(depth: depth, allowNull: false) : .object(result)
    }
}
