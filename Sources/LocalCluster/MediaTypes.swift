import Foundation
/// What a client asked for in `Accept`, reduced to the representations this server produces.
enum ResponseFormat: Equatable {
    case json
    case yaml
    case table
    case partialMetadata
    case aggregatedDiscovery
}

/// Parses `Accept` headers the way kube-apiserver negotiates: the first acceptable entry wins.
struct AcceptHeader {
    struct Entry {
        var type: String
        var parameters: [String: String]
    }

    let entries: [Entry]

    init(_ header: String?) {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            entries = [Entry(type: "*/*", parameters: [:])]
            return
        }
        entries = header.split(separator: ",").map { raw in
            let parts = raw.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var parameters: [String: String] = [:]
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { parameters[kv[0]] = kv[1] }
            }
            return Entry(type: parts.first?.lowercased() ?? "", parameters: parameters)
        }
    }

    /// The representation for an object or list response, or nil when nothing acceptable is offered (406).
    /// `allowTable` is false where kube-apiserver has no Table form (e.g. writes).
    func objectFormat(allowTable: Bool) -> ResponseFormat? {
        for entry in entries {
            let isJSON = entry.type == "application/json" || entry.type == "*/*" || entry.type == "application/*"
            if let asKind = entry.parameters["as"] {
                guard entry.type == "application/json", entry.parameters["g"] == "meta.k8s.io", entry.parameters["v"] == "v1" else { continue }
                if asKind == "Table", allowTable { return .table }
                if asKind == "PartialObjectMetadata" || asKind == "PartialObjectMetadataList" { return .partialMetadata }
                continue
            }
            if isJSON { return .json }
            if entry.type == "application/yaml" { return .yaml }
        }
        return nil
    }

    /// For `/api` and `/apis`: aggregated discovery v2 when asked for first, else the legacy document.
    func discoveryFormat() -> ResponseFormat? {
        for entry in entries {
            if entry.parameters["as"] == "APIGroupDiscoveryList" {
                if entry.type == "application/json", entry.parameters["g"] == "apidiscovery.k8s.io", entry.parameters["v"] == "v2" {
                    return .aggregatedDiscovery
                }
                continue
            }
            if entry.type == "application/json" || entry.type == "*/*" || entry.type == "application/*" { return .json }
            if entry.type == "application/yaml" { return .yaml }
        }
        return nil
    }
}

/// Request body encodings.
enum BodyType {
    case json, yaml, protobuf
    case jsonPatch, mergePatch, strategicMergePatch, applyPatch

    /// nil for an unsupported `Content-Type`.
    init?(contentType: String?) {
        let type = (contentType ?? "application/json").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/json", "": self = .json
        case "application/yaml": self = .yaml
        case "application/vnd.kubernetes.protobuf": self = .protobuf
        case "application/json-patch+json": self = .jsonPatch
        case "application/merge-patch+json": self = .mergePatch
        case "application/strategic-merge-patch+json": self = .strategicMergePatch
        case "application/apply-patch+yaml": self = .applyPatch
        default: return nil
        }
    }

    var isPatch: Bool {
        switch self {
        case .jsonPatch, .mergePatch, .strategicMergePatch, .applyPatch: return true
        default: return false
        }
    }
}
