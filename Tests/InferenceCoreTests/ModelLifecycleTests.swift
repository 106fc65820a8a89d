import InferenceCore
import Testing

/// The repository version policy, driven by hand-made directory listings; nothing sleeps or reads disk.
@Suite struct ModelLifecycleTests {
    static func stamp(_ size: Int64, _ modified: Int64 = 1) -> FileStamp { FileStamp(size: size, modified: modified) }

    /// A lifecycle serving `version` of the listing (loaded at start).
    static func serving(_ version: Int, listing: [Int: FileStamp]) -> ModelLifecycle {
        var l = ModelLifecycle()
        #expect(l.start(listing) == [.load(version: version, stamp: listing[version]!)])
        #expect(l.loadSucceeded(version: version) == [.serve(version: version)])
        return l
    }

    @Test func startLoadsTheHighestVersionOnly() {
        var l = ModelLifecycle()
        #expect(l.start([1: Self.stamp(10), 3: Self.stamp(30), 2: Self.stamp(20)]) == [.load(version: 3, stamp: Self.stamp(30))])
        #expect(l.loading?.version == 3)
        #expect(l.serving == nil)
        #expect(l.loadSucceeded(version: 3) == [.serve(version: 3)])
        #expect(l.serving == 3)
        #expect(l.loaded == [3])
        // Nothing changed on disk: nothing to do.
        #expect(l.observe([1: Self.stamp(10), 3: Self.stamp(30), 2: Self.stamp(20)]) == [])
    }

    @Test func startFallsBackToLowerVersionsWhileLoadsFail() {
        var l = ModelLifecycle()
        #expect(l.start([1: Self.stamp(10), 2: Self.stamp(20)]) == [.load(version: 2, stamp: Self.stamp(20))])
        #expect(l.loadFailed(version: 2, stamp: Self.stamp(20)) == [.load(version: 1, stamp: Self.stamp(10))])
        #expect(l.loadFailed(version: 1, stamp: Self.stamp(10)) == [])
        #expect(l.serving == nil)
        #expect(l.failed == [1: Self.stamp(10), 2: Self.stamp(20)])
    }

    @Test func newVersionLoadsOnceCompleteThenSwitchesAndUnloadsTheOld() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        // First sighting: it may still be being written.
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(5, 100)]) == [])
        // Still growing.
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20, 200)]) == [])
        // Unchanged across two polls: complete.
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20, 200)]) == [.load(version: 2, stamp: Self.stamp(20, 200))])
        #expect(l.serving == 1)  // the old version serves while the new one loads
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20, 200)]) == [])  // one load at a time
        #expect(l.loadSucceeded(version: 2) == [.serve(version: 2), .unload(version: 1)])
        #expect(l.serving == 2)
        #expect(l.loaded == [2])
        // Version 1 is still on disk but lower: it is not loaded again.
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20, 200)]) == [])
    }

    @Test func failedVersionIsNotRetriedUntilItsFileChanges() {
        var l = Self.serving(2, listing: [2: Self.stamp(20)])
        #expect(l.observe([2: Self.stamp(20), 3: Self.stamp(7)]) == [])
        #expect(l.observe([2: Self.stamp(20), 3: Self.stamp(7)]) == [.load(version: 3, stamp: Self.stamp(7))])
        #expect(l.loadFailed(version: 3, stamp: Self.stamp(7)) == [])
        #expect(l.serving == 2)
        for _ in 0..<3 {
            #expect(l.observe([2: Self.stamp(20), 3: Self.stamp(7)]) == [])
        }
        // Fixed file: complete after two polls, then retried.
        #expect(l.observe([2: Self.stamp(20), 3: Self.stamp(30, 9)]) == [])
        #expect(l.observe([2: Self.stamp(20), 3: Self.stamp(30, 9)]) == [.load(version: 3, stamp: Self.stamp(30, 9))])
        #expect(l.loadSucceeded(version: 3) == [.serve(version: 3), .unload(version: 2)])
    }

    @Test func failedVersionRemovedAndRestoredIsRetried() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(5)])
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(5)]) == [.load(version: 2, stamp: Self.stamp(5))])
        _ = l.loadFailed(version: 2, stamp: Self.stamp(5))
        #expect(l.observe([1: Self.stamp(10)]) == [])
        #expect(l.failed.isEmpty)
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(5)]) == [])
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(5)]) == [.load(version: 2, stamp: Self.stamp(5))])
    }

    @Test func removingTheOnlyVersionKeepsItServing() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        #expect(l.observe([:]) == [])
        #expect(l.serving == 1)
        #expect(l.loaded == [1])
        // It comes back: still the same loaded version, nothing to do.
        #expect(l.observe([1: Self.stamp(10)]) == [])
    }

    @Test func removingTheServingVersionFallsBackToTheNextOnDisk() {
        var l = Self.serving(2, listing: [1: Self.stamp(10), 2: Self.stamp(20)])
        // Version 1 was complete in the previous listing already.
        #expect(l.observe([1: Self.stamp(10)]) == [.load(version: 1, stamp: Self.stamp(10))])
        #expect(l.serving == 2)  // keeps serving until the replacement is ready
        #expect(l.loadSucceeded(version: 1) == [.serve(version: 1), .unload(version: 2)])
        #expect(l.loaded == [1])
    }

    @Test func removingAnOldVersionDuringItsReplacementDoesNotDisturb() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(20)])
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20)]) == [.load(version: 2, stamp: Self.stamp(20))])
        #expect(l.observe([2: Self.stamp(20)]) == [])
        #expect(l.loadSucceeded(version: 2) == [.serve(version: 2), .unload(version: 1)])
    }

    @Test func versionRemovedWhileLoadingIsUnloadedWhenItsLoadFinishes() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(20)])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(20)])
        #expect(l.observe([1: Self.stamp(10)]) == [])
        #expect(l.loadSucceeded(version: 2) == [.unload(version: 2)])
        #expect(l.serving == 1)
        #expect(l.loaded == [1])
    }

    @Test func newerVersionAppearingDuringALoadIsLoadedAfterTheSwitch() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(20)])
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20)]) == [.load(version: 2, stamp: Self.stamp(20))])
        _ = l.observe([1: Self.stamp(10), 2: Self.stamp(20), 3: Self.stamp(30)])
        #expect(l.observe([1: Self.stamp(10), 2: Self.stamp(20), 3: Self.stamp(30)]) == [])  // version 2 still loading
        #expect(l.loadSucceeded(version: 2) == [.serve(version: 2), .unload(version: 1), .load(version: 3, stamp: Self.stamp(30))])
        #expect(l.loadSucceeded(version: 3) == [.serve(version: 3), .unload(version: 2)])
    }

    @Test func lowerVersionAppearingIsIgnored() {
        var l = Self.serving(5, listing: [5: Self.stamp(50)])
        #expect(l.observe([5: Self.stamp(50), 4: Self.stamp(40)]) == [])
        #expect(l.observe([5: Self.stamp(50), 4: Self.stamp(40)]) == [])
        #expect(l.loaded == [5])
    }

    @Test func changedFilesOfTheLoadedVersionAreNotReloaded() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        #expect(l.observe([1: Self.stamp(11, 2)]) == [])
        #expect(l.observe([1: Self.stamp(11, 2)]) == [])
        #expect(l.serving == 1)
    }

    @Test func staleLoadResultsAreIgnored() {
        var l = Self.serving(1, listing: [1: Self.stamp(10)])
        #expect(l.loadSucceeded(version: 7) == [])
        #expect(l.loadFailed(version: 7, stamp: Self.stamp(1)) == [])
        #expect(l.loaded == [1])
    }
}
