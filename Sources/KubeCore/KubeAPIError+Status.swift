public import JSON

extension KubeAPIError {
    /// The error for a failed response: `status` is the HTTP status, `body` the response body (a
    /// `metav1.Status` when the server sent one), `retryAfterHeader` the `Retry-After` header value in
    /// seconds. A body that is not a Status still gives an error classified by the HTTP status.
    public static func fromResponse(
        status: Int, body: [UInt8], retryAfterHeader: String?, request: APIRequest
    ) -> KubeAPIError {
        let value = try? JSONValue.parse(body)
        if let value, value["kind"]?.stringValue == "Status" {
            return fromStatus(value, httpStatus: status, retryAfterHeader: retryAfterHeader, request: request)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return make(
            status: status, reason: "", message: text.isEmpty ? "HTTP \(status)" : text, causes: [],
            retryAfter: retryAfterHeader.flatMap(Self.seconds), request: request)
    }

    /// The error for a `metav1.Status` object (a failed response body or a watch ERROR event's object);
    /// `httpStatus` of 0 takes the Status's own `code`.
    public static func fromStatus(
        _ status: JSONValue, httpStatus: Int = 0, retryAfterHeader: String? = nil, request: APIRequest
    ) -> KubeAPIError {
        let code = httpStatus != 0 ? httpStatus : Int(status["code"]?.intValue ?? 500)
        let details = status["details"]
        let causes: [StatusCause] = (details?["causes"]?.arrayValue ?? []).map {
            StatusCause(reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue, field: $0["field"]?.stringValue)
        }
        let retryAfter = retryAfterHeader.flatMap(Self.seconds)
            ?? details?["retryAfterSeconds"]?.intValue.map { Duration.seconds($0) }
        return make(
            status: code, reason: status["reason"]?.stringValue ?? "",
            message: status["message"]?.stringValue ?? "HTTP \(code)", causes: causes, retryAfter: retryAfter,
            request: request)
    }

    /// The error for a transport failure of `request`.
    public static func transport(curlCode: Int, retryable: Bool, message: String, request: APIRequest) -> KubeAPIError {
        KubeAPIError(
            kind: .transport(curlCode: curlCode, retryable: retryable), httpStatus: 0, reason: "Transport",
            message: message, method: request.method.rawValue, resource: request.resource, objectKey: request.objectKey)
    }

    /// The error for a successful response whose body could not be read as `what`.
    public static func invalidResponse(_ what: String, status: Int, request: APIRequest) -> KubeAPIError {
        KubeAPIError(
            kind: .invalidResponse, httpStatus: status, reason: "InvalidResponse", message: what,
            method: request.method.rawValue, resource: request.resource, objectKey: request.objectKey)
    }

    private static func seconds(_ header: String) -> Duration? {
        Int(header.trimmingPrefixSpaces()).map { Duration.seconds(max(0, $0)) }
    }

    private static func make(
        status: Int, reason: String, message: String, causes: [StatusCause], retryAfter: Duration?,
        request: APIRequest
    ) -> KubeAPIError {
        let kind: Kind
        switch (status, reason) {
        case (_, "AlreadyExists"): kind = .alreadyExists
        case (_, "Expired"), (_, "Gone"), (410, _): kind = .expired
        case (_, "Timeout"), (_, "ServerTimeout"), (504, _): kind = .timeout
        case (404, _), (_, "NotFound"): kind = .notFound
        case (409, _), (_, "Conflict"): kind = .conflict
        case (422, _), (_, "Invalid"): kind = .invalid(causes: causes)
        case (429, _), (_, "TooManyRequests"): kind = .tooManyRequests(retryAfter: retryAfter)
        case (401, _), (_, "Unauthorized"): kind = .unauthorized
        case (403, _), (_, "Forbidden"): kind = .forbidden
        case (400, _), (_, "BadRequest"): kind = .badRequest
        case (415, _), (_, "UnsupportedMediaType"): kind = .unsupportedMediaType
        case (500...599, _): kind = .serverError
        default: kind = .other
        }
        var error = KubeAPIError(
            kind: kind, httpStatus: status, reason: reason.isEmpty ? Self.defaultReason(status) : reason,
            message: message, method: request.method.rawValue, resource: request.resource,
            objectKey: request.objectKey)
        if case .tooManyRequests = kind {} else { error.serverRetryAfter = retryAfter }
        return error
    }

    private static func defaultReason(_ status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 409: "Conflict"
        case 410: "Expired"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 500...599: "InternalError"
        default: "HTTP\(status)"
        }
    }
}

extension String {
    fileprivate func trimmingPrefixSpaces() -> Substring {
        let trimmed = drop { $0 == " " }
        return trimmed.prefix { $0 != " " }
    }
}
