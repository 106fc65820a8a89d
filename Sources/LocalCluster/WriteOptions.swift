import JSON

/// `fieldValidation`: what to do with fields the schema does not know.
enum FieldValidation: String, Sendable {
    case strict = "Strict", warn = "Warn", ignore = "Ignore"
}

/// Options shared by create, update and patch, already validated.
struct WriteOptions: Sendable {
    var dryRun = false
    /// The field manager recorded in managedFields (the `fieldManager` parameter or the User-Agent's product).
    var fieldManager = "unknown"
    var fieldValidation = FieldValidation.warn
    /// Server-side apply only: take ownership of conflicting fields.
    var force = false
}

/// The outcome of a create, update or patch.
struct WriteResult: Sendable {
    var object: JSONValue
    /// True when the write created the object (201 instead of 200).
    var created: Bool
    /// `Warning` header texts (`unknown field "spec.x"`).
    var warnings: [String]
}

/// `DeleteOptions` from the body or query.
struct DeleteOptions: Sendable {
    enum Propagation: String, Sendable { case background = "Background", foreground = "Foreground", orphan = "Orphan" }
    var propagation: Propagation?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false
}

/// The outcome of a delete: gone now (a Status is returned) or pending on finalizers (the object is returned).
enum DeleteResult: Sendable {
    case deleted(JSONValue)
    case pending(JSONValue)
}
