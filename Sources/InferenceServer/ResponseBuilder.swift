import Hummingbird
import InferenceCore
import JSON

/// Builds the server's HTTP responses: JSON bodies, protocol errors and binary inference bodies.
enum ResponseBuilder {
    static let headerLengthField = HTTPFields.Element.Name("Inference-Header-Content-Length")!
    static let requestIdField = HTTPFields.Element.Name("X-Request-Id")!

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(value.serialized(), status: status, contentType: "application/json")
    }

    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"error": message}` with the error's status and, for 503 with a known delay, `Retry-After`
    /// in whole seconds (at least 1).
    static func error(_ error: InferenceError) -> Response {
        var response = bytes(error.body, status: HTTPResponse.Status(code: error.httpStatus), contentType: "application/json")
        if case .unavailable(let retryAfter?) = error.code {
            let seconds = max(1, Int(retryAfter.components.seconds) + (retryAfter.components.attoseconds > 0 ? 1 : 0))
            response.headers[.retryAfter] = String(seconds)
        }
        return response
    }

    /// An inference response body: JSON, or with a binary section the octet-stream form carrying
    /// `Inference-Header-Content-Length`.
    static func inference(_ body: EncodedBody) -> Response {
        guard let headerLength = body.headerLength else { return bytes(body.bytes, contentType: "application/json") }
        var response = bytes(body.bytes, contentType: "application/octet-stream")
        response.headers[headerLengthField] = String(headerLength)
        return response
    }
}
