import Foundation
import Hummingbird
import JSON
import Logging
import NIOCore
import YAML

/// The HTTP face of the embedded API server: authentication, discovery, OpenAPI, health, and the
/// resource verbs, with Kubernetes' wire formats, content negotiation and status codes.
struct APIHandler: HTTPResponder {
    typealias Context = APIRequestContext

    let cluster: Cluster
    let authenticator: Authenticator
    let serverAddress: ServerAddress
    let logger: Logger
    /// kube-apiserver's default request body limit (3 MiB).
    static let maxBodyBytes = 3 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let query = QueryParameters(request.uri.query)
        let accept = AcceptHeader(request.headers[.accept])
        do {
            if let response = publicEndpoint(path: path, query: query) { return response }
            guard let user = await authenticator.authenticate(request, channel: context.channel) else { throw APIError.unauthorized }
            return try await route(request, path: path, query: query, accept: accept, user: user)
        } catch let error as APIError {
            return Self.status(error, accept: accept)
        } catch let error as PlainNotFound {
            _ = error
            return Self.text("404 page not found\n", status: .notFound)
        } catch {
            logger.error("request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            return Self.status(.internalError("\(error)"), accept: accept)
        }
    }

    /// kube-apiserver's text/plain 404 for paths outside any served API group.
    struct PlainNotFound: Error {}

    /// Health and version endpoints, readable without credentials (system:public-info-viewer).
    func publicEndpoint(path: String, query: QueryParameters) -> Response? {
        switch path {
        case "/version", "/version/": return Self.json(Discovery.version())
        case "/healthz", "/livez", "/readyz":
            if query["verbose"] != nil {
                let checks = ["ping", "log", "store", "poststarthook/crd-informer-synced", "poststarthook/garbage-collector"]
                let check = path == "/healthz" ? "healthz" : String(path.dropFirst())
                return Self.text(checks.map { "[+]\($0) ok" }.joined(separator: "\n") + "\n\(check) check passed\n")
            }
            return Self.text("ok")
        case "/healthz/ping", "/livez/ping", "/readyz/ping", "/healthz/store", "/livez/store", "/readyz/store", "/healthz/log", "/readyz/log", "/livez/log":
            return Self.text("ok")
        default: return nil
        }
    }

    func route(_ request: Request, path: String, query: QueryParameters, accept: AcceptHeader, user: UserInfo) async throws -> Response {
        let registry = await cluster.currentRegistry()
        switch path {
        case "/api", "/api/":
            return try discovery(accept: accept, legacy: Discovery.apiVersions(serverAddress: serverAddress.current), aggregated: Discovery.aggregated(legacy: true, registry))
        case "/apis", "/apis/":
            return try discovery(accept: accept, legacy: Discovery.apiGroupList(registry), aggregated: Discovery.aggregated(legacy: false, registry))
        case "/openapi/v3", "/openapi/v3/":
            return Self.json(OpenAPIDocuments.index(registry), contentType: "text/plain; charset=utf-8")
        default: break
        }
        if path.hasPrefix("/openapi/v3/") {
            guard let document = OpenAPIDocuments.document(path: String(path.dropFirst("/openapi/v3/".count)), registry) else { throw PlainNotFound() }
            return Self.json(document)
        }
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == "apis", parts.count == 2 {
            guard let group = Discovery.group(parts[1], registry) else { throw PlainNotFound() }
            return try Self.encode(group, accept: accept)
        }
        if (parts.first == "api" && parts.count == 2) || (parts.first == "apis" && parts.count == 3) {
            let group = parts.first == "api" ? "" : parts[1]
            let version = parts.last!
            if !group.isEmpty, !registry.isGroupServed(group) { throw PlainNotFound() }
            guard let list = Discovery.resourceList(group: group, version: version, registry) else { throw Self.notFoundResource }
            return try Self.encode(list, accept: accept)
        }
        guard let info = RequestInfo.parse(method: request.method.rawValue, path: path, query: query) else {
            if parts.first == "apis", parts.count > 1, !registry.isGroupServed(parts[1]) { throw PlainNotFound() }
            throw Self.notFoundResource
        }
        if !info.group.isEmpty, !registry.isGroupServed(info.group) { throw PlainNotFound() }
        guard let type = registry.type(group: info.group, version: info.version, resource: info.resource) else { throw Self.notFoundResource }
        let storageType = type.conversion == nil ? type : registry.type(for: type.storedAs)
        guard let storageType else { throw Self.notFoundResource }
        let context = ResourceRequest(info: info, type: type, storageType: storageType, query: query, accept: accept, request: request)
        if type.createOnly { return try await review(context, user: user) }
        return try await ResourceHandler(cluster: cluster, logger: logger).handle(context)
    }

    static let notFoundResource = APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [:])

    func discovery(accept: AcceptHeader, legacy: JSONValue, aggregated: JSONValue) throws -> Response {
        switch accept.discoveryFormat() {
        case .aggregatedDiscovery?: return Self.json(aggregated, contentType: Discovery.aggregatedContentType)
        case .yaml?: return Self.yaml(legacy)
        case .json?: return Self.json(legacy)
        default:
            throw APIError(code: 406, reason: "NotAcceptable",
                           message: "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
    }

    // MARK: - Responses

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
                     sortedKeys: Bool = false, headers: HTTPFields = [:]) -> Response {
        var bytes = value.serialized(sortedKeys: sortedKeys)
        bytes.append(UInt8(ascii: "\n"))
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func yaml(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/yaml"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: YAML.emit(value))))
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Encodes a document as JSON or YAML per `Accept` (406 otherwise).
    static func encode(_ value: JSONValue, accept: AcceptHeader, status: HTTPResponse.Status = .ok, sortedKeys: Bool = false,
                       headers: HTTPFields = [:]) throws(APIError) -> Response {
        switch accept.objectFormat(allowTable: false) {
        case .yaml?: return yaml(value, status: status, headers: headers)
        case .json?, .partialMetadata?, .table?: return json(value, status: status, sortedKeys: sortedKeys, headers: headers)
        default: throw APIError.notAcceptable("application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
    }

    static func status(_ error: APIError, accept: AcceptHeader) -> Response {
        var headers: HTTPFields = [:]
        if let retry = error.retryAfterSeconds { headers[.retryAfter] = String(retry) }
        let status = HTTPResponse.Status(code: error.code)
        if accept.objectFormat(allowTable: false) == .yaml { return yaml(error.status, status: status, headers: headers) }
        return json(error.status, status: status, headers: headers)
    }
}
