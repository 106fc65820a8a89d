import Foundation
import JSON

/// The JSONPath subset printer columns use: `.a.b`, `['a']`, `[0]`, `[*]` and filters such as
/// `[?(@.type=="Ready")]`. Evaluation never fails: a missing step yields no results.
struct SimpleJSONPath {
    enum Step {
        case field(String)
        case index(Int)
        case wildcard
        case filter(path: [String], value: String, equal: Bool)
    }

    let steps: [Step]

    init(_ text: String) {
        var steps: [Step] = []
        var s = Substring(text.hasPrefix("{") && text.hasSuffix("}") ? String(text.dropFirst().dropLast()) : text)
        while !s.isEmpty {
            if s.hasPrefix(".") {
                s = s.dropFirst()
                let name = s.prefix { $0 != "." && $0 != "[" }
                if !name.isEmpty { steps.append(.field(String(name))) }
                s = s.dropFirst(name.count)
            } else if s.hasPrefix("[") {
                guard let close = SimpleJSONPath.closingBracket(in: s) else { break }
                let inner = s[s.index(after: s.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                s = s[s.index(after: close)...]
                if inner == "*" {
                    steps.append(.wildcard)
                } else if let i = Int(inner) {
                    steps.append(.index(i))
                } else if inner.hasPrefix("'") || inner.hasPrefix("\"") {
                    steps.append(.field(String(inner.dropFirst().dropLast())))
                } else if inner.hasPrefix("?(@."), inner.hasSuffix(")") {
                    let body = inner.dropFirst(4).dropLast()
                    let equal = !body.contains("!=")
                    let separator = equal ? "==" : "!="
                    if let range = body.range(of: separator) {
                        let path = body[..<range.lowerBound].split(separator: ".").map(String.init)
                        var value = body[range.upperBound...].trimmingCharacters(in: .whitespaces)
                        if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst().dropLast()) }
                        steps.append(.filter(path: path, value: value, equal: equal))
                    }
                }
            } else {
                let name = s.prefix { $0 != "." && $0 != "[" }
                steps.append(.field(String(name)))
                s = s.dropFirst(name.count)
            }
        }
        self.steps = steps
    }

    private static func closingBracket(in s: Substring) -> Substring.Index? {
        var depth = 0
        var quote: Character?
        for index in s.indices {
            let c = s[index]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c } else if c == "[" { depth += 1 } else if c == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    func evaluate(_ value: JSONValue) -> [JSONValue] {
        var current = [value]
        for step in steps {
            var next: [JSONValue] = []
            for v in current {
                switch step {
                case .field(let name): if let child = v[name] { next.append(child) }
                case .index(let i):
                    if let array = v.arrayValue {
                        let position = i < 0 ? array.count + i : i
                        if array.indices.contains(position) { next.append(array[position]) }
                    }
                case .wildcard:
                    if let array = v.arrayValue { next += array } else if let object = v.objectValue { next += object.values }
                case .filter(let path, let expected, let equal):
                    for element in v.arrayValue ?? [] {
                        let actual = element[path: path].map(SimpleJSONPath.text) ?? ""
                        if (actual == expected) == equal { next.append(element) }
                    }
                }
            }
            current = next
        }
        return current
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return ""
        default: return value.jsonString()
        }
    }
}
