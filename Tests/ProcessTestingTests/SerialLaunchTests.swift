import Foundation
import ProcessTesting
import Synchronization
import Testing

/// `launchSerially` keeps concurrent launches from passing one child's exit socket to another.
@Suite struct SerialLaunchTests {
    /// Eight threads each launch 250 children: every fifth a `sleep 30` that stays alive, the rest
    /// `true`, whose exit must be noticed well before any sleeper ends. Without the lock about one
    /// `true` in 1,000 had its exit socket inherited by a sleeper launched at the same moment and
    /// was reported running until that sleeper ended; this test then failed in each of four runs.
    /// (Found diagnosing a CI failure of `kubectl get -w`.)
    @Test func exitsAreNoticedWhileOtherThreadsLaunchLongLivedChildren() {
        let sleepers = Mutex<[Process]>([])
        let unnoticed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<250 {
                let sleeper = (index + thread) % 5 == 0
                let process = Self.launch(sleeper ? ["sleep", "30"] : ["true"])
                if sleeper {
                    sleepers.withLock { $0.append(process) }
                    continue
                }
                let deadline = Date().addingTimeInterval(20)
                while process.isRunning, Date() < deadline { usleep(1_000) }
                if process.isRunning { unnoticed.add(1, ordering: .relaxed) }
            }
        }
        let all = sleepers.withLock { $0 }
        // SIGKILL: children of dispatch worker threads inherit their mask, which blocks SIGTERM.
        for process in all { kill(process.processIdentifier, SIGKILL) }
        for process in all { process.waitUntilExit() }
        #expect(all.count == 400)
        #expect(unnoticed.load(ordering: .relaxed) == 0, "exits of `true` children went unnoticed while sleepers lived")
    }

    private static func launch(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try launchSerially { try process.run() }
        } catch {
            Issue.record("cannot launch \(arguments): \(error)")
        }
        return process
    }
}
