public import JSON
public import KubeSchema

/// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), with the semantics of
/// k8s.io/apimachinery/pkg/util/strategicpatch as kube-apiserver v1.36 applies it.
///
/// Patch metadata comes from the schema: a field's `x-kubernetes-patch-strategy` (`merge`, `replace`,
/// `retainKeys`, `merge,retainKeys`) and `x-kubernetes-patch-merge-key`. A field without schema behaves as
/// in a JSON merge patch (maps merge, lists are replaced).
public enum StrategicMergePatch {
    /// Applies `patch` to `original` and returns the patched document; never mutates its inputs.
    ///
    /// - Maps merge recursively; a `null` member deletes the member. Scalars and lists replace, except:
    /// - a list whose field has strategy `merge` and a merge key merges element by element: a patch element
    ///   updates the original element with the same merge-key value (recursively), an element with
    ///   `"$patch": "delete"` removes every element with its merge-key value, `{"$patch": "replace"}` makes the
    ///   patch's other elements the whole list. Without `$setElementOrder` the result lists the patch's
    ///   elements first, in patch order, interleaved with the original-only elements in their original
    ///   relative order exactly as kube-apiserver does (new elements end up before existing ones);
    /// - a list of scalars with strategy `merge` becomes the union of both (patch values first, as above);
    ///   `$deleteFromPrimitiveList/<field>: [values]` removes values from such a list;
    /// - `$setElementOrder/<field>: [...]` (merge-key maps or scalars) dictates the final order of the listed
    ///   elements; elements it does not list keep their original relative positions;
    /// - `$retainKeys: [names]` removes every original member not named (and rejects patch members not named);
    /// - `"$patch": "replace"` in a map replaces the map by the patch map; `"$patch": "delete"` makes it `{}`
    ///   (kube-apiserver keeps an empty map, it does not remove the member); `"$patch": "merge"` is the
    ///   default made explicit (kube-apiserver rejects it; accepting it is harmless).
    /// - A field whose `patchStrategy` is `replace` is replaced whole.
    ///
    /// Values copied from the patch into the result (a member absent from the original, a replaced list or
    /// map, a new list element) carry no directive keys and no `null` members: like kube-apiserver, a map
    /// with `$patch` that has nothing to apply to is dropped, and other directive keys are removed.
    /// The result never contains a key starting with `$` that came from the patch.
    ///
    /// A `null` patch leaves the document unchanged; an original that is not an object is patched as `{}`.
    /// Throws `.malformed` when the patch is not an object,
    /// uses an unknown directive (any other key starting with `$`, or an unknown `$patch` value), gives a
    /// directive the wrong shape, or has a list element without its merge key; `.invalid` when the patch
    /// cannot apply to this document (lists of lists — reported by kube-apiserver with its generic 422
    /// message —, an element order that contradicts `$setElementOrder`, mixed element types).
    public static func apply(_ patch: JSONValue, to original: JSONValue, schema: StructuralSchema?) throws(PatchError) -> JSONValue {
        let patchObject: JSONObject
        switch patch {
        case .null: return original
        case .object(let object): patchObject = object
        default:
            throw PatchError(kind: .malformed, message: "json: cannot unmarshal \(patch.goTypeName) into Go value of type map[string]interface {}")
        }
        try validateDirectives(in: patch, path: "")
        let base = original.objectValue ?? [:]
        return .object(try mergeMap(base, patchObject, schema: schema, path: ""))
    }

    /// Merges `patch` into `original` (apimachinery's `mergeMap`).
    static func mergeMap(_ original: JSONObject, _ patch: JSONObject, schema: StructuralSchema?, path: String) throws(PatchError) -> JSONObject {
        var patch = patch
        if let directive = patch[Directive.patch]?.stringValue {
            switch directive {
            case Directive.replace:
                patch[Directive.patch] = nil
                return strippingDirectives(patch)
            case Directive.delete:
                return [:]
            default:
                patch[Directive.patch] = nil
            }
        }
        var original = original
        try applyRetainKeys(&original, &patch, path: path)
        try applySetElementOrder(&original, &patch, schema: schema, path: path)

        for (patchKey, patchValue) in patch {
            var key = patchKey
            var isDeleteList = false
            if patchKey.hasPrefix(Directive.deleteFromPrimitiveListPrefix) {
                key = String(patchKey.dropFirst(Directive.deleteFromPrimitiveListPrefix.count))
                isDeleteList = true
            }
            if case .null = patchValue {
                original[key] = nil
                continue
            }
            guard let current = original[key] else {
                if !isDeleteList { original[key] = removingDirectives(patchValue) }
                continue
            }
            let field = schema?.child(key)
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            switch (current, patchValue) {
            case (.object(let currentObject), .object(let patchObject)):
                let strategy = try patchStrategy(of: field, path: fieldPath)
                original[key] = .null
                original[key] = .object(strategy == Directive.replace
                    ? strippingDirectives(patchObject)
                    : try mergeMap(currentObject, patchObject, schema: field, path: fieldPath))
            case (.array(let currentList), .array(let patchList)):
                let strategy = try patchStrategy(of: field, path: fieldPath)
                original[key] = .null
                original[key] = .array(try mergeListField(
                    currentList, patchList, field: field, strategy: strategy, isDeleteList: isDeleteList, path: fieldPath))
            default:
                if !isDeleteList { original[key] = removingDirectives(patchValue) }
            }
        }
        return original
    }

    /// The non-`retainKeys` part of a field's patch strategy: `""`, `merge` or `replace`.
    static func patchStrategy(of field: StructuralSchema?, path: String) throws(PatchError) -> String {
        guard let raw = field?.patchStrategy, !raw.isEmpty else { return "" }
        let parts = raw.split(separator: ",").map(String.init)
        switch parts.count {
        case 1:
            return parts[0] == Directive.retainKeysStrategy ? "" : parts[0]
        case 2 where parts[0] == Directive.retainKeysStrategy:
            return parts[1]
        case 2 where parts[1] == Directive.retainKeysStrategy:
            return parts[0]
        default:
            throw PatchError(kind: .invalid, message: "unexpected patch strategy: \(raw)", path: path)
        }
    }

    static func malformed(_ message: String, _ path: String) -> PatchError {
        PatchError(kind: .malformed, message: message, path: path)
    }

    static func invalid(_ message: String, _ path: String, hidden: Bool = false) -> PatchError {
        PatchError(kind: .invalid, message: message, path: path, hidesMessageOnWire: hidden)
    }
}
