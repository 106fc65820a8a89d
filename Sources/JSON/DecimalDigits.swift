/// The significant digits of a JSON number, accumulated while the parser validates it: the value is
/// `mantissa × 10^exponent`, exact while at most 19 significant digits were seen.
struct DecimalDigits {
    /// The significant digits as an integer (leading zeros skipped).
    var mantissa: UInt64 = 0
    /// The power of ten that scales `mantissa`; the parser lowers it once per fraction digit and adds
    /// the written exponent.
    var exponent = 0
    private var count = 0
    /// More than 19 significant digits were seen, so `mantissa` (and `exponent`) are not exact.
    private var truncated = false

    /// Adds one ASCII digit.
    mutating func append(_ byte: UInt8) {
        let digit = UInt64(byte &- UInt8(ascii: "0"))
        if count == 0 && digit == 0 { return }
        guard count < 19 else {
            truncated = true
            return
        }
        mantissa = mantissa &* 10 &+ digit
        count += 1
    }

    /// The number's value when it can be computed exactly without the general path: an integer of at
    /// most 18 digits, or a decimal whose digits form an integer of at most 2^53 scaled by a power of
    /// ten of at most 22 (Clinger's fast path: both factors are exact doubles, so one IEEE
    /// multiplication or division rounds correctly, as `strtod` would). Nil otherwise.
    func exactValue(negative: Bool, isInteger: Bool) -> JSONValue? {
        guard !truncated else { return nil }
        if isInteger {
            guard count <= 18 else { return nil }
            let magnitude = Int64(mantissa)
            return .int(negative ? -magnitude : magnitude)
        }
        guard mantissa <= 1 << 53, (-22...22).contains(exponent) || mantissa == 0 else { return nil }
        let scale = Self.exactPowersOfTen[min(abs(exponent), 22)]
        let magnitude = exponent < 0 ? Double(mantissa) / scale : Double(mantissa) * scale
        return .double(negative ? -magnitude : magnitude)
    }

    /// 10^0 ... 10^22, each exactly representable as a double.
    static let exactPowersOfTen: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { value, _ in value * 10 } }
}
