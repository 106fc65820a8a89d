public import Foundation

/// Held while a child process is launched or a descriptor meant for one (a `Pipe`) is created.
private let launchLock = NSLock()

/// Runs `body` (a `Process.run()`, or the creation of the pipes a launch will pass) while no other
/// launch in this process is under way.
///
/// Why: on Linux, Foundation learns that a child exited when a socket pair it opens in `run()`
/// (without close-on-exec) reaches end of file, and it closes the parent's other descriptors in the
/// child by listing those open just before spawning. Two launches on different threads can
/// interleave so that the second child inherits the first child's exit socket or pipe ends; the
/// first exit then goes unnoticed (`isRunning` stays true, `waitUntilExit` and termination
/// handlers wait, pipe readers see no end of file) until the second child ends. Tests run in
/// parallel in one process and launch kubectl, Python helpers and servers, and the operator's client
/// runs exec credential plugins, so every launch and every pipe creation goes through here.
public func launchSerially<T>(_ body: () throws -> T) rethrows -> T {
    launchLock.lock()
    defer { launchLock.unlock() }
    return try body()
}
