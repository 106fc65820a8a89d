import JSON
import Testing
import YAML

/// A small kubeconfig model, shaped like client-go's.
struct KubeConfig: Decodable, Equatable {
    struct NamedCluster: Decodable, Equatable {
        var name: String
        var cluster: Cluster
    }
    struct Cluster: Decodable, Equatable {
        var server: String
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }
    struct NamedContext: Decodable, Equatable {
        var name: String
        var context: Context
    }
    struct Context: Decodable, Equatable {
        var cluster: String
        var user: String
        var namespace: String?
    }
    struct NamedUser: Decodable, Equatable {
        var name: String
        var user: JSONValue
    }

    var apiVersion: String
    var kind: String
    var currentContext: String
    var clusters: [NamedCluster]
    var contexts: [NamedContext]
    var users: [NamedUser]
    var preferences: [String: String]

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, contexts, users, preferences
        case currentContext = "current-context"
    }
}

@Suite struct YAMLDecoderTests {
    @Test func decodesAKubeconfig() throws {
        let config = try YAMLDecoder().decode(KubeConfig.self, from: KubernetesFixtures.kubeconfig)
        #expect(config.currentContext == "dev")
        #expect(config.clusters.map(\.name) == ["dev", "prod"])
        #expect(config.clusters[0].cluster == .init(
            server: "https://127.0.0.1:6443", certificateAuthorityData: "LS0tLS1CRUdJTg==", insecureSkipTLSVerify: false))
        #expect(config.clusters[1].cluster.insecureSkipTLSVerify == nil)
        #expect(config.contexts[0].context.namespace == "models")
        #expect(config.users[1].user[path: ["exec", "command"]] == "aws")
        #expect(config.preferences.isEmpty)
    }

    @Test func typeMismatchNamesTheFieldPathAndLine() throws {
        let text = KubernetesFixtures.kubeconfig.replacingFirst(
            "server: https://prod.example.com", with: "server: 8443")
        let error = #expect(throws: YAMLDecodingError.self) { try YAMLDecoder().decode(KubeConfig.self, from: text) }
        #expect(error?.path.description == "clusters[1].cluster.server")
        #expect(error?.message == "expected a string, found an integer")
        #expect(error?.line == 13)
        #expect(error?.column == 13)
        #expect(error?.description == "line 13, column 13: clusters[1].cluster.server: expected a string, found an integer")
    }

    @Test func missingFieldNamesTheObjectThatLacksIt() throws {
        let text = KubernetesFixtures.kubeconfig.replacingFirst("    user: admin\n", with: "")
        let error = #expect(throws: YAMLDecodingError.self) { try YAMLDecoder().decode(KubeConfig.self, from: text) }
        #expect(error?.path.description == "contexts[0].context")
        #expect(error?.message == "missing required field \"user\"")
        #expect(error?.line == 17)
        #expect(error?.column == 5)
    }

    @Test func nullWhereAValueIsRequired() throws {
        let text = "apiVersion: v1\nkind: ~\n"
        let error = #expect(throws: YAMLDecodingError.self) { try YAMLDecoder().decode(KubeConfig.self, from: text) }
        #expect(error?.path == [.key("kind")])
        #expect(error?.message == "expected a string, found null")
        #expect(error?.line == 2)
        #expect(error?.column == 7)
    }

    @Test func syntaxErrorsStayYAMLErrors() {
        let error = #expect(throws: YAMLError.self) { try YAMLDecoder().decode(KubeConfig.self, from: "a: [1\n") }
        #expect(error?.line == 2)
    }

    @Test func emptyDocumentReportsTheRootWithoutPosition() {
        let error = #expect(throws: YAMLDecodingError.self) { try YAMLDecoder().decode(KubeConfig.self, from: "") }
        #expect(error?.path.isRoot == true)
        #expect(error?.mark == nil)
        #expect(error?.description == "(root): expected an object, found null")
    }

    @Test func dictionaryKeysThatLookLikeIndicesStayKeys() throws {
        struct Holder: Decodable { var byPort: [String: Int] }
        let error = #expect(throws: YAMLDecodingError.self) {
            try YAMLDecoder().decode(Holder.self, from: "byPort:\n  \"0\": 1\n  \"1\": x\n")
        }
        #expect(error?.path == [.key("byPort"), .key("1")])
        #expect(error?.line == 3)
    }

    @Test func decodesFromAParsedDocumentAndValuesInsideAliases() throws {
        struct Pair: Decodable { var a: [Int]; var b: [Int] }
        let document = try YAML.parseWithPositions("a: &x [1, 2]\nb: *x\n")
        let pair = try YAMLDecoder().decode(Pair.self, from: document)
        #expect(pair.b == [1, 2])
        struct Strings: Decodable { var a: [String]; var b: [String] }
        let error = #expect(throws: YAMLDecodingError.self) { try YAMLDecoder().decode(Strings.self, from: document) }
        #expect(error?.path.description == "a[0]")
        #expect(error?.line == 1)
        #expect(error?.column == 8)
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced (the test fixtures contain each once).
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement, maxReplacements: 1)
    }
}
