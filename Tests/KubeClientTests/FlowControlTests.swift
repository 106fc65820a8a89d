import KubeClient
import Testing

@Suite struct FlowControlTests {
    @Test func tokenBucketAllowsBurstThenPacesAtRate() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 10, burst: 3, now: start)
        #expect(bucket.reserve(now: start) == .zero)
        #expect(bucket.reserve(now: start) == .zero)
        #expect(bucket.reserve(now: start) == .zero)
        #expect(bucket.reserve(now: start) == .milliseconds(100))
        #expect(bucket.reserve(now: start) == .milliseconds(200))
        // after a second, tokens refill (but never beyond burst)
        let later = start + .seconds(10)
        #expect(bucket.reserve(now: later) == .zero)
        #expect(bucket.reserve(now: later) == .zero)
        #expect(bucket.reserve(now: later) == .zero)
        #expect(bucket.reserve(now: later) > .zero)
    }

    @Test func blockHoldsEveryReservationUntilItEnds() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 0, burst: 1, now: start)
        bucket.block(until: start + .seconds(2))
        bucket.block(until: start + .seconds(1))  // an earlier end does not shorten the hold
        #expect(bucket.reserve(now: start) == .seconds(2))
        #expect(bucket.reserve(now: start + .milliseconds(1500)) == .milliseconds(500))
        #expect(bucket.reserve(now: start + .seconds(3)) == .zero)
    }

    @Test func unlimitedBucketNeverWaits() {
        var bucket = TokenBucket(rate: 0, burst: 1, now: .now)
        for _ in 0..<100 { #expect(bucket.reserve(now: .now) == .zero) }
    }

    @Test func retryPolicyHonoursRetryAfterAndCapsBackoff() {
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .milliseconds(300)) == .milliseconds(300))
    }
}
