import Foundation
import HTTPTypes
import Hummingbird
import JSON
import KubeProtobuf
import Logging
import NIOCore
import YAML

/// One resource request with its decoded URL, type and negotiation inputs.
struct ResourceRequest {
    var info: RequestInfo
    var type: ResourceType
    /// The type whose store serves this request: `type` itself unless it is a converted view.
    var storageType: ResourceType
    var query: QueryParameters
    var accept: AcceptHeader
    var request: Request

    var key: ObjectKey {
        ObjectKey(resource: storageType.groupResource, namespace: type.namespaced ? (info.namespace ?? "") : "", name: info.name ?? "")
    }
}

/// Serves the resource verbs: get, list, watch, create, update, patch, delete, deletecollection and
/// the status, scale and finalize subresources.
struct ResourceHandler {
    let cluster: Cluster
    let logger: Logger

    func handle(_ r: ResourceRequest) async throws -> Response {
        if let sub = r.info.subresource {
            let allowed = (sub == "status" && r.type.hasStatus) || (sub == "scale" && r.type.scale != nil)
                || (sub == "finalize" && r.type.groupResource == ResourceRegistry.namespaceResource)
            guard allowed else {
                if sub == "scale", r.info.name != nil { throw APIError.notFound(r.type.groupResource, name: r.info.name!) }
                throw APIHandler.notFoundResource
            }
        }
        if r.type.namespaced, r.info.namespace == nil, !["list", "watch"].contains(r.info.verb) {
            throw APIHandler.notFoundResource
        }
        switch r.info.verb {
        case "get": return try await get(r)
        case "list": return try await list(r)
        case "watch": return try await WatchHandler(cluster: cluster).watch(r)
        case "create":
            guard r.info.name == nil else { throw APIError.methodNotSupported(r.type.groupResource, verb: "create") }
            return try await create(r)
        case "update":
            guard r.info.name != nil else { throw APIError.methodNotSupported(r.type.groupResource, verb: "update") }
            return try await update(r)
        case "patch":
            guard r.info.name != nil else { throw APIError.methodNotSupported(r.type.groupResource, verb: "patch") }
            return try await patch(r)
        case "delete": return try await delete(r)
        case "deletecollection":
            guard r.type.namespaced == false || r.info.namespace != nil else { throw APIError.methodNotSupported(r.type.groupResource, verb: "deletecollection") }
            return try await deleteCollection(r)
        default: throw APIError.methodNotSupported(r.type.groupResource, verb: r.info.verb)
        }
    }

    // MARK: Reads

    func get(_ r: ResourceRequest) async throws -> Response {
        let object = try await cluster.get(r.key)
        if r.info.subresource == "scale" { return try encodeObject(Scale.from(object, type: r.type), r, isCustom: false) }
        switch r.accept.objectFormat(allowTable: true) {
        case .table?:
            let table = Tables.table([served(object, r)], type: r.type, resourceVersion: object[path: ["metadata", "resourceVersion"]]?.stringValue,
                                     continueToken: nil, includeObject: r.query["includeObject"])
            return APIHandler.json(table)
        case .partialMetadata?: return APIHandler.json(Tables.partialMetadata(object))
        default: return try encodeObject(served(object, r), r)
        }
    }

