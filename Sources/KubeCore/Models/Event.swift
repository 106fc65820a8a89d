/// `events.k8s.io/v1` Event: what a controller records about an object. Unlike most objects its fields
/// sit at the top level, not under `spec`.
public struct Event: KubeObject {
    /// The `apiVersion` every object of this type carries.
    public static let apiVersion = "events.k8s.io/v1"
    /// The `kind` every object of this type carries.
    public static let kind = "Event"
    /// The REST resource serving this type.
    public static let resource = GroupVersionResource.events

    /// `events.k8s.io/v1.EventSeries`: repeats of an event.
    public struct Series: Codable, Sendable, Hashable {
        /// Occurrences so far.
        public var count: Int32
        /// When the last occurrence was seen (MicroTime).
        public var lastObservedTime: String

        /// A series with every field given.
        public init(count: Int32, lastObservedTime: String) {
            self.count = count
            self.lastObservedTime = lastObservedTime
        }
    }

    /// The object's `apiVersion`.
    public var apiVersion: String
    /// The object's `kind`.
    public var kind: String
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// When the event first happened (MicroTime); required on create, `nil` on legacy events.
    public var eventTime: String?
    /// Repeats of the event, for an isomorphic event seen again.
    public var series: Series?
    /// The emitting controller, e.g. `stockade.dev/operator`.
    public var reportingController: String?
    /// The emitting controller instance, e.g. the pod name.
    public var reportingInstance: String?
    /// What was done (or failed), e.g. `Reconcile`.
    public var action: String?
    /// Why, in CamelCase, e.g. `Synced`.
    public var reason: String?
    /// The object the event is about.
    public var regarding: ObjectReference?
    /// A secondary object, if any.
    public var related: ObjectReference?
    /// A human-readable description (at most 1 kB).
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?

    /// An event with the given fields.
    public init(
        metadata: ObjectMeta = ObjectMeta(), eventTime: String? = nil, series: Series? = nil,
        reportingController: String? = nil, reportingInstance: String? = nil, action: String? = nil,
        reason: String? = nil, regarding: ObjectReference? = nil, related: ObjectReference? = nil,
        note: String? = nil, type: String? = nil
    ) {
        apiVersion = Self.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, eventTime, series, reportingController, reportingInstance, action, reason
        case regarding, related, note, type
    }

    /// Decodes the object; a missing `apiVersion`/`kind`/`metadata` takes the type's defaults and
    /// unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        (apiVersion, kind, metadata) = try KubeObjectHeader.decode(
            Self.self, c, apiVersion: .apiVersion, kind: .kind, metadata: .metadata)
        eventTime = try c.decodeIfPresent(String.self, forKey: .eventTime)
        series = try c.decodeIfPresent(Series.self, forKey: .series)
        reportingController = try c.decodeIfPresent(String.self, forKey: .reportingController)
        reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        regarding = try c.decodeIfPresent(ObjectReference.self, forKey: .regarding)
        related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        type = try c.decodeIfPresent(String.self, forKey: .type)
    }
}
