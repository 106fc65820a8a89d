extension TensorData {
    /// Decodes the binary tensor data extension's little-endian encoding of `count` elements of
    /// `datatype` from `bytes` (exactly the tensor's bytes; BYTES elements are 4-byte little-endian
    /// length prefixes followed by the element).
    ///
    /// Fails with a 400 ``InferenceError`` naming `subject` when the size is not `count` × element size,
    /// a BYTES length prefix runs past the end, the number of BYTES elements differs from `count`, or a
    /// BOOL byte is neither 0 nor 1.
    public static func decode(binary bytes: ArraySlice<UInt8>, datatype: TensorDataType, count: Int, subject: String) throws(InferenceError) -> TensorData {
        guard let size = datatype.elementSize else {
            return .bytes(try decodeBytesElements(bytes, count: count, subject: subject))
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, needed == bytes.count else {
            throw .badRequest("\(subject): binary_data_size is \(bytes.count) bytes but \(count) \(datatype.rawValue) elements need \(overflow ? "more" : String(needed))")
        }
        let base = bytes.startIndex
        switch datatype {
        case .bool:
            var out: [Bool] = []
            out.reserveCapacity(count)
            for (i, byte) in bytes.enumerated() {
                guard byte <= 1 else { throw .badRequest("\(subject): element \(i) is byte \(byte), expected 0 or 1 for BOOL") }
                out.append(byte == 1)
            }
            return .bool(out)
        case .uint8: return .uint8(Array(bytes))
        case .int8: return .int8(bytes.map { Int8(bitPattern: $0) })
        case .uint16: return .uint16(readIntegers(bytes, base, count))
        case .uint32: return .uint32(readIntegers(bytes, base, count))
        case .uint64: return .uint64(readIntegers(bytes, base, count))
        case .int16: return .int16(readIntegers(bytes, base, count))
        case .int32: return .int32(readIntegers(bytes, base, count))
        case .int64: return .int64(readIntegers(bytes, base, count))
        case .fp16: return .fp16(readIntegers(bytes, base, count))
        case .fp32: return .fp32((readIntegers(bytes, base, count) as [UInt32]).map(Float.init(bitPattern:)))
        case .fp64: return .fp64((readIntegers(bytes, base, count) as [UInt64]).map(Double.init(bitPattern:)))
        case .bytes: return .bytes([])  // handled above
        }
    }

    private static func readIntegers<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _ base: Int, _ count: Int) -> [T] {
        let size = T.bitWidth / 8
        var out: [T] = []
        out.reserveCapacity(count)
        for element in 0..<count {
            var value = T.zero
            let start = base + element * size
            for k in 0..<size { value |= T(truncatingIfNeeded: bytes[start + k]) << (8 * k) }
            out.append(value)
        }
        return out
    }

    private static func decodeBytesElements(_ bytes: ArraySlice<UInt8>, count: Int, subject: String) throws(InferenceError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var cursor = bytes.startIndex
        while cursor < bytes.endIndex {
            guard bytes.endIndex - cursor >= 4 else {
                throw .badRequest("\(subject): BYTES element \(out.count) has a truncated 4-byte length prefix")
            }
            var length = 0
            for k in 0..<4 { length |= Int(bytes[cursor + k]) << (8 * k) }
            cursor += 4
            guard bytes.endIndex - cursor >= length else {
                throw .badRequest("\(subject): BYTES element \(out.count) declares \(length) bytes but only \(bytes.endIndex - cursor) remain")
            }
            out.append(Array(bytes[cursor..<(cursor + length)]))
            cursor += length
            if out.count > count { break }
        }
        guard out.count == count else {
            throw .badRequest("\(subject): binary data holds \(out.count) BYTES elements but the shape needs \(count)")
        }
        return out
    }

    /// Appends the little-endian binary encoding of the elements to `out` (the inverse of
    /// ``decode(binary:datatype:count:subject:)``).
    public func appendBinary(to out: inout [UInt8]) {
        switch self {
        case .bool(let a): out.append(contentsOf: a.map { $0 ? 1 : 0 })
        case .uint8(let a): out.append(contentsOf: a)
        case .int8(let a): out.append(contentsOf: a.map { UInt8(bitPattern: $0) })
        case .uint16(let a), .fp16(let a): Self.write(a, &out)
        case .uint32(let a): Self.write(a, &out)
        case .uint64(let a): Self.write(a, &out)
        case .int16(let a): Self.write(a, &out)
        case .int32(let a): Self.write(a, &out)
        case .int64(let a): Self.write(a, &out)
        case .fp32(let a): Self.write(a.map(\.bitPattern), &out)
        case .fp64(let a): Self.write(a.map(\.bitPattern), &out)
        case .bytes(let a):
            for element in a {
                Self.write([UInt32(truncatingIfNeeded: element.count)], &out)
                out.append(contentsOf: element)
            }
        }
    }

    /// The size in bytes of the binary encoding.
    public var binaryByteCount: Int {
        if case .bytes(let a) = self { return a.reduce(0) { $0 + 4 + $1.count } }
        return count * (datatype.elementSize ?? 0)
    }

    private static func write<T: FixedWidthInteger>(_ values: [T], _ out: inout [UInt8]) {
        let size = T.bitWidth / 8
        out.reserveCapacity(out.count + values.count * size)
        for value in values {
            for k in 0..<size { out.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
        }
    }
}
