import Logging
import Synchronization

/// Keeps load shedding from flooding the log.
///
/// Under overload the server answers thousands of 503s (queue full, draining) and 504s (deadline
/// passed) a second. A warning line for each cost about a third of the rejection itself (13 of
/// 41 us per 503 on the benchmark machine), CPU the accepted requests needed, and buried every
/// other line. So the first shed request of a quiet period is logged in full, the ones that follow
/// within `interval` are only counted, and at the end of the interval one line gives their number
/// by status. Metrics still count every request (`stockade_inference_requests_total{code}`), and at
/// `debug` level every shed request is logged in full.
final class ShedLog: Sendable {
    /// How long after a logged shed request the next ones are only counted.
    let interval: Duration
    private let window = Mutex(Window())

    private struct Window {
        var isOpen = false
        var counted: [Int: Int] = [:]
    }

    init(interval: Duration = .seconds(10)) {
        self.interval = interval
    }

    /// Whether shed requests are being counted rather than logged.
    var isCounting: Bool { window.withLock { $0.isOpen } }

    /// Whether a request shed with `status` should be logged in full to `logger` now. When not, it
    /// is counted for the summary line that `logger` gets at the end of the current window.
    func shouldLog(status: Int, logger: Logger) -> Bool {
        if logger.logLevel <= .debug { return true }
        let opens = window.withLock { window -> Bool in
            if window.isOpen {
                window.counted[status, default: 0] += 1
                return false
            }
            window.isOpen = true
            return true
        }
        if opens {
            Task { [self] in
                try? await Task.sleep(for: interval)
                closeWindow(logger: logger)
            }
        }
        return opens
    }

    /// Ends the window: logs how many shed requests went unlogged in it, if any.
    private func closeWindow(logger: Logger) {
        let counted = window.withLock { window in
            defer { window = Window() }
            return window.counted
        }
        let total = counted.values.reduce(0, +)
        guard total > 0 else { return }
        let byStatus = counted.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        logger.warning("shed \(total) more requests in the last \(interval) (\(byStatus)); they were not logged one by one",
                       metadata: ["shed": .stringConvertible(total)])
    }
}
