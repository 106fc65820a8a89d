import Foundation
import KubeTesting
import JSON
import Testing

/// The real kubectl's everyday commands against `stockade apiserver`.
@Suite struct KubectlCommandTests {
    static func serverWithWorkload() throws -> TestAPIServer {
        let server = try TestAPIServer()
        let crd = try server.kubectl("apply", "-f", Fixture.path("crd.yaml"))
        let web = try server.kubectl("apply", "-f", Fixture.path("web.yaml"))
        let widget = try server.kubectl("apply", "-f", Fixture.path("widget.yaml"))
        guard crd.succeeded, web.succeeded, widget.succeeded else {
            throw TestFailure("setup failed: \(crd.stderr) \(web.stderr) \(widget.stderr)")
        }
        return server
    }

    @Test func getInEveryOutputFormat() throws {
        let server = try Self.serverWithWorkload()
        let yaml = try server.kubectl("get", "deploy", "web", "-o", "yaml")
        #expect(yaml.stdout.contains("kind: Deployment") && yaml.stdout.contains("progressDeadlineSeconds: 600"))
        let json = try JSONValue.parse(try server.kubectl("get", "svc", "web", "-o", "json").stdout)
        #expect(json[path: ["spec", "ports"]]?[0]?["protocol"] == "TCP")
        #expect(json[path: ["spec", "ports"]]?[0]?["targetPort"] == 80)
        #expect(json[path: ["spec", "clusterIP"]]?.stringValue?.hasPrefix("10.96.") == true)
        let table = try server.kubectl("get", "wd")
        #expect(table.stdout.contains("NAME") && table.stdout.contains("MODEL") && table.stdout.contains("llama-3"))
        #expect(!table.stdout.contains("RUNTIME"))
        let wide = try server.kubectl("get", "wd", "-o", "wide")
        #expect(wide.stdout.contains("RUNTIME") && wide.stdout.contains("vllm"))
        let path = try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
        #expect(path.stdout == "nginx:1.27")
        let namespace = try server.kubectl("create", "namespace", "other")
        #expect(namespace.succeeded, "\(namespace.stderr)")
        let labelled = try server.kubectl("get", "deploy,svc", "-l", "app=web", "-o", "name")
        #expect(labelled.stdout.split(separator: "\n").sorted() == ["deployment.apps/web", "service/web"])
        let none = try server.kubectl("get", "deploy", "-l", "app!=web", "-o", "name")
        #expect(none.stdout.isEmpty)
        let all = try server.kubectl("get", "ns", "-A", "-o", "name")
        #expect(all.stdout.contains("namespace/default") && all.stdout.contains("namespace/kube-system"))
        let allDeployments = try server.kubectl("get", "deploy", "-A")
        #expect(allDeployments.stdout.contains("default") && allDeployments.stdout.contains("web"))
    }

    @Test func watchStreamsChangesUntilTheTimeout() throws {
        let server = try Self.serverWithWorkload()
        #expect(try server.kubectl("apply", "-f", "-", stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: before\n").succeeded)
        let watcher = try server.startKubectl("get", "cm", "-w", "--request-timeout=5s", "-o", "name")
        // The initial list is printed first; once it is there the watch is open.
        #expect(watcher.waitForOutput(containing: "configmap/before", seconds: 10))
        #expect(try server.kubectl("apply", "-f", "-", stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n").succeeded)
        #expect(watcher.waitForOutput(containing: "configmap/after", seconds: 10))
        #expect(watcher.waitForExit(seconds: 15), "the watch must end at --request-timeout")
        let lines = watcher.output.split(separator: "\n")
        #expect(lines.firstIndex(of: "configmap/before")! < lines.firstIndex(of: "configmap/after")!)
    }

