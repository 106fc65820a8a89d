import InferenceCore
import Testing
import SeededRandom

/// Batcher scenarios driven by a manual time value; nothing sleeps.
@Suite struct BatcherTests {
    typealias Action = BatcherAction<TestInstant>
    static let wide = BatchSignature(inputs: [InferTensor(name: "x", shape: [1, 4], data: .fp32([0, 0, 0, 0]))])
    static let narrow = BatchSignature(inputs: [InferTensor(name: "x", shape: [1, 2], data: .fp32([0, 0]))])

    static func item(_ id: UInt64, rows: Int = 1, _ signature: BatchSignature = wide, deadline: TestInstant? = nil) -> BatchItem<TestInstant> {
        BatchItem(id: RequestTicket(id), signature: signature, rows: rows, deadline: deadline)
    }

    static func batcher(maxBatch: Int = 4, delay: Int64 = 10, queue: Int = 100, instances: Int = 1, batching: Bool = true) -> Batcher<TestInstant> {
        Batcher(configuration: BatcherConfiguration(batching: batching, maxBatchSize: maxBatch, maxQueueDelay: .milliseconds(delay),
                                                    maxQueueSize: queue, instances: instances, retryAfter: .seconds(2)))
    }

    static func dispatched(_ actions: [Action]) -> [Batch] {
        actions.compactMap { if case .dispatch(let b) = $0 { return b } else { return nil } }
    }

    static func tickets(_ ids: UInt64...) -> [RequestTicket] { ids.map(RequestTicket.init) }

    @Test func fillsToMaxBatchSizeAndDispatchesAtOnce() {
        var b = Self.batcher()
        #expect(b.enqueue(Self.item(1), now: .ms(0)) == [.scheduleTimer(.ms(10))])
        #expect(b.enqueue(Self.item(2), now: .ms(1)) == [])
        #expect(b.enqueue(Self.item(3, rows: 2), now: .ms(2)) == [.dispatch(Batch(instance: 0, requests: Self.tickets(1, 2, 3), rows: [1, 1, 2]))])
        #expect(b.queuedCount == 0)
        #expect(b.busyInstances == 1)
    }

    @Test func dispatchesPartialBatchAtMaxQueueDelay() {
        var b = Self.batcher()
        _ = b.enqueue(Self.item(1), now: .ms(0))
        _ = b.enqueue(Self.item(2), now: .ms(4))
        #expect(b.timerFired(now: .ms(9)).isEmpty)  // early firing is harmless
        let actions = b.timerFired(now: .ms(10))
        #expect(actions == [.dispatch(Batch(instance: 0, requests: Self.tickets(1, 2), rows: [1, 1]))])
    }

    @Test func zeroDelayDispatchesImmediately() {
        var b = Self.batcher(delay: 0)
        #expect(Self.dispatched(b.enqueue(Self.item(1), now: .ms(0))).map(\.requests) == [Self.tickets(1)])
    }

    @Test func batchIsFullWhenTheNextCompatibleRequestDoesNotFit() {
        var b = Self.batcher(instances: 2)
        _ = b.enqueue(Self.item(1, rows: 3), now: .ms(0))
        let actions = b.enqueue(Self.item(2, rows: 2), now: .ms(1))
        #expect(Self.dispatched(actions) == [Batch(instance: 0, requests: Self.tickets(1), rows: [3])])
        #expect(b.queuedTickets == Self.tickets(2))
    }

    @Test func rejectsWhenTheQueueIsFull() {
        var b = Self.batcher(maxBatch: 8, queue: 2)
        _ = b.enqueue(Self.item(1), now: .ms(0))
        #expect(!b.isFull)
        _ = b.enqueue(Self.item(2), now: .ms(0))
        #expect(b.isFull)
        #expect(b.enqueue(Self.item(3), now: .ms(1)) == [.rejectQueueFull(RequestTicket(3), retryAfter: .seconds(2))])
        #expect(b.queuedCount == 2)
    }

