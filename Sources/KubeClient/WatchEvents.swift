import JSON
public import KubeCore

/// A watch as an `AsyncSequence` of events.
///
/// The stream is split into events at newlines (never at chunk boundaries). When `resume` is set and the
/// server ends the stream (its timeout) or the connection breaks with a retryable error, the watch is
/// reopened from the last resourceVersion seen (from events and bookmarks), so no event is lost or
/// repeated; after `maxReconnectFailures` consecutive failed reopenings the error is thrown. An ERROR
/// event ends the sequence with its typed error: `.expired` (410) means the caller must relist.
/// Cancelling the consuming task ends the sequence (`nil`).
public struct WatchEvents: AsyncSequence, Sendable {
    public typealias Element = WatchEvent
    public typealias Failure = KubeAPIError

    let client: KubeClient
    let resource: GroupVersionResource
    let namespace: String?
    let options: WatchOptions
    let resume: Bool
    let maxReconnectFailures: Int

    /// The iterator; one consumer only.
    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = WatchEvent
        public typealias Failure = KubeAPIError

        let watch: WatchEvents
        var body: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator?
        var splitter = LineSplitter()
        var pending: [[UInt8]] = []
        var failures = 0
        var finished = false
        /// How many times the stream has been (re)opened.
        public private(set) var connections = 0
        /// The newest resourceVersion seen; a resumed watch starts after it.
        public private(set) var resourceVersion: String?

        init(_ watch: WatchEvents) {
            self.watch = watch
            resourceVersion = watch.options.resourceVersion
        }

        var request: APIRequest {
            var options = watch.options
            options.resourceVersion = resourceVersion
            return .watch(watch.resource, namespace: watch.namespace, options: options)
        }

        /// The next event; `nil` when the stream ended without `resume`, or the task was cancelled.
        public mutating func next() async throws(KubeAPIError) -> WatchEvent? {
            while !finished {
                if !pending.isEmpty {
                    let line = pending.removeFirst()
                    do throws(KubeAPIError) {
                        let event = try WatchLineDecoder.decode(line, request: request)
                        if let version = event.resourceVersion { resourceVersion = version }
                        failures = 0
                        return event
                    } catch {
                        finished = true
                        throw error
                    }
                }
                if Task.isCancelled {
                    finished = true
                    return nil
                }
                if body == nil {
                    try await open()
                    continue
                }
                do {
                    if let chunk = try await body!.next() {
                        pending += splitter.feed(chunk)
                    } else {
                        body = nil
                        splitter = LineSplitter()
                        if !watch.resume || Task.isCancelled { finished = true }
                    }
                } catch {
                    body = nil
                    splitter = LineSplitter()
                    try handleFailure(KubeClient.streamError(error, request: request))
                }
            }
            return nil
        }

        private mutating func open() async throws(KubeAPIError) {
            do throws(KubeAPIError) {
                let (status, stream) = try await watch.client.openStream(request)
                connections += 1
                body = stream.makeAsyncIterator()
                _ = status
            } catch {
                if case .transport = error.kind {
                    try handleFailure(error)
                } else {
                    finished = true
                    throw error
                }
                try? await Task.sleep(for: .milliseconds(100 << Swift.min(failures, 5)))
            }
        }

        private mutating func handleFailure(_ error: KubeAPIError) throws(KubeAPIError) {
            failures += 1
            guard watch.resume, error.isRetryable, failures <= watch.maxReconnectFailures else {
                finished = true
                throw error
            }
        }
    }

    /// A fresh iterator, which opens the watch on its first `next()`.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(self) }
}

