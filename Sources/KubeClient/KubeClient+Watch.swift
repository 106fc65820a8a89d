import Curl
import JSON
public import KubeCore

extension KubeClient {
    /// A watch of the collection (all namespaces with `allNamespaces`), as described on `WatchEvents`.
    /// Without `options.resourceVersion` the server first sends ADDED events for every current object.
    public func watch(
        _ resource: GroupVersionResource, namespace: String? = nil, allNamespaces: Bool = false,
        options: WatchOptions = WatchOptions(), resume: Bool = true, maxReconnectFailures: Int = 5
    ) -> WatchEvents {
        WatchEvents(
            client: self, resource: resource, namespace: allNamespaces ? nil : self.namespace(resource, namespace),
            options: options, resume: resume, maxReconnectFailures: maxReconnectFailures)
    }

    /// The error for a watch body that failed midway.
    static func streamError(_ error: any Error, request: APIRequest) -> KubeAPIError {
        if let error = error as? TransportError {
            return .transport(
                curlCode: error.curlCode, retryable: error.isRetryable,
                message: "watch stream broke: \(error.kind) error: \(error.message)", request: request)
        }
        return .transport(curlCode: 0, retryable: true, message: "watch stream broke: \(error)", request: request)
    }

    /// Opens a streaming request; a non-2xx head throws the Status error read from the body.
    func openStream(_ request: APIRequest) async throws(KubeAPIError)
        -> (status: Int, body: AsyncThrowingStream<[UInt8], any Error>)
    {
        var http = try await httpRequest(for: request)
        var attempt = 0
        while true {
            attempt += 1
            let head: HTTPResponseHead
            let body: AsyncThrowingStream<[UInt8], any Error>
            do {
                (head, body) = try await transport.stream(http)
            } catch {
                throw KubeAPIError.transport(
                    curlCode: error.curlCode, retryable: error.isRetryable,
                    message: "\(error.kind) error: \(error.message)", request: request)
            }
            if (200..<300).contains(head.status) { return (head.status, body) }
            var bytes: [UInt8] = []
            do {
                for try await chunk in body { bytes += chunk }
            } catch {}
            if head.status == 401, credentials.canRefresh, attempt == 1 {
                await credentials.invalidate()
                http = try await httpRequest(for: request)
                continue
            }
            throw KubeAPIError.fromResponse(
                status: head.status, body: bytes, retryAfterHeader: head.headers["Retry-After"], request: request)
        }
    }
}
