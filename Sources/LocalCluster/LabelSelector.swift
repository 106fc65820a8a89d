/// A parsed label selector (`app=web,tier!=db,env in (a,b),!legacy`) with Kubernetes' semantics:
/// `!=` and `notin` also match objects that lack the label.
struct LabelSelector: Sendable, Equatable {
    enum Operator: Sendable, Equatable {
        case equals, notEquals, inSet, notInSet, exists, doesNotExist, greaterThan, lessThan
    }

    struct Requirement: Sendable, Equatable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .inSet: return value.map(values.contains) ?? false
            case .notEquals, .notInSet: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let value, let lhs = Int64(value), let rhs = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? lhs > rhs : lhs < rhs
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])

    var isEverything: Bool { requirements.isEmpty }

    func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Parses the `labelSelector` query syntax; errors carry kube-apiserver's messages.
    static func parse(_ text: String) throws(APIError) -> LabelSelector {
        var lexer = SelectorLexer(text)
        var requirements: [Requirement] = []
        while true {
            let token = lexer.peek()
            switch token {
            case .end:
                return LabelSelector(requirements: requirements)
            case .identifier, .not:
                do {
                    requirements.append(try parseRequirement(&lexer))
                } catch {
                    throw APIError.badRequest("unable to parse requirement: \(error.message)")
                }
                switch lexer.next() {
                case .end: return LabelSelector(requirements: requirements)
                case .comma:
                    let after = lexer.peek()
                    if case .identifier = after { continue }
                    if case .not = after { continue }
                    throw APIError.badRequest("found '\(after.text)', expected: identifier after ','")
                case let other:
                    throw APIError.badRequest("found '\(other.text)', expected: ',' or 'end of string'")
                }
            default:
                throw APIError.badRequest("found '\(token.text)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    struct ParseFailure: Error { var message: String }

    private static func parseRequirement(_ lexer: inout SelectorLexer) throws(ParseFailure) -> Requirement {
        var negated = false
        if case .not = lexer.peek() {
            negated = true
            _ = lexer.next()
        }
        guard case .identifier(let key) = lexer.next() else {
            throw ParseFailure(message: "found '\(lexer.lastText)', expected: identifier")
        }
        try validateKey(key)
        if negated { return Requirement(key: key, op: .doesNotExist, values: []) }
        switch lexer.peek() {
        case .end, .comma: return Requirement(key: key, op: .exists, values: [])
        default: break
        }
        let op: Operator
        switch lexer.next() {
        case .identifier("in"): op = .inSet
        case .identifier("notin"): op = .notInSet
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        case let other:
            throw ParseFailure(message: "found '\(other.text)', expected: in, notin, =, ==, !=, gt, lt")
        }
        var values: [String] = []
        if op == .inSet || op == .notInSet {
            guard case .open = lexer.next() else { throw ParseFailure(message: "found '\(lexer.lastText)', expected:'('") }
            loop: while true {
                switch lexer.peek() {
                case .identifier(let v):
                    _ = lexer.next()
                    values.append(v)
                case .comma, .close:
                    values.append("")
                default: break
                }
                switch lexer.next() {
                case .comma: continue
                case .close: break loop
                case let other: throw ParseFailure(message: "found '\(other.text)', expected: ',' or ')'")
                }
            }
            if values == [""] { values = [] }
        } else {
            switch lexer.peek() {
            case .end, .comma: values = [""]
            case .identifier(let v):
                _ = lexer.next()
                values = [v]
            case let other: throw ParseFailure(message: "found '\(other.text)', expected: identifier")
            }
            if op == .greaterThan || op == .lessThan, Int64(values[0]) == nil {
                throw ParseFailure(message: "for 'Gt', 'Lt' operators, the value must be an integer")
            }
        }
        for value in values { try validateValue(value) }
        return Requirement(key: key, op: op, values: values)
    }

    private static func validateKey(_ key: String) throws(ParseFailure) {
        if let problem = NameValidation.qualifiedNameProblem(key) {
            throw ParseFailure(message: "key: Invalid value: \"\(key)\": \(problem)")
        }
    }

    private static func validateValue(_ value: String) throws(ParseFailure) {
        if let problem = NameValidation.labelValueProblem(value) {
            throw ParseFailure(message: "values[0][\(value)]: Invalid value: \"\(value)\": \(problem)")
        }
    }
}

/// Tokens of the label selector grammar (k8s.io/apimachinery/pkg/labels lexer).
struct SelectorLexer {
    enum Token: Equatable {
        case identifier(String), not, equals, doubleEquals, notEquals, open, close, comma, greaterThan, lessThan, end

        var text: String {
            switch self {
            case .identifier(let s): return s
            case .not: return "!"
            case .equals: return "="
            case .doubleEquals: return "=="
            case .notEquals: return "!="
            case .open: return "("
            case .close: return ")"
            case .comma: return ","
            case .greaterThan: return ">"
            case .lessThan: return "<"
            case .end: return ""
            }
        }
    }

    private let chars: [Character]
    private var position = 0
    private(set) var lastText = ""

    init(_ text: String) { chars = Array(text) }

    func peek() -> Token {
        var copy = self
        return copy.next()
    }

    mutating func next() -> Token {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
        guard position < chars.count else {
            lastText = ""
            return .end
        }
        let c = chars[position]
        let token: Token
        switch c {
        case "!":
            if position + 1 < chars.count, chars[position + 1] == "=" {
                position += 2
                token = .notEquals
            } else {
                position += 1
                token = .not
            }
        case "=":
            if position + 1 < chars.count, chars[position + 1] == "=" {
                position += 2
                token = .doubleEquals
            } else {
                position += 1
                token = .equals
            }
        case "(": position += 1; token = .open
        case ")": position += 1; token = .close
        case ",": position += 1; token = .comma
        case ">": position += 1; token = .greaterThan
        case "<": position += 1; token = .lessThan
        default:
            var word = ""
            while position < chars.count, !chars[position].isWhitespace, !"!=(),<>".contains(chars[position]) {
                word.append(chars[position])
                position += 1
            }
            token = .identifier(word)
        }
        lastText = token.text
        return token
    }
}
