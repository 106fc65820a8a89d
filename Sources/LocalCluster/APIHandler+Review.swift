import Hummingbird
import JSON

extension APIHandler {
    /// `POST /apis/authentication.k8s.io/v1/selfsubjectreviews` (what `kubectl auth whoami` and
    /// `stockade check` call): 201 with the caller's `status.userInfo`, as kube-apiserver answers.
    /// Nothing is stored; every other verb is 405, and a body of another kind is 400.
    func review(_ r: ResourceRequest, user: UserInfo) async throws -> Response {
        guard r.info.verb == "create" else { throw APIError.methodNotSupported(r.type.groupResource, verb: r.info.verb) }
        let resources = ResourceHandler(cluster: cluster, logger: logger)
        let (bodyType, bytes) = try await resources.body(r)
        let object = try resources.decodeObject(bodyType, bytes, r)
        let kind = object["kind"]?.stringValue, apiVersion = object["apiVersion"]?.stringValue
        guard kind == r.type.kind, apiVersion == r.type.groupVersion else {
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(r.type.kind)): got kind \"\(kind ?? "")\" apiVersion \"\(apiVersion ?? "")\"")
        }
        let review: JSONValue = [
            "kind": .string(r.type.kind), "apiVersion": .string(r.type.groupVersion),
            "metadata": ["creationTimestamp": .string(ObjectMetadata.timestamp())],
            "status": ["userInfo": user.json],
        ]
        return try Self.encode(review, accept: r.accept, status: .created)
    }
}
