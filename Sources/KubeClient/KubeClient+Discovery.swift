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
