/// A token bucket: `rate` tokens per second accrue up to `burst`; each request takes one. Requests
/// beyond the available tokens are given a wait (a reservation), so callers queue fairly in order.
///
/// A value type with time passed in, so it is tested without clocks; `RateLimiter` drives it.
public struct TokenBucket: Sendable {
    /// Tokens added per second.
    public let rate: Double
    /// The most tokens held.
    public let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    /// A full bucket at `now`. A non-positive `rate` means no limit.
    public init(rate: Double, burst: Int, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        tokens = self.burst
        last = now
    }

    /// Takes one token at `now` and returns how long the caller must wait before using it (zero when a
    /// token was available).
    public mutating func reserve(now: ContinuousClock.Instant) -> Duration {
        guard rate > 0 else { return .zero }
        if now > last {
            let elapsed = now - last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            tokens = min(burst, tokens + seconds * rate)
            last = now
        }
        tokens -= 1
        if tokens >= 0 { return .zero }
        return .nanoseconds(Int64((-tokens / rate * 1e9).rounded(.up)))
    }
}

/// The client-side rate limit shared by all requests of one client.
actor RateLimiter {
    private var bucket: TokenBucket

    init(qps: Double, burst: Int) {
        bucket = TokenBucket(rate: qps, burst: burst, now: .now)
    }

    /// Waits for a token (cancellation ends the wait early and throws).
    func acquire() async throws {
        let wait = bucket.reserve(now: .now)
        if wait > .zero { try await Task.sleep(for: wait) }
    }
}
