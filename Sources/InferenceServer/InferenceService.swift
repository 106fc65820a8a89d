import InferenceCore
import JSON
import Logging
import NIOCore

/// What the service needs of a request's head, whichever protocol carried it.
struct RequestHead: Sendable {
    /// `GET`, `POST`, ...
    var method: String
    /// The request target's path, without the query.
    var path: Substring
    /// The request's id (see ``RequestID/resolve(_:)``), echoed as `X-Request-Id`.
    var requestID: String
    /// The announced body length, when the client announced one.
    var contentLength: Int?
    var contentEncoding: String?
    /// The `Inference-Header-Content-Length` field, unparsed.
    var inferenceHeaderLength: String?
}

/// An answer, whichever protocol carries it: `X-Request-Id` is among `headers`.
struct ServiceResponse: Sendable {
    var status: Int
    var contentType: String
    var headers: [(name: String, value: String)] = []
    var body: [UInt8]
}

/// The Open Inference Protocol v2 REST surface for one model, plus `/metrics`, independent of the
/// HTTP version that carries it (see ``HTTP1Handler`` and ``HTTP2Responder``).
///
/// Runs on the event loop and only parses, validates and enqueues: inference happens on the
/// ``ModelRunner``'s compute threads, and the answer is encoded back on the connection's event loop.
/// A request without a version goes to the serving version; each inference holds a lease on its
/// version from routing to the answer, so an unloading version drains. Every failure is
/// `{"error": "..."}` with the protocol's status; every response carries `X-Request-Id`, and failed
/// requests are logged with it. A queued inference whose client leaves is dropped (see
/// ``ModelRunner/submit(inputs:outputs:timeout:client:completion:)``) and counted with status 499.
struct InferenceService: Sendable {
    let models: ModelRegistry<ModelRunner>
    let readiness: Readiness
    let metrics: ServerMetrics
    let server: ServerMetadata
    let requestTimeout: Duration?
    let maxBodyBytes: Int
    /// Which output feeds `stockade_prediction_confidence`.
    var confidenceOutput: ConfidenceOutput = .automatic
    /// Failed requests are logged here with their request id.
    var logger = Logger(label: "stockade-serve")
    /// Limits the lines of shed requests (503, 504) in ``logger``.
    var shedLog = ShedLog()

    var modelName: String { models.name }

    /// Where a request goes, decided from its head alone.
    enum Route: Sendable {
        /// Answer this now; a body, if any, is not needed.
        case answer(ServiceResponse)
        /// Collect the body (at most ``InferenceService/maxBodyBytes``), then pass it to ``infer(_:body:client:on:completion:)``.
        case infer(InferenceCall)
    }

    /// An inference accepted from its head: it holds a lease on its version and counts as in flight
    /// until ``finish(_:_:)`` (every path through ``infer(_:body:client:on:completion:)`` and
    /// ``finish(_:failing:)`` ends there).
    struct InferenceCall: Sendable {
        let head: RequestHead
        let lease: ModelRegistry<ModelRunner>.Lease
        /// `Inference-Header-Content-Length`, when the body has a binary section.
        var headerLength: Int?
        let start: ContinuousClock.Instant
        var runner: ModelRunner { lease.model }
    }

    /// Routes a request by its head. Load is shed here, before the body is read: under overload a
    /// rejection must cost far less than an answer, or the rejected requests eat the CPU the accepted
    /// ones need. A body announced larger than the limit is refused here too (413).
    func route(_ head: RequestHead) -> Route {
        do throws(InferenceError) {
            return try routeOrThrow(head)
        } catch {
            logFailure(error, head: head, version: nil)
            return .answer(response(error, head))
        }
    }

