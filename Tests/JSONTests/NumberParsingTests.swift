@testable import JSON
import SeededRandom
import Testing

/// Numbers valued by `DecimalDigits` (Clinger's fast path, then Eisel-Lemire) must equal what glibc's
/// correctly rounded `strtod` gives through `Double(text)`, bit for bit, including where the fast paths
/// decline and the parser falls back to `Double(text)` itself.
@Suite struct NumberParsingTests {
    /// `count` texts made by `make` from their index and one generator seeded with `seed`.
    private static func texts(seed: UInt64, count: Int, _ make: (Int, inout SeededGenerator) -> String) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { make($0, &generator) }
    }

    @Test func shortestReprOfRandomDoublesMatchesStrtod() throws {
        try expectParsedLikeStrtod(Self.texts(seed: 41, count: 100_000) { _, generator in
            // Magnitudes about 1e-70...1e70 (binary exponents -232...232), all fraction bits random.
            let biased = UInt64(Int.random(in: 1023 - 232...1023 + 232, using: &generator))
            let bits = biased << 52 | UInt64.random(in: 0..<1 << 52, using: &generator)
            return "\(Double(bitPattern: Bool.random(using: &generator) ? bits | 1 << 63 : bits))"
        })
    }

    @Test func randomDigitStringsMatchStrtod() throws {
        try expectParsedLikeStrtod(Self.texts(seed: 42, count: 80_000) { index, generator in
            // Mostly 17 digits (what `repr` of a double prints), some 15...19; exponents -70...70.
            let count = index % 4 == 0 ? Int.random(in: 15...19, using: &generator) : 17
            let low = DecimalDigits.exactPowersOfFive[count - 1] << (count - 1)  // 10^(count - 1)
            var digits = String(UInt64.random(in: low..<low * 10, using: &generator))
            let exponent = Int.random(in: -70...70, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            guard index % 2 == 0 else { return "\(sign)0.\(digits)" }
            digits.insert(".", at: digits.index(after: digits.startIndex))
            return "\(sign)\(digits)e\(exponent)"
        })
    }

    /// What numpy `tolist()` + `json.dumps` and tritonclient send for FP32 tensors: each float32
    /// widened to a double and printed shortest, usually 16-17 significant digits.
    @Test func float32ValuesPrintedAsDoublesMatchStrtod() throws {
        try expectParsedLikeStrtod(Self.texts(seed: 43, count: 60_000) { index, generator in
            guard index % 2 == 1 else { return "\(Double(Float.random(in: -1...1, using: &generator)))" }
            // Any finite float32 from about 1e-38 upwards.
            let bits = UInt32.random(in: 1 << 23..<0xFF << 23, using: &generator)
            return "\(Double(Float(bitPattern: Bool.random(using: &generator) ? bits | 1 << 31 : bits)))"
        })
    }

    @Test func hardCasesMatchStrtod() throws {
        var texts = [
            "9007199254740993.0", "9007199254740993e0", "9007199254740995e0", "2.2250738585072014e-308",
            "1.7976931348623157e308", "5e-324", "4.9406564584124654e-324", "0.1", "0.3", "1e23", "8.98846567431158e307",
            "0.13436424411240122", "0.10000000149011612", "1.0000000000000002", "0.9999999999999999",
            "1234567890123456789e-10", "9999999999999999999e-64", "1000000000000000000e64", "1e-64", "1e64",
            "1e-65", "1e65", "1.8446744073709551615e19", "0.1000000000000000055511151231257827021181583404541015625",
            "0.30000000000000001665334536938", "123456789012345678901234567890e-20", "0.000000000000000000000000000000001",
            "7.2057594037927933e16", "2.9802322387695312e-8", "1.00000005960464477539062499", "1.000000059604644775390625",
            "1.00000005960464477539062501", "4.4501477170144023e-308", "1e-70", "1e70", "6.02214076e23", "1.602176634e-19",
        ]
        var generator = SeededGenerator(seed: 44)
        // Exact ties between adjacent doubles, (2m + 1) × 2^s with at most 19 digits: s in -4...9.
        for _ in 0..<2_000 {
            let m = UInt64.random(in: 1 << 52..<1 << 53, using: &generator)
            let s = Int.random(in: -4...9, using: &generator)
            let (digits, exponent) = exactDecimal(odd: 2 * m + 1, binaryExponent: s)
            if digits.count <= 19 { texts.append("\(digits)e\(exponent)") }
        }
        // Decimals within 10^-19 (relative) of a tie, on both sides, across the table's exponents.
        for _ in 0..<2_000 {
            let m = UInt64.random(in: 1 << 52..<1 << 53, using: &generator)
            let s = Int.random(in: -286...180, using: &generator)
            let (digits, exponent) = exactDecimal(odd: 2 * m + 1, binaryExponent: s)
            for kept in [17, 19] where digits.count > kept {
                guard let below = UInt64(digits.prefix(kept)) else { continue }
                let scale = exponent + digits.count - kept
                texts += ["\(below)e\(scale)", "\(below + 1)e\(scale)"]
            }
        }
        // Exactly 19 digits, and 20 or more (truncated: always the general path).
        for index in 0..<4_000 {
            var digits = String(UInt64.random(in: 1_000_000_000_000_000_000...9_999_999_999_999_999_999, using: &generator))
            if index % 2 == 1 { digits += String(UInt64.random(in: 0..<100_000_000_000, using: &generator)) }
            texts.append("\(digits)e\(Int.random(in: -90...70, using: &generator))")
        }
        try expectParsedLikeStrtod(texts)
    }

    /// Typical float32 text, 17 digits above 2^53, is valued without `strtod`: `exactValue` (the
    /// parser's fast paths) answers for it.
    @Test func float32TextTakesTheFastPath() throws {
        #expect(fastValue("0.13436424411240122") == 0.13436424411240122)
        #expect(fastValue("0.10000000149011612") == 0.10000000149011612)
        #expect(fastValue("-3.4028234663852886e38") == -3.4028234663852886e38)
        #expect(DecimalDigits.eiselLemire(mantissa: 13_436_424_411_240_122, exponent: -17, negative: false) == 0.13436424411240122)
        // Outside the table, and beyond 19 digits, there is no fast path.
        #expect(fastValue("1.2345678901234567e-300") == nil)
        #expect(fastValue("0.13436424411240122000001") == nil)

        var generator = SeededGenerator(seed: 45)
        let count = 20_000
        var fast = 0
        for _ in 0..<count {
            let text = "\(Double(Float.random(in: -1...1, using: &generator)))"
            if let value = fastValue(text) {
                fast += 1
                #expect(value.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
        #expect(fast >= count * 999 / 1000, "\(fast) of \(count) float32 texts avoided strtod")
    }

    /// Eisel-Lemire answers only what its truncated products decide; the rest goes to `strtod`.
    @Test func eiselLemireDeclinesWhatItCannotDecide() {
        // 2^53 + 1 is a tie whose even neighbour is below: declined. 2^53 + 3 ties up to the even 2^53 + 4.
        #expect(DecimalDigits.eiselLemire(mantissa: 9_007_199_254_740_993, exponent: 0, negative: false) == nil)
        #expect(DecimalDigits.eiselLemire(mantissa: 9_007_199_254_740_995, exponent: 0, negative: false) == 9_007_199_254_740_996)
        #expect(DecimalDigits.eiselLemire(mantissa: 1, exponent: 65, negative: false) == nil)
        #expect(DecimalDigits.eiselLemire(mantissa: 1, exponent: -65, negative: false) == nil)
        #expect(DecimalDigits.eiselLemire(mantissa: 0, exponent: 3, negative: true)?.bitPattern == (-0.0).bitPattern)
        // An exact binary fraction (38377 × 2^-17) the truncated table leaves undecided; dyadicValue values it.
        #expect(DecimalDigits.eiselLemire(mantissa: 29_279_327_392_578_125, exponent: -17, negative: false) == nil)
        #expect(DecimalDigits.dyadicValue(mantissa: 29_279_327_392_578_125, exponent: -17, negative: true) == -0.29279327392578125)
        #expect(DecimalDigits.dyadicValue(mantissa: 29_279_327_392_578_126, exponent: -17, negative: false) == nil)
    }

    // MARK: Helpers

    /// Parses all `texts` as one JSON array and expects each element to be the double `Double(text)`
    /// gives, bit for bit.
    private func expectParsedLikeStrtod(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parsed = try JSONValue.parse("[" + texts.joined(separator: ",") + "]")
        let values = try #require(parsed.arrayValue, sourceLocation: sourceLocation)
        try #require(values.count == texts.count, sourceLocation: sourceLocation)
        var mismatches = 0
        for (text, value) in zip(texts, values) {
            let want = try #require(Double(text), sourceLocation: sourceLocation)
            if case .double(let got) = value, got.bitPattern == want.bitPattern { continue }
            mismatches += 1
            if mismatches <= 10 { Issue.record("\(text) parsed as \(value), strtod gives \(want)", sourceLocation: sourceLocation) }
        }
        #expect(mismatches == 0, "\(mismatches) of \(texts.count) differ from strtod", sourceLocation: sourceLocation)
    }

    /// What `DecimalDigits.exactValue` gives for a JSON number (accumulated as `JSONParser.parseNumber`
    /// does): the double when a fast path values it, nil when the parser would call `strtod`.
    private func fastValue(_ text: String) -> Double? {
        var digits = DecimalDigits()
        var negative = false, inFraction = false, isInteger = true
        var bytes = Substring(text).utf8[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): inFraction = true; isInteger = false
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                isInteger = false
                digits.exponent += Int(String(decoding: bytes, as: UTF8.self)) ?? 0
                bytes = bytes[bytes.endIndex...]
            default:
                if byte == UInt8(ascii: "0"), digits.mantissa == 0, !inFraction { continue }
                digits.append(byte)
                if inFraction { digits.exponent -= 1 }
            }
        }
        guard case .double(let value)? = digits.exactValue(negative: negative, isInteger: isInteger) else { return nil }
        return value
    }

    /// The exact decimal of `odd × 2^binaryExponent`: its digits and the power of ten they are scaled by.
    private func exactDecimal(odd: UInt64, binaryExponent: Int) -> (digits: String, exponent: Int) {
        // odd × 2^s for s >= 0; odd × 5^-s × 10^s otherwise. Powers are applied 13 at a time (5^13 < 2^32).
        var number = LimbNumber(odd)
        let (base, chunk): (UInt32, UInt32) = binaryExponent >= 0 ? (2, 1 << 13) : (5, 1_220_703_125)
        for _ in 0..<abs(binaryExponent) / 13 { number.multiply(by: chunk) }
        for _ in 0..<abs(binaryExponent) % 13 { number.multiply(by: base) }
        return (number.decimalDigits, min(binaryExponent, 0))
    }
}

/// A nonnegative integer of any size, in base-2^32 limbs (least significant first), for the exact
/// decimals of hard cases.
private struct LimbNumber {
    var limbs: [UInt32]

    init(_ value: UInt64) { limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)] }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// The decimal digits, without leading zeros.
    var decimalDigits: String {
        var remaining = limbs
        var chunks: [UInt32] = []  // base 10^9, least significant first
        while remaining.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let dividend = remainder << 32 | UInt64(remaining[index])
                remaining[index] = UInt32(dividend / 1_000_000_000)
                remainder = dividend % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
        }
        guard let first = chunks.popLast() else { return "0" }
        return chunks.reversed().reduce(String(first)) { text, chunk in
            let part = String(chunk)
            return text + String(repeating: "0", count: 9 - part.count) + part
        }
    }
}
