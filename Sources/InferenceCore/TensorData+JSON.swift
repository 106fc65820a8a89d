public import JSON

extension TensorData {
    /// Decodes protocol JSON `data` — a flat row-major array or nested arrays — straight into typed
    /// storage for `datatype`, checking it against `shape`.
    ///
    /// Fails with a 400 ``InferenceError`` whose message starts with `subject` (e.g. `input 'x'`) when the
    /// data is not an array, nested arrays are ragged or their dimensions differ from `shape`, the element
    /// count differs from the product of `shape`, an element has the wrong JSON type, is not an integer
    /// for an integer type, or is out of range for `datatype` (e.g. 300 for UINT8, 1e39 for FP32).
    public static func decode(json: JSONValue, datatype: TensorDataType, shape: [Int], subject: String) throws(InferenceError) -> TensorData {
        guard case .array = json else {
            throw .badRequest("\(subject): data must be an array, got \(json.typeName)")
        }
        var dims: [Int] = []
        var probe = json
        while case .array(let elements) = probe {
            dims.append(elements.count)
            guard let first = elements.first else { break }
            probe = first
        }
        guard let expected = InferTensor.elementCount(of: shape) else {
            throw .badRequest("\(subject): shape \(describe(shape: shape)) is invalid")
        }
        if dims.count > 1, dims != shape {
            throw .badRequest("\(subject): nested data has dimensions \(describe(shape: dims)) but shape is \(describe(shape: shape))")
        }
        let actual = dims.reduce(1, *)
        var walker = LeafWalker(dims: dims, subject: subject, datatype: datatype)
        switch datatype {
        case .bool:
            var out: [Bool] = []
            out.reserveCapacity(actual)
            try walker.walk(json) { (v, i) throws(InferenceError) in
                guard case .bool(let b) = v else { throw LeafWalker.typeError(v, i, expected: "a boolean", subject: subject, datatype: datatype) }
                out.append(b)
            }
            try check(out.count, expected, shape, subject)
            return .bool(out)
        case .uint8: return .uint8(try integers(json, &walker, expected, shape, subject))
        case .uint16: return .uint16(try integers(json, &walker, expected, shape, subject))
        case .uint32: return .uint32(try integers(json, &walker, expected, shape, subject))
        case .uint64: return .uint64(try integers(json, &walker, expected, shape, subject))
        case .int8: return .int8(try integers(json, &walker, expected, shape, subject))
        case .int16: return .int16(try integers(json, &walker, expected, shape, subject))
        case .int32: return .int32(try integers(json, &walker, expected, shape, subject))
        case .int64: return .int64(try integers(json, &walker, expected, shape, subject))
        case .fp16:
            let floats = try self.floats(json, &walker, expected, shape, subject, limit: 65504)
            return .fp16(floats.map { Float16Bits.fromFloat(Float($0)) })
        case .fp32:
            let floats = try self.floats(json, &walker, expected, shape, subject, limit: Double(Float.greatestFiniteMagnitude))
            return .fp32(floats.map { Float($0) })
        case .fp64: return .fp64(try floats(json, &walker, expected, shape, subject, limit: .infinity))
        case .bytes:
            var out: [[UInt8]] = []
            out.reserveCapacity(actual)
            try walker.walk(json) { (v, i) throws(InferenceError) in
                guard case .string(let s) = v else { throw LeafWalker.typeError(v, i, expected: "a string", subject: subject, datatype: datatype) }
                out.append(Array(s.utf8))
            }
            try check(out.count, expected, shape, subject)
            return .bytes(out)
        }
    }

    /// Fails with the 400 naming `shape`'s element count and the data's when they differ.
    static func check(_ count: Int, _ expected: Int, _ shape: [Int], _ subject: String) throws(InferenceError) {
        if count != expected {
            throw .badRequest("\(subject): shape \(describe(shape: shape)) has \(expected) elements but data has \(count)")
        }
    }