    private func routeOrThrow(_ head: RequestHead) throws(InferenceError) -> Route {
        let parts = head.path.split(separator: "/", omittingEmptySubsequences: true)
        let method = head.method
        if method == "POST", parts.count >= 4, parts[0] == "v2", parts[1] == "models", parts.last == "infer" {
            return try inferenceRoute(head, model: parts[2], rest: parts.dropFirst(3).dropLast())
        }
        guard method == "GET" else { throw notFound(head) }
        switch parts {
        case ["v2", "health", "live"]: return .answer(json(["live": true], head))
        case ["v2", "health", "ready"]:
            return .answer(json(["ready": .bool(readiness.isReady)], head, status: readiness.isReady ? 200 : 503))
        case ["v2"]: return .answer(json(server.json, head))
        case ["metrics"]:
            return .answer(ResponseBuilder.bytes(Array(metrics.render().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8", head))
        default: break
        }
        guard parts.count >= 3, parts[0] == "v2", parts[1] == "models" else { throw notFound(head) }
        let (version, rest) = try versionAndRest(model: parts[2], parts.dropFirst(3))
        switch rest {
        case []:
            var metadata = try models.model(version: version).model.engine.metadata
            metadata.versions = models.versions
            return .answer(json(metadata.json, head))
        case ["ready"]:
            _ = try models.model(version: version)
            return .answer(json(["name": .string(modelName), "ready": .bool(readiness.isReady)], head, status: readiness.isReady ? 200 : 503))
        default: throw notFound(head)
        }
    }

    /// The version named by a leading `versions/V` in `rest` (nil when none) and what follows it, after
    /// checking that `model` is the one served.
    private func versionAndRest(model: Substring, _ rest: ArraySlice<Substring>) throws(InferenceError) -> (String?, ArraySlice<Substring>) {
        guard model == modelName else { throw InferenceError(.notFound, "unknown model '\(model)'; this server serves '\(modelName)'") }
        guard rest.count >= 2, rest.first == "versions" else { return (nil, rest) }
        return (String(rest[rest.startIndex + 1]), rest.dropFirst(2))
    }

    private func inferenceRoute(_ head: RequestHead, model: Substring, rest: ArraySlice<Substring>) throws(InferenceError) -> Route {
        let (version, rest) = try versionAndRest(model: model, rest)
        guard rest.isEmpty else { throw notFound(head) }
        let lease = try models.acquire(version: version)
        let runner = lease.model
        runner.series.addInFlight(1)
        var call = InferenceCall(head: head, lease: lease, headerLength: nil, start: ContinuousClock.now)
        do throws(InferenceError) {
            if let encoding = head.contentEncoding, encoding.lowercased() != "identity" {
                throw InferenceError(.badRequest, "Content-Encoding '\(encoding)' is not supported: send the request body uncompressed")
            }
            if let value = head.inferenceHeaderLength {
                guard let n = Int(value), n >= 0 else {
                    throw InferenceError(.badRequest, "Inference-Header-Content-Length must be a non-negative integer, got '\(value)'")
                }
                call.headerLength = n
            }
            if let length = head.contentLength, length > maxBodyBytes { throw bodyTooLarge }
            if runner.queueIsFull {
                throw InferenceError(.unavailable(retryAfter: runner.configuration.retryAfter), ModelRunner.queueFullMessage)
            }
        } catch {
            return .answer(finish(call, failing: error))
        }
        return .infer(call)
    }

    /// 413 for a body over ``maxBodyBytes``.
    var bodyTooLarge: InferenceError { InferenceError(.payloadTooLarge, "request body exceeds the limit of \(maxBodyBytes) bytes") }

    /// 499 for a client that left before sending the whole body.
    static let clientLeftDuringBody = InferenceError(.clientClosedRequest, "the client left before sending the whole body")

    /// Decodes and validates `body`, runs it, and calls `completion` once with the answer: on
    /// `eventLoop` (the connection's) once the model ran, or at once when the request is refused.
    func infer(
        _ call: InferenceCall, body: ByteBuffer, client: RequestClient?, on eventLoop: any EventLoop,
        completion: @escaping @Sendable (ServiceResponse) -> Void
    ) {
        let decoded: InferenceRequest
        do throws(InferenceError) {
            decoded = try InferenceRequest.decode(
                body: Array(body.readableBytesView), headerLength: call.headerLength, limits: DecodingLimits(maxBodyBytes: maxBodyBytes))
            try call.runner.engine.metadata.validate(decoded)
        } catch {
            completion(finish(call, failing: error))
            return
        }
        call.runner.submit(
            inputs: decoded.inputs, outputs: decoded.outputs.map(\.name), timeout: decoded.timeout ?? requestTimeout, client: client
        ) { result in
            // Encoding happens on the event loop, so the compute thread is free for the next batch.
            eventLoop.execute { completion(answer(call, decoded, result)) }
        }
    }

    private func answer(_ call: InferenceCall, _ request: InferenceRequest, _ result: Result<[InferTensor], InferenceError>) -> ServiceResponse {
        do throws(InferenceError) {
            let outputs = try result.get()
            let metadata = call.runner.engine.metadata
            var served: [InferTensor] = []
            for output in outputs {
                if let k = request.outputs.first(where: { $0.name == output.name })?.classification {
                    let labels = metadata.outputs.first { $0.name == output.name }?.labels ?? []
                    served.append(try Classification.classificationTensor(output, k: k, labels: labels))
                } else {
                    served.append(output)
                }
            }
            recordConfidence(outputs, runner: call.runner)
            let response = InferenceResponse(modelName: metadata.name, modelVersion: call.runner.version, id: request.id, outputs: served)
            return finish(call, ResponseBuilder.inference(response.encoded(for: request), call.head))
        } catch {
            return finish(call, failing: error)
        }
    }

    /// Ends `call` with the error's answer (logged): the body was too large, the client left before
    /// sending all of it, or the request failed.
    func finish(_ call: InferenceCall, failing error: InferenceError) -> ServiceResponse {
        logFailure(error, head: call.head, version: call.runner.version)
        return finish(call, response(error, call.head))
    }

    /// Records `call`'s metrics, gives its lease back, and returns `response`.
    private func finish(_ call: InferenceCall, _ response: ServiceResponse) -> ServiceResponse {
        let series = call.runner.series
        series.addInFlight(-1)
        series.requestFinished(code: response.status, duration: call.start.duration(to: .now))
        models.release(call.lease)
        return response
    }

    private func notFound(_ head: RequestHead) -> InferenceError {
        InferenceError(.notFound, "no route for \(head.method) \(head.path)")
    }

    private func json(_ value: JSONValue, _ head: RequestHead, status: Int = 200) -> ServiceResponse {
        ResponseBuilder.json(value, head, status: status)
    }

    private func response(_ error: InferenceError, _ head: RequestHead) -> ServiceResponse {
        ResponseBuilder.error(error, head)
    }
}
