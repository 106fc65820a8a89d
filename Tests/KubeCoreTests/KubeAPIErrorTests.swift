import JSON
import KubeCore
import Testing

@Suite struct KubeAPIErrorTests {
    let getWeb = APIRequest.get(.configMaps, namespace: "fixtures", name: "web")

    func error(_ status: Int, _ body: String, retryAfter: String? = nil) -> KubeAPIError {
        KubeAPIError.fromResponse(status: status, body: Array(body.utf8), retryAfterHeader: retryAfter, request: getWeb)
    }

    @Test func notFoundNamesVerbResourceKeyAndStatus() {
        let e = error(404, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"web\" not found","reason":"NotFound","details":{"name":"web","kind":"configmaps"},"code":404}"#)
        #expect(e.kind == .notFound)
        #expect(!e.isRetryable)
        #expect(e.description == #"GET configmaps fixtures/web: 404 NotFound: configmaps "web" not found"#)
    }

    @Test func invalidCarriesCauses() {
        let e = error(422, #"{"kind":"Status","status":"Failure","message":"ConfigMap \"too-big\" is invalid: []: Too long","reason":"Invalid","details":{"name":"too-big","kind":"ConfigMap","causes":[{"reason":"FieldValueTooLong","message":"Too long: may not be more than 1048576 bytes","field":"[]"}]},"code":422}"#)
        #expect(e.kind == .invalid(causes: [StatusCause(reason: "FieldValueTooLong", message: "Too long: may not be more than 1048576 bytes", field: "[]")]))
        #expect(e.description.hasSuffix("[[]: Too long: may not be more than 1048576 bytes]"))
    }

    @Test func tooManyRequestsUsesRetryAfterHeaderOrDetails() {
        let header = error(429, #"{"kind":"Status","reason":"TooManyRequests","message":"slow down","code":429}"#, retryAfter: "3")
        #expect(header.kind == .tooManyRequests(retryAfter: .seconds(3)))
        #expect(header.isRetryable)
        let details = error(429, #"{"kind":"Status","reason":"TooManyRequests","message":"x","details":{"retryAfterSeconds":2},"code":429}"#)
        #expect(details.retryAfter == .seconds(2))
    }

    @Test(arguments: [
        (409, "AlreadyExists", KubeAPIError.Kind.alreadyExists, false),
        (409, "Conflict", .conflict, false),
        (410, "Expired", .expired, false),
        (401, "Unauthorized", .unauthorized, false),
        (403, "Forbidden", .forbidden, false),
        (504, "Timeout", .timeout, true),
        (500, "InternalError", .serverError, true),
        (503, "ServiceUnavailable", .serverError, true),
        (501, "NotImplemented", .serverError, false),
        (400, "BadRequest", .badRequest, false),
        (415, "UnsupportedMediaType", .unsupportedMediaType, false),
        (405, "MethodNotAllowed", .other, false),
    ])
    func classifiesStatus(code: Int, reason: String, kind: KubeAPIError.Kind, retryable: Bool) {
        let e = error(code, #"{"kind":"Status","status":"Failure","message":"m","reason":"\#(reason)","code":\#(code)}"#)
        #expect(e.kind == kind)
        #expect(e.isRetryable == retryable)
        #expect(e.reason == reason)
    }

    @Test func nonStatusBodyIsClassifiedByHTTPStatus() {
        let e = error(502, "<html>bad gateway</html>")
        #expect(e.kind == .serverError)
        #expect(e.isRetryable)
        #expect(e.description == "GET configmaps fixtures/web: 502 InternalError: <html>bad gateway</html>")
    }

    @Test func watchErrorEventStatusTakesItsOwnCode() {
        let status: JSONValue = ["kind": "Status", "apiVersion": "v1", "status": "Failure",
                                 "message": "too old resource version: 5 (40)", "reason": "Expired", "code": 410]
        let e = KubeAPIError.fromStatus(status, request: .watch(.configMaps, namespace: "ns"))
        #expect(e.kind == .expired)
        #expect(e.httpStatus == 410)
    }

    @Test func transportErrorsKeepCurlCode() {
        let e = KubeAPIError.transport(curlCode: 60, retryable: false, message: "tls error: bad cert", request: getWeb)
        #expect(e.kind == .transport(curlCode: 60, retryable: false))
        #expect(!e.isRetryable)
        #expect(e.description == "GET configmaps fixtures/web: transport error: tls error: bad cert")
    }
}

@Suite struct ObjectTypesTests {
    @Test func objectMetaDecodesAndKeys() throws {
        let value = try JSONValue.parse(#"{"name":"web","namespace":"ns","uid":"u","resourceVersion":"7","generation":3,"labels":{"a":"b"},"ownerReferences":[{"apiVersion":"serving.stockade.dev/v1alpha1","kind":"ModelDeployment","name":"md","uid":"u0","controller":true,"blockOwnerDeletion":true}],"managedFields":[{"manager":"x"}]}"#)
        let meta = try JSONValueDecoder().decode(ObjectMeta.self, from: value)
        #expect(meta.key == "ns/web")
        #expect(meta.generation == 3)
        #expect(meta.ownerReferences?.first?.controller == true)
        #expect(meta.managedFields?.count == 1)
        #expect(ObjectMeta(name: "n").key == "n")
    }

    @Test func conditionSetKeepsTransitionTimeWhenStatusUnchanged() {
        var conditions: [Condition] = []
        conditions.set(Condition(type: "Ready", status: .false, lastTransitionTime: "t1", reason: "Starting", message: ""))
        conditions.set(Condition(type: "Ready", status: .false, lastTransitionTime: "t2", reason: "StillStarting", message: "m"))
        #expect(conditions.condition("Ready")?.lastTransitionTime == "t1")
        #expect(conditions.condition("Ready")?.reason == "StillStarting")
        conditions.set(Condition(type: "Ready", status: .true, lastTransitionTime: "t3", reason: "Ready", message: ""))
        #expect(conditions.condition("Ready")?.lastTransitionTime == "t3")
        #expect(conditions.count == 1)
    }

    @Test func groupVersionKindParsesAPIVersion() {
        #expect(GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment") == GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        #expect(GroupVersionKind(apiVersion: "v1", kind: "Pod").apiVersion == "v1")
        #expect(GroupVersionResource.deployments.description == "deployments.apps")
    }
}
