import JSON

/// The checked syntax tree of a rule in Stockade's CEL subset.
indirect enum CELExpr: Sendable {
    enum BinaryOp: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case `in` = "in"
    }

    enum Macro: String, Sendable {
        case all, exists, existsOne = "exists_one"
    }

    case literal(JSONValue)
    case ident(String)
    /// `operand.field`
    case select(CELExpr, String)
    /// `has(operand.field)`
    case has(CELExpr, String)
    /// `operand[index]`
    case index(CELExpr, CELExpr)
    /// A function call; `target` is the receiver of a member call (`s.startsWith(x)`).
    case call(String, target: CELExpr?, args: [CELExpr])
    case list([CELExpr])
    case map(keys: [CELExpr], values: [CELExpr])
    case not(CELExpr)
    case negate(CELExpr)
    case binary(BinaryOp, CELExpr, CELExpr)
    case and(CELExpr, CELExpr)
    case or(CELExpr, CELExpr)
    case conditional(CELExpr, CELExpr, CELExpr)
    /// `range.all(variable, body)` and friends.
    case comprehension(Macro, range: CELExpr, variable: String, body: CELExpr)

    /// Whether the expression mentions `oldSelf` (a transition rule).
    var referencesOldSelf: Bool {
        switch self {
        case .literal: return false
        case .ident(let name): return name == "oldSelf"
        case .select(let e, _), .has(let e, _), .not(let e), .negate(let e): return e.referencesOldSelf
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            return a.referencesOldSelf || b.referencesOldSelf
        case .call(_, let target, let args): return (target?.referencesOldSelf ?? false) || args.contains { $0.referencesOldSelf }
        case .list(let items): return items.contains { $0.referencesOldSelf }
        case .map(let keys, let values): return (keys + values).contains { $0.referencesOldSelf }
        case .conditional(let a, let b, let c): return a.referencesOldSelf || b.referencesOldSelf || c.referencesOldSelf
        case .comprehension(_, let range, let variable, let body):
            return range.referencesOldSelf || (variable != "oldSelf" && body.referencesOldSelf)
        }
    }
}
