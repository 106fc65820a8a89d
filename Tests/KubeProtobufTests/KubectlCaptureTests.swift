import JSON
import KubeProtobuf
import Testing

/// Real request bodies captured from kubectl v1.32 by scripts/capture-kubectl-protobuf.py. Each
/// must decode to exactly the JSON the same command prints with `--dry-run=client -o json` (the
/// same typed object, serialized by client-go as JSON), which proves the tables and the
/// omitempty handling match what kubectl really sends.
@Suite struct KubectlCaptureTests {
    static let captures = ["configmap", "secret", "namespace", "serviceaccount", "deployment",
                           "deployment-command", "service", "autoscale"]

    @Test(arguments: captures)
    func decodesToTheClientSideJSON(_ name: String) throws {
        let decoded = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-\(name).pb.hex"))
        let expected = try Fixtures.json("kubectl-\(name).json")
        // The decoded object carries creationTimestamp: null just like client-go's JSON.
        #expect(decoded[path: ["metadata", "creationTimestamp"]] == .null)
        #expect(decoded == expected, "decoded: \(decoded.jsonString(sortedKeys: true))")
    }

    @Test func manifestRecordsProtobufPostsFromKubectl132() throws {
        let manifest = try Fixtures.json("kubectl-captures.json")
        #expect(manifest["kubectl"]?.stringValue?.hasPrefix("v1.32") == true)
        let captures = try #require(manifest["captures"]?.arrayValue)
        #expect(captures.compactMap { $0["name"]?.stringValue } == Self.captures)
        for capture in captures {
            #expect(capture["method"] == "POST")
            #expect(capture["contentType"]?.stringValue == KubeProtobuf.mediaType)
            #expect(capture["accept"] == "application/vnd.kubernetes.protobuf,application/json")
        }
        // kubectl 1.32's `autoscale` creates autoscaling/v1 objects.
        let autoscale = try #require(captures.first { $0["name"] == "autoscale" })
        #expect(autoscale["path"]?.stringValue?.hasPrefix("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers") == true)
    }

    @Test func configMapFromLiteralsAndABinaryFile() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-configmap.pb.hex"))
        #expect(object.objectValue?.keys == ["apiVersion", "kind", "metadata", "data", "binaryData"])
        #expect(object["apiVersion"] == "v1")
        #expect(object["kind"] == "ConfigMap")
        // generateName, namespace, uid, ... are on the wire as "" and generation as 0: all dropped.
        #expect(object["metadata"] == ["name": "demo", "creationTimestamp": nil])
        #expect(object["data"] == ["a": "b", "empty": ""])
        #expect(object[path: ["binaryData", "blob"]] == "AP/+gEE=")  // 00 ff fe 80 41
    }

    @Test func secretDataIsBase64() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-secret.pb.hex"))
        #expect(object[path: ["metadata", "name"]] == "s")
        #expect(object[path: ["metadata", "namespace"]] == "default")
        #expect(object["data"] == ["k": "dg=="])
        // No --type: the wire has type "" (a non-pointer omitempty field), so it is dropped.
        #expect(object["type"] == nil)
    }

    @Test func namespaceAndServiceAccountHaveEmptyNestedMessages() throws {
        let namespace = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-namespace.pb.hex"))
        #expect(namespace[path: ["metadata", "name"]] == "team-a")
        #expect(namespace["spec"] == [:])
        #expect(namespace["status"] == [:])
        let account = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-serviceaccount.pb.hex"))
        #expect(account["kind"] == "ServiceAccount")
        #expect(account[path: ["metadata", "name"]] == "robot")
    }

    @Test func deploymentKeepsExplicitValuesAndDropsGoZeroValues() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-deployment.pb.hex"))
        #expect(object["apiVersion"] == "apps/v1")
        #expect(object[path: ["spec", "replicas"]] == 2)
        #expect(object[path: ["spec", "selector"]] == ["matchLabels": ["app": "web"]])
        #expect(object[path: ["spec", "strategy"]] == [:])
        #expect(object["status"] == [:])
        let podSpec = try #require(object[path: ["spec", "template", "spec"]])
        // restartPolicy "", dnsPolicy "", hostNetwork false, ... are on the wire; none survive.
        #expect(podSpec.objectValue?.keys == ["containers"])
        let container = try #require(podSpec["containers"]?[0])
        #expect(container == [
            "name": "nginx", "image": "nginx:1.27",
            "ports": [["containerPort": 8080]],
            "resources": [:],
        ])
    }

    @Test func deploymentWithACommand() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-deployment-command.pb.hex"))
        let container = try #require(object[path: ["spec", "template", "spec", "containers"]]?[0])
        #expect(container["image"] == "busybox")
        #expect(container["command"] == ["sleep", "3600"])
        #expect(object[path: ["spec", "replicas"]] == 1)
    }

    @Test func serviceTargetPortsAreIntOrString() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-service.pb.hex"))
        let ports = try #require(object[path: ["spec", "ports"]]?.arrayValue)
        #expect(ports.count == 2)
        #expect(ports[0] == ["name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080])
        #expect(ports[1]["targetPort"] == "https")
        #expect(object[path: ["spec", "type"]] == "ClusterIP")
        #expect(object[path: ["status", "loadBalancer"]] == [:])
    }

    @Test func autoscaleIsAnAutoscalingV1HPA() throws {
        let object = try KubeProtobuf.decode(try Fixtures.hexBytes("kubectl-autoscale.pb.hex"))
        #expect(object["apiVersion"] == "autoscaling/v1")
        #expect(object["kind"] == "HorizontalPodAutoscaler")
        #expect(object["spec"] == [
            "scaleTargetRef": ["kind": "Deployment", "name": "web", "apiVersion": "apps/v1"],
            "minReplicas": 1, "maxReplicas": 3, "targetCPUUtilizationPercentage": 80,
        ])
        #expect(object["status"] == ["currentReplicas": 0, "desiredReplicas": 0])
    }
}
