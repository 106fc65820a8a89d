import JSON

/// CEL's binary operators on JSON values.
enum CELOperators {
    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .array: return "list"
        case .object: return "map"
        }
    }

    static func binary(_ op: CELExpr.BinaryOp, _ a: JSONValue, _ b: JSONValue) throws(CELError) -> JSONValue {
        switch op {
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less, .lessEqual, .greater, .greaterEqual: return .bool(try compare(op, a, b))
        case .in: return .bool(try contains(b, a))
        case .add, .subtract, .multiply, .divide, .modulo: return try arithmetic(op, a, b)
        }
    }

    /// `<`, `<=`, `>`, `>=` on ints, doubles (also int against double), strings (by code point), bools.
    private static func compare(_ op: CELExpr.BinaryOp, _ a: JSONValue, _ b: JSONValue) throws(CELError) -> Bool {
        let order: Int
        switch (a, b) {
        case (.int(let x), .int(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.doubleValue!, y = b.doubleValue!
            if x.isNaN || y.isNaN { return false }
            if case .int(let i) = a, case .double(let d) = b { order = compareIntDouble(i, d) }
            else if case .double(let d) = a, case .int(let i) = b { order = -compareIntDouble(i, d) }
            else { order = x < y ? -1 : (x == y ? 0 : 1) }
        case (.string(let x), .string(let y)):
            order = x == y ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        case (.bool(let x), .bool(let y)): order = x == y ? 0 : (!x ? -1 : 1)
        default: throw CELError.noSuchOverload
        }
        switch op {
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// Exact ordering of an int against a double (no rounding of large ints).
    private static func compareIntDouble(_ i: Int64, _ d: Double) -> Int {
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let truncated = d.rounded(.towardZero)
        let t = Int64(truncated)
        if i != t { return i < t ? -1 : 1 }
        let fraction = d - truncated
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }

    /// `element in container`: list membership by equality, map key presence.
    private static func contains(_ container: JSONValue, _ element: JSONValue) throws(CELError) -> Bool {
        switch container {
        case .array(let a): return a.contains(element)
        case .object(let o):
            guard case .string(let key) = element else { return false }
            return o[key] != nil
        default: throw CELError.noSuchOverload
        }
    }

    private static func arithmetic(_ op: CELExpr.BinaryOp, _ a: JSONValue, _ b: JSONValue) throws(CELError) -> JSONValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let result: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .divide:
                guard y != 0 else { throw CELError.evaluation("division by zero") }
                result = x.dividedReportingOverflow(by: y)
            default:
                guard y != 0 else { throw CELError.evaluation("modulus by zero") }
                result = x.remainderReportingOverflow(dividingBy: y)
            }
            guard !result.overflow else { throw CELError.integerOverflow }
            return .int(result.partialValue)
        case (.double(let x), .double(let y)):
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return .double(x / y)
            default: throw CELError.noSuchOverload
            }
        case (.string(let x), .string(let y)) where op == .add:
            return .string(x + y)
        case (.array(let x), .array(let y)) where op == .add:
            return .array(x + y)
        default:
            throw CELError.noSuchOverload
        }
    }
}
