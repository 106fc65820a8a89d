import Foundation
import Hummingbird
import JSON
import NIOCore

/// Streams watch events as newline-delimited JSON over a chunked response, with bookmarks,
/// `timeoutSeconds`, `sendInitialEvents`, and Table encoding for `kubectl get -w`.
struct WatchHandler {
    let cluster: Cluster

    /// Without `timeoutSeconds`, a watch lasts 30 to 60 minutes, as kube-apiserver's default.
    static func defaultTimeout() -> Duration { .seconds(Int.random(in: 1800...3600)) }

    private enum Tick: Sendable {
        case message(WatchMessage)
        case timer
        case streamEnded
    }

    func watch(_ r: ResourceRequest) async throws -> Response {
        let handler = ResourceHandler(cluster: cluster, logger: .init(label: "watch"))
        let options = try handler.listOptions(r)
        var fields = options.fields
        if let name = r.info.name {
            fields.requirements.append(.init(field: "metadata.name", value: name, negated: false))
        }
        let bookmarks = r.query.isTrue("allowWatchBookmarks")
        let sendInitialEvents = r.query["sendInitialEvents"].map { $0 == "true" || $0 == "1" }
        if sendInitialEvents != nil, options.resourceVersionMatch != "NotOlderThan" {
            throw APIError(code: 422, reason: "Invalid",
                           message: "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan",
                           details: ["group": "meta.k8s.io", "kind": "ListOptions"],
                           causes: [.init(reason: "FieldValueForbidden", message: "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan", field: "resourceVersionMatch")])
        }
        let format = r.accept.objectFormat(allowTable: true)
        guard let format else { throw APIError.notAcceptable("application/json, application/yaml, application/vnd.kubernetes.protobuf") }
        var fromVersion: Int64?
        let rv = options.resourceVersion ?? ""
        if sendInitialEvents == true || rv.isEmpty || rv == "0" {
            fromVersion = nil
        } else {
            guard let value = Int64(rv) else {
                throw APIError.badRequest("invalid resource version: resourceVersion: Invalid value: \"\(rv)\": strconv.ParseUint: parsing \"\(rv)\": invalid syntax")
            }
            fromVersion = value
        }
        if sendInitialEvents == false, fromVersion == nil { fromVersion = await cluster.currentVersion() }
        let filter = WatchFilter(resource: r.storageType.groupResource, namespace: r.type.namespaced ? r.info.namespace : nil, labels: options.labels, fields: fields)
        let (stream, _) = await cluster.watch(filter, fromVersion: fromVersion, initialEventsEndBookmark: sendInitialEvents == true && bookmarks)
        let timeout: Duration = r.query["timeoutSeconds"].flatMap(Int.init).map { .seconds($0) } ?? WatchHandler.defaultTimeout()
        let type = r.type
        let storageResource = r.storageType.groupResource
        let cluster = self.cluster
        let includeObject = r.query["includeObject"]
        let encode: @Sendable (String, JSONValue) -> [UInt8] = { eventType, object in
            var payload = object
            if eventType != "ERROR", eventType != "BOOKMARK", let conversion = type.conversion { payload = conversion.fromStorage(object) }
            if eventType != "ERROR", eventType != "BOOKMARK" {
                switch format {
                case .table: payload = Tables.table([payload], type: type, resourceVersion: nil, continueToken: nil, includeObject: includeObject)
                case .partialMetadata: payload = Tables.partialMetadata(payload)
                default: break
                }
            }
            var line = JSONValue.object(["type": .string(eventType), "object": payload]).serialized(sortedKeys: type.isCustom && format == .json)
            line.append(UInt8(ascii: "\n"))
            return line
        }
        let body = ResponseBody { writer in
            let deadline = ContinuousClock.now + timeout
            let (ticks, tickContinuation) = AsyncStream.makeStream(of: Tick.self)
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await message in stream { tickContinuation.yield(.message(message)) }
                    tickContinuation.yield(.streamEnded)
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(500))
                        tickContinuation.yield(.timer)
                    }
                }
                var lastBookmark = ContinuousClock.now
                var sentClosingBookmark = false
                loop: for await tick in ticks {
                    do {
                        switch tick {
                        case .message(.event(let eventType, let object)):
                            try await writer.write(ByteBuffer(bytes: encode(eventType, object)))
                        case .message(.error(let error)):
                            try await writer.write(ByteBuffer(bytes: encode("ERROR", error.status)))
                            break loop
                        case .streamEnded:
                            break loop
                        case .timer:
                            let now = ContinuousClock.now
                            if now >= deadline { break loop }
                            // A bookmark every minute, and one shortly before the watch times out.
                            if bookmarks, now - lastBookmark >= .seconds(60) || (!sentClosingBookmark && deadline - now <= .seconds(2)) {
                                if deadline - now <= .seconds(2) { sentClosingBookmark = true }
                                lastBookmark = now
                                try await writer.write(ByteBuffer(bytes: encode("BOOKMARK", await cluster.currentBookmark(resource: storageResource))))
                            }
                        }
                    } catch {
                        break loop
                    }
                }
                group.cancelAll()
                tickContinuation.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }
}
