import JSON

/// A recursive-descent parser for CEL's grammar, producing `CELExpr`; then `check` resolves names and
/// rejects what the subset does not implement.
struct CELParser {
    private let tokens: [CELToken]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 100

    /// Member functions of the subset, with their argument counts.
    static let memberFunctions: [String: Int] = ["size": 0, "startsWith": 1, "endsWith": 1, "contains": 1, "matches": 1]
    /// Global functions of the subset (besides the `has` macro), with their argument counts.
    static let globalFunctions: [String: Int] = ["size": 1, "matches": 2]
    /// Methods of `oldSelf` when the rule sets `optionalOldSelf`.
    static let optionalFunctions: [String: Int] = ["hasValue": 0, "value": 0, "orValue": 1]

    static func parse(_ source: String) throws(CELError) -> CELExpr {
        var parser = CELParser(tokens: try CELLexer.tokenize(source))
        let expr = try parser.expression()
        guard case .eof = parser.current.kind else { throw parser.unexpected() }
        return expr
    }

    private init(tokens: [CELToken]) {
        self.tokens = tokens
    }

    private var current: CELToken { tokens[position] }

    private func isOp(_ op: String) -> Bool {
        if case .op(let o) = current.kind { return o == op }
        return false
    }

    private mutating func accept(_ op: String) -> Bool {
        guard isOp(op) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ op: String) throws(CELError) {
        guard accept(op) else { throw CELError.syntax("expected '\(op)' at column \(current.offset + 1)") }
    }

    private func unexpected() -> CELError {
        switch current.kind {
        case .eof: return .syntax("unexpected end of input at column \(current.offset + 1)")
        case .op(let o): return .syntax("unexpected '\(o)' at column \(current.offset + 1)")
        case .ident(let n): return .syntax("unexpected '\(n)' at column \(current.offset + 1)")
        default: return .syntax("unexpected literal at column \(current.offset + 1)")
        }
    }

    // MARK: - Grammar