    @Test func patchInAllThreeFlavoursAndOnStatus() throws {
        let server = try Self.serverWithWorkload()
        #expect(try server.kubectl("patch", "deploy", "web", "--type", "merge", "-p", #"{"spec":{"replicas":5}}"#).succeeded)
        #expect(try server.kubectl("patch", "deploy", "web", "--type", "json", "-p", #"[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]"#).succeeded)
        let strategic = try server.kubectl("patch", "deploy", "web", "--type", "strategic", "-p",
                                           #"{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"2"}]}]}}}}"#)
        #expect(strategic.succeeded, "\(strategic.stderr)")
        let deployment = try JSONValue.parse(try server.kubectl("get", "deploy", "web", "-o", "json").stdout)
        #expect(deployment[path: ["spec", "replicas"]] == 5)
        let container = deployment[path: ["spec", "template", "spec", "containers"]]?[0]
        #expect(container?["image"] == "nginx:1.28")
        #expect(container?["env"] == [["name": "B", "value": "2"], ["name": "A", "value": "1"]])
        let failedTest = try server.kubectl("patch", "deploy", "web", "--type", "json", "-p", #"[{"op":"test","path":"/spec/replicas","value":9}]"#)
        #expect(!failedTest.succeeded)

        let status = try server.kubectl("patch", "wd", "llama", "--subresource=status", "--type", "merge", "-p",
                                        #"{"status":{"replicas":1,"conditions":[{"type":"Ready","status":"True","reason":"Up"}]},"spec":{"weight":99}}"#)
        #expect(status.succeeded, "\(status.stderr)")
        let widget = try JSONValue.parse(try server.kubectl("get", "wd", "llama", "-o", "json").stdout)
        #expect(widget[path: ["status", "replicas"]] == 1)
        #expect(widget[path: ["spec", "weight"]] == 10, "a /status patch must not change the spec")
        #expect(widget[path: ["metadata", "generation"]] == 1)
    }

    @Test func editWithAnEditorCommand() throws {
        let server = try Self.serverWithWorkload()
        let edit = try server.kubectl("edit", "wd", "llama", environment: ["KUBE_EDITOR": "sed -i s/weight:\\ 10/weight:\\ 42/"])
        #expect(edit.succeeded, "\(edit.stderr)")
        #expect(try server.kubectl("get", "wd", "llama", "-o", "jsonpath={.spec.weight}").stdout == "42")
        let editDeployment = try server.kubectl("edit", "deploy", "web", environment: ["KUBE_EDITOR": "sed -i s/nginx:1.27/nginx:1.29/"])
        #expect(editDeployment.succeeded, "\(editDeployment.stderr)")
        #expect(try server.kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout == "nginx:1.29")
    }

    @Test func labelAnnotateScaleSetImageAutoscale() throws {
        let server = try Self.serverWithWorkload()
        #expect(try server.kubectl("label", "deploy", "web", "tier=front").succeeded)
        #expect(try server.kubectl("annotate", "deploy", "web", "owner=ml-team").succeeded)
        let scale = try server.kubectl("scale", "deploy", "web", "--replicas=4")
        #expect(scale.succeeded, "\(scale.stderr)")
        #expect(try server.kubectl("scale", "wd", "llama", "--replicas=3").succeeded)
        #expect(try server.kubectl("get", "wd", "llama", "-o", "jsonpath={.spec.replicas}").stdout == "3")
        #expect(try server.kubectl("set", "image", "deploy/web", "app=nginx:1.30").succeeded)
        let deployment = try JSONValue.parse(try server.kubectl("get", "deploy", "web", "-o", "json").stdout)
        #expect(deployment[path: ["metadata", "labels", "tier"]] == "front")
        #expect(deployment[path: ["metadata", "annotations", "owner"]] == "ml-team")
        #expect(deployment[path: ["spec", "replicas"]] == 4)
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == "nginx:1.30")
        let autoscale = try server.kubectl("autoscale", "deploy", "web", "--min=2", "--max=5", "--cpu-percent=70")
        #expect(autoscale.succeeded, "\(autoscale.stderr)")
        let hpa = try JSONValue.parse(try server.kubectl("get", "hpa", "web", "-o", "json").stdout)
        #expect(hpa[path: ["spec", "maxReplicas"]] == 5)
        #expect(hpa[path: ["spec", "scaleTargetRef", "name"]] == "web")
    }

    @Test func waitForAConditionSetThroughStatus() throws {
        let server = try Self.serverWithWorkload()
        let notYet = try server.kubectl("wait", "--for=condition=Ready", "wd/llama", "--timeout=1s")
        #expect(!notYet.succeeded)
        #expect(try server.kubectl("patch", "wd", "llama", "--subresource=status", "--type", "merge", "-p",
                                   #"{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Up"}]}}"#).succeeded)
        let met = try server.kubectl("wait", "--for=condition=Ready", "wd/llama", "--timeout=10s")
        #expect(met.succeeded, "\(met.stderr)")
        #expect(met.stdout.contains("condition met"))
    }

    @Test func createSecretAndExplainTheCustomResource() throws {
        let server = try Self.serverWithWorkload()
        let secret = try server.kubectl("create", "secret", "generic", "creds", "--from-literal=token=s3cr3t")
        #expect(secret.succeeded, "\(secret.stderr)")
        #expect(try server.kubectl("get", "secret", "creds", "-o", "jsonpath={.data.token}").stdout == "czNjcjN0")
        let explain = try server.kubectl("explain", "widgets.spec")
        #expect(explain.succeeded, "\(explain.stderr)")
        #expect(explain.stdout.contains("KIND:       Widget") && explain.stdout.contains("model") && explain.stdout.contains("-required-"))
        #expect(explain.stdout.contains("The model to serve."))
    }
}
