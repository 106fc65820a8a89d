internal import Foundation
import JSON
public import KubeCore

/// Codable variants of the verbs: objects are encoded to JSON and responses decoded into `T`. A response
/// that does not decode throws `.invalidResponse` naming the field.
extension KubeClient {
    /// The named object decoded as `T`.
    public func get<T: Decodable>(
        _ type: T.Type, _ resource: GroupVersionResource, namespace: String? = nil, name: String,
        subresource: String? = nil
    ) async throws(KubeAPIError) -> T {
        let request = APIRequest.get(resource, namespace: self.namespace(resource, namespace), name: name, subresource: subresource)
        return try decode(T.self, try await send(request), request)
    }

    /// Every item of the collection decoded as `T`, following pages, with the list's resourceVersion.
    public func listAll<T: Decodable>(
        _ type: T.Type, _ resource: GroupVersionResource, namespace: String? = nil, allNamespaces: Bool = false,
        options: ListOptions = ListOptions(), pageSize: Int = 500
    ) async throws(KubeAPIError) -> (items: [T], resourceVersion: String) {
        let (items, version) = try await listAll(
            resource, namespace: namespace, allNamespaces: allNamespaces, options: options, pageSize: pageSize)
        let request = APIRequest.list(resource, namespace: namespace)
        var decoded: [T] = []
        for item in items { decoded.append(try decode(T.self, item, request)) }
        return (decoded, version)
    }

    /// Creates `object` and returns it as stored, decoded as `T`.
    public func create<T: Codable>(
        _ object: T, _ resource: GroupVersionResource, namespace: String? = nil, options: WriteOptions = WriteOptions()
    ) async throws(KubeAPIError) -> T {
        let ns = self.namespace(resource, namespace)
        let value = try encode(object, .create(resource, namespace: ns, object: .null))
        let request = APIRequest.create(resource, namespace: ns, object: value, options: options)
        return try decode(T.self, try await send(request), request)
    }

    /// Replaces the object (named by its `metadata.name`) and returns it as stored, decoded as `T`.
    public func update<T: Codable>(
        _ object: T, _ resource: GroupVersionResource, namespace: String? = nil, subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws(KubeAPIError) -> T {
        let ns = self.namespace(resource, namespace)
        let value = try encode(object, .list(resource, namespace: ns))
        let name = value[path: ["metadata", "name"]]?.stringValue ?? ""
        let request = APIRequest.update(resource, namespace: ns, name: name, object: value, subresource: subresource, options: options)
        return try decode(T.self, try await send(request), request)
    }

    /// Server-side applies `object` as `fieldManager` and returns the result decoded as `T`.
    public func apply<T: Codable>(
        _ object: T, _ resource: GroupVersionResource, namespace: String? = nil, fieldManager: String,
        force: Bool = false
    ) async throws(KubeAPIError) -> T {
        let ns = self.namespace(resource, namespace)
        let value = try encode(object, .list(resource, namespace: ns))
        let name = value[path: ["metadata", "name"]]?.stringValue ?? ""
        let request = APIRequest.patch(
            resource, namespace: ns, name: name, type: .apply(fieldManager: fieldManager, force: force), patch: value)
        return try decode(T.self, try await send(request), request)
    }

    func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ request: APIRequest) throws(KubeAPIError) -> T {
        do {
            return try JSONValueDecoder().decode(T.self, from: value)
        } catch {
            throw KubeAPIError.invalidResponse("cannot decode \(T.self): \(error)", status: 200, request: request)
        }
    }

    func encode<T: Encodable>(_ object: T, _ request: APIRequest) throws(KubeAPIError) -> JSONValue {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            return try JSONValue.parse(Array(try encoder.encode(object)))
        } catch {
            throw KubeAPIError(
                kind: .badRequest, httpStatus: 0, reason: "EncodingFailed", message: "cannot encode \(T.self): \(error)",
                method: request.method.rawValue, resource: request.resource, objectKey: request.objectKey)
        }
    }
}
