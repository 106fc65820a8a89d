public import JSON

/// One validation failure on one field, mirroring `k8s.io/apimachinery/pkg/util/validation/field.Error`.
///
/// `message` is what kube-apiserver puts in a Status cause's `message` (Go's `ErrorBody()`), `reason`
/// is the cause's `reason`, `field` the cause's `field`, and `description` is `field: message` (Go's
/// `Error()`), the form used inside the aggregated 422 message.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; the raw value is the Status cause `reason` (Go's `field.ErrorType`).
    public enum ErrorType: String, Sendable, Hashable, CaseIterable {
        case notFound = "FieldValueNotFound"
        case required = "FieldValueRequired"
        case duplicate = "FieldValueDuplicate"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case `internal` = "InternalError"
        case typeInvalid = "FieldValueTypeInvalid"

        /// The human prefix of a message ("Invalid value", "Required value", ...).
        public var text: String {
            switch self {
            case .notFound: return "Not found"
            case .required: return "Required value"
            case .duplicate: return "Duplicate value"
            case .invalid, .typeInvalid: return "Invalid value"
            case .notSupported: return "Unsupported value"
            case .forbidden: return "Forbidden"
            case .tooLong: return "Too long"
            case .tooMany: return "Too many"
            case .internal: return "Internal error"
            }
        }
    }

    /// The kind of failure (the cause `reason`).
    public var type: ErrorType
    /// The field path as Kubernetes prints it (`spec.template.spec.containers[0].name`,
    /// `metadata.labels[app]`); `<nil>` for an error that is about no field.
    public var field: String
    /// The offending value; `nil` means the value is omitted from the message (Go's `omitValue`),
    /// `.null` prints as `null`.
    public var badValue: JSONValue?
    /// Free text after the value (`must be greater than or equal to 0`); may be empty.
    public var detail: String

    /// An error of `type` at `field` (an empty field becomes `<nil>`, as Go prints a nil path).
    public init(_ type: ErrorType, field: String, badValue: JSONValue?, detail: String = "") {
        self.type = type
        self.field = field.isEmpty ? "<nil>" : field
        self.badValue = badValue
        self.detail = detail
    }

    /// The Status cause `reason`.
    public var reason: String { type.rawValue }

    /// The message exactly as kube-apiserver prints it: `Invalid value: -1: must be ...`,
    /// `Required value`, `Unsupported value: "x": supported values: "a", "b"`.
    public var message: String {
        var s: String
        switch type {
        case .required, .forbidden, .tooLong, .internal:
            s = type.text
        default:
            if let badValue { s = type.text + ": " + GoFormat.badValue(badValue) } else { s = type.text }
        }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }

    /// The Status cause object: `{"reason": ..., "message": ..., "field": ...}`.
    public var cause: JSONValue {
        ["reason": .string(reason), "message": .string(message), "field": .string(field)]
    }
}

// MARK: - Constructors named like the Go helpers

extension FieldError {
    /// `field.Required`: `Required value[: detail]` (the value is never printed).
    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(.required, field: field, badValue: nil, detail: detail)
    }

    /// `field.Invalid`: `Invalid value: <value>: detail`; a nil value is omitted (`Invalid value: detail`).
    public static func invalid(_ field: String, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(.invalid, field: field, badValue: value, detail: detail)
    }

    /// `field.TypeInvalid`: printed like Invalid, reason FieldValueTypeInvalid.
    public static func typeInvalid(_ field: String, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(.typeInvalid, field: field, badValue: value, detail: detail)
    }

    /// `field.Forbidden`: `Forbidden: detail`.
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(.forbidden, field: field, badValue: nil, detail: detail)
    }

    /// `field.Duplicate`: `Duplicate value: <value>` (nil omits the value).
    public static func duplicate(_ field: String, _ value: JSONValue?) -> FieldError {
        FieldError(.duplicate, field: field, badValue: value)
    }

    /// `field.NotFound`: `Not found: <value>`.
    public static func notFound(_ field: String, _ value: JSONValue?) -> FieldError {
        FieldError(.notFound, field: field, badValue: value)
    }

    /// `field.InternalError`: `Internal error: detail`.
    public static func `internal`(_ field: String, _ detail: String) -> FieldError {
        FieldError(.internal, field: field, badValue: nil, detail: detail)
    }

    /// `field.NotSupported`: the detail lists the supported values, each quoted (non-strings as JSON).
    public static func notSupported(_ field: String, _ value: JSONValue?, supported: [JSONValue]) -> FieldError {
        let quoted = supported.map { v -> String in
            if case .string(let s) = v { return GoFormat.quote(s) }
            return GoFormat.quote(GoFormat.json(v))
        }
        let detail = quoted.isEmpty ? "" : "supported values: " + quoted.joined(separator: ", ")
        return FieldError(.notSupported, field: field, badValue: value, detail: detail)
    }

    /// `field.TooLong`: `Too long: may not be more than N bytes` (the value is never printed).
    public static func tooLong(_ field: String, _ value: JSONValue?, maxLength: Int) -> FieldError {
        let detail: String
        if maxLength >= 0 {
            detail = "may not be more than \(maxLength) \(maxLength == 1 ? "byte" : "bytes")"
        } else {
            detail = "value is too long"
        }
        return FieldError(.tooLong, field: field, badValue: value, detail: detail)
    }

    /// `field.TooMany`: `Too many: 3: must have at most 2 items`.
    public static func tooMany(_ field: String, actual: Int, max: Int) -> FieldError {
        let detail = max >= 0 ? "must have at most \(max) \(max == 1 ? "item" : "items")" : "has too many items"
        return FieldError(.tooMany, field: field, badValue: actual >= 0 ? .int(Int64(actual)) : nil, detail: detail)
    }
}

// MARK: - 422 messages

extension FieldError {
    /// The `message` of the 422 Status kube-apiserver returns for `errors`:
    /// `Kind.group "name" is invalid: <err>` for one error (distinct descriptions),
    /// `Kind.group "name" is invalid: [<err1>, <err2>]` for several, `Kind.group "name" is invalid` for
    /// none. The group is omitted (`ConfigMap "x"`) when empty. Repeated descriptions are printed once.
    public static func invalidMessage(kind: String, group: String, name: String, errors: [FieldError]) -> String {
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        let head = "\(qualified) \(GoFormat.quote(name)) is invalid"
        guard !errors.isEmpty else { return head }
        return head + ": " + aggregate(errors.map(\.description))
    }

    /// Go's `utilerrors.NewAggregate(...).Error()`: one message bare, several in brackets, duplicates dropped.
    static func aggregate(_ messages: [String]) -> String {
        if messages.count == 1 { return messages[0] }
        var seen = Set<String>()
        var unique: [String] = []
        for m in messages where seen.insert(m).inserted { unique.append(m) }
        return unique.count == 1 ? unique[0] : "[" + unique.joined(separator: ", ") + "]"
    }
}
