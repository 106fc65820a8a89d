import JSON

/// The directive keys and values of a strategic merge patch.
enum Directive {
    static let patch = "$patch"
    static let replace = "replace"
    static let delete = "delete"
    static let merge = "merge"
    static let retainKeys = "$retainKeys"
    static let retainKeysStrategy = "retainKeys"
    static let setElementOrderPrefix = "$setElementOrder/"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"

    static let badPrimitiveList = "invalid patch format of primitive list"
    static let badRetainKeys = "invalid patch format of retainKeys"
    static let badSetElementOrder = "invalid patch format of setElementOrder list"
}

extension StrategicMergePatch {
    /// Rejects unknown directives and directives of the wrong shape anywhere in the patch, before anything is
    /// applied, so that a bad directive fails the same way wherever it sits.
    static func validateDirectives(in value: JSONValue, path: String) throws(PatchError) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                if key.hasPrefix("$") { try validateDirective(key, member, in: value, path: path) }
                if key.hasPrefix(Directive.setElementOrderPrefix) || key == Directive.retainKeys { continue }
                try validateDirectives(in: member, path: path.isEmpty ? key : "\(path).\(key)")
            }
        case .array(let elements):
            for element in elements { try validateDirectives(in: element, path: path) }
        default:
            return
        }
    }

    private static func validateDirective(_ key: String, _ member: JSONValue, in map: JSONValue, path: String) throws(PatchError) {
        switch key {
        case Directive.patch:
            guard let value = member.stringValue, [Directive.replace, Directive.delete, Directive.merge].contains(value) else {
                let shown = member.stringValue ?? member.jsonString()
                throw malformed("unknown patch type: \(shown) in map: \(map.jsonString())", path)
            }
        case Directive.retainKeys:
            guard case .array = member else { throw malformed(Directive.badRetainKeys, path) }
        default:
            if key.hasPrefix("$setElementOrder") {
                guard key.hasPrefix(Directive.setElementOrderPrefix), key.count > Directive.setElementOrderPrefix.count,
                    case .array = member
                else { throw malformed(Directive.badSetElementOrder, path) }
            } else if key.hasPrefix("$deleteFromPrimitiveList") {
                guard key.hasPrefix(Directive.deleteFromPrimitiveListPrefix),
                    key.count > Directive.deleteFromPrimitiveListPrefix.count
                else { throw malformed(Directive.badPrimitiveList, path) }
                switch member {
                case .array, .null: break
                default: throw malformed(Directive.badPrimitiveList, path)
                }
            } else {
                throw malformed("unknown directive \"\(key)\"", path)
            }
        }
    }

    /// A patch value about to be stored where the original has nothing to merge with (apimachinery's
    /// `discardNullValuesFromPatch` + `removeDirectives`): a map holding `$patch` is dropped (nil), other
    /// directive keys and `null` members are removed, recursively.
    static func removingDirectives(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let object):
            if object[Directive.patch] != nil { return nil }
            var result = JSONObject()
            for (key, member) in object where !key.hasPrefix("$") && !member.isNull {
                if let cleaned = removingDirectives(member) { result[key] = cleaned }
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.compactMap(removingDirectives))
        default:
            return value
        }
    }

    /// A patch value copied whole into the result (a replaced map or list, a new list element): directive keys
    /// and `null` members are removed recursively, as kube-apiserver's typed decoding drops them.
    static func strippingDirectives(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object): return .object(strippingDirectives(object))
        case .array(let elements): return .array(elements.map(strippingDirectives))
        default: return value
        }
    }

    static func strippingDirectives(_ object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for (key, member) in object where !key.hasPrefix("$") && !member.isNull {
            result[key] = strippingDirectives(member)
        }
        return result
    }

    /// Applies and removes `$retainKeys`: original members not listed are cleared; a non-null patch member
    /// that is not listed makes the patch malformed.
    static func applyRetainKeys(_ original: inout JSONObject, _ patch: inout JSONObject, path: String) throws(PatchError) {
        guard let value = patch.removeValue(forKey: Directive.retainKeys) else { return }
        guard case .array(let names) = value else { throw malformed(Directive.badRetainKeys, path) }
        let retained = Set(names)
        for (key, member) in patch where !member.isNull && !key.hasPrefix(Directive.deleteFromPrimitiveListPrefix)
            && !key.hasPrefix(Directive.setElementOrderPrefix) && key != Directive.patch
        {
            guard retained.contains(.string(key)) else {
                throw malformed("\(Directive.badRetainKeys): \"\(key)\" is not listed in $retainKeys", path)
            }
        }
        original = original.filter { key, _ in retained.contains(.string(key)) }
    }
}
