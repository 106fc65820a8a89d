/// A label selector in the API's string form (`app=web,tier in (a,b),!legacy`), built from requirements.
///
/// `encoded` is deterministic: requirements keep the order they were added in and set values are
/// sorted. An empty selector matches everything and encodes to the empty string.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// One condition on one label key.
    public enum Requirement: Sendable, Hashable {
        /// The label equals the value (`key=value`).
        case equals(String, String)
        /// The label is absent or differs from the value (`key!=value`).
        case notEquals(String, String)
        /// The label is one of the values (`key in (a,b)`).
        case `in`(String, [String])
        /// The label is absent or none of the values (`key notin (a,b)`).
        case notIn(String, [String])
        /// The label is present (`key`).
        case exists(String)
        /// The label is absent (`!key`).
        case doesNotExist(String)
    }

    /// The conditions, all of which must hold.
    public private(set) var requirements: [Requirement]

    /// A selector of `requirements` (none: matches everything).
    public init(_ requirements: [Requirement] = []) { self.requirements = requirements }

    /// A selector requiring each label in `matchLabels` to equal its value (keys sorted).
    public init(matchLabels: [String: String]) {
        requirements = matchLabels.sorted { $0.key < $1.key }.map { .equals($0.key, $0.value) }
    }

    /// This selector plus `key=value`.
    public func equals(_ key: String, _ value: String) -> LabelSelector { adding(.equals(key, value)) }
    /// This selector plus `key!=value`.
    public func notEquals(_ key: String, _ value: String) -> LabelSelector { adding(.notEquals(key, value)) }
    /// This selector plus `key in (values)`.
    public func `in`(_ key: String, _ values: [String]) -> LabelSelector { adding(.in(key, values)) }
    /// This selector plus `key notin (values)`.
    public func notIn(_ key: String, _ values: [String]) -> LabelSelector { adding(.notIn(key, values)) }
    /// This selector plus `key` (exists).
    public func exists(_ key: String) -> LabelSelector { adding(.exists(key)) }
    /// This selector plus `!key`.
    public func doesNotExist(_ key: String) -> LabelSelector { adding(.doesNotExist(key)) }

    private func adding(_ requirement: Requirement) -> LabelSelector {
        var copy = self
        copy.requirements.append(requirement)
        return copy
    }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let k, let v): labels[k] == v
            case .notEquals(let k, let v): labels[k] != v
            case .in(let k, let vs): labels[k].map(vs.contains) ?? false
            case .notIn(let k, let vs): !(labels[k].map(vs.contains) ?? false)
            case .exists(let k): labels[k] != nil
            case .doesNotExist(let k): labels[k] == nil
            }
        }
    }

    /// The `labelSelector` query value.
    public var encoded: String {
        requirements.map { requirement in
            switch requirement {
            case .equals(let k, let v): "\(k)=\(v)"
            case .notEquals(let k, let v): "\(k)!=\(v)"
            case .in(let k, let vs): "\(k) in (\(vs.sorted().joined(separator: ",")))"
            case .notIn(let k, let vs): "\(k) notin (\(vs.sorted().joined(separator: ",")))"
            case .exists(let k): k
            case .doesNotExist(let k): "!\(k)"
            }
        }.joined(separator: ",")
    }

    /// Same as `encoded`.
    public var description: String { encoded }
}
