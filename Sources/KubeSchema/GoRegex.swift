import Foundation
import Synchronization

/// Regular expressions in Go's RE2 syntax (OpenAPI `pattern`, CEL `matches`), run by ICU through
/// `NSRegularExpression`.
///
/// The pattern is translated where the two dialects differ: `(?P<name>` becomes `(?<name>`, `$` outside
/// multi-line mode means end of text (`\z`) as in Go, and `[` / `&` inside a class are literal. Constructs
/// RE2 rejects (look-around, back-references, atomic groups, possessive quantifiers) are rejected here
/// too, so a pattern that compiles here also compiles in kube-apiserver. Matching is unanchored search,
/// like Go's `MatchString`. Compiled expressions are cached.
struct GoRegex: Sendable {
    /// Why a pattern does not compile, worded like Go's `regexp` errors where possible.
    struct CompileError: Error, Sendable, Equatable, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private let expression: NSRegularExpression

    private static let cache = Mutex<[String: Result<NSRegularExpression, CompileError>]>([:])
    private static let cacheLimit = 1024

    init(_ pattern: String) throws(CompileError) {
        if let cached = GoRegex.cache.withLock({ $0[pattern] }) {
            expression = try cached.get()
            return
        }
        let result: Result<NSRegularExpression, CompileError>
        do {
            let translated = try GoRegex.translate(pattern)
            result = .success(try NSRegularExpression(pattern: translated, options: []))
        } catch let error as CompileError {
            result = .failure(error)
        } catch {
            result = .failure(CompileError(message: "error parsing regexp: invalid syntax: `\(pattern)`"))
        }
        GoRegex.cache.withLock { cache in
            if cache.count >= GoRegex.cacheLimit { cache.removeAll() }
            cache[pattern] = result
        }
        expression = try result.get()
    }

    /// Whether the expression matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    private static func translate(_ pattern: String) throws(CompileError) -> String {
        let chars = Array(pattern)
        let multiLine = pattern.contains("(?m") || pattern.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
        var out = ""
        var i = 0
        var inClass = false
        var inRepeat = false
        func fail(_ what: String) -> CompileError {
            CompileError(message: "error parsing regexp: \(what): `\(pattern)`")
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count else { throw fail("trailing backslash at end of expression") }
                let next = chars[i + 1]
                if next.isNumber, next != "0", !inClass { throw fail("invalid escape sequence: `\\\(next)`") }
                if next == "Z" { throw fail("invalid escape sequence: `\\Z`") }
                if (next == "p" || next == "P"), i + 2 < chars.count, chars[i + 2] != "{" {
                    // RE2's one-letter class \pL is \p{L} in ICU.
                    out += "\\\(next){\(chars[i + 2])}"
                    i += 3
                    continue
                }
                out.append(c)
                out.append(next)
                i += 2
                continue
            }
            if inClass {
                if c == "]" {
                    inClass = false
                    out.append(c)
                } else if c == "[" && i + 1 < chars.count && chars[i + 1] == ":" {
                    // POSIX class [:alpha:]
                    guard let end = pattern[pattern.index(pattern.startIndex, offsetBy: i)...].range(of: ":]") else {
                        throw fail("missing closing ]")
                    }
                    let text = String(pattern[pattern.index(pattern.startIndex, offsetBy: i)..<end.upperBound])
                    out += text
                    i += text.count
                    continue
                } else if c == "[" || c == "&" {
                    out += "\\" + String(c)
                } else {
                    out.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                out.append(c)
                // A leading ] (or ^]) is a literal in both dialects.
                if i + 1 < chars.count, chars[i + 1] == "^" {
                    out.append("^")
                    i += 1
                }
                if i + 1 < chars.count, chars[i + 1] == "]" {
                    out += "\\]"
                    i += 1
                }
            case "(":
                if i + 2 < chars.count, chars[i + 1] == "?" {
                    let rest = String(chars[(i + 2)...].prefix(3))
                    if rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=") || rest.hasPrefix("<!") {
                        throw fail("invalid or unsupported Perl syntax: `(?\(rest.prefix(rest.hasPrefix("<") ? 2 : 1))`")
                    }
                    if rest.hasPrefix(">") { throw fail("invalid or unsupported Perl syntax: `(?>`") }
                    if rest.hasPrefix("P<") {
                        out += "(?<"
                        i += 4
                        continue
                    }
                }
                out.append(c)
            case "{":
                // RE2 reads `{` that does not start {n}, {n,} or {n,m} as a literal; ICU rejects it.
                let rest = String(chars[(i + 1)...].prefix(while: { $0 != "}" }))
                let parts = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
                let isRepeat = i + 1 + rest.count < chars.count && !parts.isEmpty && !parts[0].isEmpty
                    && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
                    && (parts.count == 1 || parts[1].isEmpty || parts[1].allSatisfy { $0.isASCII && $0.isNumber })
                out += isRepeat ? "{" : "\\{"
                inRepeat = isRepeat
            case "$":
                out += multiLine ? "$" : "\\z"
            case "}" where !inRepeat:
                out += "\\}"
            case "*", "+", "?", "}":
                if c == "}" { inRepeat = false }
                out.append(c)
                if i + 1 < chars.count, chars[i + 1] == "+" {
                    throw fail("invalid nested repetition operator: `\(c)+`")
                }
            default:
                out.append(c)
            }
            i += 1
        }
        if inClass { throw fail("missing closing ]") }
        return out
    }
}
