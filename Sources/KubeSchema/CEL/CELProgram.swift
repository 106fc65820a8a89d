public import JSON

/// A compiled `x-kubernetes-validations` rule in Stockade's CEL subset.
///
/// The subset: int/double/string/bool/null literals, list and string-keyed map literals, `self`,
/// `oldSelf`, field selection (`self.spec.replicas`, with Kubernetes' `__dash__`-style escapes),
/// indexing (`self.x[0]`, `self.m['k']`), `has(self.x.y)`, `size(x)`/`x.size()`, `== != < <= > >=`
/// (heterogeneous equality; int/double comparisons across types), `&& || !` with CEL's
/// error-absorbing short-circuit, `?:`, int `+ - * / %` (overflow and division by zero are errors), double
/// `+ - * /`, string and list `+`, `in` (list membership, map key), `startsWith/endsWith/contains/matches`
/// (RE2), the `all/exists/exists_one` macros, and `oldSelf.hasValue()/value()/orValue(x)` for rules with
/// `optionalOldSelf`. Everything else valid in CEL (Kubernetes libraries such as `quantity()` or `url()`,
/// `filter/map`, optional syntax, uint and bytes literals, type conversions) is rejected by `compile`
/// with `CELError.unsupported`, so it is reported when the CRD is created instead of being ignored.
///
/// Evaluation is dynamic: values are JSON, integers are JSON integers and doubles JSON non-integers
/// (`CELValidator` converts values by their schema first, so a `number` field is a double).
public struct CELProgram: Sendable {
    /// The rule as written.
    public let source: String
    let expr: CELExpr
    /// Whether the rule mentions `oldSelf`, i.e. is a transition rule.
    public let referencesOldSelf: Bool

    /// Parses and checks `rule`. Throws `.syntax` for invalid CEL, `.unsupported` for CEL outside the
    /// subset, `.compile` for undeclared identifiers, wrong argument counts and invalid literal regexes.
    public static func compile(_ rule: String) throws(CELError) -> CELProgram {
        let expr = try CELParser.parse(rule)
        try check(expr, scope: ["self", "oldSelf"])
        return CELProgram(source: rule, expr: expr, referencesOldSelf: expr.referencesOldSelf)
    }

    /// Evaluates the rule with `self` bound to `value` and `oldSelf` to `oldSelf`. With
    /// `optionalOldSelf`, `oldSelf` is an optional (absent when nil) used through `hasValue()`,
    /// `value()` and `orValue(x)`; without it, a nil `oldSelf` makes any use of `oldSelf` an error.
    /// Throws `.evaluation` with cel-go's message when evaluation fails.
    public func evaluate(self value: JSONValue, oldSelf: JSONValue?, optionalOldSelf: Bool = false) throws(CELError) -> JSONValue {
        var bindings: [String: JSONValue] = ["self": value]
        if let oldSelf { bindings["oldSelf"] = oldSelf }
        let evaluator = CELEvaluator(bindings: bindings, optionalOldSelf: optionalOldSelf)
        return try evaluator.eval(expr)
    }

    private static func check(_ e: CELExpr, scope: Set<String>) throws(CELError) {
        switch e {
        case .literal: return
        case .ident(let name):
            guard scope.contains(name) else { throw CELError.compile("undeclared reference to '\(name)'") }
        case .select(let operand, _), .has(let operand, _), .not(let operand), .negate(let operand):
            try check(operand, scope: scope)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            try check(a, scope: scope)
            try check(b, scope: scope)
        case .conditional(let a, let b, let c):
            try check(a, scope: scope)
            try check(b, scope: scope)
            try check(c, scope: scope)
        case .list(let items):
            for item in items { try check(item, scope: scope) }
        case .map(let keys, let values):
            for item in keys + values { try check(item, scope: scope) }
        case .comprehension(_, let range, let variable, let body):
            try check(range, scope: scope)
            try check(body, scope: scope.union([variable]))
        case .call(let name, let target, let args):
            // Innermost first, so `quantity(x).isLessThan(y)` names quantity().
            if case .ident("optional") = target { throw CELError.unsupported("optional syntax") }
            if let target { try check(target, scope: scope) }
            for arg in args { try check(arg, scope: scope) }
            try checkCall(name, target: target, args: args)
        }
    }

    private static func checkCall(_ name: String, target: CELExpr?, args: [CELExpr]) throws(CELError) {
        let expected: Int
        if let target {
            if case .ident("oldSelf") = target, let count = CELParser.optionalFunctions[name] {
                expected = count
            } else if let count = CELParser.memberFunctions[name] {
                expected = count
            } else {
                throw CELError.unsupported("\(name)()")
            }
        } else if let count = CELParser.globalFunctions[name] {
            expected = count
        } else {
            throw CELError.unsupported("\(name)()")
        }
        guard args.count == expected else {
            throw CELError.compile("found no matching overload for '\(name)' with \(args.count) argument(s)")
        }
        if name == "matches", case .literal(.string(let pattern)) = args.last! {
            do { _ = try GoRegex(pattern) } catch {
                throw CELError.compile("invalid regular expression in matches(): \(error.message)")
            }
        }
    }
}