    @Test func rejectsRequestsLargerThanMaxBatchSize() {
        var b = Self.batcher()
        let actions = b.enqueue(Self.item(1, rows: 5), now: .ms(0))
        #expect(actions == [.fail(RequestTicket(1), InferenceError(.badRequest, "batch of 5 rows exceeds the model's max batch size 4"))])
        #expect(b.queuedCount == 0)
    }

    @Test func expiresDeadlinesWith504() {
        var b = Self.batcher(maxBatch: 8, delay: 50)
        #expect(b.enqueue(Self.item(1, deadline: .ms(20)), now: .ms(0)) == [.scheduleTimer(.ms(20))])
        _ = b.enqueue(Self.item(2), now: .ms(5))
        let actions = b.timerFired(now: .ms(20))
        guard case .fail(let id, let error) = actions.first else { Issue.record("expected a failure, got \(actions)"); return }
        #expect(id == RequestTicket(1))
        #expect(error.httpStatus == 504)
        #expect(actions.dropFirst() == [.scheduleTimer(.ms(55))])
        #expect(b.queuedTickets == Self.tickets(2))
        #expect(b.enqueue(Self.item(3, deadline: .ms(30)), now: .ms(30)).first == .fail(RequestTicket(3), error))
    }

    @Test func expiredRequestsAreNeverDispatched() {
        var b = Self.batcher(maxBatch: 2, delay: 100)
        _ = b.enqueue(Self.item(1, deadline: .ms(5)), now: .ms(0))
        let actions = b.enqueue(Self.item(2), now: .ms(6))
        #expect(actions.first == .fail(RequestTicket(1), InferenceError(.deadlineExceeded, "request deadline exceeded while waiting in the queue")))
        #expect(Self.dispatched(actions).isEmpty)
    }

    @Test func dropsCancelledRequests() {
        var b = Self.batcher()
        _ = b.enqueue(Self.item(1), now: .ms(0))
        _ = b.enqueue(Self.item(2), now: .ms(1))
        let removed = b.cancel(RequestTicket(1))
        let removedAgain = b.cancel(RequestTicket(1))
        #expect(removed && !removedAgain)
        #expect(b.timerFired(now: .ms(10)) == [.scheduleTimer(.ms(11))])
        #expect(Self.dispatched(b.timerFired(now: .ms(11))).map(\.requests) == [Self.tickets(2)])
    }

    @Test func neverMergesIncompatibleShapesAndKeepsFIFO() {
        var b = Self.batcher(delay: 10, instances: 3)
        _ = b.enqueue(Self.item(1), now: .ms(0))
        _ = b.enqueue(Self.item(2, Self.narrow), now: .ms(1))
        _ = b.enqueue(Self.item(3), now: .ms(2))
        _ = b.enqueue(Self.item(4, Self.narrow), now: .ms(3))
        let first = b.timerFired(now: .ms(10))
        #expect(Self.dispatched(first) == [Batch(instance: 0, requests: Self.tickets(1, 3), rows: [1, 1])])
        #expect(first.last == .scheduleTimer(.ms(11)))
        #expect(Self.dispatched(b.timerFired(now: .ms(11))) == [Batch(instance: 1, requests: Self.tickets(2, 4), rows: [1, 1])])
    }

    @Test func respectsInstanceConcurrency() {
        var b = Self.batcher(maxBatch: 1, instances: 2)
        var batches: [Batch] = []
        for id in UInt64(1)...5 { batches += Self.dispatched(b.enqueue(Self.item(id), now: .ms(0))) }
        #expect(batches.map(\.instance) == [0, 1])
        #expect(b.busyInstances == 2)
        #expect(b.queuedTickets == Self.tickets(3, 4, 5))
        let next = Self.dispatched(b.computeFinished(instance: 1, now: .ms(1)))
        #expect(next == [Batch(instance: 1, requests: Self.tickets(3), rows: [1])])
        #expect(Self.dispatched(b.computeFinished(instance: 0, now: .ms(2))) == [Batch(instance: 0, requests: Self.tickets(4), rows: [1])])
        #expect(b.busyInstances == 2)
    }