    private static func integers<T: FixedWidthInteger>(
        _ json: JSONValue, _ walker: inout LeafWalker, _ expected: Int, _ shape: [Int], _ subject: String
    ) throws(InferenceError) -> [T] {
        var out: [T] = []
        out.reserveCapacity(expected)
        let datatype = walker.datatype
        try walker.walk(json) { (v, i) throws(InferenceError) in
            switch v {
            case .int(let n):
                guard let value = T(exactly: n) else {
                    throw .badRequest("\(subject): element \(i) (\(n)) is out of range for \(datatype.rawValue)")
                }
                out.append(value)
            case .double(let d):
                guard d.rounded() == d, d.isFinite else {
                    throw .badRequest("\(subject): element \(i) (\(d)) is not an integer, expected one for \(datatype.rawValue)")
                }
                guard let value = T(exactly: d) else {
                    throw .badRequest("\(subject): element \(i) (\(d)) is out of range for \(datatype.rawValue)")
                }
                out.append(value)
            default:
                throw LeafWalker.typeError(v, i, expected: "an integer", subject: subject, datatype: datatype)
            }
        }
        try check(out.count, expected, shape, subject)
        return out
    }

    private static func floats(
        _ json: JSONValue, _ walker: inout LeafWalker, _ expected: Int, _ shape: [Int], _ subject: String, limit: Double
    ) throws(InferenceError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(expected)
        let datatype = walker.datatype
        try walker.walk(json) { (v, i) throws(InferenceError) in
            guard let d = v.doubleValue else {
                throw LeafWalker.typeError(v, i, expected: "a number", subject: subject, datatype: datatype)
            }
            if abs(d) > limit {
                throw .badRequest("\(subject): element \(i) (\(d)) is out of range for \(datatype.rawValue)")
            }
            out.append(d)
        }
        try check(out.count, expected, shape, subject)
        return out
    }
}

extension TensorData {
    /// Reads a flat JSON array of numbers from `reader` straight into typed storage for `datatype`,
    /// without a ``JSONValue`` per element: the path of every well-formed numeric tensor. `capacity` is
    /// the element count expected (a hint). Returns nil, with the reader unmoved, when the value is not
    /// a flat array of numbers that all fit `datatype` exactly (nested data, a string, an integer type
    /// given 2.0 or 300 for UINT8, BOOL and BYTES tensors); the caller then reads it as JSON and
    /// ``decode(json:datatype:shape:subject:)`` accepts it or names what is wrong.
    static func readFlat(_ reader: inout JSONReader, datatype: TensorDataType, capacity: Int) -> TensorData? {
        switch datatype {
        case .fp32: return floats(&reader, capacity, limit: Double(Float.greatestFiniteMagnitude)) { Float($0) }.map(TensorData.fp32)
        case .fp64: return floats(&reader, capacity, limit: .infinity) { $0 }.map(TensorData.fp64)
        case .fp16: return floats(&reader, capacity, limit: 65504) { Float16Bits.fromFloat(Float($0)) }.map(TensorData.fp16)
        case .uint8: return integers(&reader, capacity).map(TensorData.uint8)
        case .uint16: return integers(&reader, capacity).map(TensorData.uint16)
        case .uint32: return integers(&reader, capacity).map(TensorData.uint32)
        case .uint64: return integers(&reader, capacity).map(TensorData.uint64)
        case .int8: return integers(&reader, capacity).map(TensorData.int8)
        case .int16: return integers(&reader, capacity).map(TensorData.int16)
        case .int32: return integers(&reader, capacity).map(TensorData.int32)
        case .int64: return integers(&reader, capacity).map(TensorData.int64)
        case .bool, .bytes: return nil
        }
    }

    private static func floats<T>(_ reader: inout JSONReader, _ capacity: Int, limit: Double, _ convert: (Double) -> T) -> [T]? {
        var out: [T] = []
        out.reserveCapacity(capacity)
        let read = reader.readNumbers { value in
            guard let d = value.doubleValue, abs(d) <= limit else { return false }
            out.append(convert(d))
            return true
        }
        return read ? out : nil
    }

    private static func integers<T: FixedWidthInteger>(_ reader: inout JSONReader, _ capacity: Int) -> [T]? {
        var out: [T] = []
        out.reserveCapacity(capacity)
        let read = reader.readNumbers { value in
            guard case .int(let n) = value, let element = T(exactly: n) else { return false }
            out.append(element)
            return true
        }
        return read ? out : nil
    }
}