    func list(_ r: ResourceRequest) async throws -> Response {
        let options = try listOptions(r)
        let result = try await cluster.list(r.storageType.groupResource, namespace: r.type.namespaced ? r.info.namespace : nil, options: options)
        let rv = String(result.resourceVersion)
        switch r.accept.objectFormat(allowTable: true) {
        case .table?:
            return APIHandler.json(Tables.table(result.items.map { served($0, r) }, type: r.type, resourceVersion: rv,
                                                continueToken: result.continueToken, includeObject: r.query["includeObject"]))
        case .partialMetadata?:
            var metadata: JSONObject = ["resourceVersion": .string(rv)]
            if let token = result.continueToken { metadata["continue"] = .string(token) }
            return APIHandler.json(["kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": .object(metadata),
                                    "items": .array(result.items.map(Tables.partialMetadata))])
        case nil: throw APIError.notAcceptable("application/json, application/yaml, application/vnd.kubernetes.protobuf")
        default: break
        }
        var metadata: JSONObject = ["resourceVersion": .string(rv)]
        if let token = result.continueToken { metadata["continue"] = .string(token) } else if r.type.isCustom { metadata["continue"] = "" }
        if let remaining = result.remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        let items: [JSONValue] = result.items.map { item in
            var object = served(item, r)
            if !r.type.isCustom, case .object(var o) = object {
                o["kind"] = nil
                o["apiVersion"] = nil
                object = .object(o)
            }
            return object
        }
        let list: JSONValue = ["kind": .string(r.type.listKind), "apiVersion": .string(r.type.groupVersion), "metadata": .object(metadata), "items": .array(items)]
        return try APIHandler.encode(list, accept: r.accept, sortedKeys: r.type.isCustom)
    }

