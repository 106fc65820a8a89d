public import JSON

/// JSON Merge Patch (RFC 7386), the `application/merge-patch+json` patch type.
public enum MergePatch {
    /// Applies `patch` to `target` exactly as RFC 7386 section 2 defines: an object patch merges member by
    /// member (a `null` member removes the target's member, other members merge recursively, a non-object
    /// target is first replaced by `{}`); any other patch (array, scalar, `null`) replaces the target whole.
    /// Lists are never merged. Keys already in the target keep their position; new keys follow in patch order.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result: JSONObject
        if case .object(let object) = target { result = object } else { result = [:] }
        for (key, value) in patchObject {
            if case .null = value {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// A merge patch that turns `source` into `target`: `apply(diff(from: a, to: b), to: a) == b` holds for
    /// every `b` without `null`s (RFC 7386 cannot set a member to `null`). Members that differ between two
    /// objects are diffed recursively, removed members become `null`, unchanged ones are left out; when
    /// either side is not an object the patch is `target` itself. Equal objects give `{}`.
    public static func diff(from source: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let old) = source, case .object(let new) = target else { return target }
        var patch = JSONObject()
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        for (key, newValue) in new {
            guard let oldValue = old[key] else {
                patch[key] = newValue
                continue
            }
            if oldValue == newValue { continue }
            if case .object = oldValue, case .object = newValue {
                patch[key] = diff(from: oldValue, to: newValue)
            } else {
                patch[key] = newValue
            }
        }
        return .object(patch)
    }

    /// Checks a merge-patch request body the way kube-apiserver decodes it before applying: it must be a JSON
    /// object. Throws `.malformed` with kube-apiserver's message (`Invalid JSON Patch` for `null`,
    /// `error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}`
    /// for an array, and likewise for strings, numbers and booleans).
    public static func validateBody(_ patch: JSONValue) throws(PatchError) {
        switch patch {
        case .object:
            return
        case .null:
            throw PatchError(kind: .malformed, message: "Invalid JSON Patch")
        default:
            throw PatchError(
                kind: .malformed,
                message: "error decoding patch: json: cannot unmarshal \(patch.goTypeName) into Go value of type map[string]interface {}")
        }
    }
}

extension JSONValue {
    /// The word Go's encoding/json uses for this value's JSON type in "cannot unmarshal X into" errors.
    var goTypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
