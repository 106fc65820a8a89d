internal import Foundation

/// How often and how long to wait before repeating a failed download attempt.
///
/// The delay before retry `n` (1-based) is `initialBackoff * 2^(n-1)`, at most `maxBackoff`, unless
/// the server sent `Retry-After`, which is honoured up to `maxRetryAfter`.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt; 0 makes one attempt only.
    public var retries: Int
    /// The delay before the first retry.
    public var initialBackoff: Duration
    /// The longest computed delay.
    public var maxBackoff: Duration
    /// The longest `Retry-After` honoured; longer requests are shortened to this.
    public var maxRetryAfter: Duration

    /// A policy of `retries` retries (default 5) starting at 1 s, doubling up to 30 s, and honouring
    /// `Retry-After` up to 5 minutes.
    public init(
        retries: Int = 5, initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(300)
    ) {
        self.retries = max(0, retries)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
    }

    /// What to do after failed attempt number `attempt` (1-based) failed with `error`: the delay
    /// before the next attempt, or `nil` to give up (terminal error or attempts exhausted).
    public func delay(afterAttempt attempt: Int, error: FetchError) -> Duration? {
        guard error.isRetryable, attempt <= retries else { return nil }
        if let retryAfter = error.retryAfter { return min(retryAfter, maxRetryAfter) }
        var delay = initialBackoff
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maxBackoff { return maxBackoff }
        }
        return min(delay, maxBackoff)
    }

    /// Parses a `Retry-After` value: delta-seconds or an HTTP-date (IMF-fixdate) relative to `now`.
    /// `nil` when absent or malformed; a date in the past is zero.
    static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
    }
}