    private mutating func expression() throws(CELError) -> CELExpr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= CELParser.maxDepth else { throw CELError.syntax("expression nested too deeply") }
        let condition = try conditionalOr()
        if isOp("?") {
            position += 1
            let whenTrue = try conditionalOr()
            try expect(":")
            let whenFalse = try expression()
            return .conditional(condition, whenTrue, whenFalse)
        }
        return condition
    }

    private mutating func conditionalOr() throws(CELError) -> CELExpr {
        var left = try conditionalAnd()
        while accept("||") { left = .or(left, try conditionalAnd()) }
        return left
    }

    private mutating func conditionalAnd() throws(CELError) -> CELExpr {
        var left = try relation()
        while accept("&&") { left = .and(left, try relation()) }
        return left
    }

    private mutating func relation() throws(CELError) -> CELExpr {
        var left = try addition()
        while true {
            let op: CELExpr.BinaryOp
            switch current.kind {
            case .op("<"): op = .less
            case .op("<="): op = .lessEqual
            case .op(">"): op = .greater
            case .op(">="): op = .greaterEqual
            case .op("=="): op = .equal
            case .op("!="): op = .notEqual
            case .ident("in"): op = .in
            default: return left
            }
            position += 1
            left = .binary(op, left, try addition())
        }
    }

    private mutating func addition() throws(CELError) -> CELExpr {
        var left = try multiplication()
        while true {
            if accept("+") {
                left = .binary(.add, left, try multiplication())
            } else if accept("-") {
                left = .binary(.subtract, left, try multiplication())
            } else {
                return left
            }
        }
    }

    private mutating func multiplication() throws(CELError) -> CELExpr {
        var left = try unary()
        while true {
            if accept("*") {
                left = .binary(.multiply, left, try unary())
            } else if accept("/") {
                left = .binary(.divide, left, try unary())
            } else if accept("%") {
                left = .binary(.modulo, left, try unary())
            } else {
                return left
            }
        }
    }

    private mutating func unary() throws(CELError) -> CELExpr {
        if accept("!") { return .not(try unary()) }
        if accept("-") {
            // -9223372036854775808 is only expressible as a negated literal.
            if case .int(let magnitude) = current.kind, magnitude == UInt64(Int64.max) + 1 {
                position += 1
                return try memberSuffixes(.literal(.int(Int64.min)))
            }
            return .negate(try unary())
        }
        return try member()
    }

    private mutating func member() throws(CELError) -> CELExpr {
        try memberSuffixes(try primary())
    }

    private mutating func memberSuffixes(_ start: CELExpr) throws(CELError) -> CELExpr {
        var expr = start
        while true {
            if accept(".") {
                guard case .ident(let name) = current.kind else { throw unexpected() }
                position += 1
                if accept("(") {
                    let args = try expressionList(closing: ")")
                    expr = try memberCall(name, target: expr, args: args)
                } else {
                    expr = .select(expr, name)
                }
            } else if accept("[") {
                let index = try expression()
                try expect("]")
                expr = .index(expr, index)
            } else if isOp(".?") || isOp("[?") {
                throw CELError.unsupported("optional syntax")
            } else {
                return expr
            }
        }
    }

    private func memberCall(_ name: String, target: CELExpr, args: [CELExpr]) throws(CELError) -> CELExpr {
        switch name {
        case "filter", "map", "transformList", "transformMap", "transformMapEntry", "sortBy", "optMap", "optFlatMap", "existsOne":
            throw CELError.unsupported("\(name)()")
        case "all", "exists", "exists_one":
            if args.count == 3 { throw CELError.unsupported("two-variable comprehensions") }
            guard args.count == 2, case .ident(let variable) = args[0] else {
                throw CELError.compile("\(name)() macro requires an identifier and an expression")
            }
            return .comprehension(CELExpr.Macro(rawValue: name)!, range: target, variable: variable, body: args[1])
        default:
            return .call(name, target: target, args: args)
        }
    }

    private mutating func expressionList(closing: String) throws(CELError) -> [CELExpr] {
        var items: [CELExpr] = []
        if accept(closing) { return items }
        while true {
            items.append(try expression())
            if accept(closing) { return items }
            try expect(",")
            if accept(closing) { return items }
        }
    }

    private mutating func primary() throws(CELError) -> CELExpr {
        let token = current
        switch token.kind {
        case .int(let magnitude):
            position += 1
            guard magnitude <= UInt64(Int64.max) else { throw CELError.syntax("invalid int literal at column \(token.offset + 1)") }
            return .literal(.int(Int64(magnitude)))
        case .double(let d):
            position += 1
            return .literal(.double(d))
        case .string(let s):
            position += 1
            return .literal(.string(s))
        case .ident(let name):
            position += 1
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            case "in": throw CELError.syntax("unexpected 'in' at column \(token.offset + 1)")
            default: break
            }
            if accept("(") {
                let args = try expressionList(closing: ")")
                if name == "has" {
                    guard args.count == 1, case .select(let operand, let field) = args[0] else {
                        throw CELError.compile("invalid argument to has() macro")
                    }
                    return .has(operand, field)
                }
                return .call(name, target: nil, args: args)
            }
            if isOp("{") { throw CELError.unsupported("message construction") }
            return .ident(name)
        case .op("("):
            position += 1
            let inner = try expression()
            try expect(")")
            return inner
        case .op("["):
            position += 1
            return .list(try expressionList(closing: "]"))
        case .op("{"):
            position += 1
            var keys: [CELExpr] = []
            var values: [CELExpr] = []
            if accept("}") { return .map(keys: keys, values: values) }
            while true {
                if isOp("?") { throw CELError.unsupported("optional syntax") }
                keys.append(try expression())
                try expect(":")
                values.append(try expression())
                if accept("}") { break }
                try expect(",")
                if accept("}") { break }
            }
            return .map(keys: keys, values: values)
        case .op("."):
            // A leading dot names the root scope: `.self` is `self`.
            position += 1
            guard case .ident = current.kind else { throw unexpected() }
            return try primary()
        default:
            throw unexpected()
        }
    }
}
