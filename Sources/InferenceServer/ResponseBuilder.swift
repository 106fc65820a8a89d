import InferenceCore
import JSON

/// Builds the server's answers: JSON bodies, protocol errors and binary inference bodies, each
/// carrying the request's `X-Request-Id`.
enum ResponseBuilder {
    static let headerLengthField = "Inference-Header-Content-Length"
    static let requestIdField = "X-Request-Id"

    static func json(_ value: JSONValue, _ head: RequestHead, status: Int = 200) -> ServiceResponse {
        bytes(value.serialized(), status: status, contentType: "application/json", head)
    }

    static func bytes(_ bytes: [UInt8], status: Int = 200, contentType: String, _ head: RequestHead) -> ServiceResponse {
        ServiceResponse(status: status, contentType: contentType, headers: [(requestIdField, head.requestID)], body: bytes)
    }

    /// `{"error": message}` with the error's status and, for 503 with a known delay, `Retry-After`
    /// in whole seconds (at least 1).
    static func error(_ error: InferenceError, _ head: RequestHead) -> ServiceResponse {
        var response = bytes(error.body, status: error.httpStatus, contentType: "application/json", head)
        if case .unavailable(let retryAfter?) = error.code {
            let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
            response.headers.append(("Retry-After", String(seconds)))
        }
        return response
    }

    /// 400 for a request that could not be parsed as HTTP (`problem` says why), with a fresh request id.
    static func malformedRequest(_ problem: String) -> ServiceResponse {
        error(InferenceError(.badRequest, "malformed HTTP request: \(problem)"), RequestHead(method: "", path: "", requestID: RequestID.generate()))
    }

    /// An inference response body: JSON, or with a binary section the octet-stream form carrying
    /// `Inference-Header-Content-Length`.
    static func inference(_ body: EncodedBody, _ head: RequestHead) -> ServiceResponse {
        guard let headerLength = body.headerLength else { return bytes(body.bytes, contentType: "application/json", head) }
        var response = bytes(body.bytes, contentType: "application/octet-stream", head)
        response.headers.append((headerLengthField, String(headerLength)))
        return response
    }
}
