import Foundation
import NIOCore

/// The number of CPUs this process may use, for sizing compute instances and ORT thread pools.
///
/// `ProcessInfo.activeProcessorCount` counts every online CPU of the machine: in a Kubernetes pod
/// limited to 2 CPUs on a 64-core node it says 64, and 32 ORT threads per session would then fight
/// over 2 CPUs' worth of CFS quota. This is the smallest of NIO's `System.coreCount` (the cgroup CPU
/// limit rounded up, or the cgroup cpuset; what a pod's `resources.limits.cpu` or the static CPU
/// manager sets) and the process's CPU affinity (`taskset`, `numactl`), at least 1.
public enum AvailableProcessors {
    /// Computed once, at first use.
    public static let count: Int = {
        let limits = [System.coreCount, affinityCount()].compactMap { $0 }
        return max(1, limits.min() ?? ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// CPUs in this process's affinity mask; nil where that is unavailable.
    static func affinityCount() -> Int? {
        allowedList().flatMap(count(allowedList:))
    }

    /// This process's affinity mask as a list such as `0-3,8` (the `Cpus_allowed_list` of
    /// `/proc/self/status`); nil where that is unavailable.
    static func allowedList() -> Substring? {
        let field = "Cpus_allowed_list:"
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) })
        else { return nil }
        return line.dropFirst(field.count)
    }

    /// The CPUs in a list such as `0-3,8,10-11` (7); nil when it does not parse.
    static func count(allowedList: Substring) -> Int? {
        let items = allowedList.trimmingCharacters(in: .whitespaces).split(separator: ",", omittingEmptySubsequences: false)
        var total = 0
        for item in items {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let first = Int(bounds[0]), let last = Int(bounds[bounds.count - 1]),
                  first >= 0, last >= first else { return nil }
            total += last - first + 1
        }
        return total
    }
}
