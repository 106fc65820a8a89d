/// Assembles a response head from the header lines libcurl hands to its header callback: one
/// status line, field lines, and a blank line per header block. Informational (1xx) blocks are
/// skipped; lines after the final block (trailers) are ignored.
struct ResponseHeadParser {
    private var status: Int?
    private var version: HTTPVersion = .unknown
    private var headers = HTTPHeaders()
    /// The final head, once its blank line has been seen.
    private(set) var head: HTTPResponseHead?

    /// Consumes one line (with or without its CRLF). Returns the head when this line completed it.
    mutating func consume(_ rawLine: String) -> HTTPResponseHead? {
        guard head == nil else { return nil }
        var line = Substring(rawLine)
        while let last = line.last, last.isNewline { line = line.dropLast() }

        if line.isEmpty {
            guard let status else { return nil }
            if (100..<200).contains(status) {
                reset()
                return nil
            }
            let complete = HTTPResponseHead(status: status, headers: headers, version: version)
            head = complete
            return complete
        }
        if line.hasPrefix("HTTP/") {
            reset()
            parseStatusLine(line)
            return nil
        }
        if let first = line.first, first == " " || first == "\t" {
            // obs-fold continuation of the previous field.
            headers.continueLastValue(with: trimmed(line))
            return nil
        }
        if let colon = line.firstIndex(of: ":") {
            headers.add(name: String(line[..<colon]), value: trimmed(line[line.index(after: colon)...]))
        }
        return nil
    }

    private mutating func reset() {
        status = nil
        version = .unknown
        headers = HTTPHeaders()
    }

    private mutating func parseStatusLine(_ line: Substring) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return }
        switch parts[0] {
        case "HTTP/1.0": version = .http1_0
        case "HTTP/1.1": version = .http1_1
        case "HTTP/2", "HTTP/2.0": version = .http2
        case "HTTP/3": version = .http3
        default: version = .unknown
        }
        status = Int(parts[1])
    }

    private func trimmed(_ s: Substring) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
