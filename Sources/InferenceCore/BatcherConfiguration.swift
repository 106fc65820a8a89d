/// Scheduling settings of one model's ``Batcher``.
public struct BatcherConfiguration: Sendable, Equatable {
    /// Whether requests may be merged along dimension 0; false for models without a batch dimension,
    /// which then run one request per dispatch.
    public var batching: Bool
    /// Most rows (sum of dimension 0) in one batch; a single request with more rows fails with 400.
    public var maxBatchSize: Int
    /// Longest a request waits for others to join its batch before a partial batch is dispatched to a
    /// free instance; zero (the default, as Triton's) dispatches at once, so batches form only from
    /// requests that queued while every instance was busy.
    public var maxQueueDelay: Duration
    /// Most requests waiting (not yet dispatched); more are rejected with 503.
    public var maxQueueSize: Int
    /// How many batches may run at once (compute instances); at least 1.
    public var instances: Int
    /// The `Retry-After` suggested to rejected clients.
    public var retryAfter: Duration

    public init(
        batching: Bool = true, maxBatchSize: Int = 32, maxQueueDelay: Duration = .zero,
        maxQueueSize: Int = 1024, instances: Int = 1, retryAfter: Duration = .seconds(1)
    ) {
        self.batching = batching
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxQueueDelay = max(.zero, maxQueueDelay)
        self.maxQueueSize = max(0, maxQueueSize)
        self.instances = max(1, instances)
        self.retryAfter = retryAfter
    }
}
