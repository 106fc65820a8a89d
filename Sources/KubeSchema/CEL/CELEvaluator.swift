import JSON

/// A tree-walking interpreter for `CELExpr` over JSON values, with cel-go's runtime semantics and
/// error messages for the subset.
struct CELEvaluator {
    var bindings: [String: JSONValue]
    let optionalOldSelf: Bool

    func eval(_ e: CELExpr) throws(CELError) -> JSONValue {
        switch e {
        case .literal(let v):
            return v
        case .ident(let name):
            // With optionalOldSelf, oldSelf is an optional: only its hasValue/value/orValue methods apply.
            if name == "oldSelf" && optionalOldSelf { throw CELError.noSuchOverload }
            guard let v = bindings[name] else { throw CELError.evaluation("no such attribute: \(name)") }
            return v
        case .select(let operand, let field):
            let object = try eval(operand)
            guard case .object(let o) = object else { throw CELError.noSuchOverload }
            guard let v = CELEvaluator.member(o, field) else { throw CELError.evaluation("no such key: \(CELEvaluator.unescape(field))") }
            return v
        case .has(let operand, let field):
            let object = try eval(operand)
            guard case .object(let o) = object else { throw CELError.noSuchOverload }
            return .bool(CELEvaluator.member(o, field) != nil)
        case .index(let operand, let index):
            return try CELEvaluator.index(try eval(operand), try eval(index))
        case .call(let name, let target, let args):
            return try call(name, target: target, args: args)
        case .list(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try eval(item)) }
            return .array(out)
        case .map(let keys, let values):
            var out = JSONObject()
            for (k, v) in zip(keys, values) {
                guard case .string(let key) = try eval(k) else { throw CELError.evaluation("unsupported map key type") }
                guard out[key] == nil else { throw CELError.evaluation("Failed with repeated key") }
                out[key] = try eval(v)
            }
            return .object(out)
        case .not(let operand):
            guard case .bool(let b) = try eval(operand) else { throw CELError.noSuchOverload }
            return .bool(!b)
        case .negate(let operand):
            switch try eval(operand) {
            case .int(let i):
                guard i != Int64.min else { throw CELError.integerOverflow }
                return .int(-i)
            case .double(let d): return .double(-d)
            default: throw CELError.noSuchOverload
            }
        case .binary(let op, let a, let b):
            return try CELOperators.binary(op, try eval(a), try eval(b))
        case .and(let a, let b):
            return try logical(a, b, absorbing: false)
        case .or(let a, let b):
            return try logical(a, b, absorbing: true)
        case .conditional(let condition, let whenTrue, let whenFalse):
            guard case .bool(let c) = try eval(condition) else { throw CELError.noSuchOverload }
            return try eval(c ? whenTrue : whenFalse)
        case .comprehension(let macro, let range, let variable, let body):
            return try comprehension(macro, range: try eval(range), variable: variable, body: body)
        }
    }

    /// `&&` (absorbing false) and `||` (absorbing true): the absorbing value wins over an error on either
    /// side; otherwise the first error is thrown; non-bools are "no such overload".
    private func logical(_ a: CELExpr, _ b: CELExpr, absorbing: Bool) throws(CELError) -> JSONValue {
        func side(_ e: CELExpr) -> Result<Bool, CELError> {
            do {
                guard case .bool(let v) = try eval(e) else { return .failure(.noSuchOverload) }
                return .success(v)
            } catch { return .failure(error) }
        }
        let left = side(a)
        if case .success(absorbing) = left { return .bool(absorbing) }
        let right = side(b)
        if case .success(absorbing) = right { return .bool(absorbing) }
        if case .failure(let e) = left { throw e }
        if case .failure(let e) = right { throw e }
        return .bool(!absorbing)
    }

    private func comprehension(_ macro: CELExpr.Macro, range: JSONValue, variable: String, body: CELExpr) throws(CELError) -> JSONValue {
        let elements: [JSONValue]
        switch range {
        case .array(let a): elements = a
        case .object(let o): elements = o.keys.map { .string($0) }
        default: throw CELError.noSuchOverload
        }
        var scoped = self
        var firstError: CELError?
        var count = 0
        for element in elements {
            scoped.bindings[variable] = element
            let value: JSONValue
            do { value = try scoped.eval(body) } catch {
                if macro == .existsOne { throw error }
                firstError = firstError ?? error
                continue
            }
            guard case .bool(let b) = value else {
                if macro == .existsOne { throw CELError.noSuchOverload }
                firstError = firstError ?? .noSuchOverload
                continue
            }
            switch macro {
            case .all: if !b { return .bool(false) }
            case .exists: if b { return .bool(true) }
            case .existsOne: if b { count += 1 }
            }
        }
        if let firstError { throw firstError }
        switch macro {
        case .all: return .bool(true)
        case .exists: return .bool(false)
        case .existsOne: return .bool(count == 1)
        }
    }

    private func call(_ name: String, target: CELExpr?, args: [CELExpr]) throws(CELError) -> JSONValue {
        if let target, case .ident("oldSelf") = target, CELParser.optionalFunctions[name] != nil {
            guard optionalOldSelf else { throw CELError.noSuchOverload }
            let old = bindings["oldSelf"]
            switch name {
            case "hasValue": return .bool(old != nil)
            case "value":
                guard let old else { throw CELError.evaluation("optional.none() dereference") }
                return old
            default:
                if let old { return old }
                return try eval(args[0])
            }
        }
        var values: [JSONValue] = []
        if let target { values.append(try eval(target)) }
        for arg in args { values.append(try eval(arg)) }
        switch (name, values.count) {
        case ("size", 1):
            switch values[0] {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .array(let a): return .int(Int64(a.count))
            case .object(let o): return .int(Int64(o.count))
            default: throw CELError.noSuchOverload
            }
        case ("startsWith", 2), ("endsWith", 2), ("contains", 2), ("matches", 2):
            guard case .string(let s) = values[0], case .string(let arg) = values[1] else { throw CELError.noSuchOverload }
            switch name {
            case "startsWith": return .bool(s.unicodeScalars.starts(with: arg.unicodeScalars))
            case "endsWith": return .bool(s.unicodeScalars.reversed().starts(with: arg.unicodeScalars.reversed()))
            case "contains": return .bool(arg.isEmpty || s.contains(arg))
            default:
                do { return .bool(try GoRegex(arg).matches(s)) } catch {
                    throw CELError.evaluation("invalid regular expression: \(error.message)")
                }
            }
        default:
            throw CELError.noSuchOverload
        }
    }

    // MARK: - Access

    /// The member `field` of an object; a Kubernetes-escaped CEL name (`x__dash__y`) also finds `x-y`.
    static func member(_ object: JSONObject, _ field: String) -> JSONValue? {
        if let v = object[field] { return v }
        let unescaped = unescape(field)
        return unescaped == field ? nil : object[unescaped]
    }

    private static let reserved: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// Kubernetes' CEL property-name escaping reversed: `__underscores__` → `__`, `__dot__` → `.`,
    /// `__dash__` → `-`, `__slash__` → `/`, `__<keyword>__` → `<keyword>`.
    static func unescape(_ name: String) -> String {
        guard name.contains("__") else { return name }
        if name.hasPrefix("__"), name.hasSuffix("__"), name.count > 4 {
            let inner = String(name.dropFirst(2).dropLast(2))
            if reserved.contains(inner) { return inner }
        }
        var out = ""
        var rest = Substring(name)
        let escapes = [("__underscores__", "__"), ("__dot__", "."), ("__dash__", "-"), ("__slash__", "/")]
        outer: while !rest.isEmpty {
            for (escaped, plain) in escapes where rest.hasPrefix(escaped) {
                out += plain
                rest = rest.dropFirst(escaped.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return out
    }

    static func index(_ container: JSONValue, _ index: JSONValue) throws(CELError) -> JSONValue {
        switch container {
        case .array(let a):
            let i: Int64
            switch index {
            case .int(let v): i = v
            case .double(let d):
                guard let v = Int64(exactly: d) else { throw CELError.evaluation("unsupported index value \(GoFormat.vFloat(d)) in list") }
                i = v
            default:
                throw CELError.evaluation("unsupported index type '\(CELOperators.typeName(index))' in list")
            }
            guard i >= 0, i < Int64(a.count) else { throw CELError.evaluation("index '\(i)' out of range in list size '\(a.count)'") }
            return a[Int(i)]
        case .object(let o):
            guard case .string(let key) = index, let v = o[key] else {
                throw CELError.evaluation("no such key: \(index.stringValue ?? GoFormat.json(index))")
            }
            return v
        default:
            throw CELError.noSuchOverload
        }
    }
}
