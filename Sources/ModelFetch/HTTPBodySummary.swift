/// Short, printable summaries of error response bodies for messages.
enum HTTPBodySummary {
    /// The body's first 300 characters on one line, whitespace collapsed; empty for an empty body.
    static func summary(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(1200), as: UTF8.self)
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "..." : line
    }
}
