/// IEEE 754 binary16 conversions on raw bit patterns, so that FP16 tensors need no `Float16` type
/// (unavailable on some platforms). Rounding is round-to-nearest-even; NaN payloads are kept quiet.
public enum Float16Bits {
    /// The binary16 value with bit pattern `bits`, exactly, as a `Float`.
    public static func toFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x03FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13) | (mantissa == 0 ? 0 : 0x0040_0000))
        }
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    /// The binary16 bit pattern nearest to `value`; values beyond ±65504 (after rounding) become ±infinity.
    public static func fromFloat(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if value.isNaN { return sign | 0x7E00 }
        if value.isInfinite { return sign | 0x7C00 }
        let exponent = Int((bits >> 23) & 0xFF) - 127
        var mantissa = bits & 0x007F_FFFF
        if exponent > 15 { return sign | 0x7C00 }
        if exponent >= -14 {
            // Normal: keep 10 mantissa bits, round to nearest even on the 13 dropped bits.
            var half = UInt32(exponent + 15) << 10 | (mantissa >> 13)
            let rest = mantissa & 0x1FFF
            if rest > 0x1000 || (rest == 0x1000 && half & 1 == 1) { half += 1 }
            return sign | UInt16(half)  // a carry into the exponent is the correct rounding (up to infinity)
        }
        if exponent < -25 { return sign }
        // Subnormal: value = m * 2^-24 with the implicit bit made explicit.
        mantissa |= 0x0080_0000
        let shift = UInt32(-exponent - 14 + 13)
        var half = mantissa >> shift
        let rest = mantissa & ((1 << shift) - 1)
        let midpoint: UInt32 = 1 << (shift - 1)
        if rest > midpoint || (rest == midpoint && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }
}
