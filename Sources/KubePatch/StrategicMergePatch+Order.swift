import JSON
import KubeSchema

extension StrategicMergePatch {
    /// Applies and removes every `$setElementOrder/<field>` of `patch` (apimachinery's `mergePatchIntoOriginal`):
    /// the field's list is merged with the patch's list (if any) and reordered so that the listed elements
    /// follow the directive's order; the patch's list is consumed.
    static func applySetElementOrder(
        _ original: inout JSONObject, _ patch: inout JSONObject, schema: StructuralSchema?, path: String
    ) throws(PatchError) {
        for directiveKey in patch.keys where directiveKey.hasPrefix(Directive.setElementOrderPrefix) {
            guard case .array(let order)? = patch.removeValue(forKey: directiveKey) else {
                throw malformed(Directive.badSetElementOrder, path)
            }
            let key = String(directiveKey.dropFirst(Directive.setElementOrderPrefix.count))
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            var originalList: [JSONValue]?
            var patchList: [JSONValue]?
            if let value = original[key] {
                guard case .array(let list) = value else {
                    throw invalid("$setElementOrder names a field that is not a list (\(value.typeName))", fieldPath)
                }
                originalList = list
            }
            if let value = patch[key] {
                guard case .array(let list) = value else {
                    throw malformed("$setElementOrder needs a list in the patch, found \(value.typeName)", fieldPath)
                }
                patchList = list
            }
            let field = schema?.child(key)
            let strategy = try patchStrategy(of: field, path: fieldPath)
            let mergeKey = field?.patchMergeKey ?? ""
            try validateOrder(of: patchList ?? [], against: order, mergeKey: mergeKey, path: fieldPath)

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let current?, nil):
                merged = current
            case (nil, let added?):
                merged = removingDirectives(.array(added))?.arrayValue ?? []
            case (let current?, let changes?):
                merged = try mergeListField(current, changes, field: field, strategy: strategy, isDeleteList: false, path: fieldPath)
            case (nil, nil):
                continue
            }
            patch[key] = nil
            let all = (originalList ?? []) + (patchList ?? [])
            guard !all.isEmpty else {
                original[key] = .array(merged)
                continue
            }
            let kind = try elementKind(of: all, path: fieldPath)
            if kind == .object && mergeKey.isEmpty {
                throw invalid("$setElementOrder cannot order a list of objects without a patch merge key", fieldPath)
            }
            let (listed, unlisted) = try partition(merged, by: order, mergeKey: mergeKey, kind: kind, path: fieldPath)
            original[key] = .array(try normalizedOrder(
                listed, unlisted, patchOrder: order, serverOrder: originalList ?? [], mergeKey: mergeKey, kind: kind, path: fieldPath))
        }
    }

    /// Checks that the patch list's elements (deletions and directive elements aside) appear in the
    /// `$setElementOrder` list in the same relative order (apimachinery's `validatePatchWithSetOrderList`).
    static func validateOrder(of patchList: [JSONValue], against order: [JSONValue], mergeKey: String, path: String) throws(PatchError) {
        if order.isEmpty || patchList.isEmpty { return }
        var candidates = patchList
        if !mergeKey.isEmpty {
            candidates = []
            for element in patchList {
                guard case .object(let object) = element else { throw invalid("expected a map, found \(element.typeName)", path) }
                if object[Directive.patch] != .string(Directive.delete) { candidates.append(element) }
            }
        }
        var patchIndex = 0
        var orderIndex = 0
        while patchIndex < candidates.count && orderIndex < order.count {
            if case .object(let object) = candidates[patchIndex], object[Directive.patch] != nil {
                patchIndex += 1
                continue
            }
            if try mergeKeyValueEqual(candidates[patchIndex], order[orderIndex], mergeKey: mergeKey, path: path) {
                patchIndex += 1
            }
            orderIndex += 1
        }
        if patchIndex < candidates.count && orderIndex >= order.count {
            throw invalid(
                "the order in patch list \(JSONValue.array(patchList).jsonString()) doesn't match $setElementOrder list \(JSONValue.array(order).jsonString())",
                path)
        }
    }

    private static func mergeKeyValueEqual(_ left: JSONValue, _ right: JSONValue, mergeKey: String, path: String) throws(PatchError) -> Bool {
        if mergeKey.isEmpty { return left == right }
        guard case .object(let l) = left, case .object(let r) = right else {
            throw malformed("expected maps with merge key \(mergeKey) in $setElementOrder and the patch list", path)
        }
        guard let lv = l[mergeKey] else { throw missingMergeKey(left, mergeKey, path) }
        guard let rv = r[mergeKey] else { throw missingMergeKey(right, mergeKey, path) }
        return lv == rv
    }

    /// Splits `list` into the elements present in `reference` (by merge key for maps, by value otherwise) and
    /// the others, keeping their order.
    static func partition(
        _ list: [JSONValue], by reference: [JSONValue], mergeKey: String, kind: ElementKind, path: String
    ) throws(PatchError) -> (present: [JSONValue], absent: [JSONValue]) {
        var present: [JSONValue] = []
        var absent: [JSONValue] = []
        if kind != .object {
            let members = Set(reference)
            for element in list {
                if members.contains(element) { present.append(element) } else { absent.append(element) }
            }
            return (present, absent)
        }
        for element in list {
            guard case .object(let object) = element else { throw invalid("expected a map, found \(element.typeName)", path) }
            guard let keyValue = object[mergeKey] else { throw missingMergeKey(element, mergeKey, path) }
            if try firstIndex(in: reference, mergeKey: mergeKey, value: keyValue, path: path) != nil {
                present.append(element)
            } else {
                absent.append(element)
            }
        }
        return (present, absent)
    }

    /// apimachinery's `normalizeElementOrder`: sorts the patch elements by `patchOrder` and the server-only
    /// elements by `serverOrder`, then interleaves them: a server-only element goes first only when both are
    /// in `serverOrder` and it comes earlier there.
    static func normalizedOrder(
        _ patchItems: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        mergeKey: String, kind: ElementKind, path: String
    ) throws(PatchError) -> [JSONValue] {
        let right = try sorted(patchItems, by: patchOrder, mergeKey: mergeKey, kind: kind, path: path)
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: mergeKey, kind: kind, path: path)
        let leftRanks = left.map { position(of: $0, in: serverOrder, mergeKey: mergeKey, kind: kind) }
        let rightRanks = right.map { position(of: $0, in: serverOrder, mergeKey: mergeKey, kind: kind) }
        var result: [JSONValue] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j]); j += 1
            } else if j >= right.count {
                result.append(left[i]); i += 1
            } else if leftRanks[i] >= 0 && rightRanks[j] >= 0 && leftRanks[i] < rightRanks[j] {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }

    /// apimachinery's `normalizeSliceOrder`: a stable insertion sort by position in `order` (an element not
    /// in `order` sorts before its neighbour, as Go's `sort.SliceStable` does with that comparator), with
    /// `$patch: delete` maps moved to the end.
    static func sorted(_ elements: [JSONValue], by order: [JSONValue], mergeKey: String, kind: ElementKind, path: String) throws(PatchError) -> [JSONValue] {
        var toSort = elements
        var deletions: [JSONValue] = []
        if kind == .object {
            for element in elements + order {
                guard case .object(let object) = element else { throw invalid("expected a map, found \(element.typeName)", path) }
                if object[mergeKey] == nil { throw missingMergeKey(element, mergeKey, path) }
            }
            toSort = elements.filter { $0[Directive.patch] != .string(Directive.delete) }
            deletions = elements.filter { $0[Directive.patch] == .string(Directive.delete) }
        }
        var ranked = toSort.map { (value: $0, rank: position(of: $0, in: order, mergeKey: mergeKey, kind: kind)) }
        if ranked.count > 1 {
            for i in 1..<ranked.count {
                var j = i
                while j > 0 {
                    let (a, b) = (ranked[j].rank, ranked[j - 1].rank)
                    let less = (a >= 0 && b >= 0) ? a < b : true
                    guard less else { break }
                    ranked.swapAt(j, j - 1)
                    j -= 1
                }
            }
        }
        return ranked.map(\.value) + deletions
    }

    /// The index of the first element of `list` matching `value` (by merge key for maps), or -1.
    static func position(of value: JSONValue, in list: [JSONValue], mergeKey: String, kind: ElementKind) -> Int {
        if kind == .object {
            let key = value[mergeKey]
            return list.firstIndex { $0[mergeKey] == key } ?? -1
        }
        return list.firstIndex(of: value) ?? -1
    }
}
