public import JSON

/// Reading and writing YAML the way Kubernetes does (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1).
///
/// Reading produces `JSONValue`s: plain scalars resolve with the YAML 1.1 rules Kubernetes applies
/// (`yes`/`on`/`y` are booleans, `0x1F` and `017` are integers, `~` is null), quoted and block scalars are
/// always strings, anchors, aliases and `<<` merge keys are resolved, non-string keys become strings
/// (`1` -> `"1"`, `true` -> `"true"`, `null` -> `"null"`), and duplicate keys, complex keys, unknown tags,
/// infinities and NaN are errors. Writing produces kubectl-style block YAML that reads back to an equal
/// value.
public enum YAML {
    /// All documents of a stream, in order; an empty stream has none, and an empty document
    /// (`---` followed by nothing) is `.null`.
    public static func parseDocuments(_ text: String, limits: YAMLLimits = .default) throws(YAMLError)
        -> [JSONValue]
    {
        try parseDocuments(Array(text.utf8), limits: limits)
    }

    /// All documents of a stream of bytes (UTF-8, or UTF-16 with a byte-order mark); invalid encoding is a
    /// `YAMLError` at the offending byte.
    public static func parseDocuments(_ bytes: some Collection<UInt8>, limits: YAMLLimits = .default)
        throws(YAMLError) -> [JSONValue]
    {
        var composer = try YAMLComposer(bytes: bytes, limits: limits, recordPositions: false)
        return try composer.composeDocuments(single: false).map(\.value)
    }

    /// The one document of `text`: `.null` when there is none, an error when there is more than one.
    public static func parse(_ text: String, limits: YAMLLimits = .default) throws(YAMLError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    /// The one document of `bytes`: `.null` when there is none, an error when there is more than one.
    public static func parse(_ bytes: some Collection<UInt8>, limits: YAMLLimits = .default) throws(YAMLError)
        -> JSONValue
    {
        var composer = try YAMLComposer(bytes: bytes, limits: limits, recordPositions: false)
        return try composer.composeDocuments(single: true).first?.value ?? .null
    }

    /// Like `parse`, also returning the position of every node (for error messages that point into the
    /// source). An empty stream gives a `.null` document without positions.
    public static func parseWithPositions(_ text: String, limits: YAMLLimits = .default) throws(YAMLError)
        -> YAMLDocument
    {
        var composer = try YAMLComposer(bytes: Array(text.utf8), limits: limits, recordPositions: true)
        return try composer.composeDocuments(single: true).first ?? YAMLDocument(value: .null)
    }

    /// Like `parseDocuments`, also returning the position of every node of each document.
    public static func parseDocumentsWithPositions(_ text: String, limits: YAMLLimits = .default)
        throws(YAMLError) -> [YAMLDocument]
    {
        var composer = try YAMLComposer(bytes: Array(text.utf8), limits: limits, recordPositions: true)
        return try composer.composeDocuments(single: false)
    }

    /// `value` as block YAML in kubectl's layout (`-o yaml`), ending in a newline. Object key order is kept.
    /// For every value without infinities or NaN, `parse(emit(value)) == value`.
    public static func emit(_ value: JSONValue) -> String {
        var emitter = YAMLEmitter()
        emitter.document(value)
        return emitter.output
    }

    /// Several documents, each as `emit(_:)` writes it, separated by `---` lines.
    public static func emit(documents: [JSONValue]) -> String {
        documents.map(emit).joined(separator: "---\n")
    }
}
