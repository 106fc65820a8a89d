import JSON
import KubePatch
import KubeSchema
import Testing

/// Reproduces the strategic-merge-patch and merge-patch exchanges 18–23 of fixture 04 (a real kube-apiserver
/// v1.36): each patch is applied to the Deployment as the server held it before that request, and the
/// result's `spec` must equal the recorded response's `spec`. Metadata (resourceVersion, generation,
/// managedFields) and status are the server's business, not the patch's, and are not compared.
@Suite("Fixture 04: patching a Deployment")
struct DeploymentFixtureTests {
    let fixture: Fixture
    let schema: StructuralSchema

    init() throws {
        fixture = try Fixture("04-deployment.json")
        schema = try TestSchemas.deployment()
    }

    /// The Deployment just before exchange 18: the GET of exchange 12, with the replica count later set
    /// through `/scale` (exchange 16 answers with the Scale whose spec the Deployment took over).
    func before18() -> JSONValue {
        var deployment = fixture.responseBody(12)
        deployment.set(path: ["spec", "replicas"], to: fixture.responseBody(16)[path: ["spec", "replicas"]])
        return deployment
    }

    /// What kube-apiserver's defaulting adds to a container that lacks the fields (exchanges 19 and 22 show it
    /// for the new `sidecar` and for the replaced `app` container). Defaulting is not part of patching; the
    /// tests apply it so that the patch result can be compared with what the server stored.
    static func defaulted(_ spec: JSONValue) -> JSONValue {
        guard var containers = spec[path: ["template", "spec", "containers"]]?.arrayValue else { return spec }
        for index in containers.indices {
            guard case .object(var container) = containers[index] else { continue }
            if container["resources"] == nil { container["resources"] = [:] }
            if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
            if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
            if container["imagePullPolicy"] == nil { container["imagePullPolicy"] = "IfNotPresent" }
            containers[index] = .object(container)
        }
        var result = spec
        result.set(path: ["template", "spec", "containers"], to: .array(containers))
        return result
    }

    func smp(_ index: Int, on before: JSONValue) throws -> JSONValue {
        #expect(fixture.contentType(index) == "application/strategic-merge-patch+json")
        return try StrategicMergePatch.apply(fixture.requestBody(index), to: before, schema: schema)
    }

    func names(_ list: JSONValue?) -> [String] { list?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }

    @Test("18: containers and env merged by name; patch items come first ([B, A, FROM_PUT])")
    func mergeByName() throws {
        let result = try smp(18, on: before18())
        #expect(result["spec"] == fixture.responseBody(18)["spec"])
        #expect(names(result[path: ["spec", "template", "spec", "containers"]]?[0]?["env"]) == ["B", "A", "FROM_PUT"])
    }

    @Test("19: a new container is placed before the existing one")
    func newContainerFirst() throws {
        let result = try smp(19, on: fixture.responseBody(18))
        #expect(names(result[path: ["spec", "template", "spec", "containers"]]) == ["sidecar", "app"])
        #expect(Self.defaulted(try #require(result["spec"])) == fixture.responseBody(19)["spec"])
    }

    @Test("20: $setElementOrder/containers reorders to [app, sidecar] and updates sidecar")
    func setElementOrder() throws {
        let result = try smp(20, on: fixture.responseBody(19))
        #expect(result["spec"] == fixture.responseBody(20)["spec"])
        #expect(!result.jsonString().contains("$setElementOrder"))
    }

    @Test("21: $patch: delete removes the sidecar container and the FROM_PUT env var")
    func deleteByMergeKey() throws {
        let result = try smp(21, on: fixture.responseBody(20))
        #expect(result["spec"] == fixture.responseBody(21)["spec"])
        #expect(!result.jsonString().contains("$patch"))
    }

    @Test("22: a JSON merge patch of the same shape replaces the whole containers list")
    func mergePatchReplacesList() throws {
        #expect(fixture.contentType(22) == "application/merge-patch+json")
        let result = MergePatch.apply(fixture.requestBody(22), to: fixture.responseBody(21))
        #expect(result[path: ["spec", "template", "spec", "containers"]] == [["name": "app", "image": "nginx:1.29"]])
        #expect(Self.defaulted(try #require(result["spec"])) == fixture.responseBody(22)["spec"])
    }

    @Test("23: an unknown container field survives the patch (the server prunes it afterwards, with a warning)")
    func unknownField() throws {
        let result = try smp(23, on: fixture.responseBody(22))
        #expect(result[path: ["spec", "template", "spec", "containers"]]?[0]?["unknownField"] == 1)
        var pruned = result
        pruned.set(path: ["spec", "template", "spec", "containers"], to: .array(
            (result[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []).map { container in
                var container = container
                container["unknownField"] = nil
                return container
            }))
        #expect(pruned["spec"] == fixture.responseBody(23)["spec"])
    }

    @Test("18→21 chained on our own results (with defaulting) ends where the server did")
    func chained() throws {
        var current = before18()
        for index in 18...21 {
            current = try smp(index, on: current)
            current["spec"] = Self.defaulted(try #require(current["spec"]))
            #expect(current["spec"] == fixture.responseBody(index)["spec"], "after exchange \(index)")
        }
    }
}
