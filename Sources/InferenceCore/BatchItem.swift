/// Identifies one queued request to the batcher; the owner assigns unique values.
public struct RequestTicket: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The owner-assigned value; unique among requests known to one batcher.
    public var rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (a: RequestTicket, b: RequestTicket) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// What must agree for requests to be merged along dimension 0: input names, datatypes, and every
/// dimension but the first. Input order does not matter.
public struct BatchSignature: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var datatype: TensorDataType
        public var innerShape: [Int]
    }

    /// Entries sorted by input name.
    public var entries: [Entry]

    /// The signature of `inputs` (each of rank ≥ 1 for a batched model).
    public init(inputs: [InferTensor]) {
        entries = inputs.map { Entry(name: $0.name, datatype: $0.datatype, innerShape: Array($0.shape.dropFirst())) }
            .sorted { $0.name < $1.name }
    }
}

/// A request as the batcher sees it: no tensors, only what scheduling needs.
public struct BatchItem<Instant: InstantProtocol>: Sendable {
    public var id: RequestTicket
    /// Only requests with equal signatures share a batch.
    public var signature: BatchSignature
    /// Size of dimension 0 (1 for a model without a batch dimension).
    public var rows: Int
    /// When the request expires with 504 if it has not been dispatched; `nil` for never.
    public var deadline: Instant?

    public init(id: RequestTicket, signature: BatchSignature, rows: Int, deadline: Instant? = nil) {
        self.id = id
        self.signature = signature
        self.rows = rows
        self.deadline = deadline
    }

    /// The item for validated `inputs`. With `batched`, every input must have rank ≥ 1 and the same
    /// dimension 0 (else 400 naming the inputs); without, rows is 1.
    public init(id: RequestTicket, inputs: [InferTensor], batched: Bool, deadline: Instant? = nil) throws(InferenceError) {
        var rows = 1
        if batched {
            guard let first = inputs.first else { throw .badRequest("request has no inputs") }
            for input in inputs {
                guard let n = input.shape.first else {
                    throw .badRequest("input '\(input.name)': a scalar cannot be batched; the model expects a batch dimension")
                }
                if input.name != first.name, n != first.shape.first {
                    throw .badRequest("inputs disagree on dimension 0 (batch size): '\(first.name)' has \(first.shape.first ?? 0), '\(input.name)' has \(n)")
                }
            }
            rows = first.shape.first ?? 1
        }
        self.init(id: id, signature: BatchSignature(inputs: inputs), rows: rows, deadline: deadline)
    }
}

/// Requests dispatched together to one compute instance, in queue order.
public struct Batch: Sendable, Equatable {
    /// The compute instance (0 ..< instances) that runs the batch; report it to `computeFinished`.
    public var instance: Int
    /// The merged requests, in queue order; the batch tensors concatenate them in this order.
    public var requests: [RequestTicket]
    /// Rows per request, parallel to `requests`.
    public var rows: [Int]

    public init(instance: Int, requests: [RequestTicket], rows: [Int]) {
        self.instance = instance
        self.requests = requests
        self.rows = rows
    }

    /// The batch size along dimension 0 (sum of `rows`).
    public var totalRows: Int { rows.reduce(0, +) }
}

/// What the owner of a ``Batcher`` must do after an event.
public enum BatcherAction<Instant: InstantProtocol>: Sendable, Equatable {
    /// Run these requests as one batch on `batch.instance`, then call `computeFinished`.
    case dispatch(Batch)
    /// Call `timerFired` at this instant; replaces any timer scheduled earlier.
    case scheduleTimer(Instant)
    /// Answer 503 with `Retry-After` now: the queue is full.
    case rejectQueueFull(RequestTicket, retryAfter: Duration)
    /// Answer with this error now; the request left the queue (e.g. 504 deadline, 400 too many rows).
    case fail(RequestTicket, InferenceError)
}
