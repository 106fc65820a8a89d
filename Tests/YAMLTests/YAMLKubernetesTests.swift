import JSON
import Testing
import YAML

@Suite struct YAMLKubernetesTests {
    @Test func deploymentFieldByField() throws {
        let d = try YAML.parse(KubernetesFixtures.deployment)
        #expect(d["apiVersion"] == "apps/v1")
        #expect(d["kind"] == "Deployment")
        #expect(d[path: ["metadata", "name"]] == "resnet")
        #expect(d[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] == "stockade")
        #expect(d[path: ["metadata", "annotations", "stockade.dev/revision"]] == .string("0123"))
        #expect(d[path: ["metadata", "annotations", "description"]] == "Image classifier served by stockade")
        #expect(d[path: ["spec", "replicas"]] == .int(3))
        #expect(d[path: ["spec", "revisionHistoryLimit"]] == .int(0))
        #expect(d[path: ["spec", "selector", "matchLabels"]] == ["app.kubernetes.io/name": "resnet"])
        #expect(d[path: ["spec", "strategy", "rollingUpdate"]] == ["maxSurge": "25%", "maxUnavailable": 0])
        #expect(d[path: ["spec", "template", "metadata", "labels"]] == ["app.kubernetes.io/name": "resnet"])
        let podSpec = try #require(d[path: ["spec", "template", "spec"]])
        #expect(podSpec["terminationGracePeriodSeconds"] == 30)
        #expect(podSpec["nodeSelector"] == .null)
        let containers = try #require(podSpec["containers"]?.arrayValue)
        #expect(containers.count == 1)
        let c = containers[0]
        #expect(c["name"] == "serve")
        #expect(c["image"] == "ghcr.io/stockade/serve:1.0")
        #expect(c["args"] == ["--model", "/models/resnet.onnx", "--port=8000"])
        #expect(c["ports"] == [["containerPort": 8000, "name": "http", "protocol": "TCP"]])
        #expect(c["env"]?[0] == ["name": "ENABLE_BATCHING", "value": .string("true")])
        #expect(c["env"]?[1]?["value"] == .string("8"))
        #expect(c["env"]?[2]?["value"] == "#!/bin/sh\nexec serve \"$@\"\n")
        #expect(c[path: ["resources", "limits"]] == ["cpu": .string("2"), "memory": "4Gi"])
        #expect(c[path: ["resources", "requests", "cpu"]] == "500m")
        #expect(c[path: ["readinessProbe", "httpGet"]] == ["path": "/v2/health/ready", "port": "http"])
        #expect(c[path: ["readinessProbe", "failureThreshold"]] == .int(3))
        #expect(c[path: ["securityContext", "runAsNonRoot"]] == .bool(true))
        #expect(c[path: ["securityContext", "readOnlyRootFilesystem"]] == .bool(true))
    }

    @Test func kubeconfigFieldByField() throws {
        let k = try YAML.parse(KubernetesFixtures.kubeconfig)
        #expect(k["current-context"] == "dev")
        #expect(k["preferences"] == .object([:]))
        let clusters = try #require(k["clusters"]?.arrayValue)
        #expect(clusters.count == 2)
        #expect(clusters[0][path: ["cluster", "server"]] == "https://127.0.0.1:6443")
        #expect(clusters[0][path: ["cluster", "certificate-authority-data"]] == "LS0tLS1CRUdJTg==")
        #expect(clusters[0][path: ["cluster", "insecure-skip-tls-verify"]] == false)
        #expect(clusters[1]["name"] == "prod")
        #expect(k["contexts"]?[0]?["context"] == ["cluster": "dev", "user": "admin", "namespace": "models"])
        #expect(k["users"]?[0]?[path: ["user", "token"]] == "abc.def")
        let exec = try #require(k["users"]?[1]?[path: ["user", "exec"]])
        #expect(exec["args"] == ["eks", "get-token"])
        #expect(exec["env"] == .null)
    }

    @Test func deploymentSurvivesEmitAndReparse() throws {
        let d = try YAML.parse(KubernetesFixtures.deployment)
        let text = YAML.emit(d)
        #expect(try YAML.parse(text) == d)
        #expect(text.contains("containers:\n      - name: serve\n"))
        #expect(text.contains("stockade.dev/revision: \"0123\"\n"))
        #expect(text.contains("        - name: SCRIPT\n          value: |\n            #!/bin/sh\n"))
    }

    @Test func multiDocumentManifestRoundTrips() throws {
        let k = try YAML.parse(KubernetesFixtures.kubeconfig)
        let d = try YAML.parse(KubernetesFixtures.deployment)
        let text = YAML.emit(documents: [d, k, "plain", [:]])
        #expect(try YAML.parseDocuments(text) == [d, k, "plain", [:]])
        #expect(text.split(separator: "\n---\n").count == 4)
    }
}
