import Curl
import Foundation
import InferenceCore
import InferenceServer
import JSON
import Logging
import Testing

/// Model repositories (`DIR/NAME/VERSION/model.onnx`) on real ONNX Runtime over real HTTP.
@Suite("Model repository", .timeLimit(.minutes(2)))
struct ModelRepositoryTests {
    static let row = InferenceRequest(inputs: [InferTensor(name: "input", shape: [1, 4], data: .fp32([0.5, -1, 2, 0.25]))])

    @Test func servesTheHighestVersionAndAddressesLoadedVersions() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("classifier", version: 1)
        try repo.add("classifier", version: 2)
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("classifier/.incoming"), withIntermediateDirectories: true)
        try await TestServer.with(try await repo.load()) { s in
            let metadata = try #require(try await s.get("/v2/models/classifier").json)
            #expect(metadata["name"]?.stringValue == "classifier")
            #expect(metadata["versions"]?.arrayValue?.compactMap(\.stringValue) == ["2"])
            #expect(try await s.get("/v2/models/classifier/versions/2").status == 200)
            #expect(try await s.get("/v2/models/classifier/versions/2/ready").status == 200)
            #expect(try await s.get("/v2/models/classifier/ready").status == 200)
            for path in ["/v2/models/classifier/versions/1", "/v2/models/classifier/versions/1/ready", "/v2/models/classifier/versions/x"] {
                let missing = try await s.get(path)
                #expect(missing.status == 404, "\(path)")
                #expect(missing.errorMessage == "model 'classifier' has no loaded version '\(path.split(separator: "/")[4])'; available: '2'")
            }
            let unversioned = try await s.infer("classifier", Self.row)
            #expect(unversioned.status == 200, "\(unversioned.errorMessage)")
            #expect(try InferenceResponse.decode(body: unversioned.body).modelVersion == "2")
            let versioned = try await s.post("/v2/models/classifier/versions/2/infer", body: Self.row.encoded().bytes)
            #expect(try InferenceResponse.decode(body: versioned.body).modelVersion == "2")
            let old = try await s.post("/v2/models/classifier/versions/1/infer", body: Self.row.encoded().bytes)
            #expect(old.status == 404)
            #expect(old.errorMessage.contains("available: '2'"))
            #expect(try await s.get("/v2/models/mlp").status == 404)
            #expect(try await s.metricValue("stockade_model_loaded{model=\"classifier\",version=\"2\"}") == 1)
            #expect(try await s.metricValue("stockade_model_load_duration_seconds{model=\"classifier\",version=\"2\"}") ?? 0 > 0)
        }
    }

    @Test func aBrokenHighestVersionAtStartFallsBackToTheNextOne() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("mlp", version: 1)
        try repo.addGarbage("mlp", version: 2)
        try await TestServer.with(try await repo.load()) { (s: TestServer) async throws in
            #expect(try InferenceResponse.decode(body: try await s.infer("mlp", Self.row).body).modelVersion == "1")
            #expect(try await s.metricValue("stockade_model_load_failures_total{model=\"mlp\",version=\"2\"}") == 1)
            #expect(try await s.get("/v2/models/mlp/versions/2").status == 404)
        }
    }

    @Test func startErrorsNameTheProblem() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        func startError(_ modelName: String? = nil) async -> String {
            do {
                let server = try await repo.load(modelName: modelName)
                server.runner.shutdown()
                return ""
            } catch {
                return (error as? ServerStartError)?.message ?? "\(error)"
            }
        }
        #expect(await startError().contains("holds no model: expected \(repo.root.path)/NAME/VERSION/model.onnx"))
        try repo.addGarbage("broken", version: 1)
        let broken = await startError()
        #expect(broken.contains("no version of model 'broken' could be loaded"), "\(broken)")
        #expect(broken.contains("broken/1/model.onnx"), "\(broken)")
        try repo.add("mlp", version: 3)
        let ambiguous = await startError()
        #expect(ambiguous.contains("several models (broken, mlp); choose one with --model-name"), "\(ambiguous)")
        let unknown = await startError("cnn")
        #expect(unknown.contains("has no model 'cnn' (models found: broken, mlp"), "\(unknown)")
        let chosen = try await repo.load(modelName: "mlp")
        #expect(chosen.models.versions == ["3"])
        chosen.runner.shutdown()
    }

    @Test func removedServingVersionFallsBackAfterDraining() async throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.add("mlp", version: 1)
        try repo.add("mlp", version: 2)
        try await TestServer.with(try await repo.load()) { s in
            #expect(s.server.models.versions == ["2"])
            try repo.delete("mlp", version: 2)
            await s.server.pollRepository()
            #expect(s.server.models.versions == ["1"])
            #expect(try InferenceResponse.decode(body: try await s.infer("mlp", Self.row).body).modelVersion == "1")
            #expect(try await s.metricValue("stockade_model_loaded{model=\"mlp\",version=\"2\"}") == 0)
            // The only version left is removed too: it keeps serving.
            try repo.delete("mlp", version: 1)
            await s.server.pollRepository()
            await s.server.pollRepository()
            #expect(s.server.models.versions == ["1"])
            #expect(try await s.infer("mlp", Self.row).status == 200)
        }
    }
}
