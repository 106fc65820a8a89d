/// An IEEE 754 half-precision value stored as its 16 bits, for `float16` tensors on every platform.
///
/// Conversion from `Float` rounds to nearest, ties to even; values beyond the half range become
/// infinity, NaN stays NaN (quiet), and conversion back to `Float` is exact.
public struct ORTFloat16: Sendable, Hashable, CustomStringConvertible {
    /// The IEEE 754 binary16 bit pattern.
    public var bitPattern: UInt16

    /// Wraps an existing bit pattern.
    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds `value` to the nearest half-precision value (ties to even).
    public init(_ value: Float) {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {  // infinity or NaN
            bitPattern = sign | 0x7C00 | (mantissa != 0 ? 0x0200 | UInt16(mantissa >> 13) : 0)
            return
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F {  // overflow
            bitPattern = sign | 0x7C00
            return
        }
        if halfExponent <= 0 {  // subnormal half or zero
            if halfExponent < -10 {
                bitPattern = sign
                return
            }
            let full = mantissa | 0x80_0000
            let shift = UInt32(14 - halfExponent)
            var half = full >> shift
            let remainder = full & ((1 << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            if remainder > halfway || (remainder == halfway && (half & 1) == 1) { half += 1 }
            bitPattern = sign | UInt16(half)
            return
        }
        var half = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1) {
            half += 1  // may carry into the exponent, which correctly rounds up to infinity
        }
        bitPattern = sign | UInt16(half)
    }

    /// The exact `Float` value of this half.
    public var floatValue: Float {
        let sign = UInt32(bitPattern & 0x8000) << 16
        let exponent = Int((bitPattern >> 10) & 0x1F)
        let mantissa = UInt32(bitPattern & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }

    /// The value printed as a `Float`.
    public var description: String { floatValue.description }
}
