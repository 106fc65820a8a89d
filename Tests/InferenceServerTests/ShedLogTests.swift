import Foundation
@testable import InferenceServer
import JSON
import Logging
import Testing

@Suite("Shed requests' log lines", .timeLimit(.minutes(1)))
struct ShedLogTests {
    private static func lines(_ logs: LogCapture, within seconds: Double, until done: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !done(logs.objects), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return logs.objects
    }

    @Test("the first shed request of a window is logged, the rest are counted into one summary line, then a new window starts")
    func oneLineThenASummary() async throws {
        let logs = LogCapture()
        let logger = logs.logger()
        let shedLog = ShedLog(interval: .milliseconds(200))
        let decisions = (0..<1000).map { _ in shedLog.shouldLog(status: 503, logger: logger) }
            + (0..<10).map { _ in shedLog.shouldLog(status: 504, logger: logger) }
        #expect(decisions.first == true)
        #expect(decisions.dropFirst().allSatisfy { !$0 })

        let summary = try await Self.lines(logs, within: 10) { !$0.isEmpty }
        #expect(summary.count == 1, "\(logs.all)")
        #expect(summary.first?["level"] == "warning")
        #expect(summary.first?["message"]?.stringValue?.hasPrefix("shed 1009 more requests in the last 0.2 seconds (503: 999, 504: 10)") == true,
                "\(logs.all)")
        #expect(summary.first?["shed"] == "1009")
        #expect(shedLog.shouldLog(status: 504, logger: logger), "the window closed with its summary")
    }

    @Test("a window in which nothing else was shed closes without a line")
    func quietWindowHasNoSummary() async throws {
        let logs = LogCapture()
        let logger = logs.logger()
        let shedLog = ShedLog(interval: .milliseconds(50))
        #expect(shedLog.shouldLog(status: 503, logger: logger))
        #expect(shedLog.isCounting)
        for _ in 0..<1000 where shedLog.isCounting { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!shedLog.isCounting)
        #expect(logs.all.isEmpty, "\(logs.all)")
        #expect(shedLog.shouldLog(status: 503, logger: logger))
    }

    @Test("at debug level every shed request is logged")
    func debugLogsEach() {
        let logger = LogCapture().logger(level: .debug)
        let shedLog = ShedLog()
        #expect((0..<100).allSatisfy { _ in shedLog.shouldLog(status: 503, logger: logger) })
    }
}
