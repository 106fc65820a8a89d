public import JSON

/// An RFC 6901 JSON Pointer: `""` is the whole document, `/a/b` walks member `a` then `b`; `~1` stands for
/// `/` and `~0` for `~` inside a reference token.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, outermost first; empty for the whole document.
    public let tokens: [String]

    /// Parses pointer text. Nil unless `text` is empty or starts with `/`, and every `~` is followed by `0` or `1`.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: return nil
                }
            }
            result.append(token)
        }
        tokens = result
    }

    /// A pointer made of already-unescaped tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// The escaped pointer text (`~` as `~0`, `/` as `~1`).
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The value this pointer refers to in `document`, or nil when any step is missing. Array steps must be
    /// canonical indices (`0` or no leading zero) within bounds; `-` never resolves.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), index < array.count else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token denotes: `0` or a decimal without a leading zero; nil for anything else
    /// (including `-`, signs, and values that overflow `Int`).
    static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        return Int(token)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
