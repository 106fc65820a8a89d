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

    /// The number's value when it can be computed, correctly rounded as `strtod` would, without the
    /// general path; nil otherwise (more than 19 significant digits, an integer of 19 digits, or a case
    /// neither fast path decides). Integers of at most 18 digits are `.int`; other numbers `.double`:
    /// first Clinger's fast path (digits forming an integer of at most 2^53 scaled by a power of ten of
    /// at most 22: both factors are exact doubles, so one IEEE multiplication or division rounds
    /// correctly), then `eiselLemire` (exponents in `powersOfTenRange`), then `dyadicValue` (decimals that
    /// are exactly a binary fraction, which Eisel-Lemire's truncated table cannot always decide).
    func exactValue(negative: Bool, isInteger: Bool) -> JSONValue? {
        guard !truncated else { return nil }
        if isInteger {
            guard count <= 18 else { return nil }
            let magnitude = Int64(mantissa)
            return .int(negative ? -magnitude : magnitude)
        }
        if mantissa <= 1 << 53, (-22...22).contains(exponent) {
            let scale = Self.exactPowersOfTen[abs(exponent)]
            let magnitude = exponent < 0 ? Double(mantissa) / scale : Double(mantissa) * scale
            return .double(negative ? -magnitude : magnitude)
        }
        let value = Self.eiselLemire(mantissa: mantissa, exponent: exponent, negative: negative)
            ?? Self.dyadicValue(mantissa: mantissa, exponent: exponent, negative: negative)
        return value.map { .double($0) }
    }

    /// `±mantissa × 10^exponent` correctly rounded when `exponent` is negative and 5^-exponent divides
    /// `mantissa` (such as `0.29279327392578125`, 38377 × 2^-17): the number is then
    /// `(mantissa / 5^-exponent) × 2^exponent`, an integer rounded once to a double and scaled exactly by a
    /// power of two (the result is at least 2^-27, far from subnormal). Nil otherwise.
    static func dyadicValue(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        // 5^28 exceeds 2^64, so it cannot divide a nonzero mantissa.
        guard mantissa != 0, (-27 ... -1).contains(exponent) else { return nil }
        let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: exactPowersOfFive[-exponent])
        guard remainder == 0 else { return nil }
        let magnitude = Double(sign: .plus, exponent: exponent, significand: Double(quotient))
        return negative ? -magnitude : magnitude
    }

    /// The double nearest to `±mantissa × 10^exponent` (ties to even, as `strtod` rounds), computed by
    /// the Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021; this follows
    /// Go's `strconv.eiselLemire64`) from one or two 64×64→128-bit products with the truncated powers of
    /// ten in `PowersOfTen.swift`. `mantissa` must be exact (the number's significant digits, not a
    /// truncation of them). Nil, meaning "use the general path", when `exponent` is outside
    /// `powersOfTenRange`, when the truncated products cannot decide the rounding (the value is within
    /// the approximation's error of a halfway point), or when the result would be subnormal or
    /// infinite. A zero mantissa gives ±0.
    static func eiselLemire(mantissa: UInt64, exponent: Int, negative: Bool) -> Double? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard powersOfTenRange.contains(exponent) else { return nil }
        let index = exponent - powersOfTenRange.lowerBound
        // Normalize so bit 63 is set; the product then has its top bit at 127 or 126.
        let shift = mantissa.leadingZeroBitCount
        let normalized = mantissa << shift
        // Biased binary exponent of the product's bit 127: floor(exponent × log2 10) + 64 + 1023 - shift
        // (217706 / 2^16 approximates log2 10 closely enough for |exponent| <= 347).
        var binaryExponent = ((217_706 * exponent) >> 16) + 64 + 1023 - shift
        var (high, low) = normalized.multipliedFullWidth(by: powersOfTenHigh[index])
        // The table's low half, left out, would add less than `normalized` to `low`. It matters only if that
        // could carry out of `low` and through the 9 low bits of `high` (all ones) into the 54 kept
        // above them; then it is added exactly.
        if high & 0x1FF == 0x1FF, low &+ normalized < normalized {
            let (carry, carryLow) = normalized.multipliedFullWidth(by: powersOfTenLow[index])
            let (mergedLow, overflow) = low.addingReportingOverflow(carry)
            let mergedHigh = overflow ? high &+ 1 : high
            // Still all ones below the kept bits, and the table's truncation could carry: undecidable.
            if mergedHigh & 0x1FF == 0x1FF, mergedLow == .max, carryLow &+ normalized < normalized { return nil }
            (high, low) = (mergedHigh, mergedLow)
        }
        // Keep 54 bits (the 53 of a double and one rounding bit).
        let topBit = Int(high >> 63)
        var significand = high >> (9 + topBit)
        binaryExponent -= 1 ^ topBit
        // The product shows a tie whose even neighbour is below: the exact value may be that tie (round
        // down) or, through the truncated table, just above it (round up): undecidable.
        if low == 0, high & 0x1FF == 0, significand & 3 == 1 { return nil }
        // Round up on the rounding bit (the one tie that must go down was excluded above), then drop it.
        significand += significand & 1
        significand >>= 1
        if significand >> 53 > 0 {
            significand >>= 1
            binaryExponent += 1
        }
        guard binaryExponent > 0, binaryExponent < 0x7FF else { return nil }
        let bits = UInt64(binaryExponent) << 52 | significand & (1 << 52 - 1) | (negative ? 1 << 63 : 0)
        return Double(bitPattern: bits)
    }

    /// 10^0 ... 10^22, each exactly representable as a double. Literals, so the compiler lays the
    /// array out statically: no lazy initialisation check on every number, as a computed table costs.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 5^0 ... 5^27, the powers of five that fit in 64 bits (literals, as above).
    static let exactPowersOfFive: [UInt64] = [
        1, 5, 25, 125,
        625, 3125, 15625, 78125,
        390625, 1953125, 9765625, 48828125,
        244140625, 1220703125, 6103515625, 30517578125,
        152587890625, 762939453125, 3814697265625, 19073486328125,
        95367431640625, 476837158203125, 2384185791015625, 11920928955078125,
        59604644775390625, 298023223876953125, 1490116119384765625, 7450580596923828125,
    ]
}
