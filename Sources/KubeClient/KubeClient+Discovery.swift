public import KubeCore
import JSON

extension KubeClient {
    /// Whether the server serves `resource` in its group/version: the group/version's discovery document
    /// (`/api/v1` or `/apis/GROUP/VERSION`) lists the resource. A group/version the server does not know
    /// (404) is `false`; other failures throw.
    public func isServed(_ resource: GroupVersionResource) async throws(KubeAPIError) -> Bool {
        let list: JSONValue
        do {
            list = try await send(.raw(resource.basePath))
        } catch {
            if error.kind == .notFound { return false }
            throw error
        }
        return (list["resources"]?.arrayValue ?? []).contains { $0["name"]?.stringValue == resource.resource }
    }

    /// The server's `/version` document (`gitVersion`, `major`, `minor`, ...).
    public func serverVersion() async throws(KubeAPIError) -> [String: String] {
        let value = try await send(.raw("/version"))
        var out: [String: String] = [:]
        for (key, member) in value.objectValue ?? [:] {
            if let text = member.stringValue { out[key] = text }
        }
        return out
    }
}

/// The user the API server authenticated a client as (`SelfSubjectReview.status.userInfo`).
public struct AuthenticatedUser: Sendable, Hashable {
    public var username: String
    public var groups: [String]
}

extension KubeClient {
    /// Who the server says this client is, from a `SelfSubjectReview` (what `kubectl auth whoami` sends);
    /// nil when the server does not serve the API (Kubernetes before 1.28, or it is disabled).
    public func whoAmI() async throws(KubeAPIError) -> AuthenticatedUser? {
        let review: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
        let answer: JSONValue
        do {
            answer = try await create(.selfSubjectReviews, object: review)
        } catch {
            if error.kind == .notFound { return nil }
            throw error
        }
        let info = answer[path: ["status", "userInfo"]]
        return AuthenticatedUser(
            username: info?["username"]?.stringValue ?? "",
            groups: (info?["groups"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
