import Foundation
import JSON

/// A parsed `fieldSelector` (`metadata.name=x,metadata.namespace!=y`) over the fields a kind supports.
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var field: String
        var value: String
        var negated: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])

    var isEverything: Bool { requirements.isEmpty }

    /// The object name this selector pins, if it has a `metadata.name=` requirement.
    var pinnedName: String? { requirements.first { $0.field == "metadata.name" && !$0.negated }?.value }

    /// Fields every kind supports, plus the per-kind extras kube-apiserver offers.
    static func supportedFields(for type: ResourceType) -> [String] {
        var fields = ["metadata.name", "metadata.namespace"]
        switch (type.group, type.resource) {
        case ("", "events"):
            fields += ["involvedObject.apiVersion", "involvedObject.fieldPath", "involvedObject.kind", "involvedObject.name",
                       "involvedObject.namespace", "involvedObject.resourceVersion", "involvedObject.uid", "reason",
                       "reportingComponent", "source", "type"]
        case ("events.k8s.io", "events"):
            fields += ["regarding.apiVersion", "regarding.kind", "regarding.name", "regarding.namespace", "regarding.uid",
                       "reason", "reportingController", "type"]
        case ("", "pods"): fields += ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"]
        case ("", "secrets"): fields += ["type"]
        case ("", "namespaces"): fields += ["status.phase"]
        case ("apps", "replicasets"): fields += ["status.replicas"]
        default: break
        }
        if type.isCustom { fields = ["metadata.name", "metadata.namespace"] }
        return fields
    }

    static func parse(_ text: String, for type: ResourceType) throws(APIError) -> FieldSelector {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .everything }
        let supported = supportedFields(for: type)
        var requirements: [Requirement] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let term = String(part)
            let (field, value, negated): (String, String, Bool)
            if let r = term.range(of: "!=") {
                (field, value, negated) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), true)
            } else if let r = term.range(of: "==") {
                (field, value, negated) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), false)
            } else if let r = term.range(of: "=") {
                (field, value, negated) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), false)
            } else {
                throw APIError.badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let name = field.trimmingCharacters(in: .whitespaces)
            guard supported.contains(name) else {
                let list = type.isCustom || supported.count == 2
                    ? "only \"metadata.name\", \"metadata.namespace\""
                    : "only " + supported.map { "\"\($0)\"" }.joined(separator: ", ")
                throw APIError.badRequest("\"\(name)\" is not a known field selector: \(list)")
            }
            requirements.append(Requirement(field: name, value: value.trimmingCharacters(in: .whitespaces), negated: negated))
        }
        return FieldSelector(requirements: requirements)
    }

    func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            let path = requirement.field.split(separator: ".").map(String.init)
            let actual: String
            switch object[path: path] {
            case .string(let s)?: actual = s
            case .int(let i)?: actual = String(i)
            case .bool(let b)?: actual = String(b)
            case .object(let source)? where requirement.field == "source": actual = source["component"]?.stringValue ?? ""
            default: actual = ""
            }
            return (actual == requirement.value) != requirement.negated
        }
    }
}