    @Test func noTimerWhileAllInstancesAreBusyUnlessADeadlineWaits() {
        var b = Self.batcher(maxBatch: 1, instances: 1)
        _ = b.enqueue(Self.item(1), now: .ms(0))
        #expect(b.enqueue(Self.item(2), now: .ms(1)) == [])
        #expect(b.enqueue(Self.item(3, deadline: .ms(50)), now: .ms(2)) == [.scheduleTimer(.ms(50))])
    }

    @Test func modelsWithoutBatchDimensionRunOneRequestAtATime() {
        var b = Self.batcher(maxBatch: 8, delay: 100, batching: false)
        #expect(Self.dispatched(b.enqueue(Self.item(1, rows: 3), now: .ms(0))) == [Batch(instance: 0, requests: Self.tickets(1), rows: [3])])
        #expect(Self.dispatched(b.enqueue(Self.item(2), now: .ms(0))).isEmpty)
        #expect(Self.dispatched(b.computeFinished(instance: 0, now: .ms(1))) == [Batch(instance: 0, requests: Self.tickets(2), rows: [1])])
    }

    @Test func randomScheduleKeepsEveryInvariant() {
        var rng = SeededGenerator(seed: 7)
        var b = Self.batcher(maxBatch: 4, delay: 5, queue: 6, instances: 2)
        var now: Int64 = 0
        var next: UInt64 = 1
        var outcome: [RequestTicket: String] = [:]
        var running: [Int: Batch] = [:]
        var heads: [RequestTicket] = []
        var orderBySignature: [BatchSignature: [RequestTicket]] = [:]
        var signatureOf: [RequestTicket: BatchSignature] = [:]
        func apply(_ actions: [Action]) {
            for action in actions {
                switch action {
                case .dispatch(let batch):
                    #expect(running[batch.instance] == nil)
                    #expect(batch.totalRows <= 4)
                    running[batch.instance] = batch
                    heads.append(batch.requests[0])
                    #expect(Set(batch.requests.map { signatureOf[$0] }).count == 1)
                    for id in batch.requests {
                        #expect(outcome.updateValue("ran", forKey: id) == nil)
                        orderBySignature[signatureOf[id]!, default: []].append(id)
                    }
                case .fail(let id, _): #expect(outcome.updateValue("failed", forKey: id) == nil)
                case .rejectQueueFull(let id, _): #expect(outcome.updateValue("rejected", forKey: id) == nil)
                case .scheduleTimer(let t): #expect(t >= .ms(now))
                }
            }
        }
        for _ in 0..<2000 {
            now += Int64.random(in: 0...3, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0, 1:
                let deadline: TestInstant? = Bool.random(using: &rng) ? .ms(now + Int64.random(in: 1...20, using: &rng)) : nil
                let signature = Bool.random(using: &rng) ? Self.wide : Self.narrow
                signatureOf[RequestTicket(next)] = signature
                apply(b.enqueue(Self.item(next, rows: Int.random(in: 1...3, using: &rng), signature, deadline: deadline), now: .ms(now)))
                next += 1
            case 2: apply(b.timerFired(now: .ms(now)))
            default:
                if let instance = running.keys.randomElement(using: &rng) {
                    running[instance] = nil
                    apply(b.computeFinished(instance: instance, now: .ms(now)))
                }
            }
            #expect(b.queuedCount <= 6)
            #expect(b.busyInstances == running.count)
        }
        #expect(heads.count > 100)
        #expect(heads == heads.sorted())  // the oldest waiting request always leads the next batch
        for (_, order) in orderBySignature { #expect(order == order.sorted()) }
        #expect(Set(outcome.values) == ["ran", "failed", "rejected"])
    }
}
