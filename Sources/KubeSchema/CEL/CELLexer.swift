/// One CEL token with its 0-based character offset in the rule.
struct CELToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// An unsigned decimal or hex integer literal (the sign is a separate operator).
        case int(UInt64)
        case double(Double)
        case string(String)
        case ident(String)
        /// Punctuation and operators: `== != < <= > >= && || ! + - * / % ? : . , [ ] ( ) { } .? [?`.
        case op(String)
        case eof
    }

    let kind: Kind
    let offset: Int
}

/// Splits a CEL rule into tokens (CEL language definition, lexical structure).
struct CELLexer {
    private let chars: [Character]
    private var i = 0

    init(_ source: String) {
        chars = Array(source)
    }

    static func tokenize(_ source: String) throws(CELError) -> [CELToken] {
        var lexer = CELLexer(source)
        var tokens: [CELToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        i + ahead < chars.count ? chars[i + ahead] : nil
    }

    private func error(_ message: String, at offset: Int) -> CELError {
        .syntax("\(message) at column \(offset + 1)")
    }

    private mutating func next() throws(CELError) -> CELToken {
        skipSpaceAndComments()
        let start = i
        guard let c = peek() else { return CELToken(kind: .eof, offset: start) }
        if (c.isASCII && c.isNumber) || (c == "." && (peek(1).map { $0.isASCII && $0.isNumber } ?? false)) {
            return CELToken(kind: try number(), offset: start)
        }
        if c == "\"" || c == "'" {
            return CELToken(kind: .string(try string(raw: false)), offset: start)
        }
        if c.isASCII && (c.isLetter || c == "_") {
            var name = ""
            while let d = peek(), d.isLetter || d.isNumber || d == "_", d.isASCII {
                name.append(d)
                i += 1
            }
            if let q = peek(), q == "\"" || q == "'" {
                switch name {
                case "r", "R": return CELToken(kind: .string(try string(raw: true)), offset: start)
                case "b", "B", "rb", "rB", "Rb", "RB", "br", "bR", "Br", "BR": throw CELError.unsupported("bytes literals")
                default: break
                }
            }
            return CELToken(kind: .ident(name), offset: start)
        }
        let two = String(chars[i..<min(i + 2, chars.count)])
        if ["==", "!=", "<=", ">=", "&&", "||", ".?", "[?"].contains(two) {
            i += 2
            return CELToken(kind: .op(two), offset: start)
        }
        if "<>!+-*/%?:.,[](){}".contains(c) {
            i += 1
            return CELToken(kind: .op(String(c)), offset: start)
        }
        throw error("unexpected character '\(c)'", at: start)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c.isWhitespace {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    private mutating func number() throws(CELError) -> CELToken.Kind {
        let start = i
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            i += 2
            var hex = ""
            while let d = peek(), d.isHexDigit { hex.append(d); i += 1 }
            guard !hex.isEmpty, let value = UInt64(hex, radix: 16) else { throw error("invalid hex literal", at: start) }
            if let u = peek(), u == "u" || u == "U" { throw CELError.unsupported("uint literals") }
            return .int(value)
        }
        var text = ""
        var isDouble = false
        while let d = peek(), d.isASCII, d.isNumber { text.append(d); i += 1 }
        if peek() == ".", let d = peek(1), d.isNumber {
            isDouble = true
            text.append("."); i += 1
            while let d = peek(), d.isASCII, d.isNumber { text.append(d); i += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var j = 1
            if let s = peek(1), s == "+" || s == "-" { j = 2 }
            if let d = peek(j), d.isNumber {
                isDouble = true
                for _ in 0..<j { text.append(chars[i]); i += 1 }
                while let d = peek(), d.isASCII, d.isNumber { text.append(d); i += 1 }
            }
        }
        if isDouble {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else { throw error("invalid double literal", at: start) }
            return .double(value)
        }
        if let u = peek(), u == "u" || u == "U" { throw CELError.unsupported("uint literals") }
        guard let value = UInt64(text) else { throw error("invalid int literal", at: start) }
        return .int(value)
    }

    private mutating func string(raw: Bool) throws(CELError) -> String {
        let start = i
        let quote = chars[i]
        let triple = peek(1) == quote && peek(2) == quote
        i += triple ? 3 : 1
        var out = ""
        while true {
            guard let c = peek() else { throw error("unterminated string literal", at: start) }
            if c == quote {
                if !triple { i += 1; return out }
                if peek(1) == quote && peek(2) == quote { i += 3; return out }
            }
            if !triple && (c == "\n" || c == "\r") { throw error("unterminated string literal", at: start) }
            if c == "\\" && !raw {
                i += 1
                out.unicodeScalars.append(try escape(start: start))
                continue
            }
            out.append(c)
            i += 1
        }
    }

    private mutating func escape(start: Int) throws(CELError) -> Unicode.Scalar {
        guard let c = peek() else { throw error("unterminated string literal", at: start) }
        i += 1
        switch c {
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        case "\\", "'", "\"", "`", "?": return c.unicodeScalars.first!
        case "x", "X", "u", "U":
            let count = (c == "x" || c == "X") ? 2 : (c == "u" ? 4 : 8)
            var hex = ""
            for _ in 0..<count {
                guard let d = peek(), d.isHexDigit else { throw error("invalid escape sequence", at: i) }
                hex.append(d)
                i += 1
            }
            guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw error("invalid escape sequence", at: i) }
            return scalar
        case "0"..."3":
            var octal = String(c)
            for _ in 0..<2 {
                guard let d = peek(), ("0"..."7").contains(d) else { throw error("invalid escape sequence", at: i) }
                octal.append(d)
                i += 1
            }
            return Unicode.Scalar(UInt8(octal, radix: 8)!)
        default:
            throw error("invalid escape sequence '\\\(c)'", at: i - 1)
        }
    }
}
