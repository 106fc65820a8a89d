import Foundation
import JSON

/// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): a Name column, the
/// kind's columns (CRD `additionalPrinterColumns`, or built-in ones), and Age for built-in kinds.
enum Tables {
    static let nameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"

    static func columns(for type: ResourceType) -> [PrinterColumn] {
        var columns = [PrinterColumn(name: "Name", type: "string", format: "name", description: nameDescription, priority: 0, jsonPath: nil, compute: nil)]
        columns += type.columns
        let hasAge = type.columns.contains { $0.jsonPath == ".metadata.creationTimestamp" }
        if !hasAge, !type.isCustom || type.columns.isEmpty {
            let age = PrinterColumn(name: "Age", type: "date", format: nil, description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
                                    priority: 0, jsonPath: ".metadata.creationTimestamp", compute: nil)
            // kube-apiserver puts Age before the wide-only columns.
            let firstWide = columns.firstIndex { $0.priority > 0 } ?? columns.endIndex
            columns.insert(age, at: firstWide)
        }
        return columns
    }

    /// `includeObject`: None, Metadata (default: PartialObjectMetadata) or Object.
    static func table(_ objects: [JSONValue], type: ResourceType, resourceVersion: String?, continueToken: String?,
                      includeObject: String?, now: Date = Date()) -> JSONValue {
        let columns = columns(for: type)
        let definitions: [JSONValue] = columns.map { column in
            ["name": .string(column.name), "type": .string(column.type), "format": .string(column.format ?? ""),
             "description": .string(column.description), "priority": .int(Int64(column.priority))]
        }
        let rows: [JSONValue] = objects.map { object in
            let cells: [JSONValue] = columns.map { column in
                if let compute = column.compute { return compute(object) }
                guard let path = column.jsonPath else { return .string(ObjectMetadata.name(of: object) ?? "") }
                return cell(SimpleJSONPath(path).evaluate(object).first, type: column.type, now: now)
            }
            var row: JSONObject = ["cells": .array(cells)]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default: row["object"] = partialMetadata(object)
            }
            return .object(row)
        }
        var metadata: JSONObject = [:]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        if let continueToken { metadata["continue"] = .string(continueToken) }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(metadata),
                "columnDefinitions": .array(definitions), "rows": .array(rows)]
    }

    static func partialMetadata(_ object: JSONValue) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
    }

    static func cell(_ value: JSONValue?, type: String, now: Date) -> JSONValue {
        guard let value, value != .null else { return .null }
        switch type {
        case "date":
            guard let text = value.stringValue, let date = try? Date(text, strategy: .iso8601) else { return value }
            return .string(humanDuration(now.timeIntervalSince(date)))
        case "integer", "number", "boolean":
            return value
        default:
            if case .string = value { return value }
            return .string(SimpleJSONPath.text(value))
        }
    }

    /// kubectl's human duration (k8s.io/apimachinery/pkg/util/duration.HumanDuration).
    static func humanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval)
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 192 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 { let days = hours / 24 % 365; return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d" }
        return "\(hours / 24 / 365)y"
    }
}