extension TensorData {
    /// Appends the elements as a flat JSON array to `out` (integers as integers, floats in the JSON
    /// module's number format, BYTES as UTF-8 strings with invalid sequences replaced, a UINT64 above
    /// `Int64.max` as a double), element by element without building a ``JSONValue``.
    func writeJSON(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        func each<T>(_ elements: [T], _ write: (T, inout [UInt8]) -> Void) {
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, &out)
            }
        }
        func integer(_ value: some BinaryInteger, _ out: inout [UInt8]) { out.append(contentsOf: String(value).utf8) }
        func double(_ value: Double, _ out: inout [UInt8]) { out.append(contentsOf: JSONValue.format(value).utf8) }
        switch self {
        case .bool(let a): each(a) { value, out in out.append(contentsOf: (value ? "true" : "false").utf8) }
        case .uint8(let a): each(a, integer)
        case .uint16(let a): each(a, integer)
        case .uint32(let a): each(a, integer)
        case .uint64(let a): each(a) { value, out in
            if Int64(exactly: value) != nil { integer(value, &out) } else { double(Double(value), &out) }
        }
        case .int8(let a): each(a, integer)
        case .int16(let a): each(a, integer)
        case .int32(let a): each(a, integer)
        case .int64(let a): each(a, integer)
        case .fp16(let a): each(a) { value, out in double(Double(Float16Bits.toFloat(value)), &out) }
        case .fp32(let a): each(a) { value, out in double(Double(value), &out) }
        case .fp64(let a): each(a, double)
        case .bytes(let a): each(a) { value, out in JSONValue.writeString(String(decoding: value, as: UTF8.self), into: &out) }
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// Visits the leaves of rectangular nested arrays in row-major order, rejecting ragged nesting.
struct LeafWalker {
    let dims: [Int]
    let subject: String
    let datatype: TensorDataType
    private var index = 0

    init(dims: [Int], subject: String, datatype: TensorDataType) {
        self.dims = dims
        self.subject = subject
        self.datatype = datatype
    }

    mutating func walk(_ value: JSONValue, _ visit: (JSONValue, Int) throws(InferenceError) -> Void) throws(InferenceError) {
        index = 0
        var path: [Int] = []
        path.reserveCapacity(dims.count)
        try walk(value, level: 0, path: &path, visit)
    }

    /// `path` holds the indexes leading to `value` (for messages); it is restored before returning.
    private mutating func walk(
        _ value: JSONValue, level: Int, path: inout [Int], _ visit: (JSONValue, Int) throws(InferenceError) -> Void
    ) throws(InferenceError) {
        if level == dims.count {
            if case .array = value {
                throw .badRequest("\(subject): nested data is ragged: \(location(path)) is an array where a value was expected")
            }
            try visit(value, index)
            index += 1
            return
        }
        guard case .array(let elements) = value else {
            throw .badRequest("\(subject): nested data is ragged: \(location(path)) is \(value.typeName) where an array of \(dims[level]) was expected")
        }
        guard elements.count == dims[level] else {
            throw .badRequest("\(subject): nested data is ragged: \(location(path)) has \(elements.count) elements, expected \(dims[level])")
        }
        if level + 1 == dims.count {  // the innermost arrays: visit their leaves in a plain loop
            for (i, element) in elements.enumerated() {
                if case .array = element {
                    path.append(i)
                    throw .badRequest("\(subject): nested data is ragged: \(location(path)) is an array where a value was expected")
                }
                try visit(element, index)
                index += 1
            }
            return
        }
        for (i, element) in elements.enumerated() {
            path.append(i)
            try walk(element, level: level + 1, path: &path, visit)
            path.removeLast()
        }
    }

    private func location(_ path: [Int]) -> String {
        path.isEmpty ? "data" : "data" + path.map { "[\($0)]" }.joined()
    }

    static func typeError(_ value: JSONValue, _ index: Int, expected: String, subject: String, datatype: TensorDataType) -> InferenceError {
        .badRequest("\(subject): element \(index) is \(value.typeName), expected \(expected) for \(datatype.rawValue)")
    }
}
