import JSON
import KubeSchema

/// The JSON type shared by all elements of a list, as apimachinery's `sliceElementType` sees it.
enum ElementKind: Equatable {
    case object, array, string, number, bool, null

    init(_ value: JSONValue) {
        switch value {
        case .object: self = .object
        case .array: self = .array
        case .string: self = .string
        case .int, .double: self = .number
        case .bool: self = .bool
        case .null: self = .null
        }
    }
}

extension StrategicMergePatch {
    /// Merges a list field (apimachinery's `mergeSliceHandler`): strategy `merge` (or a
    /// `$deleteFromPrimitiveList` list) merges, anything else replaces the list with the patch's.
    static func mergeListField(
        _ original: [JSONValue], _ patch: [JSONValue], field: StructuralSchema?, strategy: String, isDeleteList: Bool, path: String
    ) throws(PatchError) -> [JSONValue] {
        guard strategy == Directive.merge || isDeleteList else { return patch.map(strippingDirectives) }
        return try mergeList(
            original, patch, items: field?.items, mergeKey: field?.patchMergeKey ?? "", isDeleteList: isDeleteList, path: path)
    }

    /// Merges two lists (apimachinery's `mergeSlice`), then orders the result: patch elements in patch order,
    /// interleaved with original-only elements in original order.
    static func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], items: StructuralSchema?, mergeKey: String, isDeleteList: Bool, path: String
    ) throws(PatchError) -> [JSONValue] {
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try elementKind(of: original + patch, path: path)
        var original = original
        var patch = patch
        let merged: [JSONValue]
        if kind != .object {
            if isDeleteList { return original.filter { !patch.contains($0) } }
            merged = deduplicated(original + patch)
        } else {
            guard !mergeKey.isEmpty else { throw invalid("cannot merge lists of objects without a patch merge key", path) }
            (original, patch) = try separatingSpecialElements(original, patch, mergeKey: mergeKey, path: path)
            merged = try mergingElements(original, patch, items: items, mergeKey: mergeKey, path: path)
        }
        let (patchItems, serverOnly) = try partition(merged, by: patch, mergeKey: mergeKey, kind: kind, path: path)
        return try normalizedOrder(
            patchItems, serverOnly, patchOrder: patch, serverOrder: original, mergeKey: mergeKey, kind: kind, path: path)
    }

    /// The common element kind of `elements` (non-empty); lists of lists and mixed kinds are rejected.
    static func elementKind(of elements: [JSONValue], path: String) throws(PatchError) -> ElementKind {
        let kind = ElementKind(elements[0])
        if kind == .array { throw invalid("lists of lists are not supported", path, hidden: true) }
        for element in elements.dropFirst() where ElementKind(element) != kind {
            throw invalid("list element types are not identical: \(JSONValue.array(elements).jsonString())", path)
        }
        return kind
    }

    /// Handles the `$patch` elements of a patch list of maps (apimachinery's `mergeSliceWithSpecialElements`):
    /// `delete` removes matching originals, `replace` makes the remaining patch elements the new original and
    /// empties the patch. Returns the updated original and the patch without special elements.
    static func separatingSpecialElements(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, path: String
    ) throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var original = original
        var plain: [JSONValue] = []
        var replace = false
        for element in patch {
            guard case .object(var object) = element, let directive = object[Directive.patch]?.stringValue else {
                plain.append(element)
                continue
            }
            switch directive {
            case Directive.delete:
                guard let keyValue = object[mergeKey] else { throw missingMergeKey(element, mergeKey, path) }
                var kept: [JSONValue] = []
                for (index, candidate) in original.enumerated() {
                    guard case .object(let candidateObject) = candidate else {
                        throw invalid("value for key \(index) is not a map", path)
                    }
                    if candidateObject[mergeKey] != keyValue { kept.append(candidate) }
                }
                original = kept
            case Directive.replace:
                replace = true
            default:
                object[Directive.patch] = nil
                if !object.isEmpty { plain.append(.object(object)) }
            }
        }
        if replace { return (plain.map(strippingDirectives), []) }
        return (original, plain)
    }

    /// Merges each patch element into the original element with the same merge-key value, or appends it
    /// (apimachinery's `mergeSliceWithoutSpecialElements`).
    static func mergingElements(
        _ original: [JSONValue], _ patch: [JSONValue], items: StructuralSchema?, mergeKey: String, path: String
    ) throws(PatchError) -> [JSONValue] {
        var result = original
        for element in patch {
            guard case .object(let patchObject) = element else { throw invalid("expected a map, found \(element.typeName)", path) }
            guard let keyValue = patchObject[mergeKey] else { throw missingMergeKey(element, mergeKey, path) }
            if let index = try firstIndex(in: result, mergeKey: mergeKey, value: keyValue, path: path) {
                guard case .object(let originalObject) = result[index] else { continue }
                result[index] = .null
                let elementPath = "\(path)[\(mergeKey)=\(keyValue.jsonString())]"
                result[index] = .object(try mergeMap(originalObject, patchObject, schema: items, path: elementPath))
            } else {
                result.append(strippingDirectives(element))
            }
        }
        return result
    }

    /// The index of the first map in `list` whose `mergeKey` member equals `value`; every element must be a map.
    static func firstIndex(in list: [JSONValue], mergeKey: String, value: JSONValue, path: String) throws(PatchError) -> Int? {
        for (index, element) in list.enumerated() {
            guard case .object(let object) = element else { throw invalid("value for key \(index) is not a map", path) }
            if object[mergeKey] == value { return index }
        }
        return nil
    }

    /// apimachinery's `deduplicateScalars`, including the order it leaves behind (a later duplicate is
    /// overwritten by the last element); ordering is normalized afterwards anyway.
    static func deduplicated(_ values: [JSONValue]) -> [JSONValue] {
        var values = values
        var last = values.count - 1
        var i = 0
        while i < last {
            var j = i + 1
            while j <= last {
                if values[i] == values[j] {
                    values[j] = values[last]
                    values.removeLast()
                    last -= 1
                    j -= 1
                }
                j += 1
            }
            i += 1
        }
        return values
    }

    static func missingMergeKey(_ element: JSONValue, _ mergeKey: String, _ path: String) -> PatchError {
        malformed("map: \(element.jsonString()) does not contain declared merge key: \(mergeKey)", path)
    }
}
