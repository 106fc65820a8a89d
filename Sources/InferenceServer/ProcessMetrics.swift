import Foundation

/// The standard Prometheus process series, read from `/proc` (Linux): `process_resident_memory_bytes`
/// (from `/proc/self/statm`) and `process_start_time_seconds` (from `/proc/self/stat` and the boot
/// time in `/proc/stat`). Series whose source cannot be read are left out.
enum ProcessMetrics {
    /// The exposition text of the series that could be read.
    static func render() -> String {
        var out = ""
        if let rss = residentMemoryBytes() {
            out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
            out += "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes \(rss)\n"
        }
        if let start = startTimeSeconds {
            out += "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
            out += "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds \(Histogram.format(start))\n"
        }
        return out
    }

    /// Resident set size: the second field of `/proc/self/statm` (pages) times the page size.
    static func residentMemoryBytes() -> Int? {
        guard let text = read("/proc/self/statm") else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Seconds since the epoch when this process started (boot time plus the process's start time in
    /// clock ticks after boot), to 1/100 s; computed once.
    static let startTimeSeconds: Double? = {
        guard let stat = read("/proc/self/stat"), let system = read("/proc/stat") else { return nil }
        // Fields after the parenthesised command name (which may contain spaces); starttime is field 22.
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        guard let line = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let boot = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) else { return nil }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard hertz > 0 else { return nil }
        return boot + ticks / hertz
    }()

    private static func read(_ path: String) -> String? {
        // /proc files report size 0, so read to the end rather than by size.
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