    func listOptions(_ r: ResourceRequest) throws(APIError) -> ListOptions {
        var options = ListOptions()
        if let selector = r.query["labelSelector"] { options.labels = try LabelSelector.parse(selector) }
        if let selector = r.query["fieldSelector"] {
            options.fields = try FieldSelector.parse(selector, for: r.type)
            if r.type.storageResource != nil {
                for i in options.fields.requirements.indices {
                    options.fields.requirements[i].field = EventsConversion.coreFieldName(options.fields.requirements[i].field)
                }
            }
        }
        if let limit = r.query["limit"], !limit.isEmpty {
            guard let value = Int(limit) else { throw APIError.badRequest("strconv.ParseInt: parsing \"\(limit)\": invalid syntax") }
            options.limit = value
        }
        options.continueToken = r.query["continue"]
        options.resourceVersion = r.query["resourceVersion"]
        if let match = r.query["resourceVersionMatch"], !match.isEmpty {
            let initialEventsWatch = r.info.verb == "watch" && r.query["sendInitialEvents"] != nil
            guard options.resourceVersion?.isEmpty == false || initialEventsWatch else {
                throw APIError(code: 422, reason: "Invalid",
                               message: "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
                               details: ["group": "meta.k8s.io", "kind": "ListOptions"],
                               causes: [.init(reason: "FieldValueForbidden", message: "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", field: "resourceVersionMatch")])
            }
            guard ["Exact", "NotOlderThan"].contains(match) else {
                throw APIError(code: 422, reason: "Invalid",
                               message: "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"",
                               details: ["group": "meta.k8s.io", "kind": "ListOptions"],
                               causes: [.init(reason: "FieldValueNotSupported", message: "Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"", field: "resourceVersionMatch")])
            }
            options.resourceVersionMatch = match
        }
        return options
    }

    /// The object as served at the requested version (custom resources may be served at several).
    func served(_ object: JSONValue, _ r: ResourceRequest) -> JSONValue {
        if let conversion = r.type.conversion { return conversion.fromStorage(object) }
        guard r.type.isCustom, r.type.version != r.type.storageVersion else { return object }
        var copy = object
        copy["apiVersion"] = .string(r.type.groupVersion)
        return copy
    }

    func encodeObject(_ object: JSONValue, _ r: ResourceRequest, status: HTTPResponse.Status = .ok, warnings: [String] = [], isCustom: Bool? = nil) throws(APIError) -> Response {
        var headers: HTTPFields = [:]
        for warning in warnings { headers.append(HTTPField(name: HTTPField.Name("Warning")!, value: "299 - \"\(warning.replacingOccurrences(of: "\"", with: "\\\""))\"")) }
        return try APIHandler.encode(object, accept: r.accept, status: status, sortedKeys: isCustom ?? r.type.isCustom, headers: headers)
    }

    // MARK: Writes

    func body(_ r: ResourceRequest) async throws -> (BodyType, [UInt8]) {
        let contentType = r.request.headers[.contentType]
        guard let bodyType = BodyType(contentType: contentType) else {
            if r.info.verb == "patch" { throw APIError.patchUnsupportedMediaType }
            throw APIError.unsupportedMediaType(contentType ?? "", supported: ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])
        }
        var request = r.request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: APIHandler.maxBodyBytes)
        } catch {
            throw APIError.tooLarge(limit: APIHandler.maxBodyBytes)
        }
        return (bodyType, Array(buffer.readableBytesView))
    }

    /// Decodes a JSON or YAML object body (protobuf where the kind supports it).
    func decodeObject(_ bodyType: BodyType, _ bytes: [UInt8], _ r: ResourceRequest) throws(APIError) -> JSONValue {
        switch bodyType {
        case .json:
            do {
                let (value, duplicates) = try JSONValue.parseReportingDuplicates(bytes)
                try checkDuplicates(duplicates, r)
                return value
            } catch let error as APIError {
                throw error
            } catch let error as JSONParseError {
                let preview = String(decoding: bytes.prefix(40), as: UTF8.self)
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(r.type.kind)): couldn't get version/kind; json parse error: \(error.message) (\(preview)...)")
            } catch {
                throw APIError.internalError("\(error)")
            }
        case .yaml:
            do { return try YAML.parse(String(decoding: bytes, as: UTF8.self)) } catch {
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(r.type.kind)): yaml: \(error)")
            }
        case .protobuf:
            do { return try KubeProtobuf.decode(bytes) } catch {
                throw APIError.badRequest("the object provided is unrecognized (must be of type \(r.type.kind)): \(error)")
            }
        default:
            throw APIError.unsupportedMediaType("", supported: ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])
        }
    }

    /// A JSON body with a repeated key: kube-apiserver's strict decoding rejects it under
    /// `fieldValidation=Strict` (400) and warns about it by default.
    func checkDuplicates(_ duplicates: [String], _ r: ResourceRequest) throws(APIError) {
        guard !duplicates.isEmpty, r.query["fieldValidation"] == FieldValidation.strict.rawValue else { return }
        let list = duplicates.map { "duplicate field \"\($0)\"" }.joined(separator: ", ")
        throw APIError.badRequest("\(r.type.kind) in version \"\(r.type.version)\" cannot be handled as a \(r.type.kind): strict decoding error: \(list)")
    }

    func writeOptions(_ r: ResourceRequest, optionsKind: String, isApply: Bool = false) throws(APIError) -> WriteOptions {
        var options = WriteOptions()
        let dryRun = r.query.all("dryRun")
        if !dryRun.isEmpty {
            guard dryRun.allSatisfy({ $0 == "All" }) else {
                let list = "[" + dryRun.map { "\"\($0)\"" }.joined(separator: ",") + "]"
                throw Self.invalidOption(optionsKind, field: "dryRun", message: "Unsupported value: \(list): supported values: \"All\"", reason: "FieldValueNotSupported")
            }
            options.dryRun = true
        }
        if let validation = r.query["fieldValidation"], !validation.isEmpty {
            guard let value = FieldValidation(rawValue: validation) else {
                throw Self.invalidOption(optionsKind, field: "fieldValidation",
                                         message: "Unsupported value: \"\(validation)\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"", reason: "FieldValueNotSupported")
            }
            options.fieldValidation = value
        }
        if let manager = r.query["fieldManager"], !manager.isEmpty {
            guard manager.count <= 128 else {
                throw Self.invalidOption(optionsKind, field: "fieldManager", message: "Too long: may not be more than 128 bytes", reason: "FieldValueTooLong")
            }
            options.fieldManager = manager
        } else if isApply {
            throw Self.invalidOption(optionsKind, field: "fieldManager", message: "Required value: is required for apply patch", reason: "FieldValueRequired")
        } else {
            let agent = r.request.headers[.userAgent] ?? "unknown"
            options.fieldManager = String(agent.split(separator: "/").first ?? "unknown")
        }
        if let force = r.query["force"] {
            guard isApply else {
                throw Self.invalidOption(optionsKind, field: "force", message: "Forbidden: may not be specified for non-apply patch", reason: "FieldValueForbidden")
            }
            options.force = force == "true" || force == "1"
        }
        return options
    }

    static func invalidOption(_ kind: String, field: String, message: String, reason: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: "\(kind).meta.k8s.io \"\" is invalid: \(field): \(message)",
                 details: ["group": "meta.k8s.io", "kind": .string(kind)], causes: [.init(reason: reason, message: message, field: field)])
    }

    func create(_ r: ResourceRequest) async throws -> Response {
        let options = try writeOptions(r, optionsKind: "CreateOptions")
        let (bodyType, bytes) = try await body(r)
        let (storageType, object, warnings) = try await toStorage(try decodeObject(bodyType, bytes, r), r, options: options)
        var result = try await cluster.create(storageType, namespace: r.type.namespaced ? r.info.namespace : nil, body: object, options: options)
        result.warnings += warnings
        return try encodeObject(served(result.object, r), r, status: .created, warnings: result.warnings)
    }

    func update(_ r: ResourceRequest) async throws -> Response {
        let options = try writeOptions(r, optionsKind: "UpdateOptions")
        let (bodyType, bytes) = try await body(r)
        let (storageType, object, warnings) = try await toStorage(try decodeObject(bodyType, bytes, r), r, options: options)
        var result: WriteResult
        switch r.info.subresource {
        case "scale": result = try await cluster.updateScale(r.type, key: r.key, scale: object, options: options)
        case "finalize": result = try await cluster.finalizeNamespace(r.key, body: object, options: options)
        default: result = try await cluster.update(storageType, key: r.key, body: object, subresource: r.info.subresource, options: options)
        }
        result.warnings += warnings
        let response = r.info.subresource == "scale" ? Scale.from(result.object, type: r.type) : served(result.object, r)
        return try encodeObject(response, r, status: result.created ? .created : .ok, warnings: result.warnings, isCustom: r.info.subresource == "scale" ? false : nil)
    }

    func patch(_ r: ResourceRequest) async throws -> Response {
        let (bodyType, bytes) = try await body(r)
        guard bodyType.isPatch else { throw APIError.patchUnsupportedMediaType }
        let options = try writeOptions(r, optionsKind: "PatchOptions", isApply: bodyType == .applyPatch)
        if r.type.conversion != nil { return try await patchThroughConversion(r, bodyType: bodyType, body: bytes, options: options) }
        let result = try await cluster.patch(r.type, key: r.key, bodyType: bodyType, body: bytes, subresource: r.info.subresource, options: options)
        let response = r.info.subresource == "scale" ? Scale.from(result.object, type: r.type) : served(result.object, r)
        return try encodeObject(response, r, status: result.created ? .created : .ok, warnings: result.warnings, isCustom: r.info.subresource == "scale" ? false : nil)
    }

    /// For a version served through a conversion: checks and prunes the body against the served version,
    /// then converts it to the storage version (whose type the cluster works with).
    func toStorage(_ object: JSONValue, _ r: ResourceRequest, options: WriteOptions) async throws -> (ResourceType, JSONValue, [String]) {
        guard let conversion = r.type.conversion, r.info.subresource != "scale" else { return (r.type, object, []) }
        var checked = try Admission.checkedBody(object, type: r.type, namespace: r.type.namespaced ? r.info.namespace : nil)
        let warnings = try Admission.pruneUnknownFields(&checked, type: r.type, validation: options.fieldValidation, patch: false)
        return (r.storageType, conversion.toStorage(checked), warnings)
    }

    /// PATCH at a converted version: patch the served view, convert back, and update with the read
    /// resourceVersion as precondition (a concurrent writer gets 409, never a lost update).
    func patchThroughConversion(_ r: ResourceRequest, bodyType: BodyType, body: [UInt8], options: WriteOptions) async throws -> Response {
        guard let conversion = r.type.conversion else { throw APIHandler.notFoundResource }
        guard bodyType != .applyPatch else {
            throw APIError(code: 415, reason: "UnsupportedMediaType", message: "server-side apply is served at the storage version \(r.type.group)/\(r.type.storageVersion)", details: [:])
        }
        let current = conversion.fromStorage(try await cluster.get(r.key))
        let document: JSONValue
        do { document = try JSONValue.parse(body) } catch { throw APIError.badRequest("error decoding patch: \(error.message)") }
        let patched = try PatchApplication.apply(bodyType, document, to: current, schema: r.type.schema, isCustom: false)
        var request = r
        request.info.subresource = r.info.subresource
        let (storageType, object, warnings) = try await toStorage(patched, request, options: options)
        var result = try await cluster.update(storageType, key: r.key, body: object, subresource: r.info.subresource, options: options)
        result.warnings += warnings
        return try encodeObject(served(result.object, r), r, warnings: result.warnings)
    }

    func deleteOptions(_ r: ResourceRequest) async throws -> DeleteOptions {
        var options = DeleteOptions()
        var request = r.request
        let buffer = try await request.collectBody(upTo: APIHandler.maxBodyBytes)
        var body: JSONValue = [:]
        if buffer.readableBytes > 0 {
            do { body = try JSONValue.parse(Array(buffer.readableBytesView)) } catch {
                throw APIError.badRequest("error decoding DeleteOptions: \(error.message)")
            }
        }
        let policy = body["propagationPolicy"]?.stringValue ?? r.query["propagationPolicy"]
        if let policy, !policy.isEmpty {
            guard let value = DeleteOptions.Propagation(rawValue: policy) else {
                throw Self.invalidOption("DeleteOptions", field: "propagationPolicy",
                                         message: "Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"", reason: "FieldValueNotSupported")
            }
            options.propagation = value
        }
        let orphan = body["orphanDependents"]?.boolValue ?? (r.query["orphanDependents"].map { $0 == "true" })
        if let orphan {
            if options.propagation != nil {
                throw Self.invalidOption("DeleteOptions", field: "propagationPolicy", message: "Invalid value: \"\(options.propagation!.rawValue)\": orphanDependents and deletionPropagation cannot be both set", reason: "FieldValueInvalid")
            }
            options.propagation = orphan ? .orphan : .background
        }
        options.preconditionUID = body[path: ["preconditions", "uid"]]?.stringValue
        options.preconditionResourceVersion = body[path: ["preconditions", "resourceVersion"]]?.stringValue
        let dryRun = (body["dryRun"]?.arrayValue?.compactMap(\.stringValue) ?? []) + r.query.all("dryRun")
        if !dryRun.isEmpty {
            guard dryRun.allSatisfy({ $0 == "All" }) else {
                throw Self.invalidOption("DeleteOptions", field: "dryRun", message: "Unsupported value: [\(dryRun.map { "\"\($0)\"" }.joined(separator: ","))]: supported values: \"All\"", reason: "FieldValueNotSupported")
            }
            options.dryRun = true
        }
        return options
    }

    func delete(_ r: ResourceRequest) async throws -> Response {
        let options = try await deleteOptions(r)
        switch try await cluster.delete(r.storageType, key: r.key, options: options) {
        case .pending(let object):
            return try encodeObject(served(object, r), r)
        case .deleted(let object):
            var details: JSONObject = ["name": .string(r.key.name)]
            if !r.type.group.isEmpty { details["group"] = .string(r.type.group) }
            details["kind"] = .string(r.type.resource)
            if let uid = ObjectMetadata.uid(of: object) { details["uid"] = .string(uid) }
            let status: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
            return try APIHandler.encode(status, accept: r.accept)
        }
    }

    func deleteCollection(_ r: ResourceRequest) async throws -> Response {
        let listOptions = try listOptions(r)
        let options = try await deleteOptions(r)
        let (items, rv) = try await cluster.deleteCollection(r.storageType, namespace: r.type.namespaced ? r.info.namespace : nil, list: listOptions, options: options)
        let list: JSONValue = ["kind": .string(r.type.listKind), "apiVersion": .string(r.type.groupVersion),
                               "metadata": ["resourceVersion": .string(String(rv))], "items": .array(items.map { served($0, r) })]
        return try APIHandler.encode(list, accept: r.accept, sortedKeys: r.type.isCustom)
    }
}
