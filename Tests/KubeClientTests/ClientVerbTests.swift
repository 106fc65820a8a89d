import Foundation
import KubeTesting
import JSON
import KubeClient
import KubeCore
import Testing

extension TestAPIServer {
    /// A client for this server with its CA and `authentication` (default: the admin token).
    func client(_ authentication: Authentication? = nil, configure: (inout ClientConfiguration) -> Void = { _ in }) -> KubeClient {
        var configuration = ClientConfiguration(
            server: url, tls: .init(trustRoots: .text(caPEM)), authentication: authentication ?? .token(token))
        configure(&configuration)
        return KubeClient(configuration: configuration)
    }
}

struct ConfigMap: Codable, Equatable {
    var apiVersion: String? = "v1"
    var kind: String? = "ConfigMap"
    var metadata: ObjectMeta
    var data: [String: String]?
}

@Suite(.serialized) struct ClientVerbTests {
    @Test func everyVerbAgainstTheEmbeddedServer() async throws {
        let server = try TestAPIServer()
        let client = try KubeClient(configuration: KubeConfigLoader.load(path: server.kubeconfig))

        // create (unstructured) and get
        let created = try await client.create(
            .configMaps, object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a", "labels": ["app": "web"]], "data": ["k": "v"]])
        #expect(created[path: ["metadata", "namespace"]] == "default")
        let fetched = try await client.get(.configMaps, name: "a")
        #expect(fetched["data"] == ["k": "v"])

        // create twice: alreadyExists with key and status in the message
        let duplicate = await #expect(throws: KubeAPIError.self) {
            _ = try await client.create(.configMaps, object: ["metadata": ["name": "a"]])
        }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.description.contains("POST configmaps default/a: 409 AlreadyExists") == true)

        // typed create/get/update
        var typed = try await client.create(ConfigMap(metadata: ObjectMeta(name: "b", labels: ["app": "db"]), data: ["x": "1"]), .configMaps)
        #expect(typed.metadata.uid != nil)
        typed.data?["x"] = "2"
        let updated = try await client.update(typed, .configMaps)
        #expect(updated.data == ["x": "2"])
        #expect(updated.metadata.resourceVersion != typed.metadata.resourceVersion)
        let stale = await #expect(throws: KubeAPIError.self) { _ = try await client.update(typed, .configMaps) }
        #expect(stale?.kind == .conflict)
        let again = try await client.get(ConfigMap.self, .configMaps, name: "b")
        #expect(again.data == ["x": "2"])

        // dry run does not persist
        _ = try await client.create(.configMaps, object: ["metadata": ["name": "dry"]], options: WriteOptions(dryRun: true))
        await #expect(throws: KubeAPIError.self) { _ = try await client.get(.configMaps, name: "dry") }

        // list with a label selector; paging
        let web = try await client.list(.configMaps, options: ListOptions(labelSelector: LabelSelector().equals("app", "web")))
        #expect(web["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["a"])
        for i in 0..<5 {
            _ = try await client.create(.configMaps, object: ["metadata": ["name": .string("page-\(i)"), "labels": ["paged": "yes"]]])
        }
        let page = try await client.list(.configMaps, options: ListOptions(labelSelector: LabelSelector().exists("paged"), limit: 2))
        #expect(page["items"]?.arrayValue?.count == 2)
        #expect(page[path: ["metadata", "continue"]]?.stringValue?.isEmpty == false)
        let all = try await client.listAll(ConfigMap.self, .configMaps, options: ListOptions(labelSelector: LabelSelector().exists("paged")), pageSize: 2)
        #expect(all.items.map { $0.metadata.name ?? "" } == (0..<5).map { "page-\($0)" })
        #expect(!all.resourceVersion.isEmpty)

        // patches: merge, JSON, strategic, apply (field manager + force)
        _ = try await client.patch(.configMaps, name: "a", type: .merge, patch: ["data": ["m": "1"]])
        _ = try await client.patch(.configMaps, name: "a", type: .json, patch: [["op": "add", "path": "/data/j", "value": "2"]])
        _ = try await client.patch(.configMaps, name: "a", type: .strategicMerge, patch: ["data": ["s": "3"]])
        let applied = try await client.apply(
            .configMaps, object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"], "data": ["k": "applied"]],
            fieldManager: "stockade-test", force: true)
        #expect(applied["data"]?["m"] == "1")
        #expect(applied["data"]?["j"] == "2")
        #expect(applied["data"]?["s"] == "3")
        #expect(applied["data"]?["k"] == "applied")
        let managers = applied[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
        #expect(managers.contains("stockade-test"))

        // delete, then get is notFound naming the object
        try await client.delete(.configMaps, name: "a", options: DeleteOptions(propagationPolicy: .background))
        let gone = await #expect(throws: KubeAPIError.self) { _ = try await client.get(.configMaps, name: "a") }
        #expect(gone?.kind == .notFound)
        #expect(gone?.description.hasPrefix("GET configmaps default/a: 404 NotFound") == true)
    }

    @Test func statusAndScaleSubresources() async throws {
        let server = try TestAPIServer()
        let client = server.client()
        let deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "default"],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                     "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]]],
        ]
        var stored = try await client.create(.deployments, object: deployment)
        stored["status"] = ["observedGeneration": 1, "replicas": 1]
        let withStatus = try await client.updateStatus(.deployments, object: stored)
        #expect(withStatus[path: ["status", "observedGeneration"]] == 1)
        let status = try await client.getStatus(.deployments, name: "web")
        #expect(status[path: ["status", "replicas"]] == 1)

        let scale = try await client.getScale(.deployments, name: "web")
        #expect(scale["kind"] == "Scale")
        #expect(scale[path: ["spec", "replicas"]] == 1)
        let scaled = try await client.scale(.deployments, name: "web", replicas: 3)
        #expect(scaled[path: ["spec", "replicas"]] == 3)
        let after = try await client.get(.deployments, name: "web")
        #expect(after[path: ["spec", "replicas"]] == 3)
    }

    @Test func wrongCAGivesAClearTLSError() async throws {
        let server = try TestAPIServer()
        let fixture = try OpenSSLFixture()
        let client = server.client { $0.tls = .init(trustRoots: .file(fixture.caPath)) }
        let error = await #expect(throws: KubeAPIError.self) { _ = try await client.get(.configMaps, name: "x") }
        guard case .transport(let code, let retryable)? = error?.kind else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(code == 60)
        #expect(!retryable)
        #expect(error?.description.contains("tls error") == true)
    }

    @Test func requestsCarryTheStockadeUserAgent() async throws {
        let server = try TestAPIServer()
        let client = server.client()
        _ = try await client.create(.configMaps, object: ["metadata": ["name": "ua"]])
        let patched = try await client.patch(.configMaps, name: "ua", type: .merge, patch: ["data": ["a": "b"]])
        let managers = patched[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
        #expect(managers == ["stockade-operator"])
    }
}
