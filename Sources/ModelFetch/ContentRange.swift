/// A parsed `Content-Range: bytes FIRST-LAST/TOTAL` (or `bytes */TOTAL` on a 416) header.
struct ContentRange: Equatable {
    /// The first byte's offset; `nil` for the unsatisfied form `*/TOTAL`.
    var first: Int?
    /// The last byte's offset (inclusive).
    var last: Int?
    /// The complete length; `nil` when the server wrote `*`.
    var total: Int?

    /// Parses the header value; `nil` when it is not a well-formed byte range.
    init?(_ value: String) {
        var text = Substring(value).drop { $0 == " " }
        guard text.lowercased().hasPrefix("bytes ") else { return nil }
        text = text.dropFirst(6).drop { $0 == " " }
        let halves = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        if halves[1] == "*" {
            total = nil
        } else {
            guard let total = Int(halves[1]), total >= 0 else { return nil }
            self.total = total
        }
        if halves[0] == "*" {
            first = nil
            last = nil
            return
        }
        let ends = halves[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard ends.count == 2, let first = Int(ends[0]), let last = Int(ends[1]), first >= 0, last >= first else { return nil }
        if let total, last >= total { return nil }
        self.first = first
        self.last = last
    }
}
