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
    private var blockedUntil: ContinuousClock.Instant?

    /// A full bucket at `now`. A non-positive `rate` means no limit.
    public init(rate: Double, burst: Int, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        tokens = self.burst
        last = now
    }

    /// Holds every reservation made before `instant` until then (the server answered 429: back off as a
    /// whole, not request by request). A later instant extends the hold; an earlier one is ignored.
    public mutating func block(until instant: ContinuousClock.Instant) {
        if let blockedUntil, blockedUntil >= instant { return }
        blockedUntil = instant
    }

    /// Takes one token at `now` and returns how long the caller must wait before using it (zero when a
    /// token was available).
    public mutating func reserve(now: ContinuousClock.Instant) -> Duration {
        let hold = blockedUntil.map { $0 > now ? $0 - now : .zero } ?? .zero
        return max(hold, reserveToken(now: now))
    }

    private mutating func reserveToken(now: ContinuousClock.Instant) -> Duration {
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

    /// Holds all requests for `delay` from now (after a 429).
    func backOff(for delay: Duration) {
        bucket.block(until: .now + delay)
    }

    /// Waits for a token (cancellation ends the wait early and throws).
    func acquire() async throws {
        let wait = bucket.reserve(now: .now)
        if wait > .zero { try await Task.sleep(for: wait) }
    }
}
