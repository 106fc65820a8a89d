import Hummingbird
import NIOCore

/// Serves ``InferenceService`` through Hummingbird's HTTP/2 channel (h2c): converts each stream's
/// request head, collects the body up to the limit, and converts the answer back.
struct HTTP2Responder: HTTPResponder {
    typealias Context = InferenceRequestContext

    let service: InferenceService

    private static let requestIdField = HTTPFields.Element.Name(ResponseBuilder.requestIdField)!
    private static let headerLengthField = HTTPFields.Element.Name(ResponseBuilder.headerLengthField)!

    func respond(to request: Request, context: Context) async throws -> Response {
        let head = RequestHead(
            method: request.method.rawValue, path: Substring(request.uri.path),
            requestID: RequestID.resolve(request.headers[Self.requestIdField]),
            contentLength: request.headers[.contentLength].flatMap { Int($0) },
            contentEncoding: request.headers[.contentEncoding],
            inferenceHeaderLength: request.headers[Self.headerLengthField])
        switch service.route(head) {
        case .answer(let answer):
            return Response(answer)
        case .infer(let call):
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: service.maxBodyBytes)
            } catch is NIOTooManyBytesError {
                return Response(service.finish(call, failing: service.bodyTooLarge))
            } catch {
                return Response(service.finish(call, failing: InferenceService.clientLeftDuringBody))
            }
            let answer = await withCheckedContinuation { continuation in
                service.infer(call, body: body, client: context.client, on: context.channel.eventLoop) { continuation.resume(returning: $0) }
            }
            return Response(answer)
        }
    }
}

extension Response {
    init(_ answer: ServiceResponse) {
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        for (name, value) in answer.headers {
            if let name = HTTPFields.Element.Name(name) { fields[name] = value }
        }
        self.init(status: .init(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// ``HTTP2Responder``'s request context: Hummingbird's core context plus the channel the request
/// arrived on, so that inference can learn when the client leaves.
struct InferenceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// The stream's client; nil when the request is not served through ``CleartextHTTPChannel``.
    var client: RequestClient? {
        ClientConnection.current.map { RequestClient(connection: $0, channel: channel) }
    }
}
