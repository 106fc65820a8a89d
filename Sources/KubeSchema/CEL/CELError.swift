/// Why a CEL rule cannot be compiled or evaluated.
public enum CELError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule is not valid CEL (`Syntax error: ...` with the 1-based column).
    case syntax(String)
    /// Valid CEL that Stockade's embedded subset does not implement; the payload names the feature
    /// (`quantity()`, `optional syntax`, `uint literals`). Reported at CRD creation, never ignored.
    case unsupported(String)
    /// Valid syntax that does not check, e.g. an undeclared identifier or a wrong argument count.
    case compile(String)
    /// A runtime failure with cel-go's wording: `no such key: x`, `no such overload`,
    /// `division by zero`, `integer overflow`, `index '5' out of range in list size '1'`.
    case evaluation(String)

    public var description: String {
        switch self {
        case .syntax(let m): return "Syntax error: \(m)"
        case .unsupported(let feature): return "unsupported CEL feature: \(feature) (not in the CEL subset of Stockade's embedded API server)"
        case .compile(let m): return m
        case .evaluation(let m): return m
        }
    }

    static let noSuchOverload = CELError.evaluation("no such overload")
    static let integerOverflow = CELError.evaluation("integer overflow")
}
