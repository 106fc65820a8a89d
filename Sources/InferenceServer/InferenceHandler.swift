import Hummingbird
import InferenceCore
import JSON
import Logging

/// The Open Inference Protocol v2 REST surface for one model, plus `/metrics`.
///
/// Runs on the event loop and only parses, validates and enqueues: inference happens on the
/// ``ModelRunner``'s compute threads. A request without a version goes to the serving version; each
/// inference holds a lease on its version from routing to the answer, so an unloading version drains. Every failure is `{"error": "..."}` with the protocol's status;
/// every response carries `X-Request-Id` (the client's, or a generated one; see ``RequestID``), and
/// failed requests are logged with it. A queued inference whose client leaves is dropped (see
/// ``ModelRunner/infer(inputs:outputs:timeout:client:)``) and counted with status 499.
struct InferenceHandler: HTTPResponder {
    typealias Context = InferenceRequestContext

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

    var modelName: String { models.name }

    func respond(to request: Request, context: Context) async throws -> Response {
        let id = RequestID.resolve(request.headers[ResponseBuilder.requestIdField])
        var response: Response = await RequestID.$current.withValue(id) {
            do throws(InferenceError) {
                return try await route(request, context: context)
            } catch {
                logFailure(error, request: request, version: nil)
                return ResponseBuilder.error(error)
            }
        }
        response.headers[ResponseBuilder.requestIdField] = id
        return response
    }

    private func route(_ request: Request, context: Context) async throws(InferenceError) -> Response {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let method = request.method
        switch (method, parts) {
        case (.get, ["v2", "health", "live"]): return ResponseBuilder.json(["live": true])
        case (.get, ["v2", "health", "ready"]):
            return ResponseBuilder.json(["ready": .bool(readiness.isReady)], status: readiness.isReady ? .ok : .serviceUnavailable)
        case (.get, ["v2"]): return ResponseBuilder.json(server.json)
        case (.get, ["metrics"]):
            return ResponseBuilder.bytes(Array(metrics.render().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        default: break
        }
        guard parts.count >= 3, parts[0] == "v2", parts[1] == "models" else {
            throw InferenceError(.notFound, "no route for \(method) \(request.uri.path)")
        }
        var rest = Array(parts.dropFirst(3))
        let model = parts[2]
        var version: String?
        if rest.count >= 2, rest[0] == "versions" {
            version = rest[1]
            rest.removeFirst(2)
        }
        guard model == modelName else { throw InferenceError(.notFound, "unknown model '\(model)'; this server serves '\(modelName)'") }
        switch (method, rest) {
        case (.get, []):
            var metadata = try models.model(version: version).model.engine.metadata
            metadata.versions = models.versions
            return ResponseBuilder.json(metadata.json)
        case (.get, ["ready"]):
            _ = try models.model(version: version)
            return ResponseBuilder.json(["name": .string(model), "ready": .bool(readiness.isReady)], status: readiness.isReady ? .ok : .serviceUnavailable)
        case (.post, ["infer"]):
            let lease = try models.acquire(version: version)
            defer { models.release(lease) }
            return await infer(request, runner: lease.model, client: context.client)
        default: throw InferenceError(.notFound, "no route for \(method) \(request.uri.path)")
        }
    }

    /// Handles one inference request on `runner` (one loaded version) and records its metrics.
    private func infer(_ request: Request, runner: ModelRunner, client: RequestClient?) async -> Response {
        let metadata = runner.engine.metadata
        let clock = ContinuousClock()
        let start = clock.now
        metrics.addInFlight(model: metadata.name, version: runner.version, 1)
        let response: Response
        do {
            response = try await runInference(request, runner: runner, client: client)
        } catch {
            logFailure(error, request: request, version: runner.version)
            response = ResponseBuilder.error(error)
        }
        metrics.addInFlight(model: metadata.name, version: runner.version, -1)
        metrics.requestFinished(model: metadata.name, version: runner.version, code: response.status.code, duration: start.duration(to: clock.now))
        return response
    }

    private func runInference(_ request: Request, runner: ModelRunner, client: RequestClient?) async throws(InferenceError) -> Response {
        let metadata = runner.engine.metadata
        if let encoding = request.headers[.contentEncoding], encoding.lowercased() != "identity" {
            throw InferenceError(.badRequest, "Content-Encoding '\(encoding)' is not supported: send the request body uncompressed")
        }
        var headerLength: Int?
        if let value = request.headers[ResponseBuilder.headerLengthField] {
            guard let n = Int(value), n >= 0 else {
                throw InferenceError(.badRequest, "Inference-Header-Content-Length must be a non-negative integer, got '\(value)'")
            }
            headerLength = n
        }
        // Shed load before reading and decoding the body: under overload a rejection must cost far
        // less than an answer, or the rejected requests eat the CPU the accepted ones need.
        if runner.queueIsFull {
            throw InferenceError(.unavailable(retryAfter: runner.configuration.retryAfter), ModelRunner.queueFullMessage)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw InferenceError(.payloadTooLarge, "request body exceeds the limit of \(maxBodyBytes) bytes")
        }
        let decoded = try InferenceRequest.decode(
            body: Array(buffer.readableBytesView), headerLength: headerLength, limits: DecodingLimits(maxBodyBytes: maxBodyBytes))
        try metadata.validate(decoded)
        let outputs = try await runner.infer(
            inputs: decoded.inputs, outputs: decoded.outputs.map(\.name), timeout: decoded.timeout ?? requestTimeout, client: client)
        var served: [InferTensor] = []
        for output in outputs {
            if let k = decoded.outputs.first(where: { $0.name == output.name })?.classification {
                let labels = metadata.outputs.first { $0.name == output.name }?.labels ?? []
                served.append(try Classification.classificationTensor(output, k: k, labels: labels))
            } else {
                served.append(output)
            }
        }
        recordConfidence(outputs, runner: runner)
        let response = InferenceResponse(modelName: metadata.name, modelVersion: runner.version, id: decoded.id, outputs: served)
        return ResponseBuilder.inference(response.encoded(for: decoded))
    }
}
